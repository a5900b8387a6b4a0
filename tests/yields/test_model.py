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


# ---------------------------------------------------------------- site economics

ECON = YieldParams(
    recovery=Range.point(1.0),
    magnet_types=(MagnetType("ndfeb_motor", "motor", Range(2000.0, 1000.0, 3000.0)),),
    items=(
        # 0.5 kg of magnet (INR 1,000 expected), bought for 600 (400-900), metals fetch 300
        ItemCategory("motor", "motor", "ndfeb_motor", Range.point(0.5), Range.point(1.0), 8.0,
                     purchase_inr=Range(600.0, 400.0, 900.0),
                     byproduct_inr=Range(300.0, 200.0, 400.0)),
        # bought by weight: 50 INR per kg of its 20 kg
        ItemCategory("drive", "drive", "ndfeb_motor", Range.point(0.1), Range.point(1.0), 20.0,
                     purchase_inr=Range(50.0, 40.0, 60.0), purchase_per="kg",
                     byproduct_inr=Range.point(100.0)),
    ),
    purchase_factor_by_site_type=(("ewaste_dismantler", 1.2),),
)


def site(site_type: str, *inventory: tuple[str, int]) -> Site:
    return Site("S", "s", site_type, 28.6, 77.3, WeeklyHours.parse("Mon", "09:00", "17:00"),
                inventory, 100.0)


def test_contribution_is_magnets_plus_by_products_minus_purchase_by_hand():
    y = site_yield(site("scrap_yard", ("motor", 10)), ECON)
    assert y.value_inr == Range(10_000.0, 5_000.0, 15_000.0)  # 10 x 0.5 kg x 2,000
    assert y.byproduct_inr == Range(3_000.0, 2_000.0, 4_000.0)
    assert y.purchase_inr == Range(6_000.0, 4_000.0, 9_000.0)
    c = y.contribution_inr
    assert (c.expected, c.low, c.high) == (7_000.0, 5_000 + 2_000 - 9_000, 15_000 + 4_000 - 4_000)
    assert y.prize_inr == 7_000.0


def test_the_site_type_factor_scales_the_purchase_only():
    plain = site_yield(site("scrap_yard", ("motor", 10)), ECON)
    formal = site_yield(site("ewaste_dismantler", ("motor", 10)), ECON)
    assert formal.purchase_inr.expected == pytest.approx(7_200.0)  # 6,000 x 1.2
    assert formal.purchase_inr.high == pytest.approx(10_800.0)
    assert (formal.value_inr, formal.byproduct_inr) == (plain.value_inr, plain.byproduct_inr)
    assert formal.contribution_inr.expected == pytest.approx(10_000 + 3_000 - 7_200)


def test_a_price_per_kg_is_paid_on_the_gross_weight():
    y = site_yield(site("scrap_yard", ("drive", 3)), ECON)
    assert y.purchase_inr == Range(3_000.0, 2_400.0, 3_600.0)  # 3 x 20 kg x 50 (40-60)
    assert y.byproduct_inr == Range.point(300.0)
    assert y.contribution_inr.expected == pytest.approx(600 + 300 - 3_000)  # 3 x 0.1 x 2,000


def test_a_site_that_costs_more_than_it_is_worth_has_no_prize():
    y = site_yield(site("scrap_yard", ("drive", 3)), ECON)
    assert y.contribution_inr.expected < 0 and y.prize_inr == 0.0


def test_a_yields_file_without_economics_values_the_magnets_alone():
    y = site_yield(site("ewaste_dismantler", ("ac_compressor", 60)), PARAMS)
    assert (y.byproduct_inr.high, y.purchase_inr.high) == (0.0, 0.0)
    assert y.contribution_inr.expected == y.prize_inr == y.value_inr.expected
