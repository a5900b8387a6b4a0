"""magroute sites [SITE_ID ...]: what the recorded visits teach about each site's supply."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from magroute.batch.history import HISTORY_DB
from magroute.cli.options import console
from magroute.errors import UsageError
from magroute.formatting import grouped
from magroute.pipeline import site_records


def sites(
    site_ids: Annotated[list[str] | None, typer.Argument(
        metavar="[SITE_ID]...", show_default=False,
        help="Sites to show (default: every visited site).")] = None,
    history: Annotated[Path, typer.Option(
        "--history", help="The run history that `magroute receive` records visits in.")
    ] = Path("runs") / HISTORY_DB,
    prior_visits: Annotated[float, typer.Option(
        min=0.01, help="How many visits the site type's average weighs against a site's own.")
    ] = 2.0,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Also write the estimates as supply.csv (for `[supply] estimates`).")
    ] = None,
) -> None:
    """Each visited site's record (visits, no-shows, declared vs received kg) and its learnt
    supply: the reliability (chance a visit finds material), kg ratio (received / declared)
    and, where the hub's sorting reported, magnet yield (sorted / expected magnet kg per kg)
    that `[supply] history` plans with, as mean and cautious 10th percentile."""
    records = site_records(history, prior_visits=prior_visits, out=out)
    if site_ids:
        unknown = sorted(set(site_ids) - {r.site_id for r in records})
        if unknown:
            raise UsageError(f"no recorded visit of {', '.join(unknown)} in {history}")
        records = [r for r in records if r.site_id in set(site_ids)]
    table = Table(title=f"Learnt supply from {history} ({len(records)} site(s)); "
                        "mean / cautious p10", title_justify="left")
    # Ids are what planners look for: they never wrap or shrink; the numbers may wrap.
    table.add_column("site", no_wrap=True)
    table.add_column("type")
    for col in ("visits (no-show)", "kg received / declared", "reliability", "kg ratio",
                "magnet yield", "prize x"):
        table.add_column(col, justify="right")
    for r in records:
        e = r.estimate
        table.add_row(escape(r.site_id), escape(r.site_type.replace("_", " ")),
                      f"{e.visits} ({e.no_shows})",
                      f"{grouped(r.received_kg, 0)} / {grouped(r.declared_kg, 0)}",
                      f"{e.reliability:.2f} / {e.reliability_low:.2f}",
                      f"{e.kg_ratio:.2f} / {e.kg_ratio_low:.2f}",
                      f"{e.magnet_yield:.2f} / {e.magnet_yield_low:.2f}",
                      f"{e.prize_factor('expected'):.2f}")
    console.print(table)
    if out is not None:
        console.print(f"estimates written to {escape(str(out))}")
