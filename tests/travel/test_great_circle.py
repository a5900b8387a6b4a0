import numpy as np
import pytest

from magroute.domain.scenario import TravelSettings
from magroute.geo import haversine_km
from magroute.travel import GreatCircleSource

DELHI, MUMBAI, SIKANDRABAD = (28.65195, 77.23149), (19.07283, 72.88261), (28.4512, 77.6955)


def test_intercity_distance_uses_circuity():
    src = GreatCircleSource()
    m = src.matrices([DELHI, MUMBAI])
    gc = haversine_km(*DELHI, *MUMBAI)
    assert 1140 < gc < 1160  # Delhi-Mumbai, about 1,150 km in a straight line
    # first 50 km at 1.4, the rest at 1.25
    assert m.distance_m[0, 1] == round((50 * 1.4 + (gc - 50) * 1.25) * 1000)
    assert m.distance_m.dtype == np.int64 and m.duration_s.dtype == np.int64
    assert m.distance_m[0, 0] == 0 and m.duration_s[1, 1] == 0
    assert (m.distance_m == m.distance_m.T).all()


def test_speed_bands_fill_in_order():
    src = GreatCircleSource(TravelSettings(speed_bands=((10, 20), (float("inf"), 50))))
    hours = src.drive_hours(np.array([5.0, 10.0, 110.0]))
    assert hours == pytest.approx([0.25, 0.5, 0.5 + 2.0])


def test_longer_legs_never_quicker_and_triangle_holds():
    src = GreatCircleSource()
    rng = np.random.default_rng(3)
    pts = list(zip(rng.uniform(8, 34, 40), rng.uniform(70, 92, 40), strict=True))
    m = src.matrices(pts)
    d, t = m.distance_m, m.duration_s
    order = np.argsort(d, axis=None)
    assert (np.diff(t.flatten()[order]) >= -1).all()
    # triangle inequality up to rounding
    assert (d[:, None, :] <= d[:, :, None] + d[None, :, :] + 2).all()
    assert (t[:, None, :] <= t[:, :, None] + t[None, :, :] + 2).all()


def test_leg_equals_matrix_entry():
    src = GreatCircleSource()
    m = src.matrices([SIKANDRABAD, MUMBAI])
    assert src.leg(SIKANDRABAD, MUMBAI) == (m.distance_m[0, 1], m.duration_s[0, 1])


def test_settings_validated():
    with pytest.raises(ValueError):
        TravelSettings(circuity_short=0.9)
    with pytest.raises(ValueError):
        TravelSettings(speed_bands=((10, 20), (50, 30)))
