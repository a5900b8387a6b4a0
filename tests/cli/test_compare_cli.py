"""End-to-end: `magroute compare` through the real console entry point, on two small scenarios
(the mini data set, great-circle travel, an iteration limit so that re-runs are reproducible)."""

import csv
import json
from pathlib import Path

import mini_data
import pytest
from PIL import Image
from test_cli import magroute

ARGS = ("--iterations", "200", "--time-limit", "20", "--samples", "40", "-q")


def write_scenarios(root: Path) -> list[Path]:
    """mini (3 trucks, seed 3) and light-fleet (one mini truck, seed 5) on the same sites."""
    mini = mini_data.write_mini(root)
    fleet = mini_data.FLEET_TOML.split("[[fleet]]")[0] + \
        '[[fleet]]\ntype = "ace"\ncount = 1\nhome = "SKD"\n'
    (mini.data / "fleet-light.toml").write_text(fleet, encoding="utf-8")
    light = mini.scenario.with_name("light.toml")
    light.write_text(mini_data.SCENARIO_TOML
                     .replace('name = "mini"', 'name = "light-fleet"')
                     .replace("fleet.toml", "fleet-light.toml")
                     .replace("seed = 3", "seed = 5"), encoding="utf-8")
    return [mini.scenario, light]


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    scenarios = write_scenarios(root)
    out = root / "out"
    r = magroute("compare", *scenarios, "--out", out, "--jobs", "2", *ARGS)
    assert r.returncode == 0, r.stderr + r.stdout
    return scenarios, out, r


def read_table(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def lookup(data, dotted):
    for step in dotted.split("."):
        if not isinstance(data, dict) or step not in data:
            return None
        data = data[step]
    return data


def test_every_cell_equals_its_scenarios_summary_json(compared):
    _, out, _ = compared
    rows = read_table(out / "comparison.csv")
    assert list(rows[0]) == ["key", "label", "unit", "mini", "light-fleet"]
    keys = {row["key"] for row in rows}
    assert {"cost_inr.total", "cost_inr.line_haul", "distance_km", "co2_kg", "scrap_kg",
            "magnet_kg.expected", "value_inr.expected", "net_value_inr",
            "cost_per_magnet_kg_inr", "sites_served", "sites_total", "unserved_value_inr",
            "routes", "vehicles_available", "line_haul_trips",
            "unserved_by_binding.value", "unserved_by_binding.capacity",
            "samples.net_value_inr.p10", "samples.net_value_inr.p90"} <= keys
    assert not any("runtime" in k or k.endswith("status") for k in keys)
    checked = 0
    for name in ("mini", "light-fleet"):
        summary = json.loads((out / name / "summary.json").read_text(encoding="utf-8"))
        samples = json.loads((out / name / "samples.json").read_text(encoding="utf-8"))
        for t in summary["magnet_kg_by_type"]:
            assert f"magnet_kg_by_type.{t}" in keys
        for row in rows:
            key = row["key"]
            if key.startswith("samples."):
                value = lookup(samples, key.removeprefix("samples."))
            else:
                value = lookup(summary, key)
                if value is None and key.startswith("magnet_kg_by_type."):
                    value = 0.0  # none of that type collected
            assert row[name] == ("" if value is None else str(value)), (name, key)
            checked += value is not None
    assert checked > 40
    vehicles = {row["key"]: row for row in rows}["vehicles_available"]
    assert (vehicles["mini"], vehicles["light-fleet"]) == ("3", "1")


def test_each_scenario_has_a_light_plan_folder_and_samples(compared):
    _, out, r = compared
    for name in ("mini", "light-fleet"):
        folder = out / name
        for f in ("routes.csv", "unserved.csv", "summary.json", "routes.geojson", "map.html",
                  "scenario.toml", "samples.csv", "samples.json"):
            assert (folder / f).is_file(), (name, f)
        assert not (folder / "manifests").exists() and not (folder / "plan.xlsx").exists()
        samples = read_table(folder / "samples.csv")
        assert len(samples) == 40 and list(samples[0]) == ["sample", "value_inr", "net_value_inr"]
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        assert summary["plan"]["seed"] == 3  # the first file's seed, for both
    assert "| Net value | INR |" in r.stdout and "comparison.csv" in r.stdout
    assert "different seeds" in r.stdout and "light.toml 5" in r.stdout


def test_charts_are_valid_pngs(compared):
    _, out, _ = compared
    for name in ("cost_per_kg.png", "value_vs_cost.png", "routes_map.png"):
        path = out / name
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        with Image.open(path) as im:
            im.verify()
        with Image.open(path) as im:
            assert im.width > 300 and im.height > 250


def test_a_rerun_with_the_same_seed_and_iterations_gives_the_same_bytes(compared, tmp_path):
    scenarios, out, _ = compared
    again = tmp_path / "again"
    r = magroute("compare", *scenarios, "--out", again, "--jobs", "2", *ARGS)
    assert r.returncode == 0, r.stderr + r.stdout
    for name in ("comparison.csv", "comparison.md", "mini/samples.csv",
                 "light-fleet/samples.csv", "mini/routes.csv"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_duplicate_names_are_rejected_with_both_files_named(tmp_path):
    first, _ = write_scenarios(tmp_path)
    twin = first.with_name("twin.toml")
    twin.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    broken = first.with_name("broken.toml")
    broken.write_text(first.read_text(encoding="utf-8").replace('name = "mini"', 'name = "b"')
                      .replace("horizon_days = 2", "horizon_days = -1"), encoding="utf-8")
    r = magroute("compare", first, twin, broken, "--out", tmp_path / "o", "-q")
    assert r.returncode == 2, r.stdout + r.stderr
    text = r.stdout + r.stderr
    assert "'mini'" in text and "twin.toml" in text and "mini.toml" in text
    assert "broken.toml" in text  # every file's problems at once
    assert not (tmp_path / "o").exists()  # nothing planned
