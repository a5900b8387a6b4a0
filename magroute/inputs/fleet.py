"""fleet.toml -> `Vehicle` objects: truck types, and how many of each are based at which hub."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from magroute.domain import limits
from magroute.domain.driver import DriverRules
from magroute.domain.fleet import VEHICLE_CLASSES, IdleCost, Vehicle, VehicleType
from magroute.errors import InputProblem
from magroute.inputs.table import raise_if_any
from magroute.inputs.tomlfile import TomlTable, read_toml

TOP_KEYS = ("types", "fleet", "driver_hours", "idle_cost")
IDLE_KEYS = ("charge", "driver_paid_hours_per_day", "source")
DRIVER_KEYS = ("enabled", "max_driving_h_per_day", "break_after_driving_h", "break_minutes",
               "min_rest_h", "max_spread_over_h", "max_duty_h_per_week", "source")
TYPE_KEYS = ("label", "vehicle_class", "payload_kg", "fixed_cost_inr_per_day", "cost_inr_per_km",
             "driver_cost_inr_per_hour", "co2_kg_per_km", "max_trips", "hired", "max_tour_days",
             "crew", "second_driver_inr_per_day", "source")
FLEET_KEYS = ("type", "count", "home", "max_trips")
COST_LIMITS = {"fixed_cost_inr_per_day": limits.FIXED_COST_INR_PER_DAY,
               "cost_inr_per_km": limits.COST_INR_PER_KM,
               "driver_cost_inr_per_hour": limits.DRIVER_COST_INR_PER_HOUR,
               "co2_kg_per_km": limits.CO2_KG_PER_KM}


def vehicle_id(type_id: str, k: int) -> str:
    """Vehicles are numbered per type across all [[fleet]] entries: ace-01, ace-02, ..."""
    return f"{type_id}-{k:02d}"


def read_fleet(
    path: Path | str,
    hub_ids: Collection[str] | None,
    *,
    problems: list[InputProblem] | None = None,
    warnings: list[InputProblem] | None = None,
) -> tuple[Vehicle, ...]:
    """Read the fleet.

    Parameters
    ----------
    path
        TOML with `[types.<type_id>]` tables (label, vehicle_class, payload_kg,
        fixed_cost_inr_per_day, cost_inr_per_km, driver_cost_inr_per_hour, co2_kg_per_km,
        optional max_trips and free-text source) and `[[fleet]]` entries (type, count, home,
        optional max_trips). `max_trips` is how many trips a truck may make in one plan
        (unloading and setting out again in between); the entry's overrides the type's, and
        without either a truck makes as many as fit (1 = one tour, as before trips existed).
    hub_ids
        Known hub ids; a `home` outside them is a problem. None skips that check.
    problems
        If given, problems are appended to it and the clean vehicles are returned; otherwise an
        `InputError` listing every problem is raised.
    warnings
        Receives inert entries (`count = 0`: legal, e.g. a type laid up, but no truck).
    """
    collect: list[InputProblem] = [] if problems is None else problems
    vehicles = _read(Path(path), hub_ids, collect, [] if warnings is None else warnings)
    if problems is None:
        raise_if_any(collect)
    return vehicles


def read_idle_cost(path: Path | str, *, problems: list[InputProblem] | None = None
                   ) -> IdleCost:
    """The fleet's `[idle_cost]`: whether owned trucks' days without work are charged (default
    yes) and how many paid hours a driver's day is (default 10)."""
    collect: list[InputProblem] = [] if problems is None else problems
    idle = IdleCost()
    data = read_toml(Path(path), [])  # a broken file is reported once, by read_fleet
    t = None if data is None else _settings_table(Path(path).name, data, "idle_cost", IDLE_KEYS,
                                                  collect)
    if t is not None:
        charge = _flag(t, "charge")
        hours = t.number("driver_paid_hours_per_day", minimum=0, maximum=24, default=10.0)
        if not t.bad and hours is not None:
            idle = IdleCost(charge, hours)
    if problems is None:
        raise_if_any(collect)
    return idle


def _settings_table(file: str, data: dict, name: str, keys: tuple[str, ...],
                    problems: list[InputProblem]) -> TomlTable | None:
    """The fleet file's `[name]` table with its keys checked; None when absent or empty."""
    t = TomlTable(file, "", data, problems).table(name, required=False)
    if t is None or not t.data:
        return None
    t.check_keys(keys)
    t.free_text("source")
    return t


def _flag(t: TomlTable, key: str) -> bool:
    """A true/false key, true when absent; anything else is reported (and read as false)."""
    value = t.data.get(key, True)
    if not isinstance(value, bool):
        t.report(key, "not true or false", value, "true or false")
    return value is True


def read_driver_rules(path: Path | str, *, problems: list[InputProblem] | None = None
                      ) -> DriverRules | None:
    """The fleet's `[driver_hours]`; absent means the defaults of domain.md, and
    `enabled = false` means no driver-hours rules at all (the shift alone limits duty)."""
    collect: list[InputProblem] = [] if problems is None else problems
    rules = None
    data = read_toml(Path(path), [])  # a broken file is reported once, by read_fleet
    if data is not None:
        t = _settings_table(Path(path).name, data, "driver_hours", DRIVER_KEYS, collect)
        rules = DriverRules()
        if t is not None:
            enabled = _flag(t, "enabled")
            kwargs: dict[str, float | None] = {}
            for key in ("max_driving_h_per_day", "break_after_driving_h", "min_rest_h",
                        "max_spread_over_h"):
                if t.has(key):
                    kwargs[key] = t.number(key, positive=True, maximum=24)
            if t.has("max_duty_h_per_week"):
                kwargs["max_duty_h_per_week"] = t.number("max_duty_h_per_week", positive=True,
                                                         maximum=7 * 24)
            if t.has("break_minutes"):
                kwargs["break_minutes"] = t.number("break_minutes", limit=limits.BREAK_MINUTES)
            if not t.bad:  # so no value is None
                given = {k: v for k, v in kwargs.items() if v is not None}
                rules = DriverRules(**given) if enabled is True else None
    if problems is None:
        raise_if_any(collect)
    return rules


