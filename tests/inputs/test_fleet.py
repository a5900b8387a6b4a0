from __future__ import annotations

import pytest

from magroute.domain import limits
from magroute.errors import InputError
from magroute.inputs import read_fleet

HUBS = ("SKD",)


def problems_of(mini, hub_ids=HUBS):
    with pytest.raises(InputError) as info:
        read_fleet(mini.path("fleet.toml"), hub_ids)
    return info.value.problems


def test_clean_fleet_numbers_vehicles_per_type(mini):
    mini.write("fleet.toml", mini.path("fleet.toml").read_text()
               + '\n[[fleet]]\ntype = "ace"\ncount = 1\nhome = "SKD"\n')
    vehicles = read_fleet(mini.path("fleet.toml"), HUBS)
    assert [v.vehicle_id for v in vehicles] == ["ace-01", "ace-02", "lcv14-01", "ace-03"]
    ace = vehicles[0].vtype
    assert (ace.type_id, ace.vehicle_class, ace.payload_kg, ace.cost_inr_per_km) == (
        "ace", "lcv", 750, 9.1)
    assert all(v.home_hub_id == "SKD" for v in vehicles)


def test_unknown_vehicle_type_names_the_valid_ones(mini):
    mini.replace("fleet.toml", 'type = "lcv14"', 'type = "lcv41"')
    [p] = problems_of(mini)
    assert (p.file, p.row, p.column, p.value) == ("fleet.toml", 2, "[[fleet]] type", "lcv41")
    assert "ace, lcv14" in p.expected


def test_bad_toml_reports_line_and_column(mini):
    mini.replace("fleet.toml", "payload_kg = 750", "payload_kg = = 750")
    [p] = problems_of(mini)
    assert p.file == "fleet.toml"
    assert "not valid TOML" in p.message and "line 4" in p.message and "column" in p.message


def test_binary_garbage(mini):
    mini.path("fleet.toml").write_bytes(b"\x00\xff\xfe\x89garbage\xc3\x28")
    [p] = problems_of(mini)
    assert p.file == "fleet.toml" and "cannot read" in p.message


def test_missing_file(mini):
    mini.path("fleet.toml").unlink()
    [p] = problems_of(mini)
    assert p.file == "fleet.toml" and "file not found" in p.message


def test_negative_field_names_the_table(mini):
    mini.replace("fleet.toml", "cost_inr_per_km = 20", "cost_inr_per_km = -20")
    [p] = problems_of(mini)
    assert (p.file, p.column, p.value, p.expected) == (
        "fleet.toml", "[types.lcv14] cost_inr_per_km", -20, limits.COST_INR_PER_KM.expected())
    assert "fleet.toml, column '[types.lcv14] cost_inr_per_km'" in str(p)


def test_missing_and_non_numeric_fields(mini):
    mini.replace("fleet.toml", "payload_kg = 750\n", "")
    mini.replace("fleet.toml", "co2_kg_per_km = 0.34", 'co2_kg_per_km = "0.34"')
    problems = problems_of(mini)
    assert [(p.column, p.message) for p in problems] == [
        ("[types.ace] payload_kg", "required key is missing"),
        ("[types.lcv14] co2_kg_per_km", "not a number"),
    ]
    assert problems[0].expected == limits.PAYLOAD_KG.expected()


def test_unknown_vehicle_class(mini):
    mini.replace("fleet.toml", 'vehicle_class = "mcv"', 'vehicle_class = "truck"')
    [p] = problems_of(mini)
    assert (p.column, p.value, p.expected) == (
        "[types.lcv14] vehicle_class", "truck", "one of: scv, lcv, mcv, hcv")


@pytest.mark.parametrize("count", ["-1", "1.5", '"2"'])
def test_bad_count(mini, count):
    mini.replace("fleet.toml", "count = 2", f"count = {count}")
    [p] = problems_of(mini)
    assert (p.row, p.column) == (1, "[[fleet]] count")
    assert p.expected == "a whole number from 0 to 1,000 trucks (a fleet entry of more trucks is a typo)"


def test_unknown_home_hub(mini):
    mini.replace("fleet.toml", 'home = "SKD"', 'home = "DEL"')
    [p] = problems_of(mini)
    assert (p.row, p.column, p.value) == (1, "[[fleet]] home", "DEL")
    assert "SKD" in p.expected


