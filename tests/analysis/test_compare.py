"""The comparison table from hand-made summary.json dicts, and its CSV and Markdown files."""

import copy
import csv

import pytest

from magroute.analysis.compare import comparison_table, magnet_types
from magroute.export.compare_files import (
    comparison_markdown,
    write_comparison_csv,
    write_comparison_md,
)


def summary(**changes):
    s = {
        "scenario": "direct", "status": "feasible", "runtime_s": 12.3,
        "sites_total": 40, "sites_served": 12, "sites_unserved": 28, "routes": 3,
        "vehicles_available": 5, "distance_km": 1234.567,
        "cost_inr": {"fixed": 6000.0, "distance": 24691.34, "driver": 5400.5, "line_haul": 0,
                     "total": 36091.84},
        "scrap_kg": 8123.4,
        "magnet_kg": {"expected": 123.456, "low": 80.1, "high": 170.25},
        "magnet_kg_by_type": {"ndfeb_hdd": 100.0, "ndfeb_motor": 23.456},
        "value_inr": {"expected": 250000.0, "low": 150000.0, "high": 400000.0},
        "net_value_inr": 213908.16, "cost_per_magnet_kg_inr": 292.35, "co2_kg": 419.75,
        "unserved_value_inr": 98765.43, "line_haul_trips": 0,
        "annual": {"every_days": 7, "plans_per_year": 52.143, "magnet_kg_per_year": 6437.3,
                   "ndfeb_kg_per_year": 6437.3, "value_inr_per_year": 13035714.29,
                   "cost_inr_per_year": 1881961.0, "net_value_inr_per_year": 11153753.29,
                   "target_ndfeb_t_per_year": 50.0, "target_progress_pct": 12.87},
        "plan": {"runtime_s": 12.345, "seed": 1},
    }
    for key, value in changes.items():
        s[key] = value
    return s


def rows_by_key(rows):
    return {r.key: r for r in rows}


def test_every_cell_is_the_summary_field_unchanged():
    a = summary()
    b = summary(scenario="hubs", cost_inr={"fixed": 9000.0, "distance": 1.5, "driver": 2.25,
                                           "line_haul": 30000.0, "total": 39003.75},
                line_haul_trips=2, scrap_kg=9000.0, cost_per_magnet_kg_inr=None)
    rows = rows_by_key(comparison_table({"direct": a, "hubs": b}))
    assert list(rows["cost_inr.line_haul"].values.items()) == [("direct", 0), ("hubs", 30000.0)]
    assert rows["cost_inr.total"].values == {"direct": 36091.84, "hubs": 39003.75}
    assert rows["scrap_kg"].values == {"direct": 8123.4, "hubs": 9000.0}
    assert rows["line_haul_trips"].values == {"direct": 0, "hubs": 2}
    assert rows["cost_per_magnet_kg_inr"].values["hubs"] is None
    for key, get in (("distance_km", lambda s: s["distance_km"]),
                     ("magnet_kg.expected", lambda s: s["magnet_kg"]["expected"]),
                     ("value_inr.expected", lambda s: s["value_inr"]["expected"]),
                     ("net_value_inr", lambda s: s["net_value_inr"]),
                     ("co2_kg", lambda s: s["co2_kg"]),
                     ("sites_served", lambda s: s["sites_served"]),
                     ("sites_total", lambda s: s["sites_total"]),
                     ("unserved_value_inr", lambda s: s["unserved_value_inr"]),
                     ("routes", lambda s: s["routes"]),
                     ("vehicles_available", lambda s: s["vehicles_available"]),
                     ("annual.net_value_inr_per_year",
                      lambda s: s["annual"]["net_value_inr_per_year"])):
        assert rows[key].values == {"direct": get(a), "hubs": get(b)}, key
        assert type(rows[key].values["direct"]) is type(get(a))


def test_no_runtime_status_or_seed_rows():
    keys = " ".join(r.key for r in comparison_table({"a": summary()}))
    assert "runtime" not in keys and "status" not in keys and "seed" not in keys
    # ... so two runs differing only in their runtime give the same table
    other = summary(runtime_s=99.9, plan={"runtime_s": 99.87, "seed": 1})
    assert comparison_table({"a": summary()}) == comparison_table({"a": other})