def _read(path: Path, hub_ids: Collection[str] | None, problems: list[InputProblem],
          warnings: list[InputProblem]) -> tuple[Vehicle, ...]:
    data = read_toml(path, problems)
    if data is None:
        return ()
    n_before = len(problems)
    top = TomlTable(path.name, "", data, problems)
    top.check_keys(TOP_KEYS)
    types = _read_types(top)

    entries = data.get("fleet")
    if entries is None:
        top.report("fleet", "no [[fleet]] entries",
                   expected="[[fleet]] tables with type, count, home")
        return ()
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        top.report("fleet", "must be an array of tables", type(entries).__name__,
                   "[[fleet]] tables with type, count, home")
        return ()

    vehicles: list[Vehicle] = []
    numbered: dict[str, int] = {}
    valid_types = ", ".join(_defined_types(data)) or "none defined"
    for n, entry in enumerate(entries, start=1):
        e = TomlTable(path.name, "[[fleet]]", entry, problems, row=n)
        e.check_keys(FLEET_KEYS)
        type_id = e.text("type")
        count = e.integer("count", limit=limits.TRUCKS_PER_ENTRY)
        home = e.text("home")
        trips = e.integer("max_trips", limit=limits.MAX_TRIPS) if e.has("max_trips") else None
        if type_id is not None and type_id not in _defined_types(data):
            e.report("type", "unknown vehicle type", type_id,
                     f"a type defined as [types.<name>]: {valid_types}")
        if home is not None and hub_ids is not None and home not in hub_ids:
            e.report("home", "unknown home hub (not in hubs.csv)", home,
                     f"a hub_id from hubs.csv: {', '.join(sorted(hub_ids)) or 'none'}")
        if e.bad or type_id not in types:
            continue
        assert type_id is not None and count is not None and home is not None
        vtype, type_trips = types[type_id]
        if count == 0:
            warnings.append(InputProblem(path.name, "a fleet entry of 0 trucks adds nothing", n,
                                         "[[fleet]] count", 0,
                                         "1 or more trucks, or delete the entry"))
        for _ in range(count):
            numbered[type_id] = numbered.get(type_id, 0) + 1
            vehicles.append(Vehicle(vehicle_id(type_id, numbered[type_id]), vtype, home,
                                    trips if trips is not None else type_trips))
    if not vehicles and len(problems) == n_before:
        top.report("fleet", "the fleet has no vehicles (every count is 0)",
                   expected="at least one [[fleet]] entry with count >= 1")
    return tuple(vehicles)


def _defined_types(data: dict) -> list[str]:
    """Every [types.<name>], broken ones included (those are reported once, as broken)."""
    types = data.get("types")
    return list(types) if isinstance(types, dict) else []


def _read_types(top: TomlTable) -> dict[str, tuple[VehicleType, int | None]]:
    """Every good [types.<name>]: the type and its max_trips (None: as many as fit)."""
    table = top.table("types")
    if table is None:
        return {}
    out: dict[str, tuple[VehicleType, int | None]] = {}
    for type_id, body in table.data.items():
        header = f"[types.{type_id}]"
        if not isinstance(body, dict):
            table.report(type_id, f"{header} must be a table", body, f"a {header} table")
            continue
        t = TomlTable(top.file, header, body, top.problems)
        t.check_keys(TYPE_KEYS)
        label = t.text("label")
        vehicle_class = t.text("vehicle_class")
        if vehicle_class is not None and vehicle_class not in VEHICLE_CLASSES:
            t.report("vehicle_class", "unknown vehicle class", vehicle_class,
                     f"one of: {', '.join(VEHICLE_CLASSES)}")
        payload = t.number("payload_kg", limit=limits.PAYLOAD_KG)
        costs = {k: t.number(k, limit=limit) for k, limit in COST_LIMITS.items()}
        trips = t.integer("max_trips", limit=limits.MAX_TRIPS) if t.has("max_trips") else None
        hired = t.data.get("hired", False)
        if not isinstance(hired, bool):
            t.report("hired", "not true or false", hired,
                     "true for a hired vehicle (paid by the trip and km), false for an own one")
        tour_days = t.integer("max_tour_days", limit=limits.HORIZON_DAYS) \
            if t.has("max_tour_days") else None
        crew = t.integer("crew", minimum=1, default=1)
        if crew is not None and crew > 2:
            t.report("crew", "more drivers than a cab seats", crew, "1 or 2 drivers")
        second = t.number("second_driver_inr_per_day", minimum=0, default=0.0)
        t.free_text("source")
        if t.bad:
            continue
        # t.bad is False, so every key parsed
        assert label is not None and vehicle_class is not None and payload is not None
        given = {k: v for k, v in costs.items() if v is not None}
        try:
            out[type_id] = (VehicleType(type_id=type_id, label=label,
                                        vehicle_class=vehicle_class, payload_kg=payload,
                                        hired=hired is True, max_tour_days=tour_days,
                                        crew=crew or 1,
                                        second_driver_inr_per_day=second or 0.0,
                                        **given), trips)
        except ValueError as exc:
            t.report(None, str(exc))
    return out
