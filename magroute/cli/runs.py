"""magroute runs list | show DATE | diff DATE1 DATE2: the run history of nights."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from magroute.batch.history import HISTORY_DB, diff_nights, latest_run, list_runs, request_counts
from magroute.cli.options import console
from magroute.errors import UsageError
from magroute.formatting import grouped, inr

app = typer.Typer(help="The run history of nights (runs/history.sqlite).", no_args_is_help=True,
                  add_completion=False)
HistoryOpt = Annotated[Path, typer.Option("--history", help="Run-history database.")]
DEFAULT = Path("runs") / HISTORY_DB


@app.command("list")
def list_(history: HistoryOpt = DEFAULT) -> None:
    """Every planned night: status, requests served and deferred, net value (`show` has the
    folder)."""
    t = Table(title=f"Nights in {history}")
    for col in ("night", "run", "scenario", "status", "served", "deferred", "net value"):
        t.add_column(col, no_wrap=col in ("night", "net value"))
    for r in list_runs(history):
        n = request_counts(history, r.run_id)
        t.add_row(r.night, str(r.run_id), escape(r.scenario), r.status,
                  grouped(n.get("served", 0), 0), grouped(n.get("deferred", 0) + n.get("held", 0), 0),
                  inr(r.kpis.get("net_value_inr", 0.0)))
    console.print(t)


@app.command("show")
def show(night: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
         history: HistoryOpt = DEFAULT) -> None:
    """One night's latest run: KPIs, request outcomes, pieces."""
    r = latest_run(history, night)
    if r is None:
        raise UsageError(f"no run for the night of {night} in {history} (`magroute runs list` "
                         "shows the nights)")
    t = Table(title=f"Night {r.night}, run {r.run_id} ({escape(r.scenario)})", show_header=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    for status, n in sorted(request_counts(history, r.run_id).items()):
        t.add_row(f"requests {status}", f"{grouped(n, 0)}")
    for key in ("sites_served", "sites_total", "routes", "distance_km", "net_value_inr",
                "cost_per_magnet_kg_inr"):
        v = r.kpis.get(key)
        t.add_row(key.replace("_", " "), inr(v) if key.endswith("_inr") and v is not None
                  else f"{grouped(v, 0)}" if isinstance(v, int | float) else str(v))
    t.add_row("status", r.status)
    t.add_row("pieces (resumed)", f"{r.pieces} ({r.pieces_resumed})")
    for k, why in r.pieces_failed.items():
        t.add_row(f"piece {k} failed", escape(why))
    t.add_row("folder", escape(r.out_dir))
    console.print(t)


@app.command("diff")
def diff(first: Annotated[str, typer.Argument(metavar="DATE1")],
         second: Annotated[str, typer.Argument(metavar="DATE2")],
         history: HistoryOpt = DEFAULT) -> None:
    """Requests added, dropped and moved between vehicles from DATE1's night to DATE2's."""
    d = diff_nights(history, first, second)
    console.print(f"{first} -> {second}: {len(d.added)} added, {len(d.dropped)} dropped, "
                  f"{len(d.moved)} moved, {len(d.newly_served)} newly served, "
                  f"{len(d.no_longer_served)} no longer served")
    for label, ids in (("added", d.added), ("dropped", d.dropped),
                       ("newly served", d.newly_served), ("no longer served", d.no_longer_served)):
        for i in ids:
            console.print(f"  {label:<17} {escape(i)}", highlight=False)
    for rid, was, now in d.moved:
        console.print(f"  {'moved':<17} {escape(rid)}  {escape(was)} -> {escape(now)}",
                      highlight=False)
