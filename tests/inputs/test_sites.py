"""read_sites: one test per kind of bad input; each checks file, row, column and what is valid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from magroute.domain import limits
from magroute.errors import InputError
from magroute.inputs import read_sites

ITEMS = ("desktop_hdd", "ceiling_fan")


def problems_of(mini, item_ids=ITEMS):
    with pytest.raises(InputError) as info:
        read_sites(mini.path("sites.csv"), item_ids)
    return info.value.problems


def only(problems):
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_clean_file_builds_sites_with_sorted_nonzero_inventory(mini):
    sites = read_sites(mini.path("sites.csv"), ITEMS)
    assert [s.site_id for s in sites] == ["S001", "S002", "S003"]
    s1, s2, s3 = sites
    assert s1.inventory == (("ceiling_fan", 10), ("desktop_hdd", 100))
    assert s2.inventory == (("ceiling_fan", 50),)  # blank count = 0, dropped
    assert s3.inventory == (("desktop_hdd", 20),)
    assert (s1.must_collect, s2.must_collect, s3.must_collect) == (True, False, False)
    assert s1.hours.days == frozenset(range(6)) and s1.hours.open_min == 9 * 60
    assert s2.hours.days == frozenset(range(7))
    assert (s1.lat, s1.lon, s1.gross_weight_kg) == (28.665, 77.27, 90.0)
    assert (s1.pincode, s1.city, s1.state, s1.contact) == (
        "110053", "Delhi", "Delhi", "98100 00001")


def test_missing_required_column(mini):
    mini.drop_column("sites.csv", "gross_weight_kg")
    p = only(problems_of(mini))
    assert (p.file, p.column, p.row) == ("sites.csv", "gross_weight_kg", None)
    assert "missing" in p.message
    assert "site_id" in p.expected  # lists the columns found
    assert "sites.csv, column 'gross_weight_kg'" in str(p)


def test_each_missing_column_is_one_problem(mini):
    mini.drop_column("sites.csv", "lat")
    mini.drop_column("sites.csv", "open_days")
    assert sorted(p.column for p in problems_of(mini)) == ["lat", "open_days"]


def test_coordinates_outside_india(mini):
    mini.set_cell("sites.csv", 2, "lat", "51.5")  # London
    p = only(problems_of(mini))
    assert (p.file, p.row, p.column, p.value) == ("sites.csv", 2, "lat", "51.5")
    assert "outside India" in p.message
    assert "6.0" in p.expected and "37.5" in p.expected
    assert str(p).startswith("sites.csv, row 2, column 'lat': ")


def test_swapped_coordinates_are_named_as_such(mini):
    mini.set_cell("sites.csv", 1, "lat", "77.27")
    mini.set_cell("sites.csv", 1, "lon", "28.665")
    problems = problems_of(mini)
    assert [p.column for p in problems] == ["lat", "lon"]
    assert all("swapped" in p.message and p.row == 1 for p in problems)
    assert "68.0" in problems[1].expected and "97.6" in problems[1].expected


def test_coordinate_that_is_not_a_number(mini):
    mini.set_cell("sites.csv", 3, "lon", "75.78.73")
    p = only(problems_of(mini))
    assert (p.row, p.column, p.value) == (3, "lon", "75.78.73")
    assert "not a number" in p.message


def test_negative_weight(mini):
    mini.set_cell("sites.csv", 1, "gross_weight_kg", "-5")
    p = only(problems_of(mini))
    assert (p.file, p.row, p.column, p.value) == ("sites.csv", 1, "gross_weight_kg", "-5")
    assert p.expected == limits.GROSS_KG.expected()


def test_window_that_closes_before_it_opens(mini):
    mini.set_cell("sites.csv", 3, "close_time", "08:00")
    p = only(problems_of(mini))
    assert (p.file, p.row, p.column, p.value) == ("sites.csv", 3, "close_time", "08:00")
    assert "closes (08:00) before" in p.message and "09:30" in p.message
    assert "later than open_time 09:30" in p.expected


def test_bad_time_and_bad_days(mini):
    mini.set_cell("sites.csv", 1, "open_time", "9am")
    mini.set_cell("sites.csv", 2, "open_days", "Mon-Fry")
    problems = problems_of(mini)
    assert [(p.row, p.column) for p in problems] == [(1, "open_time"), (2, "open_days")]
    assert "HH:MM" in problems[0].expected
    assert "Mon-Sat" in problems[1].expected


def test_duplicate_site_id_names_both_rows(mini):
    mini.set_cell("sites.csv", 3, "site_id", "S001")
    p = only(problems_of(mini))
    assert (p.file, p.row, p.column, p.value) == ("sites.csv", 3, "site_id", "S001")
    assert "also on row 1" in p.message


def test_unknown_site_type(mini):
    mini.set_cell("sites.csv", 2, "site_type", "recycler")
    p = only(problems_of(mini))
    assert (p.row, p.column, p.value) == (2, "site_type", "recycler")
    assert "scrap_yard" in p.expected and "ev_service" in p.expected


def test_unknown_qty_item_names_the_valid_items(mini):
    mini.replace("sites.csv", "qty_ceiling_fan", "qty_ceiling_fans")
    p = only(problems_of(mini))
    assert (p.file, p.column) == ("sites.csv", "qty_ceiling_fans")
    assert "ceiling_fans" in p.message
    assert "qty_ceiling_fan" in p.expected and "qty_desktop_hdd" in p.expected


def test_unknown_qty_item_passes_when_items_are_unknown(mini):
    mini.replace("sites.csv", "qty_ceiling_fan", "qty_ceiling_fans")
    sites = read_sites(mini.path("sites.csv"), None)
    assert sites[1].inventory == (("ceiling_fans", 50),)


@pytest.mark.parametrize("bad", ["-3", "2.5", "many"])
def test_bad_counts(mini, bad):
    mini.set_cell("sites.csv", 3, "qty_desktop_hdd", bad)
    p = only(problems_of(mini))
    assert (p.row, p.column, p.value) == (3, "qty_desktop_hdd", bad)
    assert p.expected.startswith("a whole number from 0 to 1,000,000 items")


def test_bad_must_collect(mini):
    mini.set_cell("sites.csv", 1, "must_collect", "perhaps")
    p = only(problems_of(mini))
    assert (p.row, p.column) == (1, "must_collect")
    assert "yes/no" in p.expected


def test_several_problems_are_reported_at_once(mini):
    mini.set_cell("sites.csv", 1, "lat", "51.5")
    mini.set_cell("sites.csv", 1, "gross_weight_kg", "-1")
    mini.set_cell("sites.csv", 2, "close_time", "09:00")
    mini.set_cell("sites.csv", 3, "site_id", "S002")
    mini.set_cell("sites.csv", 3, "qty_ceiling_fan", "x")
    with pytest.raises(InputError) as info:
        read_sites(mini.path("sites.csv"), ITEMS)
    problems = info.value.problems
    assert [(p.row, p.column) for p in problems] == [
        (1, "lat"), (1, "gross_weight_kg"), (2, "close_time"), (3, "site_id"),
        (3, "qty_ceiling_fan"),
    ]
    assert str(info.value).startswith("5 problems in the input:")


def test_collect_mode_returns_clean_rows(mini):
    mini.set_cell("sites.csv", 2, "lat", "")
    problems = []
    sites = read_sites(mini.path("sites.csv"), ITEMS, problems=problems)
    assert [s.site_id for s in sites] == ["S001", "S003"]
    assert [(p.row, p.column, p.message) for p in problems] == [(2, "lat", "value is missing")]


def test_extra_columns_are_ignored(mini):
    mini.replace("sites.csv", "contact\n", "contact,notes\n")
    assert len(read_sites(mini.path("sites.csv"), ITEMS)) == 3


def test_optional_columns_may_be_absent(mini):
    for column in ("pincode", "city", "state", "must_collect", "contact", "qty_ceiling_fan"):
        mini.drop_column("sites.csv", column)
    sites = read_sites(mini.path("sites.csv"), ITEMS)
    assert sites[0].inventory == (("desktop_hdd", 100),)
    assert sites[0].state == "" and not sites[0].must_collect


def test_missing_column_does_not_hide_bad_cells_elsewhere(mini):
    mini.drop_column("sites.csv", "open_time")
    mini.set_cell("sites.csv", 2, "lat", "-28.57")
    problems = problems_of(mini)
    assert [(p.row, p.column) for p in problems] == [(None, "open_time"), (2, "lat")]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(
           ["site_id", "site_type", "lat", "lon", "open_days", "open_time", "close_time",
            "qty_desktop_hdd", "gross_weight_kg", "must_collect"]),
       value=st.text(max_size=12))
def test_any_cell_value_gives_sites_or_an_input_error(mini, column, value):
    """Whatever is in a cell, the reader returns sites or raises InputError, never crashes."""
    mini.reset("sites.csv")
    mini.set_cell("sites.csv", 2, column, value)
    try:
        sites = read_sites(mini.path("sites.csv"), ITEMS)
    except InputError as exc:
        assert exc.problems and all(p.file == "sites.csv" for p in exc.problems)
    else:
        assert len(sites) == 3


def test_max_vehicle_class_is_read_blank_means_the_site_type_default(mini):
    mini.replace("sites.csv", "contact\n", "contact,max_vehicle_class\n")
    text = mini.path("sites.csv").read_text(encoding="utf-8").splitlines()
    text[1], text[2], text[3] = text[1] + ",scv", text[2] + ",", text[3] + ",MCV"
    mini.write("sites.csv", "\n".join(text) + "\n")
    p = only(problems_of(mini))
    assert (p.row, p.column, p.value) == (3, "max_vehicle_class", "MCV")
    assert p.expected == "one of: scv, lcv, mcv, hcv"
    mini.set_cell("sites.csv", 3, "max_vehicle_class", "mcv")
    assert [s.max_vehicle_class for s in read_sites(mini.path("sites.csv"), ITEMS)] == \
        ["scv", "", "mcv"]