def test_magnet_types_are_the_union_with_zero_where_none_was_collected():
    a = summary(magnet_kg_by_type={"ndfeb_hdd": 5.0})
    b = summary(magnet_kg_by_type={"smco": 1.25, "ndfeb_motor": 2.0})
    assert magnet_types({"a": a, "b": b}) == ["ndfeb_hdd", "ndfeb_motor", "smco"]
    rows = rows_by_key(comparison_table({"a": a, "b": b}))
    assert rows["magnet_kg_by_type.ndfeb_hdd"].values == {"a": 5.0, "b": 0.0}
    assert rows["magnet_kg_by_type.smco"].values == {"a": 0.0, "b": 1.25}
    assert [r.label for r in comparison_table({"a": a, "b": b})
            if r.key.startswith("magnet_kg_by_type.")] == \
        ["Magnet: ndfeb_hdd", "Magnet: ndfeb_motor", "Magnet: smco"]


def test_missing_annual_keys_are_blank_and_no_annual_rows_without_any_annual():
    partial = summary()
    partial["annual"] = {"every_days": 14, "plans_per_year": 26.071}
    old = summary()
    del old["annual"]
    rows = rows_by_key(comparison_table({"new": partial, "old": old}))
    assert rows["annual.every_days"].values == {"new": 14, "old": None}
    assert rows["annual.target_progress_pct"].values == {"new": None, "old": None}
    assert not any(k.startswith("annual.") for k in rows_by_key(comparison_table({"old": old})))


def test_sample_rows_only_with_samples_and_blank_for_unsampled_scenarios():
    s = {"a": summary(), "b": summary()}
    assert not any(r.key.startswith("samples.") for r in comparison_table(s))
    spread = {"p10": -5.5, "p50": 100.0, "p90": 250.25, "mean": 110.0, "n": 50, "seed": 1}
    rows = rows_by_key(comparison_table(s, {"a": {"net_value_inr": spread}}))
    assert rows["samples.net_value_inr.p10"].values == {"a": -5.5, "b": None}
    assert rows["samples.net_value_inr.p90"].values == {"a": 250.25, "b": None}


def test_columns_follow_the_order_of_the_scenarios():
    rows = comparison_table({"z": summary(), "a": summary(), "m": summary()})
    assert all(list(r.values) == ["z", "a", "m"] for r in rows)


def test_csv_keeps_the_json_text_of_every_number_and_blanks(tmp_path):
    a = summary()
    b = copy.deepcopy(a)
    b["cost_per_magnet_kg_inr"] = None
    b["cost_inr"]["distance"] = 0.1 + 0.2  # a float whose shortest text is long
    del b["annual"]["target_progress_pct"]
    rows = comparison_table({"a": a, "b=1": b})
    path = write_comparison_csv(rows, ["a", "b=1"], tmp_path / "c.csv")
    with open(path, newline="", encoding="utf-8") as f:
        table = {r["key"]: r for r in csv.DictReader(f)}
    assert table["cost_inr.distance"]["b=1"] == "0.30000000000000004"
    assert table["cost_inr.line_haul"]["a"] == "0"
    assert table["cost_per_magnet_kg_inr"]["b=1"] == ""
    assert table["annual.target_progress_pct"]["b=1"] == ""
    assert table["net_value_inr"]["a"] == "213908.16"
    assert set(table) == {r.key for r in rows}


def test_csv_refuses_scenario_names_that_clash_with_its_columns(tmp_path):
    with pytest.raises(ValueError, match="key"):
        write_comparison_csv(comparison_table({"key": summary()}), ["key"], tmp_path / "c.csv")


def test_markdown_groups_digits_leaves_blanks_and_escapes_pipes(tmp_path):
    old = summary()
    del old["annual"]
    rows = comparison_table({"a|b": summary(), "old": old})
    text = comparison_markdown(rows, ["a|b", "old"])
    lines = text.splitlines()
    assert lines[0] == "| KPI | unit | a\\|b | old |"
    assert "| Cost: total | INR | 36,092 | 36,092 |" in lines
    assert "| Value (expected) | INR | 2,50,000 | 2,50,000 |" in lines
    assert "| Cost per kg of magnet | INR/kg | 292.35 | 292.35 |" in lines
    assert "| Annual: net value | INR/year | 1,11,53,753 |  |" in lines
    assert all(line.replace("\\|", "").count("|") == 5 for line in lines if line.startswith("| "))
    path = write_comparison_md(rows, ["a|b", "old"], tmp_path / "c.md", notes=["same seed 1"])
    assert path.read_text(encoding="utf-8").endswith("- same seed 1\n")
