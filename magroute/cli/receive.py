"""magroute receive PLAN_DIR WEIGHBRIDGE.csv"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from magroute.analysis.receipts import DEFAULT_TOLERANCE
from magroute.batch.history import HISTORY_DB
from magroute.batch.requeue import receive_night
from magroute.cli.options import PlanDirArg, console
from magroute.domain.pickup import RECEIPT_STATUSES
from magroute.errors import ReceiptMismatch
from magroute.formatting import grouped

STYLE = {"ok": "green", "short": "yellow", "over": "cyan", "missing": "red", "unexpected": "magenta"}


def receive(
    plan_dir: PlanDirArg,
    weighbridge: Annotated[Path, typer.Argument(
        metavar="WEIGHBRIDGE.csv", show_default=False,
        help="What the hub weighed in: CSV with columns pickup_id, received_kg (optional "
             "vehicle_id, weighed_at, note).")],
    tolerance: Annotated[float, typer.Option(
        min=0.0, max=0.99,
        help="A pickup within this share of its expected kg counts as received as planned.")
    ] = DEFAULT_TOLERANCE,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder for receipts.csv (default: the plan folder).")] = None,
    no_shows: Annotated[Path | None, typer.Option(
        "--no-shows", metavar="NO_SHOWS.csv",
        help="Pickups the truck found empty, closed or refused: CSV with columns pickup_id, "
             "reason (empty | closed | refused), optional note.")] = None,
    history: Annotated[Path | None, typer.Option(
        "--history", help="Where the visits are recorded, for `[supply] history` and "
                          "`magroute sites` (default: history.sqlite beside the plan folder, "
                          "the run history of `magroute night`).")] = None,
    record: Annotated[bool, typer.Option(
        "--record/--no-record", help="Record the visits in the history.")] = True,
) -> None:
    """Reconcile what the hub weighed in against the plan's pickups (pickups.csv).

    Per pickup ID: received as planned (within --tolerance), short, over, missing (planned but
    never weighed) or unexpected (weighed but not planned); per route: planned vs received kg;
    per trip of a route (one unload at the hub, one weighbridge slip): planned vs received kg of
    that load. Writes receipts.csv, receipt-routes.csv and receipt-trips.csv, and records each
    received pickup and each no-show as a visit of its site in the history, from which the
    planner learns each site's supply; on a night folder the requests of no-shows go back in
    its queue-next.csv. Exit code 0 when everything arrived as planned, 6 when
    there are discrepancies, 2 for unreadable input (then nothing is written or recorded).
    """
    db = (history or Path(plan_dir).resolve().parent / HISTORY_DB) if record else None
    result = receive_night(plan_dir, weighbridge, tolerance=tolerance, out_dir=out,
                           no_shows=no_shows, history=db)
    rec = result.reconciliation
    routes = Table(title=f"Received at the hub vs plan (tolerance {tolerance:.0%})")
    for col in ("route", "vehicle", "trips", "planned kg", "received kg", *RECEIPT_STATUSES):
        routes.add_column(col, justify="left" if col in ("route", "vehicle") else "right")
    for r in rec.routes:
        routes.add_row(escape(r.route_id or "(none)"), escape(r.vehicle_id), str(r.trips),
                       f"{grouped(r.planned_kg, 1)}", f"{grouped(r.received_kg, 1)}",
                       *(str(r.count(s)) for s in RECEIPT_STATUSES))
    console.print(routes)
    if any(r.trips > 1 for r in rec.routes):  # one trip a route: the table above says it all
        trips = Table(title="Per unload (one load, one weighbridge slip)")
        for col in ("route", "trip", "load", "planned kg", "received kg", "difference kg"):
            trips.add_column(col, justify="left" if col in ("route", "load") else "right")
        for x in rec.trips:
            trips.add_row(escape(x.route_id or "(none)"), "–" if x.trip is None else str(x.trip),
                          f"[{STYLE[x.status]}]{x.status}[/]", f"{grouped(x.planned_kg, 1)}",
                          f"{grouped(x.received_kg, 1)}", f"{x.difference_kg:+,.1f}")
        console.print(trips)
    for p in rec.pickups:
        if p.status == "ok":
            continue
        kg = "" if p.difference_kg is None else f" ({p.difference_kg:+,.1f} kg)"
        where = f" {p.site_name} ({p.site_id})" if p.site_id else ""
        if p.trip is not None and any(r.trips > 1 for r in rec.routes):
            where += f", trip {p.trip}"
        console.print(f"  [{STYLE[p.status]}]{p.status:<10}[/] {escape(p.pickup_id + where)}{kg}",
                      highlight=False)
    for path in result.files.values():
        console.print(f"  {path}")
    if result.history is not None:
        empty = sum(v.outcome != "received" for v in result.visits)
        console.print(f"recorded {len(result.visits)} visit(s), {empty} no-show(s), in "
                      f"{escape(str(result.history))} (`magroute sites` shows what they teach)")
    if result.requeued:
        console.print(f"back in the queue (queue-next.csv): {', '.join(result.requeued)}")
    if not rec.clean:
        off = sum(p.status != "ok" for p in rec.pickups)
        raise ReceiptMismatch(f"{off} pickup(s) not received as planned")
