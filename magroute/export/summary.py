"""summary.json (the KPIs plus the plan's metadata), reading its metadata back, and the human
summary table."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from magroute.analysis.kpis import PlanKpis
from magroute.domain.linehaul import MODES, LineHaulShipment
from magroute.domain.plan import Plan
from magroute.errors import InputProblem
from magroute.formatting import grouped, inr


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


def shipment_dict(s: LineHaulShipment) -> dict[str, Any]:
    return {"from_hub": s.hub_id, "to_hub": s.to_hub_id, "departure": s.departure.isoformat(),
            "load_kg": s.load_kg, "trips": s.trips, "cost_inr": s.cost_inr,
            "road_km": None if s.road_km is None else round(s.road_km, 1), "mode": s.mode}


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


def read_plan_meta(path: Path, problems: list[InputProblem]) -> dict[str, Any]:
    """The plan's metadata from summary.json's "plan" object (`plan_metadata` read back), as
    keyword arguments of `Plan`; defaults without the file."""
    meta: dict[str, Any] = {"status": "unknown", "runtime_s": 0.0}
    if not path.is_file():
        return meta
    file = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.append(InputProblem(file, f"cannot read the file: {exc}",
                                     expected="a JSON object"))
        return meta
    if not isinstance(data, dict):
        problems.append(InputProblem(file, "not a JSON object", expected="a JSON object"))
        return meta
    src = data.get("plan")
    if src is None:  # a summary without plan metadata: take what the KPIs repeat
        src = {k: data[k] for k in ("status", "runtime_s") if k in data}
    if not isinstance(src, dict):
        problems.append(InputProblem(file, "'plan' is not an object", column="plan",
                                     value=src, expected="a JSON object"))
        return meta
    checks: dict[str, tuple[Callable[[Any], bool], str]] = {
        "status": (lambda v: isinstance(v, str), "a string"),
        "runtime_s": (_is_number, "a number"),
        "objective_inr": (lambda v: v is None or _is_number(v), "a number or null"),
        "solver": (lambda v: isinstance(v, str), "a string"),
        "seed": (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
        "notes": (lambda v: isinstance(v, list) and all(isinstance(s, str) for s in v),
                  "a list of strings"),
        "line_haul": (lambda v: isinstance(v, list) and all(_is_shipment(s) for s in v),
                      "a list of shipments {from_hub, to_hub, departure, load_kg, trips, "
                      "cost_inr, road_km, mode}"),
    }
    for key, (ok, expected) in checks.items():
        if key not in src:
            continue
        value = src[key]
        if not ok(value):
            problems.append(InputProblem(file, "wrong type", column=f"plan.{key}", value=value,
                                         expected=expected))
            continue
        if key == "runtime_s" or (key == "objective_inr" and value is not None):
            value = float(value)
        elif key == "notes":
            value = tuple(value)
        elif key == "line_haul":
            value = tuple(LineHaulShipment(
                s["from_hub"], s["to_hub"], datetime.fromisoformat(s["departure"]),
                float(s["load_kg"]), int(s["trips"]), float(s["cost_inr"]),
                None if s["road_km"] is None else float(s["road_km"]), s.get("mode", "ftl"))
                for s in value)
        meta[key] = value
    return meta


def _is_shipment(s: Any) -> bool:
    keys = ("from_hub", "to_hub", "departure", "load_kg", "trips", "cost_inr", "road_km")
    # "mode" (ftl | ptl) is absent from plan folders written before part-load carriers
    if not isinstance(s, dict) or not set(keys) <= set(s) <= {*keys, "mode"} \
            or s.get("mode", "ftl") not in MODES:
        return False
    try:
        t = datetime.fromisoformat(s["departure"])
    except (TypeError, ValueError):
        return False
    return (isinstance(s["from_hub"], str) and isinstance(s["to_hub"], str)
            and t.tzinfo is not None and _is_number(s["load_kg"])
            and isinstance(s["trips"], int) and _is_number(s["cost_inr"])
            and (s["road_km"] is None or _is_number(s["road_km"])))


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


# ---------------------------------------------------------------- human table


def _ranged(r: dict[str, float]) -> str:
    """'₹1,000 (₹800–₹1,500)': an expected INR amount with its low–high envelope."""
    return f"{inr(r.get('expected'))} ({inr(r.get('low'))}–{inr(r.get('high'))})"


def summary_rows(kpis: PlanKpis) -> list[tuple[str, str]]:
    """(label, value) pairs summarising a plan, for the CLI to print as a table."""
    k = kpis
    cost, magnet, value = k.cost_inr, k.magnet_kg, k.value_inr
    rows = [
        ("Sites", f"{k.sites_total}"),
        ("Sites served", f"{k.sites_served}"),
        ("Sites unserved", f"{k.sites_unserved}"),
        ("Sites by access", ", ".join(f"{c} {n['sites']} ({n['served']} served)"
                                      for c, n in k.sites_by_access.items())),
        ("Routes (trucks used)", f"{k.routes} of {k.vehicles_available} trucks"),
        ("Trips (unloads)", f"{k.trips}"),
        ("Truck-days idle", f"{k.truck_days_idle} of {k.truck_days}"),
        ("Distance", f"{grouped(k.distance_km, 1)} km"),
        ("Cost: fixed", inr(cost.get("fixed"))),
        ("Cost: distance", inr(cost.get("distance"))),
        ("Cost: driver", inr(cost.get("driver"))),
    ]
    if cost.get("entry"):
        entries = sum(r.entries for r in k.route_kpis)
        rows.append(("Cost: city entry charges", f"{inr(cost.get('entry'))} ({entries} "
                                                 "entries, e.g. Delhi's ECC)"))
    if k.legs_round_zones:
        rows.append(("Legs round truck bans", ", ".join(f"{city} {n}" for city, n
                                                        in k.legs_round_zones.items())))
    if cost.get("hired"):
        rows.append(("Cost: hired vehicles", inr(cost.get("hired"))))
    if cost.get("line_haul"):
        rows.append(("Cost: line-haul", f"{inr(cost.get('line_haul'))} "
                                        f"({k.line_haul_trips} full-truck trips)"
                     if k.line_haul_trips else inr(cost.get("line_haul"))))
    if cost.get("idle"):
        rows.append(("Cost: idle trucks", f"{inr(cost.get('idle'))} (owned trucks' days "
                                          "without work)"))
    rows += [
        ("Cost: total", inr(cost.get("total"))),
        ("Scrap collected", f"{grouped(k.scrap_kg / 1000, 2)} t"),
        ("Magnet (expected)", f"{grouped(magnet['expected'], 1)} kg "
                              f"({grouped(magnet['low'], 1)}–"
                              f"{grouped(magnet['high'], 1)})"),
    ]
    rows += [(f"Magnet: {mtype}", f"{grouped(kg, 1)} kg")
             for mtype, kg in k.magnet_kg_by_type.items()]
    rows += [
        ("Magnet value", _ranged(value)),
        ("By-product value", _ranged(k.byproduct_value_inr)),
        ("Purchase (paid to sellers)", _ranged(k.purchase_cost_inr)),
        ("Net value (magnets - cost)", inr(k.net_value_inr)),
        ("Margin", _ranged(k.margin_inr)),
        ("Cost per kg of magnet", inr(k.cost_per_magnet_kg_inr, 2)
         + ("/kg" if k.cost_per_magnet_kg_inr is not None else "")),
        ("CO2", f"{grouped(k.co2_kg, 1)} kg"),
        ("Unserved value", inr(k.unserved_value_inr)),
    ]
    why = [f"{b.replace('_', ' ')} {n}" for b, n in k.unserved_by_binding.items() if n]
    if why:
        rows.append(("Unserved: binding rule", ", ".join(why)))
    rows += [
        ("Solver status", k.status),
        ("Runtime", f"{k.runtime_s:.1f} s"),
    ]
    return rows
