"""`Scenario` -> scenario.toml, the way back of `scenario_read`: `load_scenario` of the written
file gives an equal `Scenario` (apart from its `path`). The sections that map onto a settings
dataclass are written from its fields (`settings_toml.section_doc`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import tomli_w

from magroute.domain.scenario import (
    AccessSettings,
    Consolidation,
    PriceShock,
    RegionSettings,
    RoadSettings,
    Scenario,
    SupplySettings,
    VisitFrequency,
)
from magroute.inputs.settings_toml import num as _num
from magroute.inputs.settings_toml import portable as _portable
from magroute.inputs.settings_toml import section_doc


def scenario_to_toml(scenario: Scenario, relative_to: Path | str) -> str:
    """The scenario as TOML text, with input paths relative to `relative_to` where possible.

    `relative_to` is the folder the text will be saved in; `load_scenario` of the saved file
    gives back an equal `Scenario` (apart from its `path`). Paths are written as the scenario
    holds them, so a caller that copies the inputs first passes `dataclasses.replace(scenario,
    sites_path=copy, ...)`.
    """
    base = Path(relative_to).absolute()
    doc: dict[str, Any] = {
        "name": scenario.name,
        "description": scenario.description,
        "start_date": scenario.start_date.isoformat(),
        "horizon_days": scenario.horizon_days,
        "max_tour_days": scenario.max_tour_days,
        **({} if scenario.max_trips is None else {"max_trips": scenario.max_trips}),
        "inputs": {
            "sites": _portable(scenario.sites_path, base),
            "fleet": _portable(scenario.fleet_path, base),
            "yields": _portable(scenario.yields_path, base),
            "hubs": _portable(scenario.hubs_path, base),
            "hub": scenario.hub_id,
        },
    }
    if scenario.bans_path is not None:
        doc["inputs"]["truck_bans"] = _portable(scenario.bans_path, base)
    if scenario.entry_charges_path is not None:
        doc["inputs"]["entry_charges"] = _portable(scenario.entry_charges_path, base)
    sites = section_doc(scenario.site_filter, base=base, changed_only=True)
    if sites:
        doc["sites"] = sites
    doc["shift"] = {"start": scenario.shift_start, "end": scenario.shift_end}
    doc["service"] = {
        "minutes_per_tonne": _num(scenario.service_minutes_per_tonne),
        "minutes_by_site_type": {k: _num(v) for k, v in scenario.service_minutes_by_site_type},
    }
    t = scenario.travel
    travel = section_doc(t, base=base, skip=("speed_bands", "road"))
    # One line, with "inf" as a string: the form the hand-written scenario files use.
    bands = ", ".join(f"[{_bound(u)}, {_num(v)}]" for u, v in t.speed_bands)
    solver = section_doc(scenario.solve, base=base)
    head = "# Scenario as run by magroute; input paths are relative to this file.\n"
    return (head + tomli_w.dumps(doc) + "\n" + tomli_w.dumps({"travel": travel})
            + f"speed_bands = [{bands}]\n\n" + _road_toml(t.road, base)
            + tomli_w.dumps({"solver": solver}) + _consolidation_toml(scenario.consolidation, base)
            + _knobs_toml(scenario, base))


def _knobs_toml(scenario: Scenario, base: Path) -> str:
    """[prices], [visits], [target], [supply], [region] and [access], each only when it
    differs from the default."""
    doc: dict[str, Any] = {}
    p = scenario.prices
    if p != PriceShock():
        prices: dict[str, Any] = {"note": p.note} if p.note else {}
        prices["factor"] = {k: _num(v) for k, v in p.factors}
        doc["prices"] = prices
    if scenario.visits != VisitFrequency():
        doc["visits"] = section_doc(scenario.visits, base=base)
    if scenario.target is not None:
        doc["target"] = section_doc(scenario.target, base=base, changed_only=True)
    if scenario.supply != SupplySettings():
        doc["supply"] = section_doc(scenario.supply, base=base, changed_only=True)
    if scenario.region != RegionSettings():
        doc["region"] = section_doc(scenario.region, base=base, changed_only=True)
    if scenario.access != AccessSettings():
        doc["access"] = section_doc(scenario.access, base=base, changed_only=True)
    return "\n" + tomli_w.dumps(doc) if doc else ""


def _consolidation_toml(c: Consolidation, base: Path) -> str:
    if c == Consolidation():
        return ""
    table: dict[str, Any] = {}
    if c.compare_with is not None:
        table["compare_with"] = _portable(c.compare_with, base)
    entries = []
    for lh in c.line_hauls:
        e: dict[str, Any] = {"hub": lh.hub_id, "days": lh.days, "departure": lh.departure,
                             "payload_kg": _num(lh.payload_kg)}
        if lh.rate_inr_per_km is not None:
            e["rate_inr_per_km"] = _num(lh.rate_inr_per_km)
        if lh.cost_inr_per_trip is not None:
            e["cost_inr_per_trip"] = _num(lh.cost_inr_per_trip)
        if lh.charge != "per_trip":
            e["charge"] = lh.charge
        if lh.ptl_inr_per_kg is not None:
            e["ptl_inr_per_kg"] = _num(lh.ptl_inr_per_kg)
        if lh.ptl_min_inr:
            e["ptl_min_inr"] = _num(lh.ptl_min_inr)
        if lh.source:
            e["source"] = lh.source
        entries.append(e)
    if entries:
        table["line_haul"] = entries
    return "\n" + tomli_w.dumps({"consolidation": table})


def _road_toml(r: RoadSettings, base: Path) -> str:
    if r == RoadSettings():
        return ""
    road = section_doc(r, base=base)
    return tomli_w.dumps({"travel": {"road": road}}) + "\n"


def _bound(upper: float) -> str:
    return '"inf"' if upper == float("inf") else str(_num(upper))


def with_inputs(scenario: Scenario, folder: Path | str) -> Scenario:
    """The scenario with each input path moved into `folder` (same file names)."""
    folder = Path(folder)
    return replace(
        scenario,
        sites_path=folder / Path(scenario.sites_path).name,
        fleet_path=folder / Path(scenario.fleet_path).name,
        yields_path=folder / Path(scenario.yields_path).name,
        hubs_path=folder / Path(scenario.hubs_path).name,
        bans_path=None if scenario.bans_path is None else folder / Path(scenario.bans_path).name,
        entry_charges_path=None if scenario.entry_charges_path is None
        else folder / Path(scenario.entry_charges_path).name,
    )
