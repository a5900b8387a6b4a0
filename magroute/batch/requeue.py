"""A no-show goes back in the queue: `magroute receive` on a night folder re-queues the request
behind each pickup the driver found empty, closed or refused, with the reason, into that
night's queue-next.csv (what the next night starts from)."""

from __future__ import annotations

import csv
import os
from datetime import timedelta
from pathlib import Path

from magroute.batch.night import write_queue
from magroute.domain.pickup import PlannedPickup
from magroute.domain.request import PickupRequest
from magroute.domain.supply import SiteVisit
from magroute.errors import InputError, InputProblem
from magroute.export.plan_dir import QUEUE_NEXT, REQUESTS_OUT, read_pickups
from magroute.inputs.requests import QTY_PREFIX, read_requests
from magroute.inputs.table import read_table
from magroute.pipeline import ReceiveResult, receive_weighbridge


def receive_night(plan_dir: Path, weighbridge: Path, *, tolerance: float,
                  out_dir: Path | None = None, no_shows: Path | None = None,
                  history: Path | None = None) -> ReceiveResult:
    """`pipeline.receive_weighbridge`, then, for a night folder, the no-shows' requests back in
    its queue-next.csv (`ReceiveResult.requeued`)."""
    result = receive_weighbridge(plan_dir, weighbridge, tolerance=tolerance, out_dir=out_dir,
                                 no_shows=no_shows, history=history)
    requeued = requeue_no_shows(Path(plan_dir), result.visits)
    return ReceiveResult(result.reconciliation, result.files, result.visits, result.history,
                         requeued)


def requeue_no_shows(plan_dir: Path, visits: tuple[SiteVisit, ...]) -> tuple[str, ...]:
    """The request ids put back in queue-next.csv (none for a folder that is not a night, and
    none twice: a request already in the queue stays as it is)."""
    outcomes_path, queue_path = plan_dir / REQUESTS_OUT, plan_dir / QUEUE_NEXT
    missed = [v for v in visits if v.outcome != "received"]
    if not missed or not outcomes_path.is_file() or not queue_path.is_file():
        return ()
    problems: list[InputProblem] = []
    request_of = _requests_by_pickup(outcomes_path, problems)
    queue = read_requests(queue_path, None, None, problems=problems)
    ledger = {p.pickup_id: p for p in read_pickups(plan_dir, problems) or ()}
    if problems:
        raise InputError(problems)
    queued = {r.request_id for r in queue}
    back = [_again(rid, v, ledger.get(v.pickup_id)) for v in missed
            for rid in request_of.get(v.pickup_id, ()) if rid not in queued]
    if not back:
        return ()
    items = sorted({i for r in (*queue, *back) for i, _ in r.items}
                   | {c[len(QTY_PREFIX):] for c in _header(queue_path) if c.startswith(QTY_PREFIX)})
    tmp = queue_path.with_name(f".{queue_path.name}.tmp-{os.getpid()}")
    write_queue(tmp, (*queue, *back), items)
    os.replace(tmp, queue_path)  # whole or not at all
    return tuple(r.request_id for r in back)


def _again(request_id: str, v: SiteVisit, pickup: PlannedPickup | None) -> PickupRequest:
    return PickupRequest(
        request_id, v.site_id, ready_date=v.planned_date + timedelta(days=1),
        items=pickup.expected_items if pickup is not None else (), gross_kg=v.planned_kg,
        deferrals=1, last_reason=f"no-show on {v.planned_date.isoformat()}: {v.outcome} "
                                 f"({v.pickup_id})")


def _requests_by_pickup(path: Path, problems: list[InputProblem]) -> dict[str, tuple[str, ...]]:
    table = read_table(path, problems, required=("request_id", "pickup_id"), allow_empty=True)
    out: dict[str, list[str]] = {}
    for _, cells in table or ():
        if cells.get("pickup_id"):
            out.setdefault(cells["pickup_id"], []).append(cells["request_id"])
    return {k: tuple(v) for k, v in out.items()}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f), [])
