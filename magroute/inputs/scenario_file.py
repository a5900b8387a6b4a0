"""scenario.toml <-> `Scenario`. Input paths in the file are relative to the file itself.

A key whose `Scenario` field has a default may be left out; the others are required, except
`name` (defaults to the file's stem) and `start_date` (defaults to tomorrow in India).
Unknown keys are errors, so that a typo cannot silently fall back to a default.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from magroute.domain.horizon import IST
from magroute.domain.hours import format_clock, parse_clock, parse_days
from magroute.domain.linehaul import CHARGES
from magroute.domain.scenario import (
    STRATEGIES,
    TRAVEL_SOURCES,
    CollectionTarget,
    Consolidation,
    LineHaulSettings,
    PriceShock,
    RoadSettings,
    Scenario,
    SiteFilter,
    SolveSettings,
    TravelSettings,
    VisitFrequency,
)
from magroute.domain.site import SITE_TYPES
from magroute.errors import InputProblem
from magroute.inputs.table import raise_if_any
from magroute.inputs.tomlfile import TomlTable, read_toml

TOP_KEYS = ("name", "description", "start_date", "horizon_days", "max_tour_days", "max_trips",
            "inputs",
            "sites", "shift", "service", "travel", "solver", "consolidation", "prices", "visits",
            "target")
INPUT_KEYS = ("sites", "fleet", "yields", "hubs", "hub", "truck_bans")
INPUT_FILES = ("sites", "fleet", "yields", "hubs")
SITES_KEYS = ("within_km_of_hub", "states", "site_types")
SHIFT_KEYS = ("start", "end")
SERVICE_KEYS = ("minutes_per_tonne", "minutes_by_site_type")
TRAVEL_KEYS = ("source", "circuity_short", "circuity_intercity", "short_hop_km", "speed_bands",
               "road")
ROAD_KEYS = ("network", "class_column", "ref_column", "speeds_kmh", "default_kmh",
             "access_circuity", "access_kmh", "max_access_km", "local_estimate_km", "cache_dir")
CONSOLIDATION_KEYS = ("compare_with", "line_haul")
LINE_HAUL_KEYS = ("hub", "days", "departure", "payload_kg", "rate_inr_per_km",
                  "cost_inr_per_trip", "charge", "source")
PRICES_KEYS = ("factor", "note")
VISITS_KEYS = ("every_days", "stock_days")
TARGET_KEYS = ("ndfeb_t_per_year", "note")
SOLVER_KEYS = ("time_limit_s", "seed", "strategy", "solution_limit", "iteration_limit", "workers")

COMMAND_LINE = "command line"  # the `file` of problems in CLI overrides


def tomorrow() -> date:
    """Tomorrow's date in India, the default first day of a plan."""
    return datetime.now(IST).date() + timedelta(days=1)


def load_scenario(
    path: Path | str,
    *,
    start_date: date | str | None = None,
    time_limit_s: float | None = None,
    seed: int | None = None,
) -> Scenario:
    """Read a scenario file; input paths become absolute. Keyword arguments override the file.

    Raises
    ------
    InputError
        Listing every problem: unknown or missing keys, bad values, input files that do not
        exist.
    """
    problems: list[InputProblem] = []
    scenario = _read(Path(path), problems, start_date, time_limit_s, seed)
    raise_if_any(problems)
    assert scenario is not None
    return scenario


def input_paths(path: Path | str) -> dict[str, Path]:
    """The input files a scenario file names that exist, as absolute paths; never raises."""
    path = Path(path)
    data = read_toml(path, [])
    inputs = data.get("inputs") if data else None
    if not isinstance(inputs, dict):
        return {}
    out = {}
    for key in (*INPUT_FILES, "truck_bans"):
        if isinstance(inputs.get(key), str):
            p = (path.resolve().parent / inputs[key]).resolve()
            if p.is_file():
                out[key] = p
    return out


