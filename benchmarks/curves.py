"""Best-cost curves of single searches, and what restart policies would have made of them.

    .venv/bin/python benchmarks/curves.py solomon                    # 56 x 6 seeds x 10 s: ~30 min
    .venv/bin/python benchmarks/curves.py hfvrp --seeds 6 --time-limit 10
    .venv/bin/python benchmarks/curves.py /tmp/derived/*.vrp         # any instance files

Runs magroute's iterated local search (solver/ils.py, PyVRP's trajectory per seed) on every
instance with seeds 1..S, each alone for the whole limit, two at a time on two cores, and
records when each run found each better plan. Because a run of t seconds follows the first t
seconds of a longer run with the same seed, the curves answer offline how a 2-core portfolio
would have done with restarts: best of seeds 1-2 for the whole limit (PyVRP best of 2), fresh
runs at fixed times, or a restart when a run has found nothing better for a share of the
limit (what hybrid.py does on small problems, RESTART_SHARE). Gaps are against the best-known
cost, or against the best of all S runs where an instance has none (and for HFVRP, whose
solver units differ from the BKS file's).

Writes benchmarks/results/curves-<name>-<limit>s.json; prints one line per policy.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from magroute.bench.engines import model_data  # noqa: E402
from magroute.bench.instances import SCALE, read_instance  # noqa: E402
from magroute.bench.run import expand_instances  # noqa: E402
from magroute.solver.ils import IlsTask, run_ils  # noqa: E402

Curve = list[tuple[float, float]]  # (seconds since the start, cost of the new best)


def one_run(job: tuple[str, int, float]) -> tuple[str, int, Curve]:
    path, seed, limit = job
    data = model_data(read_instance(Path(path)))
    t0 = time.monotonic()
    curve: Curve = []
    run_ils(IlsTask(data, seed, t0 + limit),
            lambda cost, served: curve.append((round(time.monotonic() - t0, 3), cost)))
    return path, seed, curve


def best_at(curve: Curve, t: float) -> float:
    return min((cost for tt, cost in curve if tt <= t), default=math.inf)


def restarting_worker(curves: dict[int, Curve], seeds: list[int], stall_s: float,
                      limit: float) -> float:
    """One worker running `seeds` one after another, each until it has found nothing better
    for `stall_s` (measured from its first plan), within `limit` in all."""
    used, best = 0.0, math.inf
    for seed in seeds:
        left = limit - used
        if left <= 0:
            break
        last = None
        for t, _ in curves[seed]:
            if t > left:
                break
            if last is not None and t - last > stall_s:
                break
            last = t
        stop = left if last is None else min(left, last + stall_s)
        best = min(best, best_at(curves[seed], stop))
        used += stop
    return best


def best_of_two(c: dict[int, Curve], limit: float) -> float:
    return min(best_at(c[1], limit), best_at(c[2], limit))


def fresh_runs(c: dict[int, Curve], limit: float, k: int) -> float:
    """k runs of limit / k per worker, seeds 1..2k."""
    return min(best_at(c[s], limit / k) for s in range(1, 2 * k + 1))


def restarts(c: dict[int, Curve], limit: float, share: float, seeds: int) -> float:
    return min(restarting_worker(c, list(range(w, seeds + 1, 2)), share * limit, limit)
               for w in (1, 2))


def best_of_all(c: dict[int, Curve], limit: float, seeds: int) -> float:
    return min(best_at(c[s], limit) for s in range(1, seeds + 1))


def policies(seeds: int, limit: float) -> dict[str, Callable[[dict[int, Curve]], float]]:
    out = {"best of seeds 1-2 (PyVRP best of 2)": partial(best_of_two, limit=limit)}
    for k in (2, 3):
        if 2 * k <= seeds:
            out[f"{k} fresh runs per worker"] = partial(fresh_runs, limit=limit, k=k)
    for share in (0.3, 0.4, 0.5):
        out[f"restart after {share:.0%} of the limit without a better plan"] = partial(
            restarts, limit=limit, share=share, seeds=seeds)
    out[f"best of seeds 1-{seeds} (x{seeds // 2} the cores)"] = partial(
        best_of_all, limit=limit, seeds=seeds)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("instances", nargs="+", help="a set under benchmarks/instances, or files")
    ap.add_argument("--seeds", type=int, default=6)
    ap.add_argument("--time-limit", type=float, default=10.0)
    args = ap.parse_args()
    paths = [str(p) for p in expand_instances(
        [HERE / "instances" / item if (HERE / "instances" / item).is_dir() else Path(item)
         for item in args.instances])]
    name = args.instances[0] if len(args.instances) == 1 else "files"
    jobs = [(p, s, args.time_limit) for p in paths for s in range(1, args.seeds + 1)]
    print(f"{len(jobs)} runs of {args.time_limit:g} s on 2 cores", flush=True)
    with mp.get_context("fork").Pool(2) as pool:
        runs = pool.map(one_run, jobs, chunksize=1)
    curves: dict[str, dict[int, Curve]] = {}
    for path, seed, curve in runs:
        curves.setdefault(path, {})[seed] = curve
    out = HERE / "results" / f"curves-{Path(name).stem}-{args.time_limit:g}s.json"
    out.write_text(json.dumps({"time_limit_s": args.time_limit, "seeds": args.seeds,
                               "curves": curves}), encoding="utf-8")
    gaps: dict[str, list[float]] = {}
    replays = policies(args.seeds, args.time_limit)
    for path, by_seed in curves.items():
        inst = read_instance(Path(path))
        ref = (inst.bks * SCALE if inst.bks and inst.kind != "hfvrp"
               else min(cost for c in by_seed.values() for _, cost in c))
        for label, policy in replays.items():
            gaps.setdefault(label, []).append(100 * (policy(by_seed) - ref) / ref)
    base = next(iter(gaps.values()))
    for label, g in gaps.items():
        better = sum(a < b - 1e-9 for a, b in zip(g, base, strict=True))
        worse = sum(a > b + 1e-9 for a, b in zip(g, base, strict=True))
        worst = max(a - b for a, b in zip(g, base, strict=True))
        print(f"{label:62} mean {sum(g) / len(g):6.3f} %  better on {better:2}  worse on {worse:2}"
              f"  worst {worst:+.2f} points")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
