import pytest

from magroute.domain import ItemCategory, MagnetType, Range, Site, WeeklyHours, YieldParams
from magroute.yields import site_yield

PARAMS = YieldParams(
    recovery=Range(0.9, 0.8, 1.0),
    magnet_types=(
        MagnetType("ndfeb_hdd", "HDD", Range(2000.0, 1000.0, 3000.0)),
        MagnetType("ndfeb_motor", "motor", Range(2500.0, 2000.0, 4000.0)),
    ),
    items=(
        ItemCategory("desktop_hdd", "HDD", "ndfeb_hdd", Range(0.015, 0.01, 0.02),
                     Range.point(1.0), 0.6),
        ItemCategory("ac_compressor", "AC", "ndfeb_motor", Range(0.12, 0.1, 0.15),
                     Range(0.46, 0.4, 0.5), 10.0),
    ),
)


def test_expected_kg_and_value_by_hand():
    site = Site("S1", "s", "scrap_yard", 28.6, 77.3, WeeklyHours.parse("Mon", "09:00", "17:00"),
                (("ac_compressor", 60), ("desktop_hdd", 340)), 800.0)
    y = site_yield(site, PARAMS)
    hdd = 340 * 0.015 * 0.9  # 4.59 kg
    ac = 60 * 0.46 * 0.12 * 0.9  # 2.9808 kg
    assert y.magnet_kg.expected == pytest.approx(hdd + ac)
    assert y.value_inr.expected == pytest.approx(hdd * 2000 + ac * 2500)
    assert y.magnet_kg.low == pytest.approx(340 * 0.01 * 0.8 + 60 * 0.4 * 0.1 * 0.8)
    assert y.value_inr.high == pytest.approx(340 * 0.02 * 1.0 * 3000 + 60 * 0.5 * 0.15 * 4000)
    assert dict(y.magnet_kg_by_type) == pytest.approx({"ndfeb_hdd": hdd, "ndfeb_motor": ac})


def test_empty_inventory_is_worth_nothing():
    site = Site("S2", "s", "scrap_yard", 28.6, 77.3, WeeklyHours.parse("Mon", "09:00", "17:00"),
                (), 0.0)
    y = site_yield(site, PARAMS)
    assert y.value_inr.expected == 0 and y.magnet_kg.high == 0
