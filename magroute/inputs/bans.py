"""truck_bans.csv -> `TruckBan` rules (see data/truck_bans.csv and data/README.md)."""

from __future__ import annotations

from pathlib import Path

from magroute.domain import limits
from magroute.domain.bans import TruckBan
from magroute.domain.fleet import VEHICLE_CLASSES
from magroute.errors import InputProblem
from magroute.inputs.region import Region
from magroute.inputs.table import raise_if_any, read_table

REQUIRED = ("zone_id", "city", "lat", "lon", "radius_km", "vehicle_classes", "days", "start",
            "end")
OPTIONAL = ("source", "detour_ring_km", "detour_km", "detour_min")


def read_bans(path: Path | str, *, problems: list[InputProblem] | None = None,
              region: Region | None = None, warnings: list[InputProblem] | None = None
              ) -> tuple[TruckBan, ...]:
    """Read the truck-ban table: one row per (zone, classes, days, banned time window).

    `vehicle_classes` is a `;`-separated list of lcv, mcv, hcv; `days` as in opening hours
    ('Mon-Fri,Sun', 'daily'); `start`/`end` HH:MM with start before end (a ban across midnight
    is two rows). Zone centres must lie in `region` (None: India's bounding box). A row that
    repeats an earlier one (same zone, place, radius, classes, days and window) changes
    nothing: it goes to `warnings`, naming the first. Optional `detour_ring_km` (the ring road
    around the zone, from its centre), `detour_km` and `detour_min` (a fixed extra instead)
    say how the banned classes drive past it (travel/detours.py).
    """
    collect: list[InputProblem] = [] if problems is None else problems
    bans = _read(Path(path), collect, region, [] if warnings is None else warnings)
    if problems is None:
        raise_if_any(collect)
    return bans


def _read(path: Path, problems: list[InputProblem], region: Region | None,
          warnings: list[InputProblem]) -> tuple[TruckBan, ...]:
    table = read_table(path, problems, required=REQUIRED)
    if table is None:
        return ()
    bans: list[TruckBan] = []
    first: dict[tuple, int] = {}  # a ban's rule (without its source) -> its first row
    for n, cells in table:
        r = table.reader(n, cells, problems)
        zone_id, city = r.text("zone_id"), r.text("city")
        location = r.location(region)
        radius = r.number("radius_km", limit=limits.BAN_RADIUS_KM)
        classes = frozenset(c.strip().lower() for c in r.get("vehicle_classes").split(";")
                            if c.strip())
        if not classes or classes - set(VEHICLE_CLASSES):
            r.report("vehicle_classes", "unknown vehicle class", r.get("vehicle_classes") or None,
                     f"one or more of {', '.join(VEHICLE_CLASSES)} separated by ';'")
        # How the banned classes get past the zone (travel/detours.py); blank: its own edge.
        detour = {c: r.number(c, minimum=0) if r.get(c).strip() else None
                  for c in ("detour_ring_km", "detour_km", "detour_min")}
        # Opening-hours syntax, with the days and window of the ban.
        window = r.weekly_hours("days", "start", "end")
        if r.bad:
            continue
        # r.bad is False, so every cell parsed
        assert zone_id is not None and city is not None and location is not None
        assert window is not None and radius is not None
        try:
            ban = TruckBan(zone_id, city, location[0], location[1], radius, classes,
                           window.days, window.open_min, window.close_min, r.get("source"),
                           **detour)
        except ValueError as exc:
            r.report(None, str(exc))
            continue
        rule = (zone_id, city.casefold(), location, radius, classes, window.days,
                window.open_min, window.close_min)
        if rule in first:
            warnings.append(InputProblem(table.file, f"repeats the ban of row {first[rule]}, "
                                         "so it changes nothing", n, "zone_id", zone_id,
                                         "one row per zone, classes, days and window"))
            continue
        first[rule] = n
        bans.append(ban)
    return tuple(bans)

