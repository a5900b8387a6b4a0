"""magroute night --date YYYY-MM-DD --queue REQUESTS.csv [--scenario S]"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from magroute.batch.history import HISTORY_DB, record_night
from magroute.batch.night import NightProgress, run_night
from magroute.cli.options import (
    Lang,
    LangOpt,
    QuietOpt,
    SeedOpt,
    TimeLimitOpt,
    console,
    console_err,
    scenario_path,
)
from magroute.cli.plan import print_outputs
from magroute.formatting import grouped, inr

DEFAULT_SCENARIO = Path("scenarios/india-nightly.toml")


def night(
    date: Annotated[datetime, typer.Option(
        "--date", formats=["%Y-%m-%d"], help="The plan's first day (the trucks leave that "
        "morning), YYYY-MM-DD.", show_default=False)],
    queue: Annotated[Path, typer.Option(
        "--queue", help="The pickup queue: CSV with request_id, site_id, date_ready (optional "
        "latest_date, must_collect, gross_weight_kg, qty_ITEM).", show_default=False)],
    scenario: Annotated[Path, typer.Option(
        "--scenario", "-s", callback=scenario_path,
        help="Scenario: site register, fleet, hubs, horizon, search time (a file or the name "
        "of a bundled scenario).")
    ] = DEFAULT_SCENARIO,
    runs_dir: Annotated[Path, typer.Option(
        "--runs", help="Folder of nights: writes RUNS/DATE/ and the run history.")
    ] = Path("runs"),
    history: Annotated[Path | None, typer.Option(
        help="Run-history database (default: RUNS/history.sqlite).")] = None,
    pieces: Annotated[int | None, typer.Option(
        min=1, help="Regional pieces to cut the night into (default: by size, ~450 sites "
        "each).")] = None,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Pieces solved at once in local processes (default: every core).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Solve the pieces on a Dask cluster, e.g. tcp://10.0.0.5:8786.")] = None,
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = None,
    force: Annotated[bool, typer.Option(help="Plan a night that is already planned again.")
                     ] = False,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
) -> None:
    """Plan a night: tomorrow's routes from the pickup queue, crash-safe and resumable.

    Offers every request ready by the plan's last day (requests due within the plan become
    must-collect), cuts the night into regional pieces solved in parallel, checks the merged
    plan and writes `RUNS/DATE/` with every output of `plan` plus requests.csv (each
    request's outcome) and queue-next.csv (what was not served, with the reason: tomorrow's
    queue). An interrupted night resumes where it stopped when run again. Exit code 0 all well,
    2 bad input, 5 check violations, 7 some pieces failed (their requests are re-queued).
    """
    with _progress(not quiet) as on_progress:
        result = run_night(date.date(), queue, scenario, runs_dir, time_limit_s=time_limit,
                           seed=seed, pieces=pieces, workers=workers, scheduler=scheduler,
                           force=force, lang=lang.value, progress=on_progress)
    run_id = record_night(history or runs_dir / HISTORY_DB, result, scenario, queue)
    counts = {s: sum(o.status == s for o in result.outcomes) for s in ("served", "deferred",
                                                                        "held")}
    t = Table(title=f"magroute night {result.night} (run {run_id})", show_header=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_row("Requests served / deferred / not ready",
              " / ".join(grouped(counts[k], 0) for k in ("served", "deferred", "held")))
    t.add_row("Sites served / offered", f"{grouped(result.kpis.sites_served, 0)} / "
                                        f"{grouped(result.kpis.sites_total, 0)}")
    t.add_row("Routes", f"{result.kpis.routes} of {result.kpis.vehicles_available} trucks")
    t.add_row("Distance", f"{grouped(result.kpis.distance_km, 0)} km")
    t.add_row("Net value", inr(result.kpis.net_value_inr))
    t.add_row("Margin", inr(result.kpis.margin_inr["expected"]))
    t.add_row("Pieces (resumed, failed)", f"{result.pieces} ({result.resumed}, "
                                          f"{len(result.failed)})")
    console.print(t)
    for k, why in sorted(result.failed.items()):
        console.print(f"[red]piece {k + 1} failed[/]: {escape(why)}; its requests are back in "
                      "the queue")
    print_outputs(result.out_dir, result.files)
    if result.failure is not None:
        raise result.failure


@contextmanager
def _progress(enabled: bool) -> Iterator[NightProgress | None]:
    if not enabled:
        yield None
        return
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console_err, transient=True,
                   disable=not console_err.is_terminal)
    with bar:
        task = bar.add_task("pieces", total=None)

        def update(event: str, done: int, total: int) -> None:
            if event == "piece":
                bar.update(task, completed=done, total=total)
                if not console_err.is_terminal:
                    console_err.print(f"pieces: {done} of {total} done", highlight=False)
            else:
                bar.update(task, description="writing outputs")

        yield update
