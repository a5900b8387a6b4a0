"""Legs around truck-ban zones: the ring geometry and the class matrices."""

import dataclasses

import numpy as np
import pytest

from magroute.domain.bans import TruckBan
from magroute.geo import haversine_km
from magroute.travel import GreatCircleSource
from magroute.travel.detours import detoured, ring_extra_km, way_round, zones_crossed

DELHI = TruckBan("DEL", "Delhi", 28.6315, 77.2167, 20, frozenset({"mcv", "hcv"}),
                 frozenset(range(7)), 7 * 60, 23 * 60)
MANESAR, GHAZIABAD, MEERUT = (28.36, 76.94), (28.67, 77.45), (28.98, 77.71)
SIKANDRABAD, CONNAUGHT_PLACE, BAHADURGARH = (28.4512, 77.6955), (28.6315, 77.2167), (28.69, 76.93)


def extra(zone, a, b):
    return float(ring_extra_km(zone, np.asarray([a]), np.asarray([b]))[0, 0])


def test_a_leg_across_the_zone_goes_around_it_and_one_beside_it_does_not():
    across = extra(DELHI, MANESAR, GHAZIABAD)
    assert 3 < across < 30  # around the 20 km circle: a little longer than the 58 km chord
    assert extra(DELHI, GHAZIABAD, MANESAR) == pytest.approx(across)
    assert extra(DELHI, SIKANDRABAD, MANESAR) == 0  # passes south of the zone
    assert extra(DELHI, SIKANDRABAD, CONNAUGHT_PLACE) == 0  # ends inside: the stop rule's case
    assert zones_crossed([DELHI], "hcv", SIKANDRABAD, BAHADURGARH) == [DELHI]
    assert zones_crossed([DELHI], "lcv", SIKANDRABAD, BAHADURGARH) == []


def test_a_wider_ring_is_a_longer_way_round_like_the_peripheral_expressways():
    ring40 = dataclasses.replace(DELHI, detour_ring_km=40)
    # Manesar to Meerut, both beyond the ring: round it, not 105 km straight through Delhi.
    assert 25 < extra(ring40, MANESAR, MEERUT) < 60
    assert extra(ring40, MANESAR, MEERUT) > extra(DELHI, MANESAR, MEERUT) + 10
    # Ghaziabad lies 23 km out, inside the ring: the way round keeps to its own circle.
    assert extra(ring40, MANESAR, GHAZIABAD) == pytest.approx(
        extra(dataclasses.replace(DELHI, detour_ring_km=23.2), MANESAR, GHAZIABAD), abs=0.5)
    assert extra(ring40, MANESAR, GHAZIABAD) < extra(ring40, MANESAR, MEERUT)
    with pytest.raises(ValueError, match="outside the zone"):
        dataclasses.replace(DELHI, detour_ring_km=10)


def test_the_class_matrices_add_the_detour_at_the_legs_circuity_and_speed():
    points = [SIKANDRABAD, BAHADURGARH, MANESAR]
    m = GreatCircleSource().matrices(points)
    dist, dur = detoured((DELHI,), "hcv", points, m.distance_m, m.duration_s)
    added = dist - m.distance_m
    assert added[0, 1] > 0 and added[1, 0] == added[0, 1]
    assert added[0, 2] == 0 and added[1, 2] == 0  # Bahadurgarh-Manesar runs west of Delhi
    speed = m.distance_m[0, 1] / m.duration_s[0, 1]
    assert (dur - m.duration_s)[0, 1] == pytest.approx(added[0, 1] / speed, abs=2)
    assert detoured((DELHI,), "lcv", points, m.distance_m, m.duration_s) is None
    fixed = dataclasses.replace(DELHI, detour_km=70.0, detour_min=90.0)
    dist, dur = detoured((fixed,), "hcv", points, m.distance_m, m.duration_s)
    assert (dist - m.distance_m)[0, 1] == 70_000 and (dur - m.duration_s)[0, 1] == 5400


def test_the_way_round_runs_on_the_ring_from_one_side_of_the_city_to_the_other():
    ring40 = dataclasses.replace(DELHI, detour_ring_km=40)
    for far, radius in ((MEERUT, 40), (GHAZIABAD, 23)):
        points = way_round([ring40], "hcv", MANESAR, far)
        assert len(points) >= 5
        on_ring = [float(haversine_km(DELHI.lat, DELHI.lon, *p)) for p in points]
        assert all(radius - 1 < km < radius + 1 for km in on_ring)
        # It ends nearer the far end than Manesar, and never enters the zone.
        assert haversine_km(*points[-1], *far) < haversine_km(*points[-1], *MANESAR)
        # Its length is the detour's: the tangents plus the arc.
        path = [MANESAR, *points, far]
        length = sum(float(haversine_km(*p, *q)) for p, q in zip(path, path[1:], strict=False))
        direct = float(haversine_km(*MANESAR, *far))
        assert length - direct == pytest.approx(extra(ring40, MANESAR, far), rel=0.05)
    assert way_round([ring40], "lcv", MANESAR, MEERUT) == []


def test_a_leg_that_only_grazes_a_zone_passes_it_by():
    """Under 10 m of way round would round away: the leg counts as missing the zone, in the
    matrices and in the checker alike (a market zone of 1.2 km in the India demo had one)."""
    market = dataclasses.replace(DELHI, zone_id="GDN", radius_km=1.2, lat=28.656, lon=77.265)
    a, b = (28.67396, 77.22815), (28.64775, 77.36685)  # 30 m inside the circle at most
    assert 0 < extra(market, a, b) < 0.01
    assert zones_crossed([market], "hcv", a, b) == []
    m = GreatCircleSource().matrices([a, b])
    assert detoured((market,), "hcv", [a, b], m.distance_m, m.duration_s) is None
