"""pickups.csv: the pickup ledger, one row per planned pickup (the start of a material passport).

Each pickup ID (see `export.sheets`) travels on the driver's manifest and is what the hub's
weighbridge records; `magroute receive` reconciles the two. `trip` is the route's trip that
brings the pickup in (the same as routes.csv's `trip` for the pickup's event): a truck unloads at
the hub after each trip, so the weighbridge sees each trip's pickups together. Pickup IDs number
the pickups along the whole route, across its trips. Expected magnet kg are given per magnet
type, one column each (``magnet_kg_ndfeb_hdd`` ...), for every type in the problem.
``expected_value_inr`` is the magnets' expected value, ``expected_purchase_inr`` what the seller
is paid (the consignment's invoice value; a ledger without the column reads as 0).
"""

from __future__ import annotations

from pathlib import Path

from magroute.domain.pickup import PlannedPickup
from magroute.domain.problem import Problem
from magroute.errors import InputError, InputProblem
from magroute.export.sheets import RouteSheet
from magroute.export.tables import write_csv
from magroute.formatting import iso_time
from magroute.inputs.table import RowReader, Table, read_table

LEDGER_COLUMNS = (
    "pickup_id", "route_id", "vehicle_id", "seq", "trip", "planned_date", "planned_arrival", "site_id",
    "site_name", "site_type", "pincode", "city", "state", "contact", "expected_items",
    "expected_kg", "expected_magnet_kg", "expected_value_inr", "expected_purchase_inr",
    "must_collect",
)

# What `read_pickup_ledger` needs; the other columns are for people. `trip` is read when there
# (a ledger written before trips existed has none: one trip per route).
LEDGER_READ = ("pickup_id", "route_id", "vehicle_id", "site_id", "site_name", "planned_date",
               "expected_kg", "expected_magnet_kg")


MAGNET_PREFIX = "magnet_kg_"  # one column per magnet type: magnet_kg_ndfeb_hdd, ...


def magnet_types(problem: Problem) -> tuple[str, ...]:
    return tuple(sorted({t for y in problem.yields for t, _ in y.magnet_kg_by_type}))


def ledger_columns(problem: Problem) -> tuple[str, ...]:
    return LEDGER_COLUMNS + tuple(f"{MAGNET_PREFIX}{t}" for t in magnet_types(problem))


def pickup_rows(problem: Problem, sheets: tuple[RouteSheet, ...]) -> list[dict[str, str]]:
    """The ledger's rows in plan order; expected items as ``item_id:count`` joined by ``;``."""
    tz = problem.horizon.tz
    types = magnet_types(problem)
    rows = []
    for sheet in sheets:
        for s in sheet.pickups:
            by_type = dict(s.magnet_kg_by_type)
            row = {
                "pickup_id": s.pickup_id, "route_id": sheet.route_id,
                "vehicle_id": sheet.vehicle_id, "seq": str(s.seq), "trip": str(s.trip),
                "planned_date": s.date.isoformat(), "planned_arrival": iso_time(s.arrival, tz),
                "site_id": s.place_id, "site_name": s.name, "site_type": s.site_type,
                "pincode": s.pincode, "city": s.city, "state": s.state, "contact": s.contact,
                "expected_items": ";".join(f"{i}:{n}" for i, n in s.items),
                "expected_kg": f"{s.gross_kg:.1f}", "expected_magnet_kg": f"{s.magnet_kg:.3f}",
                "expected_value_inr": f"{s.value_inr:.2f}",
                "expected_purchase_inr": f"{s.purchase_inr:.2f}",
                "must_collect": "true" if s.must_collect else "false",
            }
            row.update({f"{MAGNET_PREFIX}{t}": f"{by_type.get(t, 0.0):.3f}" for t in types})
            rows.append(row)
    return rows


def write_pickups_csv(problem: Problem, sheets: tuple[RouteSheet, ...], path: Path | str) -> Path:
    """Write pickups.csv (text cells neutralised against formula injection). Returns the path."""
    return write_csv(Path(path), ledger_columns(problem), pickup_rows(problem, sheets))


def read_pickup_ledger(path: Path | str,
                       problems: list[InputProblem] | None = None) -> tuple[PlannedPickup, ...]:
    """Read a pickups.csv written by `write_pickups_csv`. Every bad cell (and a pickup ID used
    twice) is a problem: raised as one `InputError`, or added to `problems` when given (the
    caller raises them with its own)."""
    collect: list[InputProblem] = [] if problems is None else problems
    before_all = len(collect)
    table = read_table(Path(path), collect, required=LEDGER_READ, allow_empty=True)
    out = () if table is None else _pickups(table, collect)
    if problems is None and len(collect) > before_all:
        raise InputError(collect)
    return out


def _items(c: RowReader) -> tuple[tuple[str, int], ...] | None:
    """``item_id:count;...`` as the ledger writes it (blank: none)."""
    out = []
    for part in filter(None, c.get("expected_items").split(";")):
        item, _, count = part.partition(":")
        if not item or not count.isdigit():
            c.report("expected_items", "not item_id:count pairs", c.get("expected_items"),
                     "item_id:count joined by ';', e.g. desktop_hdd:40;e2w_motor:3")
            return None
        out.append((item, int(count)))
    return tuple(out)


def _pickups(table: Table, problems: list[InputProblem]) -> tuple[PlannedPickup, ...]:
    out: list[PlannedPickup] = []
    first: dict[str, int] = {}
    for n, cells in table:
        c = table.reader(n, cells, problems)
        pid = c.text("pickup_id")
        if pid is not None and pid in first:
            c.report("pickup_id", f"pickup ID also on row {first[pid]}", pid, "each pickup ID once")
        elif pid is not None:
            first[pid] = n
        planned = c.date("planned_date")
        kg = c.number("expected_kg", minimum=0)
        magnet = c.number("expected_magnet_kg", minimum=0)
        # A ledger written before trips existed has no trip column: one trip per route.
        trip = c.count("trip", default=1, minimum=1) if "trip" in cells else 1
        if c.bad or pid is None or planned is None or kg is None or magnet is None \
                or trip is None:
            continue
        items = _items(c)
        value = c.number("expected_value_inr", minimum=0, default=0.0)
        purchase = c.number("expected_purchase_inr", minimum=0, default=0.0) \
            if "expected_purchase_inr" in cells else 0.0
        by_type = tuple((col[len(MAGNET_PREFIX):], c.number(col, minimum=0) or 0.0)
                        for col in cells if col.startswith(MAGNET_PREFIX) and c.get(col))
        if c.bad or items is None or value is None or purchase is None:
            continue
        out.append(PlannedPickup(pid, c.get("route_id"), c.get("vehicle_id"), c.get("site_id"),
                                 c.get("site_name"), planned, kg, magnet, trip,
                                 site_type=c.get("site_type"), pincode=c.get("pincode"),
                                 city=c.get("city"), state=c.get("state"), expected_items=items,
                                 expected_value_inr=value, expected_purchase_inr=purchase,
                                 magnet_kg_by_type=by_type))
    return tuple(out)
