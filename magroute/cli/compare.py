"""magroute compare SCENARIO... --out DIR"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from magroute.cli.options import (
    QuietOpt,
    SeedOpt,
    TimeLimitOpt,
    console,
    console_err,
    scenario_paths,
)
from magroute.compare import CompareProgress, compare_scenarios
from magroute.errors import CheckError
from magroute.export.compare_files import comparison_markdown

ScenariosArg = Annotated[list[Path], typer.Argument(
    help="Two or more scenario TOML files, each with its own `name` (or names of bundled "
    "scenarios).", callback=scenario_paths, show_default=False)]


def compare(
    scenarios: ScenariosArg,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write OUT/NAME/ per scenario and the comparison into.")
    ] = Path("runs/compare"),
    seed: SeedOpt = None,
    time_limit: TimeLimitOpt = None,
    iterations: Annotated[int | None, typer.Option(
        "--iterations", min=1, help="Local-search iterations per search worker: with --seed, "
        "re-runs give the same plans and the same comparison.csv, byte for byte (default: "
        "the scenario's, usually none).")] = None,
    samples: Annotated[int, typer.Option(
        "--samples", min=0, help="Value each plan under N sampled yields and prices, and "
        "show its net value P10/P50/P90 (0: no sampling).")] = 0,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Scenarios planned at once, each with cores/jobs search "
        "processes (1: one after another, each on every core).")] = 1,
    declared: Annotated[bool, typer.Option(
        "--declared", help="Beside each scenario with [supply] (learnt supply), plan it also "
        "with the declared supply, as NAME-declared, on the same history and seed.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Plan several collection-network scenarios alike and compare them side by side.

    Every file is validated first (all problems at once; scenario names must differ). Each
    scenario is planned with the same seed, time limit and iteration limit (the options', else
    the first file's where the files disagree) into OUT/NAME/, a complete plan folder with
    routes, summary.json, routes.geojson and map.html. The table is read back from those
    summary.json files and written to OUT/comparison.csv (the numbers exactly as in
    summary.json) and OUT/comparison.md, with three charts: cost_per_kg.png,
    value_vs_cost.png and routes_map.png. See docs/compare.md.
    """
    with _progress(console_err, len(scenarios), enabled=not quiet) as on_progress:
        result = compare_scenarios(scenarios, out, seed=seed, time_limit_s=time_limit,
                                   iteration_limit=iterations, samples=samples, jobs=jobs,
                                   progress=on_progress, with_declared=declared)
    console.print(comparison_markdown(result.rows, result.names), markup=False,
                  highlight=False)
    for note in result.notes:
        console.print(f"[yellow]note[/]: {escape(note)}")
    console.print(f"Outputs in [bold]{escape(str(out))}[/]:")
    for run in result.runs:
        console.print(f"  {escape(str(run.out_dir))}  [dim](plan folder of {escape(run.name)}; "
                      f"map.html works offline)[/]")
    for path in result.files.values():
        console.print(f"  {escape(str(path))}")
    failed = [r.name for r in result.runs if r.violations]
    if failed:
        raise CheckError(f"check violations in the plan of {', '.join(failed)} "
                         f"(run `magroute check` on its folder)")


@contextmanager
def _progress(console: Console, total: int, enabled: bool = True
              ) -> Iterator[CompareProgress | None]:
    """A bar over the scenarios on a terminal, a plain line per event in a log."""
    if not enabled:
        yield None
        return
    if not console.is_terminal:
        started = time.monotonic()

        def log(event: str, name: str, done: int, n: int) -> None:
            what = {"start": f"planning {name}", "done": f"planned {name}",
                    "write": "writing the comparison and charts"}[event]
            console.print(f"{what} ({done}/{n}, {time.monotonic() - started:.0f} s)",
                          highlight=False, style="dim", markup=False)

        yield log
        return
    bar = Progress(TextColumn("[bold]comparing"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[info]}"), TimeElapsedColumn(), console=console,
                   transient=True)
    running: list[str] = []
    with bar:
        task = bar.add_task("compare", total=total, info="")

        def update(event: str, name: str, done: int, n: int) -> None:
            if event == "start":
                running.append(name)
            elif event == "done" and name in running:
                running.remove(name)
            info = "writing the comparison" if event == "write" else \
                "planning " + ", ".join(running) if running else ""
            bar.update(task, completed=done, info=escape(info))
            bar.refresh()

        yield update
