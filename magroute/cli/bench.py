"""magroute bench INSTANCE... [--compare pyvrp,vroom,ortools]"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from magroute.bench.run import (
    PEERS,
    BenchRow,
    expand_instances,
    not_applicable,
    run_bench,
    summarise,
)
from magroute.cli.options import console, console_err
from magroute.errors import UsageError

FORMATS = ("table", "json", "csv")


def bench(
    instances: Annotated[list[Path], typer.Argument(
        help="Solomon .txt or VRPLIB .vrp files, or folders of them (a bks.csv beside them "
             "gives the best-known costs).", show_default=False)],
    time_limit: Annotated[float, typer.Option("--time-limit", "-t", min=0.1,
                                              help="Seconds per instance and solver.")] = 10.0,
    compare: Annotated[str, typer.Option(
        "--compare", help=f"Peers to run on the same instances after magroute, one after "
                          f"another: a comma-separated subset of {','.join(PEERS)}, or 'none'."
    )] = "none",
    seed: Annotated[int, typer.Option("--seed", help="Seed for every solver.")] = 1,
    peer_cores: Annotated[int | None, typer.Option(
        "--peer-cores", min=1, show_default="the cores magroute uses",
        help="Cores for each peer: PyVRP and plain OR-Tools run the best of this many "
             "processes at once (PyVRP seeds SEED, SEED+1, ...; OR-Tools one first-solution "
             "strategy each), VROOM this many threads. 1 gives the single-thread table.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help=f"Output format: {' | '.join(FORMATS)}.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o",
                                             help="Also write the results to this file.")] = None,
) -> None:
    """Solve literature instances with magroute's engine (and its peers) and score them.

    Reads Solomon VRPTW and VRPLIB VRPTW, PCVRPTW, HFVRP and MTVRPTWR (multi-trip with
    release dates) instances. Every cost is recomputed from the returned routes by an
    independent evaluator under the benchmark's convention (DIMACS: distances truncated to one
    decimal; prize-collecting: distance plus the prizes of unvisited clients; HFVRP: fixed plus
    unit cost x real-valued length; MTVRPTWR: distance, with capacity, windows and release dates
    checked on every trip) and compared with the best-known solution. magroute uses every core,
    and so does each peer unless --peer-cores says otherwise (equal hardware). VROOM and
    OR-Tools cannot express reloads and show n/a on MTVRPTWR.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; valid: {', '.join(FORMATS)}")
    peers = [] if compare.strip() in ("", "none") else [p.strip() for p in compare.split(",")]
    paths = expand_instances(instances)

    def on_row(row: BenchRow) -> None:
        gap = "-" if row.gap_pct is None else f"{row.gap_pct:.2f}%"
        cost = (row.note if not_applicable(row) else "no solution") if row.cost is None \
            else f"{row.cost:.1f}"
        console_err.print(f"{row.instance:>10} {row.solver:>8}: {cost:>12}  gap {gap:>8}  "
                          f"{row.wall_s:6.1f} s  {row.note}", highlight=False, markup=False)

    rows = run_bench(paths, time_limit, ["magroute", *peers], seed=seed, on_row=on_row,
                     peer_cores=peer_cores)
    text = _render(rows, fmt)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text if fmt != "table" else _render(rows, "csv"), encoding="utf-8")
    if fmt == "table":
        _print_tables(rows)
    else:
        sys.stdout.write(text)


def _render(rows: list[BenchRow], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"rows": [r.as_dict() for r in rows],
                           "summary": [s.__dict__ for s in summarise(rows)]}, indent=2) + "\n"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(BenchRow.__dataclass_fields__), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow(r.as_dict())
    return buf.getvalue()


def _print_tables(rows: list[BenchRow]) -> None:
    solvers = list(dict.fromkeys(r.solver for r in rows))
    table = Table(title="Cost (gap to best known)")
    table.add_column("instance")
    table.add_column("BKS", justify="right")
    for s in solvers:
        table.add_column(s, justify="right")
    by = {(r.instance, r.solver): r for r in rows}
    for name in dict.fromkeys(r.instance for r in rows):
        first = by[(name, solvers[0])]
        cells = []
        for s in solvers:
            r = by.get((name, s))
            if r is not None and not_applicable(r):
                cells.append(r.note)
            elif r is None or r.cost is None:
                cells.append("no solution")
            else:
                gap = "" if r.gap_pct is None else f" ({r.gap_pct:+.2f}%)"
                cells.append(f"{r.cost:,.1f}{gap}")
        table.add_row(name, "-" if first.bks is None else f"{first.bks:,.1f}", *cells)
    console.print(table)
    summary = Table(title="Per solver")
    for col in ("solver", "solved", "mean gap", "worst wall-clock overrun"):
        summary.add_column(col, justify="right")
    for per in summarise(rows):
        if per.not_applicable == per.instances:
            summary.add_row(per.solver, "n/a", "-", "-")
            continue
        gap = "-" if per.mean_gap_pct is None else f"{per.mean_gap_pct:.2f}%"
        summary.add_row(per.solver, f"{per.solved}/{per.instances}", gap,
                        f"{per.max_wall_over_limit_pct:+.1f}%")
    console.print(summary)