def test_typo_in_key_is_an_error_with_a_hint(mini):
    mini.replace("fleet.toml", "payload_kg = 750", "payload_kgs = 750")
    problems = problems_of(mini)
    assert [p.column for p in problems] == ["[types.ace] payload_kgs", "[types.ace] payload_kg"]
    assert "did you mean 'payload_kg'" in problems[0].message
    assert "vehicle_class" in problems[0].expected


def test_all_problems_at_once(mini):
    mini.replace("fleet.toml", "payload_kg = 750", "payload_kg = 0")
    mini.replace("fleet.toml", 'vehicle_class = "mcv"', 'vehicle_class = "bus"')
    mini.replace("fleet.toml", "count = 1", "count = -1")
    mini.replace("fleet.toml", 'home = "SKD"', 'home = "XXX"')
    assert len(problems_of(mini)) == 4


def test_an_empty_fleet_is_an_error(mini):
    mini.replace("fleet.toml", "count = 2", "count = 0")
    mini.replace("fleet.toml", "count = 1", "count = 0")
    [p] = problems_of(mini)
    assert "no vehicles" in p.message


def test_driver_hours_default_to_domain_rules_and_can_be_set_or_switched_off(mini):
    from magroute.domain.driver import DriverRules
    from magroute.inputs.fleet import read_driver_rules

    assert read_driver_rules(mini.path("fleet.toml")) == DriverRules()
    text = mini.path("fleet.toml").read_text()
    mini.write("fleet.toml", text + "\n[driver_hours]\nmax_driving_h_per_day = 8\n"
                                    "break_minutes = 45\n")
    assert read_driver_rules(mini.path("fleet.toml")) == DriverRules(8.0, 5.0, 45.0, 9.0)
    mini.write("fleet.toml", text + "\n[driver_hours]\nenabled = false\n")
    assert read_driver_rules(mini.path("fleet.toml")) is None


def test_bad_driver_hours_are_reported_with_their_keys(mini):
    from magroute.inputs.fleet import read_driver_rules

    mini.write("fleet.toml", mini.path("fleet.toml").read_text()
               + "\n[driver_hours]\nmax_driving_h_per_day = 30\nbreak_minutes = -5\nnaps = 2\n")
    with pytest.raises(InputError) as info:
        read_driver_rules(mini.path("fleet.toml"))
    columns = {p.column for p in info.value.problems}
    assert columns == {"[driver_hours] max_driving_h_per_day", "[driver_hours] break_minutes",
                       "[driver_hours] naps"}
    # The fleet reader accepts the table (it is read by read_driver_rules).
    assert read_fleet(mini.path("fleet.toml"), HUBS)


def test_hired_types_tour_limits_and_idle_cost_are_read_and_checked(mini):
    from magroute.domain.fleet import IdleCost
    from magroute.inputs.fleet import read_idle_cost

    assert read_idle_cost(mini.path("fleet.toml")) == IdleCost()  # charged by default
    mini.replace("fleet.toml", "payload_kg = 750", "payload_kg = 750\nhired = true\n"
                 "max_tour_days = 1")
    mini.write("fleet.toml", mini.path("fleet.toml").read_text()
               + "\n[idle_cost]\ncharge = false\ndriver_paid_hours_per_day = 8\n")
    ace = read_fleet(mini.path("fleet.toml"), HUBS)[0].vtype
    assert (ace.hired, ace.max_tour_days) == (True, 1)
    assert read_idle_cost(mini.path("fleet.toml")) == IdleCost(False, 8.0)
    mini.replace("fleet.toml", "hired = true", 'hired = "yes"')
    mini.replace("fleet.toml", "max_tour_days = 1", "max_tour_days = 0")
    columns = {p.column for p in problems_of(mini)}
    assert {"[types.ace] hired", "[types.ace] max_tour_days"} <= columns, columns
    mini.replace("fleet.toml", "charge = false", "charge = 2")
    with pytest.raises(InputError) as info:
        read_idle_cost(mini.path("fleet.toml"))
    assert info.value.problems[0].column == "[idle_cost] charge"
