"""sites.csv (or .gpkg/.geojson) -> `Site` objects, every problem reported at once."""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from magroute.domain import limits
from magroute.domain.fleet import VEHICLE_CLASSES
from magroute.domain.hours import format_clock, format_days
from magroute.domain.site import SITE_TYPES, Site
from magroute.errors import InputProblem
from magroute.inputs.region import Region
from magroute.inputs.table import raise_if_any, read_table

REQUIRED = ("site_id", "name", "site_type", "lat", "lon", "open_days", "open_time", "close_time",
            "gross_weight_kg")
OPTIONAL = ("pincode", "city", "state", "must_collect", "contact", "max_vehicle_class")
QTY_PREFIX = "qty_"  # qty_<item_id>: how many items of that category the site holds


def read_sites(
    path: Path | str,
    item_ids: Collection[str] | None,
    *,
    problems: list[InputProblem] | None = None,
    region: Region | None = None,
    warnings: list[InputProblem] | None = None,
) -> tuple[Site, ...]:
    """Read the site register.

    Parameters
    ----------
    path
        CSV with columns `site_id, name, site_type, lat, lon, open_days, open_time, close_time,
        gross_weight_kg` (required), `pincode, city, state, must_collect, contact` and
        `qty_<item_id>` (optional); or a GeoPackage/GeoJSON of points with the same attributes.
        Other columns (notes, sources) are ignored.
    item_ids
        Item categories known to the yield model; a `qty_` column for any other item is a
        problem. None skips that check (used when yields.toml itself is broken).
    problems
        If given, problems are appended to it and the clean rows are returned; otherwise an
        `InputError` listing every problem is raised.
    region
        Where sites may lie (`inputs.region`); None checks India's bounding box only.
    warnings
        Receives legal but unusual values (more items of one kind than a site of its type
        plausibly holds), which do not stop a plan.

    Returns
    -------
    tuple of Site
        In file order; only rows without problems.
    """
    collect: list[InputProblem] = [] if problems is None else problems
    sites = _read(Path(path), item_ids, collect, region,
                  [] if warnings is None else warnings)
    if problems is None:
        raise_if_any(collect)
    return sites


def _read(path: Path, item_ids: Collection[str] | None, problems: list[InputProblem],
          region: Region | None, warnings: list[InputProblem]) -> tuple[Site, ...]:
    table = read_table(path, problems, required=REQUIRED)
    if table is None:
        return ()
    qty_columns = [c for c in table.columns if c.startswith(QTY_PREFIX)]
    if item_ids is not None:
        valid = (", ".join(QTY_PREFIX + i for i in sorted(item_ids))
                 or "none (yields.toml has no items)")
        for column in qty_columns:
            item = column[len(QTY_PREFIX):]
            if item not in item_ids:
                problems.append(InputProblem(
                    table.file, f"header names unknown item '{item}' (not in yields.toml)",
                    column=column, expected=f"a qty_ column per item in yields.toml: {valid}",
                ))
        # Unknown columns are reported once above, not again on every row.
        qty_columns = [c for c in qty_columns if c[len(QTY_PREFIX):] in item_ids]

    sites: list[Site] = []
    first_row: dict[str, int] = {}
    for n, cells in table:
        r = table.reader(n, cells, problems)
        site_id = r.unique_text("site_id", first_row)
        name = r.text("name")
        site_type = r.choice("site_type", SITE_TYPES)
        location = r.location(region)
        hours = r.weekly_hours("open_days", "open_time", "close_time")
        gross = r.number("gross_weight_kg", limit=limits.GROSS_KG)
        must_collect = r.boolean("must_collect")
        access = r.choice("max_vehicle_class", VEHICLE_CLASSES) \
            if r.get("max_vehicle_class").strip() else ""
        counts = [(c[len(QTY_PREFIX):], r.count(c, limit=limits.ITEMS)) for c in qty_columns]
        if r.bad:
            continue
        # r.bad is False, so every cell parsed
        assert site_id is not None and name is not None and site_type is not None
        assert location is not None and hours is not None and gross is not None
        warnings.extend(_unusual_counts(table.file, n, site_type, counts))
        try:
            sites.append(Site(
                site_id=site_id, name=name, site_type=site_type, lat=location[0],
                lon=location[1], hours=hours,
                inventory=tuple(sorted((item, k) for item, k in counts if k)),
                gross_weight_kg=gross, pincode=r.get("pincode"), city=r.get("city"),
                state=r.get("state"), must_collect=bool(must_collect), contact=r.get("contact"),
                max_vehicle_class=access or "",
            ))
        except ValueError as exc:  # a rule the row checks above do not know about yet
            r.report(None, str(exc))
    return tuple(sites)


def write_sites(path: Path | str, sites: Iterable[Site], item_ids: Sequence[str]) -> Path:
    """Write sites in the format `read_sites` reads (one `qty_` column per item)."""
    columns = ["site_id", "name", "site_type", "pincode", "city", "state", "lat", "lon",
               "open_days", "open_time", "close_time", *(QTY_PREFIX + i for i in item_ids),
               "gross_weight_kg", "must_collect", "contact", "max_vehicle_class"]
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for s in sites:
            items = dict(s.inventory)
            w.writerow([s.site_id, s.name, s.site_type, s.pincode, s.city, s.state, s.lat, s.lon,
                        format_days(s.hours.days), format_clock(s.hours.open_min),
                        format_clock(s.hours.close_min), *(items.get(i, 0) for i in item_ids),
                        s.gross_weight_kg, "true" if s.must_collect else "false", s.contact,
                        s.max_vehicle_class])
    return path


def _unusual_counts(file: str, row: int, site_type: str,
                    counts: Iterable[tuple[str, int | None]]) -> list[InputProblem]:
    """Counts legal but unusual for the site type: a warning each, with file, row and column."""
    shop = site_type in limits.SHOP_TYPES
    band = limits.SHOP_ITEMS_WARN if shop else limits.YARD_ITEMS_WARN
    kind = "a shop-sized site" if shop else "a yard or dismantler"
    return [InputProblem(file, f"unusually many items for {kind} ({site_type})", row,
                         QTY_PREFIX + item, k, f"at most {band:,} of one kind is usual; "
                         "check the unit (items, not grams) and the column")
            for item, k in counts if k is not None and k > band]

