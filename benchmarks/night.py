"""A synthetic night at scale: `magroute night` on N requests, decomposed and whole.

    .venv/bin/python benchmarks/night.py                          # 5,000 requests, 300 s search
    .venv/bin/python benchmarks/night.py --requests 1000 --time-limit 60

Writes a synthetic night with `magroute demo-data` (seeded), then runs, each in a fresh
process tree and with every output a real night writes (map, workbook, GPX/KML, manifests):
1. `magroute night` as planners run it (regional pieces on every core);
2. the same night solved whole (`--pieces 1`: one problem, the engine's own decomposition)
   with the same search time.
Records wall-clock, the peak memory of the whole process tree (sampled every 0.2 s with
psutil) and of its largest process, requests served / deferred / not ready, sites, routes,
km, net value and the check's verdict (exit code 5 would mean violations). Writes
benchmarks/results/night-<N>.json and rewrites docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import DOC, RESULTS, machine, report  # noqa: E402

NIGHT = date(2026, 11, 23)


def run_night(folder: Path, runs: Path, time_limit: float, pieces: int | None) -> dict:
    args = [sys.executable, "-m", "magroute", "night", "--date", NIGHT.isoformat(), "--queue",
            str(folder / "requests.csv"), "--scenario", str(folder / "night.toml"), "--runs",
            str(runs), "-t", str(time_limit), "-q"]
    if pieces:
        args += ["--pieces", str(pieces)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak_tree = peak_one = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = [p.memory_info().rss for p in [root, *root.children(recursive=True)]]
        except psutil.Error:
            rss = []
        if rss:
            peak_tree, peak_one = max(peak_tree, sum(rss)), max(peak_one, max(rss))
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    night_dir = runs / NIGHT.isoformat()
    result = {"wall_s": round(wall, 1), "exit_code": proc.returncode,
              "peak_tree_mb": round(peak_tree / 2**20), "peak_process_mb": round(peak_one / 2**20)}
    if proc.returncode not in (0, 5, 7):  # 5: check violations, 7: failed pieces
        result["error"] = (err or out)[-2000:]
        return result
    summary = json.loads((night_dir / "summary.json").read_text(encoding="utf-8"))
    with open(night_dir / "requests.csv", encoding="utf-8", newline="") as f:
        statuses = [r["status"] for r in csv.DictReader(f)]
    result.update({
        "requests": len(statuses),
        "served": statuses.count("served"), "deferred": statuses.count("deferred"),
        "held": statuses.count("held"),
        "sites_offered": summary["sites_total"], "sites_served": summary["sites_served"],
        "routes": summary["routes"], "trucks": summary["vehicles_available"],
        "distance_km": summary["distance_km"], "net_value_inr": summary["net_value_inr"],
        "cost_inr": summary["cost_inr"]["total"], "value_inr": summary["value_inr"]["expected"],
        "check": {0: "passed", 5: _violations(out)}.get(proc.returncode,
                                                        f"exit {proc.returncode}"),
        "pieces": out.split("Pieces (resumed, failed)")[1].split()[1] if "Pieces" in out else "?",
    })
    return result


def _violations(stdout: str) -> str:
    for line in stdout.splitlines():
        if "check violations" in line:
            return line.split("(")[0].strip()
    return "violations"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=300.0, help="search seconds per night")
    ap.add_argument("--skip-whole", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the night folders here (default: a "
                    "temporary folder, deleted)")
    args = ap.parse_args()
    from magroute.batch.demo_data import write_demo_night

    with tempfile.TemporaryDirectory() as tmp:
        if args.keep:
            tmp = args.keep
            Path(tmp).mkdir(parents=True, exist_ok=True)
        folder = Path(tmp) / "night"
        night = write_demo_night(folder, args.requests, seed=args.seed, first_day=NIGHT)
        record = {**machine(), "requests": args.requests, "seed": args.seed,
                  "sites_in_register": night.sites, "trucks": night.trucks,
                  "time_limit_s": args.time_limit,
                  "command": f"python benchmarks/night.py --requests {args.requests} "
                             f"--time-limit {args.time_limit:g}"}
        print(f"{args.requests} requests, {night.sites} sites, {night.trucks} trucks",
              flush=True)
        record["decomposed"] = run_night(folder, Path(tmp) / "runs-pieces", args.time_limit,
                                         None)
        print("decomposed:", record["decomposed"], flush=True)
        if not args.skip_whole:
            record["whole"] = run_night(folder, Path(tmp) / "runs-whole", args.time_limit, 1)
            print("whole:", record["whole"], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"night-{args.requests}.json"
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    DOC.write_text(report(), encoding="utf-8")
    print(f"wrote {path} and {DOC}")


if __name__ == "__main__":
    main()