def _read(path: Path, problems: list[InputProblem], start_override: date | str | None,
          time_limit_override: float | None, seed_override: int | None) -> Scenario | None:
    data = read_toml(path, problems)
    if data is None:
        return None
    path = path.resolve()
    n_before = len(problems)
    top = TomlTable(path.name, "", data, problems)
    top.check_keys(TOP_KEYS)

    name = top.text("name", default=path.stem)
    description = top.data.get("description", "")
    if not isinstance(description, str):
        top.report("description", "not a string", description, "free text in quotes")
    start = _start_date(top, start_override)
    horizon_days = top.integer("horizon_days", minimum=1)
    max_tour_days = top.integer("max_tour_days", minimum=1)
    if horizon_days is not None and max_tour_days is not None and max_tour_days > horizon_days:
        top.report("max_tour_days", "a tour cannot last longer than the horizon", max_tour_days,
                   f"a whole number from 1 to horizon_days ({horizon_days})")

    max_trips = top.integer("max_trips", minimum=1) if top.has("max_trips") else None

    paths: dict[str, Path] = {}
    hub_id = None
    inputs = top.table("inputs")
    if inputs is not None:
        inputs.check_keys(INPUT_KEYS)
        hub_id = inputs.text("hub")
        for key in (*INPUT_FILES, "truck_bans"):
            if key == "truck_bans" and not inputs.has(key):
                continue  # optional: no bans
            text = inputs.text(key)
            if text is None:
                continue
            p = (path.parent / Path(text).expanduser()).resolve()
            if not p.is_file():
                inputs.report(key, f"input file not found: {p}", text,
                              f"a path relative to {path.name}'s folder ({path.parent})")
            paths[key] = p

    shift = _shift(top)
    service = _service(top)
    site_filter = _site_filter(top)
    travel = _travel(top, path.parent)
    solve = _solve(top, time_limit_override, seed_override)
    consolidation = _consolidation(top, path.parent)
    prices = _prices(top, paths.get("yields"))
    visits = _visits(top)
    target = _target(top)

    if len(problems) > n_before:
        return None
    assert shift is not None and service is not None
    return Scenario(
        name=name, path=path, sites_path=paths["sites"], fleet_path=paths["fleet"],
        yields_path=paths["yields"], hubs_path=paths["hubs"], bans_path=paths.get("truck_bans"),
        hub_id=hub_id, start_date=start,
        horizon_days=horizon_days, max_tour_days=max_tour_days, shift_start=shift[0],
        shift_end=shift[1], service_minutes_by_site_type=service[0],
        service_minutes_per_tonne=service[1], description=description,
        site_filter=site_filter, travel=travel, solve=solve, consolidation=consolidation,
        prices=prices, visits=visits, target=target, max_trips=max_trips,
    )


def _start_date(top: TomlTable, override: date | str | None) -> date | None:
    """The file's start_date (checked even when overridden), or the override, or tomorrow."""
    expected = "an ISO date YYYY-MM-DD, e.g. 2026-11-23"
    start: date | None = tomorrow()
    if top.has("start_date"):
        value = top.data["start_date"]
        start = _as_date(value)
        if start is None:
            top.report("start_date", "not a date", value, expected)
    if override is None:
        return start
    # typer hands over a datetime for a date option; its date is what the user typed
    start = override.date() if isinstance(override, datetime) else _as_date(override)
    if start is None:
        top.problems.append(InputProblem(COMMAND_LINE, "bad start date", column="--date",
                                         value=override, expected=expected))
    return start


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):  # a TOML date-time has a time of day: not a plan date
        return None
    if isinstance(value, date):  # TOML date literal
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _shift(top: TomlTable) -> tuple[str, str] | None:
    t = top.table("shift")
    if t is None:
        return None
    t.check_keys(SHIFT_KEYS)
    minutes: dict[str, int] = {}
    for key in SHIFT_KEYS:
        text = t.text(key)
        if text is None:
            continue
        try:
            minutes[key] = parse_clock(text)
        except ValueError:
            t.report(key, "not a time of day", text, 'a 24-hour time "HH:MM" such as "06:00"')
    if len(minutes) < 2:
        return None
    if minutes["end"] <= minutes["start"]:
        t.report("end", f"shift ends before it starts ({format_clock(minutes['start'])})",
                 t.data["end"], f"a time after {format_clock(minutes['start'])} on the same day")
        return None
    return t.data["start"].strip(), t.data["end"].strip()


