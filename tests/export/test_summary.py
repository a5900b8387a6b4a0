"""summary.json carries exactly compute_kpis plus the plan's metadata; the human table."""

import json
import math
from pathlib import Path

import pytest

from magroute.export import summary_rows, write_summary_json
from magroute.formatting import inr


def test_summary_json_numbers_equal_compute_kpis(solved, plan_dir):
    _, plan, kpis = solved
    data = json.loads(Path(plan_dir[1]["summary"]).read_text(encoding="utf-8"))
    meta = data.pop("plan")
    assert data == json.loads(json.dumps(kpis.to_dict()))
    assert data["cost_inr"]["total"] == kpis.cost_inr["total"]
    assert data["net_value_inr"] == kpis.net_value_inr
    assert meta == {"status": plan.status, "runtime_s": plan.runtime_s,
                    "objective_inr": plan.objective_inr, "solver": plan.solver,
                    "seed": plan.seed, "notes": list(plan.notes), "line_haul": []}


def test_summary_json_is_indented_utf8_and_takes_extra_keys(solved, tmp_path):
    _, plan, kpis = solved
    path = write_summary_json(kpis, plan, tmp_path / "s.json",
                              extra={"scenario_file": Path("x/₹.toml"), "bands": (1.0, math.inf)})
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "') and "₹" in text
    data = json.loads(text)
    assert data["scenario_file"] == "x/₹.toml" and data["bands"] == [1.0, None]
    with pytest.raises(ValueError, match="net_value_inr"):
        write_summary_json(kpis, plan, tmp_path / "t.json", extra={"net_value_inr": 0})


def test_inr_uses_lakh_grouping():
    assert inr(0) == "₹0"
    assert inr(999.4) == "₹999"
    assert inr(1234567.891) == "₹12,34,568"
    assert inr(123456789, 2) == "₹12,34,56,789.00"
    assert inr(-150000) == "-₹1,50,000"
    assert inr(None) == "–"


def test_summary_rows_cover_the_kpis(solved):
    _, _, kpis = solved
    rows = summary_rows(kpis)
    assert all(isinstance(a, str) and isinstance(b, str) and b for a, b in rows)
    table = dict(rows)
    assert table["Sites"] == str(kpis.sites_total)
    assert table["Sites served"] == str(kpis.sites_served)
    assert table["Sites unserved"] == str(kpis.sites_unserved)
    assert table["Cost: total"] == inr(kpis.cost_inr["total"])
    assert table["Net value (magnets - cost)"] == inr(kpis.net_value_inr)
    assert table["Solver status"] == kpis.status
    for label in ("Routes (trucks used)", "Distance", "Cost: fixed", "Cost: distance",
                  "Cost: driver", "Scrap collected", "Magnet (expected)", "Magnet value",
                  "By-product value", "Purchase (paid to sellers)", "Margin",
                  "Cost per kg of magnet", "CO2", "Unserved value", "Runtime"):
        assert label in table
    assert all(f"Magnet: {t}" in table for t in kpis.magnet_kg_by_type)
    assert "–" in table["Magnet value"] and "₹" in table["Magnet value"]
    assert table["Margin"].startswith(inr(kpis.margin_inr["expected"]) + " (")
