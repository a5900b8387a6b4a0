"""linehaul.csv: the plan's line-haul shipments from consolidation hubs to the plant.

One row per hub that ships (the same data as summary.json's plan.line_haul, for people).
"""

from __future__ import annotations

from pathlib import Path

from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.export.tables import write_csv
from magroute.formatting import iso_time

LINEHAUL_COLUMNS = ("from_hub", "to_hub", "departure", "mode", "load_kg", "trips", "payload_kg",
                    "charge", "cost_inr", "cost_inr_per_trip", "ptl_inr_per_kg", "road_km")


def write_linehaul_csv(problem: Problem, plan: Plan, path: Path | str) -> Path:
    tz = problem.horizon.tz
    rows = []
    for s in plan.line_haul:
        lh = problem.line_haul_from(s.hub_id)
        rows.append({
            "from_hub": s.hub_id, "to_hub": s.to_hub_id,
            "departure": iso_time(s.departure, tz), "mode": s.mode,
            "load_kg": f"{s.load_kg:.1f}",
            "trips": s.trips, "payload_kg": f"{lh.payload_kg:.0f}" if lh else "",
            "charge": lh.charge if lh else "",
            "cost_inr": f"{s.cost_inr:.2f}",
            "cost_inr_per_trip": f"{lh.cost_inr_per_trip:.2f}" if lh else "",
            "ptl_inr_per_kg": "" if lh is None or lh.ptl_inr_per_kg is None
            else f"{lh.ptl_inr_per_kg:g}",
            "road_km": "" if s.road_km is None else f"{s.road_km:.1f}",
        })
    return write_csv(Path(path), LINEHAUL_COLUMNS, rows)
