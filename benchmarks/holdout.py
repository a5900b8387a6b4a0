"""magroute against PyVRP on instances the engine was never tuned on: other sizes, other windows.

    .venv/bin/python benchmarks/holdout.py                       # 400 clients, 30 s: ~12 min
    .venv/bin/python benchmarks/holdout.py --clients 600 --time-limit 60

The shared benchmark files are one instance per Gehring-Homberger class (`*_10_1`). Engine
rules fitted to them could fail on the rest of the family, so this script derives other
instances from each class, reproducibly (seed 1):
- a random subset of `--clients` customers (the class's geography and demands, another size;
  the fleet shrinks in proportion, at least one vehicle more than the subset's demand needs);
- and the same subset with every time window widened by half its width on each side (clipped
  to the depot's horizon): another window structure, as between instances of a class.
There is no best-known cost for them, so the table compares magroute with PyVRP best of N (N =
the cores magroute uses) on the same cores, at equal wall-clock, one after the other.

Writes benchmarks/results/holdout-<clients>-<limit>s.csv and .json, rewrites docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import DOC, RESULTS, code_version, machine, report, write_results  # noqa: E402

from magroute.bench.instances import read_instance  # noqa: E402
from magroute.bench.run import BenchRow, run_bench  # noqa: E402
from magroute.solver.hybrid import default_workers  # noqa: E402

CLASSES = ("C1", "C2", "R1", "R2", "RC1", "RC2")


def derived(source: Path, clients: int, widen: bool, rng: np.random.Generator, folder: Path
            ) -> Path:
    """A VRPLIB file like `source`, with a subset of its customers (and wider windows)."""
    inst = read_instance(source)
    n = len(inst.x) - 1
    keep = np.sort(rng.choice(np.arange(1, n + 1), size=clients, replace=False))
    nodes = np.concatenate([[0], keep])
    early, late = inst.early[nodes].astype(float), inst.late[nodes].astype(float)
    if widen:
        half = (late - early) / 2
        horizon = float(inst.late[0])
        early, late = np.maximum(0, early - half), np.minimum(horizon, late + half)
        early[0], late[0] = inst.early[0], inst.late[0]
    demand = inst.demand[nodes]
    vehicles = max(math.ceil(inst.num_vehicles * clients / n),
                   math.ceil(demand.sum() / inst.capacity) + 1)
    name = f"{source.stem.split('_')[0]}_{clients}{'w' if widen else ''}"
    lines = [f"NAME : {name}", "TYPE : VRPTW", f"DIMENSION : {clients + 1}",
             f"VEHICLES : {vehicles}", f"CAPACITY : {int(inst.capacity)}",
             f"SERVICE_TIME : {int(inst.service[1])}", "EDGE_WEIGHT_TYPE : EUC_2D",
             "NODE_COORD_SECTION"]
    lines += [f"{i + 1} {inst.x[k]:g} {inst.y[k]:g}" for i, k in enumerate(nodes)]
    lines += ["DEMAND_SECTION"] + [f"{i + 1} {int(demand[i])}" for i in range(len(nodes))]
    lines += ["TIME_WINDOW_SECTION"] + [f"{i + 1} {int(round(early[i]))} {int(round(late[i]))}"
                                        for i in range(len(nodes))]
    lines += ["DEPOT_SECTION", "1", "-1", "EOF"]
    path = folder / f"{name}.vrp"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=400)
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--no-wide", action="store_true", help="only the subsets, not the wide windows")
    args = ap.parse_args()
    rng = np.random.default_rng(1)
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for cls in CLASSES:
            source = ROOT / "benchmarks" / "instances" / "gh1000" / f"{cls}_10_1.vrp"
            for widen in (False,) if args.no_wide else (False, True):
                paths.append(derived(source, args.clients, widen, rng, Path(tmp)))

        def show(row: BenchRow) -> None:
            print(f"{row.instance:>10} {row.solver:>8} {row.cost} {row.wall_s:6.1f} s {row.note}",
                  flush=True)

        rows = run_bench(paths, args.time_limit, ["magroute", "pyvrp"], seed=1, on_row=show)
    meta = machine() | code_version() | {
        "set": f"holdout-{args.clients}", "time_limit_s": args.time_limit, "seed": 1,
        "peer_cores": default_workers(), "magroute_workers": default_workers(),
        "command": f"python benchmarks/holdout.py --clients {args.clients} "
                   f"--time-limit {args.time_limit:g}" + (" --no-wide" if args.no_wide else "")}
    write_results(RESULTS / f"holdout-{args.clients}-{args.time_limit:g}s", rows, meta)
    DOC.write_text(report(), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