def _service(top: TomlTable) -> tuple[tuple[tuple[str, float], ...], float] | None:
    t = top.table("service")
    if t is None:
        return None
    t.check_keys(SERVICE_KEYS)
    per_tonne = t.number("minutes_per_tonne", minimum=0)
    by_type = t.table("minutes_by_site_type", header="[service.minutes_by_site_type]")
    minutes: list[tuple[str, float]] = []
    if by_type is not None:
        by_type.check_keys(SITE_TYPES)
        for site_type in by_type.data:
            if site_type in SITE_TYPES:  # others were reported by check_keys
                m = by_type.number(site_type, minimum=0)
                if m is not None:
                    minutes.append((site_type, m))
    if t.bad or (by_type is not None and by_type.bad) or per_tonne is None:
        return None
    return tuple(minutes), per_tonne


def _site_filter(top: TomlTable) -> SiteFilter:
    t = top.table("sites", required=False)
    if t is None:
        return SiteFilter()
    t.check_keys(SITES_KEYS)
    km = t.number("within_km_of_hub", positive=True, default=None)
    states = t.string_list("states", default=())
    site_types = t.string_list("site_types", choices=SITE_TYPES, default=())
    return SiteFilter(within_km_of_hub=km, states=states or (), site_types=site_types or ())


def _travel(top: TomlTable, base: Path) -> TravelSettings:
    t = top.table("travel", required=False)
    if t is None:
        return TravelSettings()
    t.check_keys(TRAVEL_KEYS)
    kwargs: dict[str, Any] = {}
    if t.has("source"):
        source = t.text("source")
        if source is not None and source not in TRAVEL_SOURCES:
            t.report("source", "unknown travel source", source,
                     f"one of: {', '.join(TRAVEL_SOURCES)}")
        kwargs["source"] = source
    if t.has("road"):
        kwargs["road"] = _road(t, base)
    for key in ("circuity_short", "circuity_intercity"):
        if t.has(key):
            kwargs[key] = t.number(key, minimum=1)
    if t.has("short_hop_km"):
        kwargs["short_hop_km"] = t.number("short_hop_km", minimum=0)
    if t.has("speed_bands"):
        kwargs["speed_bands"] = _speed_bands(t)
    if t.bad:
        return TravelSettings()
    try:
        return TravelSettings(**kwargs)
    except ValueError as exc:
        t.report(None, str(exc))
        return TravelSettings()


