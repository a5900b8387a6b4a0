from __future__ import annotations

import pytest

from magroute.domain.yields import Range
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
