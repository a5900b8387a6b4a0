from __future__ import annotations

import pytest

from magroute.domain.yields import ZERO, Range
from magroute.errors import InputError
from magroute.inputs import read_yield_params


def problems_of(mini):
    with pytest.raises(InputError) as info:
        read_yield_params(mini.path("yields.toml"))
    return info.value.problems


def test_clean_yields(mini):
    params = read_yield_params(mini.path("yields.toml"))
    assert params.recovery == Range(0.90, 0.85, 0.95)
    assert params.item_ids == ("desktop_hdd", "ceiling_fan")
    fan = params.item("ceiling_fan")
    assert (fan.magnet_type, fan.gross_kg_per_item) == ("ndfeb_motor", 3.0)
    assert fan.share_with_magnets == Range(0.2, 0.1, 0.3)
    assert params.magnet("ndfeb_hdd").value_inr_per_kg == Range(1900, 1500, 3100)


def test_bare_number_is_a_point_range(mini):
    mini.replace("yields.toml",
                 "share_with_magnets = { expected = 1.0, low = 1.0, high = 1.0 }",
                 "share_with_magnets = 1.0")
    assert read_yield_params(mini.path("yields.toml")).items[0].share_with_magnets == Range.point(1)


def test_range_out_of_order(mini):
    mini.replace("yields.toml", "expected = 1900, low = 1500, high = 3100",
                 "expected = 1900, low = 2500, high = 3100")
    [p] = problems_of(mini)
    assert (p.file, p.column) == ("yields.toml", "[magnet_types.ndfeb_hdd] value_inr_per_kg")
    assert "low <= expected <= high" in p.message and "low=2500" in p.value


def test_unknown_magnet_type(mini):
    mini.replace("yields.toml", 'magnet_type = "ndfeb_motor"', 'magnet_type = "ferrite"')
    [p] = problems_of(mini)
    assert (p.column, p.value) == ("[items.ceiling_fan] magnet_type", "ferrite")
    assert "ndfeb_hdd, ndfeb_motor" in p.expected


def test_share_above_one(mini):
    mini.replace("yields.toml", "expected = 0.2, low = 0.1, high = 0.3",
                 "expected = 0.2, low = 0.1, high = 1.3")
    [p] = problems_of(mini)
    assert (p.column, p.value) == ("[items.ceiling_fan] share_with_magnets.high", 1.3)
    assert "<= 1" in p.expected


def test_negative_and_missing(mini):
    mini.replace("yields.toml", "gross_kg_per_item = 3.0", "gross_kg_per_item = -3.0")
    mini.replace("yields.toml", "low = 0.85\n", "")
    problems = problems_of(mini)
    assert [(p.column, p.message) for p in problems] == [
        ("[recovery] low", "required key is missing"),
        ("[items.ceiling_fan] gross_kg_per_item", "number out of range"),
    ]


def test_recovery_above_one(mini):
    mini.replace("yields.toml", "high = 0.95", "high = 1.05")
    [p] = problems_of(mini)
    assert (p.column, p.value) == ("[recovery] high", 1.05)


def test_unknown_top_level_table(mini):
    text = mini.path("yields.toml").read_text()
    mini.write("yields.toml", text + "\n[item.extra]\nlabel = 'x'\n")
    [p] = problems_of(mini)
    assert p.column == "item" and "did you mean 'items'" in p.message


# ---------------------------------------------------------------- site economics (optional keys)

ECONOMICS = '''
purchase_inr = { expected = 50, low = 30, high = 80 }
purchase_per = "item"
byproduct_inr = { expected = 79, low = 51, high = 107 }
economics_source = "test"
'''
FACTORS = '''
[purchase_factor_by_site_type]
scrap_yard = 0.9
ewaste_dismantler = 1.2
source = "test"
'''


def with_economics(mini, item=ECONOMICS, factors=FACTORS):
    """The mini yields with purchase and by-products on the fan (the last item) and factors."""
    text = mini.path("yields.toml").read_text()
    mini.write("yields.toml", text + item + factors)


def test_absent_economics_mean_nothing_paid_and_no_by_products(mini):
    params = read_yield_params(mini.path("yields.toml"))
    for item in params.items:
        assert (item.purchase_inr, item.byproduct_inr, item.purchase_per) == (ZERO, ZERO, "item")
    assert params.purchase_factor_by_site_type == ()
    assert params.purchase_factor("ewaste_dismantler") == 1.0


def test_purchase_by_products_and_factors_are_read(mini):
    with_economics(mini)
    params = read_yield_params(mini.path("yields.toml"))
    fan = params.item("ceiling_fan")
    assert fan.purchase_inr == Range(50, 30, 80) and fan.byproduct_inr == Range(79, 51, 107)
    assert fan.purchase_inr_per_item == Range(50, 30, 80)
    assert params.item("desktop_hdd").purchase_inr == ZERO  # only where given
    assert params.purchase_factor("scrap_yard") == 0.9
    assert params.purchase_factor("ewaste_dismantler") == 1.2
    assert params.purchase_factor("ev_service") == 1.0  # a type not named pays the item price


def test_a_price_per_kg_is_times_the_gross_weight(mini):
    with_economics(mini, ECONOMICS.replace('"item"', '"kg"'), "")
    fan = read_yield_params(mini.path("yields.toml")).item("ceiling_fan")
    assert fan.purchase_per == "kg"
    assert fan.purchase_inr_per_item == Range(150, 90, 240)  # x 3.0 kg gross


def test_bad_economics_are_reported_with_file_key_value_and_what_is_valid(mini):
    item = (ECONOMICS.replace("low = 30", "low = -30").replace('"item"', '"tonne"')
            .replace("high = 107", "high = 2000000"))
    factors = FACTORS.replace("scrap_yard = 0.9", "scrap_yard = 0").replace(
        "ewaste_dismantler", "kabadiwala")
    with_economics(mini, item, factors)
    got = {p.column: p for p in problems_of(mini)}
    assert set(got) == {"[items.ceiling_fan] purchase_inr.low",
                        "[items.ceiling_fan] purchase_per",
                        "[items.ceiling_fan] byproduct_inr.high",
                        "[purchase_factor_by_site_type] scrap_yard",
                        "[purchase_factor_by_site_type] kabadiwala"}
    assert all(p.file == "yields.toml" for p in got.values())
    low = got["[items.ceiling_fan] purchase_inr.low"]
    assert (low.value, low.message) == (-30, "number out of range")
    assert "0 <= l <= x <= h" in low.expected and "1,000,000 INR" in low.expected
    per = got["[items.ceiling_fan] purchase_per"]
    assert per.value == "tonne" and '"item"' in per.expected and '"kg"' in per.expected
    assert got["[items.ceiling_fan] byproduct_inr.high"].value == 2000000
    zero = got["[purchase_factor_by_site_type] scrap_yard"]
    assert zero.value == 0 and zero.expected.startswith("a number above 0 to 10")
    unknown = got["[purchase_factor_by_site_type] kabadiwala"]
    assert "unknown key" in unknown.message and "scrap_yard" in unknown.expected
