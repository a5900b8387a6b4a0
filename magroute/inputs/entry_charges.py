"""entry_charges.csv -> `EntryCharge` rows (see data/entry_charges.csv and data/README.md)."""

from __future__ import annotations

from pathlib import Path

import shapely

from magroute.domain import limits
from magroute.domain.entry import EntryCharge
from magroute.domain.fleet import VEHICLE_CLASSES
from magroute.errors import InputProblem
from magroute.inputs.region import Region
from magroute.inputs.table import raise_if_any, read_table

REQUIRED = ("area", "vehicle_class", "charge_inr")
OPTIONAL = ("source",)


def read_entry_charges(path: Path | str, region: Region, *,
                       problems: list[InputProblem] | None = None) -> tuple[EntryCharge, ...]:
    """One row per (area, vehicle class): INR per entry into the area. `area` names a polygon
    of the region's outline (India: a state or union territory, e.g. `Delhi`)."""
    collect: list[InputProblem] = [] if problems is None else problems
    table = read_table(Path(path), collect, required=REQUIRED)
    out: list[EntryCharge] = []
    areas = [name for name, _ in region.parts]
    seen: dict[tuple[str, str], int] = {}
    for n, cells in table or ():
        assert table is not None
        r = table.reader(n, cells, collect)
        area = r.choice("area", areas)
        vehicle_class = r.choice("vehicle_class", VEHICLE_CLASSES)
        charge = r.number("charge_inr", limit=limits.ENTRY_CHARGE_INR)
        if r.bad:
            continue
        assert area is not None and vehicle_class is not None and charge is not None
        if (area, vehicle_class) in seen:
            r.report("vehicle_class", f"a second charge for {area}, {vehicle_class} (row "
                     f"{seen[area, vehicle_class]})", vehicle_class, "one row per area and class")
            continue
        seen[area, vehicle_class] = n
        out.append(EntryCharge(area, vehicle_class, charge, r.get("source")))
    if problems is None:
        raise_if_any(collect)
    return tuple(out)


def areas_of_places(region: Region, charges: tuple[EntryCharge, ...],
                    places: list[tuple[str, float, float]]) -> tuple[tuple[str, str], ...]:
    """(place id, area) for every place (id, lat, lon) inside a charged area's polygon."""
    charged = {c.area for c in charges}
    polygons = [(name, g) for name, g in region.parts if name in charged]
    out = []
    for place_id, lat, lon in places:
        point = shapely.Point(lon, lat)
        area = next((name for name, g in polygons if g.contains(point)), None)
        if area is not None:
            out.append((place_id, area))
    return tuple(out)
