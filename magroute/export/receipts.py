"""receipts.csv, receipt-routes.csv and receipt-trips.csv: `magroute receive`'s reconciliation
per pickup, per route and per trip (one unload, one weighbridge slip), for people and
spreadsheets (text cells neutralised like every CSV we write)."""

from __future__ import annotations

from pathlib import Path

from magroute.analysis.receipts import Reconciliation
from magroute.domain.pickup import RECEIPT_STATUSES
from magroute.export.plan_dir import RECEIPT_ROUTES_CSV, RECEIPT_TRIPS_CSV, RECEIPTS_CSV
from magroute.export.tables import write_csv

RECEIPT_COLUMNS = ("pickup_id", "status", "route_id", "vehicle_id", "trip", "site_id", "site_name",
                   "planned_kg", "received_kg", "difference_kg", "weighbridge_row")
ROUTE_COLUMNS = ("route_id", "vehicle_id", "trips", "planned_kg", "received_kg", "difference_kg",
                 *RECEIPT_STATUSES)
# `trip` is empty on a route's row of unexpected weigh-ins (status "unexpected").
TRIP_COLUMNS = ("route_id", "vehicle_id", "trip", "status", "planned_kg", "received_kg",
                "difference_kg", *RECEIPT_STATUSES)


def _kg(x: float | None) -> str:
    return "" if x is None else f"{x:.1f}"


def _trip(trip: int | None) -> str:
    return "" if trip is None else str(trip)


def write_receipts(rec: Reconciliation, out_dir: Path | str) -> dict[str, Path]:
    """Write the three CSVs into `out_dir`; returns {"receipts", "receipt_routes",
    "receipt_trips": path}."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = [{
        "pickup_id": p.pickup_id, "status": p.status, "route_id": p.route_id,
        "vehicle_id": p.vehicle_id, "trip": _trip(p.trip), "site_id": p.site_id,
        "site_name": p.site_name,
        "planned_kg": _kg(p.planned_kg), "received_kg": _kg(p.received_kg),
        "difference_kg": _kg(p.difference_kg),
        "weighbridge_row": "" if p.weighbridge_row is None else str(p.weighbridge_row),
    } for p in rec.pickups]
    routes = [{
        "route_id": r.route_id, "vehicle_id": r.vehicle_id, "trips": str(r.trips),
        "planned_kg": _kg(r.planned_kg), "received_kg": _kg(r.received_kg),
        "difference_kg": _kg(r.received_kg - r.planned_kg),
        **{s: str(r.count(s)) for s in RECEIPT_STATUSES},
    } for r in rec.routes]
    trips = [{
        "route_id": x.route_id, "vehicle_id": x.vehicle_id, "trip": _trip(x.trip),
        "status": x.status, "planned_kg": _kg(x.planned_kg), "received_kg": _kg(x.received_kg),
        "difference_kg": _kg(x.difference_kg), **{s: str(x.count(s)) for s in RECEIPT_STATUSES},
    } for x in rec.trips]
    return {"receipts": write_csv(out / RECEIPTS_CSV, RECEIPT_COLUMNS, rows),
            "receipt_routes": write_csv(out / RECEIPT_ROUTES_CSV, ROUTE_COLUMNS, routes),
            "receipt_trips": write_csv(out / RECEIPT_TRIPS_CSV, TRIP_COLUMNS, trips)}
