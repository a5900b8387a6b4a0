"""Does the time limit hold? Wall-clock against the limit for `magroute bench` and `magroute plan`.

    .venv/bin/python benchmarks/timing.py                    # 1, 3, 10 and 60 s: about 8 min
    .venv/bin/python benchmarks/timing.py --limits 1 3       # a quick look

Each run is a fresh process, one after another on a quiet machine:
- `magroute bench` on two 1,000-customer Gehring-Homberger instances (R1_10_1, where the
  engine cuts the problem into regions when that pays, and RC2_10_1, long tours): the
  engine's wall-clock as the bench measures it (model building, search, OR-Tools' check of
  the plan, decoding) and the whole command's (Python start-up and reading the file too);
- `magroute plan` on the bundled India scenario: the search's wall-clock as the plan records
  it (`runtime_s` in summary.json: compiling the model, search, check, decoding) and the whole
  command's (inputs, road-graph travel matrix, the independent check, every output including
  the PDF manifests).
The time limit is what the search may take; reading inputs and writing outputs come on top,
and the table shows how much.

Writes benchmarks/results/timing.json and rewrites docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import DOC, RESULTS, code_version, machine, report  # noqa: E402

INSTANCES = ("R1_10_1", "RC2_10_1")
SCENARIO = "scenarios/india-nightly.toml"


def bench_run(instance: str, limit: float) -> dict:
    path = ROOT / "benchmarks" / "instances" / "gh1000" / f"{instance}.vrp"
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "magroute", "bench", str(path), "-t", str(limit),
                          "-f", "csv"], cwd=ROOT, capture_output=True, text=True, check=True)
    command_s = time.perf_counter() - t0
    row = next(csv.DictReader(io.StringIO(out.stdout)))
    return {"what": f"bench {instance}", "limit_s": limit, "engine_s": float(row["wall_s"]),
            "command_s": round(command_s, 2), "gap_pct": round(float(row["gap_pct"]), 2)}


def plan_run(limit: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "magroute", "plan", SCENARIO, "-t", str(limit),
                        "-o", str(Path(tmp) / "plan"), "-q"], cwd=ROOT, capture_output=True,
                       text=True, check=True)
        command_s = time.perf_counter() - t0
        summary = json.loads((Path(tmp) / "plan" / "summary.json").read_text())
    return {"what": "plan india-nightly", "limit_s": limit,
            "engine_s": round(float(summary["runtime_s"]), 2), "command_s": round(command_s, 2),
            "sites": summary["sites_total"], "served": summary["sites_served"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limits", type=float, nargs="+", default=[1, 3, 10, 60])
    args = ap.parse_args()
    version = code_version()  # of the code the runs start from
    runs = []
    for limit in args.limits:
        for instance in INSTANCES:
            runs.append(bench_run(instance, limit))
            print(runs[-1], flush=True)
    for limit in args.limits:
        runs.append(plan_run(limit))
        print(runs[-1], flush=True)
    limits = " ".join(f"{x:g}" for x in args.limits)
    meta = machine() | version | {"command": f"python benchmarks/timing.py --limits {limits}",
                                         "runs": runs}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "timing.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    DOC.write_text(report(), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
