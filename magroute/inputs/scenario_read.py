"""scenario.toml -> `Scenario` (`scenario_write` is the way back). Input paths in the file are
relative to the file itself.

A key whose `Scenario` field has a default may be left out; the others are required, except
`name` (defaults to the file's stem) and `start_date` (defaults to tomorrow in India).
Unknown keys are errors, so that a typo cannot silently fall back to a default. The sections
that map one-to-one onto a settings dataclass ([sites], [travel], [travel.road], [solver],
[visits], [target]) take their keys, types, defaults and bounds from its fields
(`settings_toml`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from magroute.domain import limits
from magroute.domain.horizon import IST
from magroute.domain.hours import format_clock, parse_clock, parse_days
from magroute.domain.linehaul import CHARGES
from magroute.domain.scenario import (
    AccessSettings,
    CollectionTarget,
    Consolidation,
    LineHaulSettings,
    PriceShock,
    RegionSettings,
    RoadSettings,
    Scenario,
    SiteFilter,
    SolveSettings,
    SupplySettings,
    TravelSettings,
    VisitFrequency,
)
from magroute.domain.site import SITE_TYPES
from magroute.errors import InputProblem
from magroute.inputs.region import load_region
from magroute.inputs.settings_toml import read_section
from magroute.inputs.table import raise_if_any
from magroute.inputs.tomlfile import TomlTable, read_toml

TOP_KEYS = ("name", "description", "start_date", "horizon_days", "max_tour_days", "max_trips",
            "inputs",
            "sites", "shift", "service", "travel", "solver", "consolidation", "prices", "visits",
            "target", "supply", "region", "access")
INPUT_KEYS = ("sites", "fleet", "yields", "hubs", "hub", "truck_bans", "entry_charges")
OPTIONAL_INPUTS = ("truck_bans", "entry_charges")
INPUT_FILES = ("sites", "fleet", "yields", "hubs")
SHIFT_KEYS = ("start", "end")
SERVICE_KEYS = ("minutes_per_tonne", "minutes_by_site_type")
CONSOLIDATION_KEYS = ("compare_with", "line_haul")
LINE_HAUL_KEYS = ("hub", "days", "departure", "payload_kg", "rate_inr_per_km",
                  "cost_inr_per_trip", "charge", "ptl_inr_per_kg", "ptl_min_inr", "source")
PRICES_KEYS = ("factor", "note")

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
    for key in (*INPUT_FILES, *OPTIONAL_INPUTS):
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
    horizon_days = top.integer("horizon_days", limit=limits.HORIZON_DAYS)
    max_tour_days = top.integer("max_tour_days", limit=limits.HORIZON_DAYS)
    if horizon_days is not None and max_tour_days is not None and max_tour_days > horizon_days:
        top.report("max_tour_days", "a tour cannot last longer than the horizon", max_tour_days,
                   f"a whole number from 1 to horizon_days ({horizon_days})")

    max_trips = top.integer("max_trips", limit=limits.MAX_TRIPS) if top.has("max_trips") else None

    paths: dict[str, Path] = {}
    hub_id = None
    inputs = top.table("inputs")
    if inputs is not None:
        inputs.check_keys(INPUT_KEYS)
        hub_id = inputs.text("hub")
        for key in (*INPUT_FILES, *OPTIONAL_INPUTS):
            if key in OPTIONAL_INPUTS and not inputs.has(key):
                continue  # optional: no bans, no entry charges
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
    site_filter = _site_filter(top, path.parent)
    travel = _travel(top, path.parent)
    solve = _solve(top, path.parent, time_limit_override, seed_override)
    consolidation = _consolidation(top, path.parent)
    prices = _prices(top, paths.get("yields"))
    visits = _visits(top, path.parent)
    target = _target(top, path.parent)
    supply = _supply(top, path.parent)
    region = _region(top, path.parent)
    access = _access(top, path.parent)

    if len(problems) > n_before:
        return None
    # No problem was recorded, so every required value was read.
    assert shift is not None and service is not None and name is not None
    assert hub_id is not None and start is not None
    assert horizon_days is not None and max_tour_days is not None
    return Scenario(
        name=name, path=path, sites_path=paths["sites"], fleet_path=paths["fleet"],
        yields_path=paths["yields"], hubs_path=paths["hubs"], bans_path=paths.get("truck_bans"),
        entry_charges_path=paths.get("entry_charges"),
        hub_id=hub_id, start_date=start,
        horizon_days=horizon_days, max_tour_days=max_tour_days, shift_start=shift[0],
        shift_end=shift[1], service_minutes_by_site_type=service[0],
        service_minutes_per_tonne=service[1], description=description,
        site_filter=site_filter, travel=travel, solve=solve, consolidation=consolidation,
        prices=prices, visits=visits, target=target, max_trips=max_trips, supply=supply,
        region=region, access=access,
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
    per_tonne = t.number("minutes_per_tonne", limit=limits.MINUTES_PER_TONNE)
    by_type = t.table("minutes_by_site_type", header="[service.minutes_by_site_type]")
    minutes: list[tuple[str, float]] = []
    if by_type is not None:
        by_type.check_keys(SITE_TYPES)
        for site_type in by_type.data:
            if site_type in SITE_TYPES:  # others were reported by check_keys
                m = by_type.number(site_type, limit=limits.SERVICE_MINUTES)
                if m is not None:
                    minutes.append((site_type, m))
    if t.bad or (by_type is not None and by_type.bad) or per_tonne is None:
        return None
    return tuple(minutes), per_tonne


def _site_filter(top: TomlTable, base: Path) -> SiteFilter:
    t = top.table("sites", required=False)
    if t is None:
        return SiteFilter()
    return read_section(t, SiteFilter, base=base) or SiteFilter()


def _travel(top: TomlTable, base: Path) -> TravelSettings:
    t = top.table("travel", required=False)
    if t is None:
        return TravelSettings()
    special = {"speed_bands": _speed_bands, "road": lambda t, key: _road(t, base)}
    return read_section(t, TravelSettings, base=base, special=special) or TravelSettings()


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
        payload = e.number("payload_kg", limit=limits.PAYLOAD_KG)
        charge = e.text("charge", default="per_trip")
        if charge is not None and charge not in CHARGES:
            e.report("charge", "unknown way to charge the line-haul", charge,
                     f"one of: {', '.join(CHARGES)}")
        rate = e.number("rate_inr_per_km", limit=limits.COST_INR_PER_KM, default=None)
        per_trip = e.number("cost_inr_per_trip", limit=limits.LINE_HAUL_COST_INR_PER_TRIP,
                            default=None)
        ptl = e.number("ptl_inr_per_kg", limit=limits.PTL_INR_PER_KG, default=None)
        ptl_min = e.number("ptl_min_inr", limit=limits.PTL_MIN_INR, default=0.0)
        if (rate is None) == (per_trip is None) and not e.bad:
            e.report(None, "give either rate_inr_per_km or cost_inr_per_trip",
                     expected="rate_inr_per_km (x road km to the plant) or cost_inr_per_trip")
        if not e.bad:
            # e.bad is False, so every key parsed
            assert hub is not None and days is not None and payload is not None
            assert departure is not None and charge is not None and ptl_min is not None
            specs.append(LineHaulSettings(hub, days, payload, departure, rate, per_trip,
                                          e.data.get("source", ""), charge, ptl, ptl_min))
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
    factors: list[tuple[str, float]] = []
    for magnet_type in factor:
        key = f"factor.{magnet_type}"
        if known is not None and magnet_type not in known:
            f.report(key, "unknown magnet type", magnet_type,
                     f"a magnet type of {yields_name}: {', '.join(known) or 'none'}")
        x = f.number(key, limit=limits.PRICE_FACTOR)
        if x is not None:
            factors.append((magnet_type, x))
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


def _visits(top: TomlTable, base: Path) -> VisitFrequency:
    """[visits]: a visit every `every_days` days; sites.csv holds `stock_days` of arrivals."""
    t = top.table("visits", required=False)
    if t is None:
        return VisitFrequency()
    return read_section(t, VisitFrequency, base=base) or VisitFrequency()


def _target(top: TomlTable, base: Path) -> CollectionTarget | None:
    """[target]: tonnes of NdFeB magnet a year the network is meant to collect."""
    t = top.table("target", required=False)
    if t is None or not t.data:
        return None
    return read_section(t, CollectionTarget, base=base)


def _region(top: TomlTable, base: Path) -> RegionSettings:
    """[region]: the outline sites, hubs and ban zones must lie in (default: India)."""
    t = top.table("region", required=False)
    if t is None:
        return RegionSettings()
    region = read_section(t, RegionSettings, base=base) or RegionSettings()
    if region.outline is not None:
        if not region.outline.is_file():
            t.report("outline", "file not found", str(region.outline),
                     "a GeoJSON or GeoPackage of polygons (e.g. your states or districts)")
        else:
            try:
                load_region(region.outline, region.buffer_km)
            except Exception as exc:  # noqa: BLE001 - any reader failure is the user's file
                t.report("outline", f"not a readable outline: {exc}", str(region.outline),
                         "a GeoJSON or GeoPackage holding polygons, in WGS84 or with a CRS")
    return region


def _access(top: TomlTable, base: Path) -> AccessSettings:
    """[access]: the largest vehicle class each site type admits (sites.csv may override)."""
    t = top.table("access", required=False)
    if t is None:
        return AccessSettings()
    return read_section(t, AccessSettings, base=base) or AccessSettings()


def _supply(top: TomlTable, base: Path) -> SupplySettings:
    """[supply]: learn each site's supply from the visits recorded in a history database."""
    t = top.table("supply", required=False)
    if t is None:
        return SupplySettings()
    supply = read_section(t, SupplySettings, base=base) or SupplySettings()
    if supply.estimates is not None and not supply.estimates.is_file():
        t.report("estimates", "file not found", str(supply.estimates),
                 "a supply.csv written by magroute (e.g. a plan folder's inputs/supply.csv)")
    return supply


