from __future__ import annotations

import pytest

from magroute.errors import InputError
from magroute.inputs import read_hubs


def problems_of(mini):
    with pytest.raises(InputError) as info:
        read_hubs(mini.path("hubs.csv"))
    return info.value.problems


def test_clean_hubs(mini):
    [hub] = read_hubs(mini.path("hubs.csv"))
    assert (hub.hub_id, hub.pincode, hub.unload_minutes) == ("SKD", "203205", 45)
    assert hub.receiving.days == frozenset(range(6))
    assert (hub.receiving.open_min, hub.receiving.close_min) == (8 * 60, 20 * 60)


def test_missing_column(mini):
    mini.drop_column("hubs.csv", "unload_minutes")
    [p] = problems_of(mini)
    assert (p.file, p.column) == ("hubs.csv", "unload_minutes")
    assert "hub_id" in p.expected


def test_bad_cells(mini):
    mini.set_cell("hubs.csv", 1, "unload_minutes", "-10")
    mini.set_cell("hubs.csv", 1, "receiving_close", "07:00")
    mini.set_cell("hubs.csv", 1, "lon", "177.69")
    problems = problems_of(mini)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("hubs.csv", 1, "lon"),
        ("hubs.csv", 1, "receiving_close"),
        ("hubs.csv", 1, "unload_minutes"),
    ]
    assert "68.0" in problems[0].expected
    assert "later than receiving_open 08:00" in problems[1].expected


def test_duplicate_hub(mini):
    line = mini.path("hubs.csv").read_text().splitlines()[1]
    mini.write("hubs.csv", mini.path("hubs.csv").read_text() + line + "\n")
    [p] = problems_of(mini)
    assert (p.row, p.column, p.value) == (2, "hub_id", "SKD")
    assert "also on row 1" in p.message
