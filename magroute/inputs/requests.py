"""REQUESTS.csv (the pickup queue) -> `PickupRequest` objects, every problem reported at once.

Columns: ``request_id, site_id, date_ready`` (required); ``latest_date``, ``must_collect``,
``gross_weight_kg``, ``qty_<item_id>`` (declared items), ``deferrals``, ``last_reason``
(optional; magroute writes the last two into the queue it hands on to the next night) and
``confirmation`` (``confirmed`` by phone for tonight, ``unconfirmed``, or blank; with learnt
supply a confirmed site counts as having its material tonight; not carried to the next queue).
A request's site must be in the site register; declared items must be items of yields.toml.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from magroute.domain import limits
from magroute.domain.request import PickupRequest
from magroute.errors import InputProblem
from magroute.inputs.sites import QTY_PREFIX
from magroute.inputs.table import raise_if_any, read_table

REQUIRED = ("request_id", "site_id", "date_ready")
OPTIONAL = ("latest_date", "must_collect", "gross_weight_kg", "deferrals", "last_reason",
            "confirmation")
CONFIRMATIONS = ("confirmed", "unconfirmed")  # blank: not stated


def read_requests(path: Path | str, site_ids: Collection[str] | None,
                  item_ids: Collection[str] | None, *,
                  problems: list[InputProblem] | None = None) -> tuple[PickupRequest, ...]:
    """Read the queue; `site_ids`/`item_ids` None skip those cross-checks (their own files are
    broken and already reported)."""
    collect: list[InputProblem] = [] if problems is None else problems
    out = _read(Path(path), site_ids, item_ids, collect)
    if problems is None:
        raise_if_any(collect)
    return out


def _read(path: Path, site_ids: Collection[str] | None, item_ids: Collection[str] | None,
          problems: list[InputProblem]) -> tuple[PickupRequest, ...]:
    table = read_table(path, problems, required=REQUIRED)
    if table is None:
        return ()
    qty = [c for c in table.columns if c.startswith(QTY_PREFIX)]
    if item_ids is not None:
        for column in [c for c in qty if c[len(QTY_PREFIX):] not in item_ids]:
            problems.append(InputProblem(
                table.file, f"header names unknown item '{column[len(QTY_PREFIX):]}'",
                column=column, expected="a qty_ column per item in yields.toml: "
                + ", ".join(QTY_PREFIX + i for i in sorted(item_ids))))
            qty.remove(column)
    out: list[PickupRequest] = []
    first: dict[str, int] = {}
    for n, cells in table:
        r = table.reader(n, cells, problems)
        request_id = r.unique_text("request_id", first)
        site_id = r.text("site_id")
        if site_id is not None and site_ids is not None and site_id not in site_ids:
            r.report("site_id", "site not in the site register", site_id,
                     "a site_id of the scenario's sites file")
        ready = r.date("date_ready")
        latest = r.date("latest_date", required=False)
        if ready is not None and latest is not None and latest < ready:
            r.report("latest_date", f"before date_ready {ready}", str(latest),
                     "a date on or after date_ready")
        gross = r.number("gross_weight_kg", limit=limits.GROSS_KG) if r.get("gross_weight_kg") \
            else None
        must = r.boolean("must_collect")
        deferrals = r.count("deferrals")
        confirmation = r.choice("confirmation", CONFIRMATIONS) if r.get("confirmation") else ""
        counts = [(c[len(QTY_PREFIX):], r.count(c, limit=limits.ITEMS)) for c in qty]
        if r.bad:
            continue
        # r.bad is False, so every cell parsed
        assert request_id is not None and site_id is not None and ready is not None
        assert deferrals is not None
        out.append(PickupRequest(
            request_id=request_id, site_id=site_id, ready_date=ready, latest_date=latest,
            items=tuple(sorted((i, k) for i, k in counts if k)), gross_kg=gross,
            must_collect=bool(must), deferrals=deferrals, last_reason=r.get("last_reason"),
            confirmed=None if not confirmation else confirmation == "confirmed"))
    return tuple(out)
