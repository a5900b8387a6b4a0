"""summary.json (the KPIs plus the plan's metadata) and the human summary table."""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

from magroute.analysis.kpis import PlanKpis
from magroute.domain.plan import Plan


def plan_metadata(plan: Plan) -> dict[str, Any]:
    """The plan's own fields besides routes and unserved (what `read_plan` reads back)."""
    return {
        "status": plan.status,
        "runtime_s": plan.runtime_s,
        "objective_inr": plan.objective_inr,
        "solver": plan.solver,
        "seed": plan.seed,
        "notes": list(plan.notes),
        "line_haul": [shipment_dict(s) for s in plan.line_haul],
    }


def shipment_dict(s) -> dict[str, Any]:
    return {"from_hub": s.hub_id, "to_hub": s.to_hub_id, "departure": s.departure.isoformat(),
            "load_kg": s.load_kg, "trips": s.trips, "cost_inr": s.cost_inr,
            "road_km": None if s.road_km is None else round(s.road_km, 1)}


def summary_dict(kpis: PlanKpis, plan: Plan, *, extra: dict | None = None) -> dict[str, Any]:
    """`kpis.to_dict()` + {"plan": metadata} + `extra` (which may not replace either)."""
    data = kpis.to_dict()
    data["plan"] = plan_metadata(plan)
    if extra:
        clash = sorted(set(extra) & set(data))
        if clash:
            raise ValueError(f"extra summary keys would replace KPIs or plan metadata: "
                             f"{', '.join(clash)}")
        data.update(extra)
    return _jsonable(data)


def write_summary_json(kpis: PlanKpis, plan: Plan, path: Path | str, *,
                       extra: dict | None = None) -> Path:
    """Write summary.json: the KPIs, the plan's metadata under "plan", and `extra` keys.

    Strict JSON: paths, dates and dataclasses in `extra` become strings/objects, and
    non-finite numbers (e.g. an unbounded speed band) become null.
    """
    path = Path(path)
    text = json.dumps(summary_dict(kpis, plan, extra=extra), indent=2, ensure_ascii=False,
                      allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [_jsonable(v) for v in items]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _jsonable(value.item())
    return value


# ---------------------------------------------------------------- human table


def group_indian(digits: str) -> str:
    """'1234567' -> '12,34,567' (lakh/crore grouping)."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def format_inr(amount: float | None, decimals: int = 0) -> str:
    """'₹12,34,568' (Indian grouping, rounded to `decimals`); '–' for None."""
    if amount is None or not math.isfinite(amount):
        return "–"
    text = f"{abs(amount):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if amount < 0 and float(text) != 0 else ""
    return f"{sign}₹{group_indian(whole)}" + (f".{frac}" if frac else "")


def format_number(x: float, decimals: int = 1) -> str:
    """A plain number with Indian grouping: 12,345.6."""
    text = f"{abs(x):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if x < 0 and float(text) != 0 else ""
    return sign + group_indian(whole) + (f".{frac}" if frac else "")


def summary_rows(kpis: PlanKpis) -> list[tuple[str, str]]:
    """(label, value) pairs summarising a plan, for the CLI to print as a table."""
    k = kpis
    cost, magnet, value = k.cost_inr, k.magnet_kg, k.value_inr
    rows = [
        ("Sites", f"{k.sites_total}"),
        ("Sites served", f"{k.sites_served}"),
        ("Sites unserved", f"{k.sites_unserved}"),
        ("Routes (trucks used)", f"{k.routes} of {k.vehicles_available} trucks"),
        ("Trips (unloads)", f"{k.trips}"),
        ("Truck-days idle", f"{k.truck_days_idle} of {k.truck_days}"),
        ("Distance", f"{format_number(k.distance_km, 1)} km"),
        ("Cost: fixed", format_inr(cost.get("fixed"))),
        ("Cost: distance", format_inr(cost.get("distance"))),
        ("Cost: driver", format_inr(cost.get("driver"))),
    ]
    if k.line_haul_trips:
        rows.append(("Cost: line-haul", f"{format_inr(cost.get('line_haul'))} "
                                        f"({k.line_haul_trips} full-truck trips)"))
    rows += [
        ("Cost: total", format_inr(cost.get("total"))),
        ("Scrap collected", f"{format_number(k.scrap_kg / 1000, 2)} t"),
        ("Magnet (expected)", f"{format_number(magnet['expected'], 1)} kg "
                              f"({format_number(magnet['low'], 1)}–"
                              f"{format_number(magnet['high'], 1)})"),
    ]
    rows += [(f"Magnet: {mtype}", f"{format_number(kg, 1)} kg")
             for mtype, kg in k.magnet_kg_by_type.items()]
    rows += [
        ("Expected value", f"{format_inr(value['expected'])} "
                           f"({format_inr(value['low'])}–{format_inr(value['high'])})"),
        ("Net value", format_inr(k.net_value_inr)),
        ("Cost per kg of magnet", format_inr(k.cost_per_magnet_kg_inr, 2)
         + ("/kg" if k.cost_per_magnet_kg_inr is not None else "")),
        ("CO2", f"{format_number(k.co2_kg, 1)} kg"),
        ("Unserved value", format_inr(k.unserved_value_inr)),
    ]
    why = [f"{b.replace('_', ' ')} {n}" for b, n in k.unserved_by_binding.items() if n]
    if why:
        rows.append(("Unserved: binding rule", ", ".join(why)))
    rows += [
        ("Solver status", k.status),
        ("Runtime", f"{k.runtime_s:.1f} s"),
    ]
    return rows
