"""Run engines on instances one after another, same limit and seed, and tabulate the results."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from magroute.bench.engines import ENGINES
from magroute.bench.evaluate import evaluate
from magroute.bench.instances import gap_percent, read_instance
from magroute.errors import MagrouteError

PEERS = ("pyvrp", "vroom", "ortools")
INSTANCE_SUFFIXES = (".txt", ".vrp")


def expand_instances(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders become their instance files, sorted by name."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in INSTANCE_SUFFIXES)
            if not found:
                raise MagrouteError(f"{p}: no instance files (.txt Solomon, .vrp VRPLIB) in it")
            out.extend(found)
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class BenchRow:
    instance: str
    kind: str
    clients: int
    solver: str
    time_limit_s: float
    seed: int
    cost: float | None
    bks: float | None
    gap_pct: float | None
    routes: int
    visited: int
    feasible: bool
    wall_s: float
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def run_bench(
    paths: Sequence[Path],
    time_limit_s: float,
    solvers: Sequence[str] = ("magroute",),
    seed: int = 1,
    on_row: Callable[[BenchRow], None] | None = None,
) -> list[BenchRow]:
    unknown = [s for s in solvers if s not in ENGINES]
    if unknown:
        raise MagrouteError(f"unknown solver(s) {', '.join(unknown)}; valid: {', '.join(ENGINES)}")
    rows = []
    for path in paths:
        inst = read_instance(path)
        dist = inst.distance()
        for solver in solvers:
            t0 = time.monotonic()
            note = ""
            try:
                routes = ENGINES[solver](inst, time_limit_s, seed)
            except ImportError as exc:
                raise MagrouteError(
                    f"{solver} is not installed ({exc}); install the peers with "
                    "`pip install 'magroute[bench]'`") from exc
            except MagrouteError as exc:  # e.g. no solution at all
                routes, note = [], str(exc)
            wall = time.monotonic() - t0
            ev = evaluate(inst, routes, dist)
            if not ev.feasible:
                note = note or f"infeasible: {ev.violations[0]}" + (
                    f" (+{len(ev.violations) - 1} more)" if len(ev.violations) > 1 else "")
            cost = ev.cost if ev.feasible else None
            row = BenchRow(
                instance=inst.name, kind=inst.kind, clients=inst.n_clients, solver=solver,
                time_limit_s=time_limit_s, seed=seed, cost=cost, bks=inst.bks,
                gap_pct=gap_percent(cost, inst.bks) if cost is not None else None,
                routes=ev.routes, visited=ev.visited, feasible=ev.feasible,
                wall_s=round(wall, 2), note=note,
            )
            rows.append(row)
            if on_row is not None:
                on_row(row)
    return rows


@dataclass(frozen=True)
class SolverSummary:
    solver: str
    instances: int
    solved: int
    mean_gap_pct: float | None  # over instances this solver solved feasibly
    max_wall_over_limit_pct: float


def summarise(rows: Sequence[BenchRow]) -> list[SolverSummary]:
    out = []
    for solver in dict.fromkeys(r.solver for r in rows):
        mine = [r for r in rows if r.solver == solver]
        gaps = [r.gap_pct for r in mine if r.gap_pct is not None]
        over = max(100.0 * (r.wall_s - r.time_limit_s) / r.time_limit_s for r in mine)
        out.append(SolverSummary(
            solver=solver, instances=len(mine), solved=sum(r.feasible for r in mine),
            mean_gap_pct=sum(gaps) / len(gaps) if gaps else None,
            max_wall_over_limit_pct=round(over, 1),
        ))
    return out