def _road(travel: TomlTable, base: Path) -> RoadSettings:
    """[travel.road]: the line network and how sites reach it; paths relative to the file."""
    t = travel.table("road", header="[travel.road]")
    if t is None:
        return RoadSettings()
    special = {"network": lambda t, key: _network(t, key, base), "speeds_kmh": _speeds}
    return read_section(t, RoadSettings, base=base, special=special) or RoadSettings()


def _network(t: TomlTable, key: str, base: Path) -> Path | None:
    text = t.text(key)
    if text is None:
        return None
    path = (base / Path(text).expanduser()).resolve()
    if not path.is_file():
        t.report(key, "file not found", text,
                 "a line network file (GeoPackage, GeoJSON, or the bundled CSV)")
    return path


def _speeds(t: TomlTable, key: str) -> tuple[tuple[str, float], ...] | None:
    speeds = t.table(key, header="[travel.road.speeds_kmh]")
    if speeds is None:
        return None
    pairs = [(cls, speeds.number(cls, limit=limits.SPEED_KMH)) for cls in speeds.data]
    if speeds.bad:
        t.bad = True  # the sub-table's problems are recorded; the road settings are not usable
        return None
    return tuple((cls, kmh) for cls, kmh in pairs if kmh is not None)


def _speed_bands(t: TomlTable, key: str) -> tuple[tuple[float, float], ...] | None:
    value = t.data[key]
    expected = ('a list of [upper road km, km/h] pairs with increasing bounds, the last one "inf",'
                f' e.g. [[10, 20], [50, 30], ["inf", 50]]; speeds {limits.SPEED_KMH.expected()}, '
                f'bounds up to {limits.DISTANCE_KM.high:,.0f} km')
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
            if not (upper == float("inf") or limits.DISTANCE_KM.holds(upper)) or upper <= 0 \
                    or not limits.SPEED_KMH.holds(kmh):
                break
            bands.append((float(upper), float(kmh)))
        else:
            if bands and [b for b, _ in bands] == sorted({b for b, _ in bands}) \
                    and bands[-1][0] == float("inf"):
                return tuple(bands)
    t.report("speed_bands", "bad speed bands", value, expected)
    return None


def _solve(top: TomlTable, base: Path, time_limit_override: float | None,
           seed_override: int | None) -> SolveSettings:
    t = top.table("solver", required=False)
    if t is None:
        t = TomlTable(top.file, "[solver]", {}, top.problems)
    given: dict[str, Any] = {}
    # Command-line overrides are checked here too, but blamed on the command line.
    if time_limit_override is not None:
        if not limits.TIME_LIMIT_S.holds(time_limit_override):
            t.problems.append(InputProblem(COMMAND_LINE, "time limit out of range",
                                           column="--time-limit", value=time_limit_override,
                                           expected=f"seconds, {limits.TIME_LIMIT_S.expected()}"))
            return SolveSettings()
        given["time_limit_s"] = time_limit_override
    if seed_override is not None:
        given["seed"] = seed_override
    return read_section(t, SolveSettings, base=base, given=given) or SolveSettings()