def _consolidation(top: TomlTable, base: Path) -> Consolidation:
    """[consolidation]: an optional baseline scenario and [[consolidation.line_haul]] entries."""
    t = top.table("consolidation", required=False)
    if t is None or not t.data:
        return Consolidation()
    t.check_keys(CONSOLIDATION_KEYS)
    compare = None
    if t.has("compare_with"):
        text = t.text("compare_with")
        if text is not None:
            compare = (base / Path(text).expanduser()).resolve()
            if not compare.is_file():
                t.report("compare_with", "scenario file not found", text,
                         f"a scenario file, relative to {base}")
    entries = t.data.get("line_haul", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        t.report("line_haul", "must be an array of tables", entries,
                 "[[consolidation.line_haul]] tables with hub, days, payload_kg and a rate")
        return Consolidation()
    specs, seen = [], set()
    for i, entry in enumerate(entries, start=1):
        e = TomlTable(t.file, "[[consolidation.line_haul]]", entry, t.problems, row=i)
        e.check_keys(LINE_HAUL_KEYS)
        e.free_text("source")
        hub = e.text("hub")
        if hub is not None and hub in seen:
            e.report("hub", "a second line-haul from the same hub", hub, "one entry per hub")
        seen.add(hub)
        days = e.text("days")
        if days is not None:
            try:
                parse_days(days)
            except ValueError as exc:
                e.report("days", f"bad departure days: {exc}", days,
                         "day names or ranges such as 'Sat', 'Mon,Thu' or 'daily'")
        departure = e.text("departure", default="18:00")
        if departure is not None:
            try:
                parse_clock(departure)
            except ValueError:
                e.report("departure", "not a time of day", departure, "HH:MM, e.g. 18:00")
        payload = e.number("payload_kg", positive=True)
        charge = e.text("charge", default="per_trip")
        if charge is not None and charge not in CHARGES:
            e.report("charge", "unknown way to charge the line-haul", charge,
                     f"one of: {', '.join(CHARGES)}")
        rate = e.number("rate_inr_per_km", minimum=0, default=None)
        per_trip = e.number("cost_inr_per_trip", minimum=0, default=None)
        if (rate is None) == (per_trip is None) and not e.bad:
            e.report(None, "give either rate_inr_per_km or cost_inr_per_trip",
                     expected="rate_inr_per_km (x road km to the plant) or cost_inr_per_trip")
        if not e.bad:
            specs.append(LineHaulSettings(hub, days, payload, departure, rate, per_trip,
                                          e.data.get("source", ""), charge))
    return Consolidation(tuple(specs), compare)


def _prices(top: TomlTable, yields_path: Path | None) -> PriceShock:
    """[prices]: `factor = { <magnet type> = multiplier }` on the yields file's value per kg."""
    t = top.table("prices", required=False)
    if t is None or not t.data:
        return PriceShock()
    t.check_keys(PRICES_KEYS)
    t.free_text("note")
    factor = t.data.get("factor", {})
    if not isinstance(factor, dict):
        t.report("factor", "not a table of magnet types", factor,
                 "an inline table such as { ndfeb_motor = 2.66, ndfeb_ev = 2.12 }")
        return PriceShock()
    # Checked here, not only when the problem is built, so that `validate` shows a misspelt
    # magnet type together with every other problem of the scenario.
    known = _magnet_types(yields_path)
    yields_name = yields_path.name if yields_path is not None else "the yields file"
    # One key per magnet type, named as the user sees it: "[prices] factor.ndfeb_motor".
    f = TomlTable(t.file, t.header, {f"factor.{k}": v for k, v in factor.items()}, t.problems)
    factors = []
    for magnet_type in factor:
        key = f"factor.{magnet_type}"
        if known is not None and magnet_type not in known:
            f.report(key, "unknown magnet type", magnet_type,
                     f"a magnet type of {yields_name}: {', '.join(known) or 'none'}")
        factors.append((magnet_type, f.number(key, positive=True)))
    if t.bad or f.bad:
        return PriceShock()
    return PriceShock(tuple(factors), t.data.get("note", ""))


def _magnet_types(yields_path: Path | None) -> tuple[str, ...] | None:
    """The [magnet_types.<id>] names of a yields file; None when it cannot be read (its own
    reader reports why)."""
    if yields_path is None or not yields_path.is_file():
        return None
    data = read_toml(yields_path, [])
    types = data.get("magnet_types") if data else None
    return tuple(types) if isinstance(types, dict) else None


def _visits(top: TomlTable) -> VisitFrequency:
    """[visits]: a visit every `every_days` days; sites.csv holds `stock_days` of arrivals."""
    t = top.table("visits", required=False)
    if t is None:
        return VisitFrequency()
    t.check_keys(VISITS_KEYS)
    default = VisitFrequency()
    every = t.integer("every_days", minimum=1, default=default.every_days)
    stock = t.integer("stock_days", minimum=1, default=default.stock_days)
    if t.bad:
        return VisitFrequency()
    return VisitFrequency(every, stock)


def _target(top: TomlTable) -> CollectionTarget | None:
    """[target]: tonnes of NdFeB magnet a year the network is meant to collect."""
    t = top.table("target", required=False)
    if t is None or not t.data:
        return None
    t.check_keys(TARGET_KEYS)
    t.free_text("note")
    tonnes = t.number("ndfeb_t_per_year", positive=True)
    if t.bad:
        return None
    return CollectionTarget(tonnes, t.data.get("note", ""))


def _road(travel: TomlTable, base: Path) -> RoadSettings:
    """[travel.road]: the line network and how sites reach it; paths relative to the file."""
    t = travel.table("road", header="[travel.road]")
    if t is None:
        return RoadSettings()
    t.check_keys(ROAD_KEYS)
    kwargs: dict[str, Any] = {}
    for key in ("network", "cache_dir"):
        if t.has(key):
            text = t.text(key)
            if text is not None:
                path = (base / Path(text).expanduser()).resolve()
                if key == "network" and not path.is_file():
                    t.report(key, "file not found", text,
                             "a line network file (GeoPackage, GeoJSON, or the bundled CSV)")
                kwargs[key] = path
    for key in ("class_column", "ref_column"):
        if t.has(key):
            kwargs[key] = t.text(key)
    for key in ("default_kmh", "access_kmh", "max_access_km"):
        if t.has(key):
            kwargs[key] = t.number(key, positive=True)
    if t.has("access_circuity"):
        kwargs["access_circuity"] = t.number("access_circuity", minimum=1)
    if t.has("local_estimate_km"):
        kwargs["local_estimate_km"] = t.number("local_estimate_km", minimum=0)
    if t.has("speeds_kmh"):
        speeds = t.table("speeds_kmh", header="[travel.road.speeds_kmh]")
        if speeds is not None:
            pairs = [(cls, speeds.number(cls, positive=True)) for cls in speeds.data]
            kwargs["speeds_kmh"] = tuple(pairs)
    if t.bad:
        return RoadSettings()
    try:
        return RoadSettings(**kwargs)
    except ValueError as exc:
        t.report(None, str(exc))
        return RoadSettings()


def _speed_bands(t: TomlTable) -> tuple[tuple[float, float], ...] | None:
    value = t.data["speed_bands"]
    expected = ('a list of [upper road km, km/h] pairs with increasing bounds, the last one "inf",'
                ' e.g. [[10, 20], [50, 30], ["inf", 50]]')
    bands: list[tuple[float, float]] = []
    if isinstance(value, list):
        for band in value:
            if not (isinstance(band, list) and len(band) == 2):
                break
            upper, kmh = band
            if isinstance(upper, str) and upper.strip().lower() in ("inf", "infinity"):
                upper = float("inf")
            if not all(isinstance(x, int | float) and not isinstance(x, bool)
                       for x in (upper, kmh)):
                break
            if upper <= 0 or not kmh > 0 or kmh == float("inf"):
                break
            bands.append((float(upper), float(kmh)))
        else:
            if bands and [b for b, _ in bands] == sorted({b for b, _ in bands}) \
                    and bands[-1][0] == float("inf"):
                return tuple(bands)
    t.report("speed_bands", "bad speed bands", value, expected)
    return None


def _solve(top: TomlTable, time_limit_override: float | None,
           seed_override: int | None) -> SolveSettings:
    t = top.table("solver", required=False)
    if t is None:
        t = TomlTable(top.file, "[solver]", {}, top.problems)
    t.check_keys(SOLVER_KEYS)
    kwargs: dict[str, Any] = {}
    if t.has("time_limit_s"):
        kwargs["time_limit_s"] = t.number("time_limit_s", positive=True)
    if t.has("seed"):
        kwargs["seed"] = t.integer("seed", minimum=0)
    if t.has("strategy"):
        strategy = t.text("strategy")
        if strategy is not None and strategy not in STRATEGIES:
            t.report("strategy", "unknown strategy", strategy, f"one of: {', '.join(STRATEGIES)}")
        kwargs["strategy"] = strategy
    if t.has("solution_limit"):
        kwargs["solution_limit"] = t.integer("solution_limit", minimum=1)
    if t.has("iteration_limit"):
        kwargs["iteration_limit"] = t.integer("iteration_limit", minimum=1)
    if t.has("workers"):
        kwargs["workers"] = t.integer("workers", minimum=1)
    # Command-line overrides are checked here too, but blamed on the command line.
    if time_limit_override is not None:
        if not time_limit_override > 0:
            t.problems.append(InputProblem(COMMAND_LINE, "time limit must be positive",
                                           column="--time-limit", value=time_limit_override,
                                           expected="seconds > 0"))
        kwargs["time_limit_s"] = time_limit_override
    if seed_override is not None:
        kwargs["seed"] = seed_override
    if t.bad or (time_limit_override is not None and not time_limit_override > 0):
        return SolveSettings()
    try:
        return SolveSettings(**kwargs)
    except ValueError as exc:
        t.report(None, str(exc))
        return SolveSettings()


# ---------------------------------------------------------------- writing


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
    f = scenario.site_filter
    sites: dict[str, Any] = {}
    if f.within_km_of_hub is not None:
        sites["within_km_of_hub"] = _num(f.within_km_of_hub)
    if f.states:
        sites["states"] = list(f.states)
    if f.site_types:
        sites["site_types"] = list(f.site_types)
    if sites:
        doc["sites"] = sites
    doc["shift"] = {"start": scenario.shift_start, "end": scenario.shift_end}
    doc["service"] = {
        "minutes_per_tonne": _num(scenario.service_minutes_per_tonne),
        "minutes_by_site_type": {k: _num(v) for k, v in scenario.service_minutes_by_site_type},
    }
    t = scenario.travel
    travel = {
        "source": t.source,
        "circuity_short": t.circuity_short,
        "circuity_intercity": t.circuity_intercity,
        "short_hop_km": _num(t.short_hop_km),
    }
    # One line, with "inf" as a string: the form the hand-written scenario files use.
    bands = ", ".join(f"[{_bound(u)}, {_num(v)}]" for u, v in t.speed_bands)
    s = scenario.solve
    solver: dict[str, Any] = {"time_limit_s": _num(s.time_limit_s), "seed": s.seed,
                              "strategy": s.strategy}
    if s.solution_limit is not None:
        solver["solution_limit"] = s.solution_limit
    if s.iteration_limit is not None:
        solver["iteration_limit"] = s.iteration_limit
    if s.workers is not None:
        solver["workers"] = s.workers
    head = "# Scenario as run by magroute; input paths are relative to this file.\n"
    return (head + tomli_w.dumps(doc) + "\n" + tomli_w.dumps({"travel": travel})
            + f"speed_bands = [{bands}]\n\n" + _road_toml(t.road, base)
            + tomli_w.dumps({"solver": solver}) + _consolidation_toml(scenario.consolidation, base)
            + _knobs_toml(scenario))


def _knobs_toml(scenario: Scenario) -> str:
    """[prices], [visits] and [target], each only when it differs from the default."""
    doc: dict[str, Any] = {}
    p = scenario.prices
    if p != PriceShock():
        prices: dict[str, Any] = {"note": p.note} if p.note else {}
        prices["factor"] = {k: _num(v) for k, v in p.factors}
        doc["prices"] = prices
    if scenario.visits != VisitFrequency():
        doc["visits"] = {"every_days": scenario.visits.every_days,
                         "stock_days": scenario.visits.stock_days}
    if scenario.target is not None:
        target: dict[str, Any] = {"ndfeb_t_per_year": _num(scenario.target.ndfeb_t_per_year)}
        if scenario.target.note:
            target["note"] = scenario.target.note
        doc["target"] = target
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
        if lh.source:
            e["source"] = lh.source
        entries.append(e)
    if entries:
        table["line_haul"] = entries
    return "\n" + tomli_w.dumps({"consolidation": table})


def _road_toml(r: RoadSettings, base: Path) -> str:
    if r == RoadSettings():
        return ""
    road: dict[str, Any] = {}
    if r.network is not None:
        road["network"] = _portable(r.network, base)
    if r.cache_dir is not None:
        road["cache_dir"] = _portable(r.cache_dir, base)
    road.update(class_column=r.class_column, ref_column=r.ref_column,
                default_kmh=_num(r.default_kmh), access_circuity=_num(r.access_circuity),
                access_kmh=_num(r.access_kmh), max_access_km=_num(r.max_access_km),
                local_estimate_km=_num(r.local_estimate_km),
                speeds_kmh={k: _num(v) for k, v in r.speeds_kmh})
    return tomli_w.dumps({"travel": {"road": road}}) + "\n"


def _bound(upper: float) -> str:
    return '"inf"' if upper == float("inf") else str(_num(upper))


def _num(x: float) -> float | int:
    """12.0 -> 12, so that written files read like hand-written ones."""
    return int(x) if isinstance(x, float) and x.is_integer() and abs(x) < 2**53 else x


def _portable(path: Path, base: Path) -> str:
    """`path` relative to `base` when they share more than the filesystem root, else absolute."""
    path = Path(path).absolute()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        pass
    try:
        common = Path(os.path.commonpath([path, base]))
    except ValueError:  # different drives on Windows
        return path.as_posix()
    if common == Path(common.anchor):
        return path.as_posix()
    return Path(os.path.relpath(path, base)).as_posix()


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
    )
