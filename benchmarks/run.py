"""Run one benchmark set against the peers and rewrite docs/benchmarks.md from every result.

    .venv/bin/python benchmarks/run.py gh1000 --time-limit 60     # ~25 min: 6 x 4 solvers x 60 s
    .venv/bin/python benchmarks/run.py solomon --time-limit 10    # ~40 min
    .venv/bin/python benchmarks/run.py mtvrptwr --time-limit 60   # ~15 min: 6 x 2 solvers x 60 s
    .venv/bin/python benchmarks/run.py --report                   # only rewrite the document

Each run writes benchmarks/results/<set>-<limit>s.csv (one row per instance and solver) and a
.json beside it with the machine, date, code version and library versions; the document is
rebuilt from all result files, so sets measured on different days each keep their own record.
Run nothing else on the machine meanwhile: magroute and every peer use the same cores (N = the
cores magroute uses), one after another at equal wall-clock: PyVRP best of N processes (seeds
1..N), VROOM N threads, plain OR-Tools best of N processes (one first-solution strategy each).
`--peer-cores 1` gives the older single-thread peers. On mtvrptwr VROOM and plain OR-Tools,
which cannot express reloads, are listed as n/a.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from magroute.bench.run import PEERS, BenchRow, expand_instances, run_bench  # noqa: E402
from magroute.solver.hybrid import default_workers  # noqa: E402

SETS = ("solomon", "gh1000", "pcvrptw", "hfvrp", "mtvrptwr")
RESULTS = HERE / "results"
DOC = ROOT / "docs" / "benchmarks.md"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")))
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    versions = {}
    for pkg in ("magroute", "ortools", "pyvrp", "pyvroom", "numpy"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu, "cores": os.cpu_count(), "memory": memory,
        "python": platform.python_version(), "platform": platform.platform(),
        "versions": versions,
    }


def code_version() -> dict:
    """The commit the run starts from, and whether the engine's or the benchmark's code had
    uncommitted changes then."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "magroute", "benchmarks/run.py")
    except (OSError, subprocess.CalledProcessError):
        return {}
    out = {"commit": commit}
    if dirty:
        out["commit_note"] = f"{commit} plus uncommitted changes in the working tree"
    return out


def run(set_name: str, time_limit: float, seed: int, peer_cores: int | None = None) -> None:
    paths = expand_instances([ROOT / "benchmarks" / "instances" / set_name])
    stem = RESULTS / f"{set_name}-{time_limit:g}s"
    if peer_cores is None:
        peer_cores = default_workers()  # equal hardware
    meta = machine() | code_version() | {
        "set": set_name, "time_limit_s": time_limit, "seed": seed, "peer_cores": peer_cores,
        "magroute_workers": default_workers(),
        "command": f"python benchmarks/run.py {set_name} --time-limit {time_limit:g}"
                   + (f" --peer-cores {peer_cores}" if peer_cores != default_workers() else "")}

    loads: list[float] = []

    def show(row: BenchRow) -> None:
        # The 1-minute load average as each row ends: about the cores in use when nothing else
        # runs; more says other work shared the machine (the report then says so).
        loads.append(round(os.getloadavg()[0], 2))
        gap = "-" if row.gap_pct is None else f"{row.gap_pct:.2f}%"
        print(f"{row.instance:>10} {row.solver:>8} gap {gap:>8} {row.wall_s:6.1f} s {row.note}",
              flush=True)

    rows = run_bench(paths, time_limit, ["magroute", *PEERS], seed=seed, on_row=show,
                     peer_cores=peer_cores)
    meta["load_1min_max"] = max(loads, default=0.0)
    write_results(stem, rows, meta)


def write_results(stem: Path, rows: list[BenchRow], meta: dict) -> None:
    """<stem>.csv with one row per instance and solver, <stem>.json with the run's record."""
    RESULTS.mkdir(exist_ok=True)
    with open(stem.with_suffix(".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(BenchRow.__dataclass_fields__))
        w.writeheader()
        for r in rows:
            w.writerow(r.as_dict())
    stem.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def _f(v: str) -> float | None:
    return float(v) if v not in ("", "None") else None


def report() -> str:
    out = ["# Benchmarks", "",
           "magroute's engine against PyVRP, VROOM (pyvroom) and plain OR-Tools (path-cheapest-arc",
           "+ guided local search) at equal wall-clock, one after another on the same machine.",
           "Every cost is recomputed from the returned routes by magroute's independent evaluator",
           "(`magroute/bench/evaluate.py`) under the DIMACS convention: edges truncated to one",
           "decimal, pure distance (prize-collecting: distance + prizes of unvisited clients;",
           "HFVRP: fixed + unit cost x real-valued length of every used vehicle),",
           "compared with the best-known solution (BKS) in `benchmarks/instances/*/bks.csv`.",
           "Every column heading says the cores its solver had. magroute uses every core of the",
           "machine (2 here). On equal hardware (the default since 3 Dec 2026) every peer gets",
           "the same cores, as a user who picked it would use them: PyVRP the best of N",
           "processes with seeds 1..N, VROOM N threads (`nb_threads`), plain OR-Tools the best",
           "of N processes, one first-solution strategy each (its routing search has no seed).",
           "Tables whose peers show \"1 thread\" were measured before that, peers on one thread.",
           "Produced by `benchmarks/run.py` (see its docstring). The wall-clock column is the",
           "longest run over the limit (negative: within it); VROOM stops on its own when its",
           "search is done, hence its negative numbers on Solomon. On MTVRPTWR VROOM and plain",
           "OR-Tools cannot express reloads and release dates as the peers are built (n/a).",
           "Each set is one run with seed 1.", ""]
    for csv_path in sorted(RESULTS.glob("*.csv")):
        meta_path = csv_path.with_suffix(".json")
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        with open(csv_path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        solvers = list(dict.fromkeys(r["solver"] for r in rows))
        processes = {s: max(int(r.get("processes") or 1) for r in rows if r["solver"] == s)
                     for s in solvers}
        if "magroute" in processes:
            # older result files did not record magroute's cores: it always used every core
            processes["magroute"] = int(meta.get("magroute_workers") or min(8, meta.get("cores") or 1))
        labels = [column_label(s, processes[s]) for s in solvers]
        out += [f"## {meta.get('set', csv_path.stem)} at {meta.get('time_limit_s', '?')} s", ""]
        if meta:
            v = meta.get("versions", {})
            out += [f"Run {meta['date']} on {meta['cpu']}, {meta['cores']} cores, {meta['memory']};"
                    f" Python {meta['python']}; " + ", ".join(f"{k} {x}" for k, x in v.items())
                    + f"; seed {meta.get('seed')}; code {meta.get('commit', '?')}"
                    + (f" ({meta['commit_note']})" if meta.get("commit_note") else "")
                    + f". Command: `{meta.get('command')}`.", ""]
            out += load_note(meta)
        out += set_notes(meta.get("set", ""), rows, processes)
        by = {(r["instance"], r["solver"]): r for r in rows}
        names = list(dict.fromkeys(r["instance"] for r in rows))
        gap = functools.partial(_gap, by, solvers[0])

        with_bks = any(_f(by[(n, solvers[0])]["bks"]) is not None for n in names)
        out += ["| instance | " + ("BKS | " if with_bks else "") + " | ".join(labels) + " |",
                "|---|" + ("---:|" if with_bks else "") + "---:|" * len(solvers)]
        for name in names:
            cells = []
            for s in solvers:
                r = by.get((name, s))
                if r is not None and r["note"].startswith("n/a"):
                    cells.append(r["note"])
                elif r is None or _f(r["cost"]) is None:
                    cells.append("no solution")
                else:
                    cells.append(f"{float(r['cost']):,.1f} ({gap(name, s):+.2f}%)")
            bks = _f(by[(name, solvers[0])]["bks"])
            first = (f"{bks:,.1f} | " if bks is not None else "- | ") if with_bks else ""
            out.append(f"| {name} | " + first + " | ".join(cells) + " |")
        versus = "pyvrp" in solvers
        out += ["", "| solver | solved | " + ("mean gap" if with_bks else "mean vs PyVRP")
                + " | best on | worst wall-clock vs limit |"
                + (" worst instance vs PyVRP (points) |" if versus and with_bks else ""),
                "|---|---:|---:|---:|---:|" + ("---:|" if versus and with_bks else "")]
        for s, label in zip(solvers, labels, strict=True):
            mine = [by[(n, s)] for n in names if (n, s) in by]
            ran = [r for r in mine if not r["note"].startswith("n/a")]
            if not ran:
                out.append(f"| {label} | n/a | - | - | - |" + (" - |" if versus and with_bks else ""))
                continue
            gaps = [g for n in names if (g := gap(n, s)) is not None]
            wins = sum(1 for n in names if _f(by[(n, s)]["cost"]) is not None and all(
                _f(by[(n, o)]["cost"]) is None or float(by[(n, s)]["cost"]) <= float(by[(n, o)]["cost"])
                for o in solvers))
            over = max(float(r["wall_s"]) / float(r["time_limit_s"]) - 1 for r in ran)
            mean = f"{sum(gaps) / len(gaps):.2f}%" if gaps else "-"
            solved = sum(1 for r in mine if r["feasible"] == "True")
            line = f"| {label} | {solved}/{len(mine)} | {mean} | {wins} | {100 * over:+.1f}% |"
            if versus and with_bks:
                diffs = [g - p for n in names if (g := gap(n, s)) is not None
                         and (p := gap(n, "pyvrp")) is not None]
                worst = max(diffs, default=None)
                line += " - |" if s == "pyvrp" or worst is None else f" {worst:+.2f} |"
            out.append(line)
        out.append("")
        out += course_note(rows)
    return "\n".join(out + timing_report() + travel_report() + night_report()
                     + supply_loop_report())


def _gap(by: dict, first: str, name: str, solver: str) -> float | None:
    """`solver`'s cost on `name` in % above the best-known cost, or where there is none
    (hold-out instances) above PyVRP's."""
    r = by.get((name, solver))
    base = _f(by[(name, first)]["bks"])
    if base is None and (name, "pyvrp") in by:
        base = _f(by[(name, "pyvrp")]["cost"])
    if r is None or _f(r["cost"]) is None or base is None:
        return None
    return 100.0 * (float(r["cost"]) - base) / base


def column_label(solver: str, cores: int) -> str:
    """A result column's heading with the cores the solver had."""
    if solver == "magroute":
        return f"magroute ({cores} core{'s' if cores > 1 else ''})"
    if cores <= 1:
        return f"{solver} (1 thread)"
    return f"{solver} ({cores} threads)" if solver == "vroom" else f"{solver} (best of {cores})"


def course_note(rows: list[dict]) -> list[str]:
    """How magroute's search went on each instance (its rows' notes; result files written
    before 7 Dec 2026 have none)."""
    went = [(r["instance"], r["note"]) for r in rows if r["solver"] == "magroute"
            and r["note"] and not r["note"].startswith(("n/a", "error", "infeasible"))]
    if not went:
        return []
    return ["How magroute's search went: " + "; ".join(f"{n} {c}" for n, c in went) + ".", ""]


def load_note(meta: dict) -> list[str]:
    """A warning when other work shared the machine during the run, and any note by hand."""
    out = []
    load, cores = meta.get("load_1min_max"), meta.get("cores") or 1
    if load is not None and load > cores + 0.5:
        out.append(f"The machine was not quiet: the 1-minute load average reached {load:.1f} on "
                   f"{cores} cores during the run, so some engines had less CPU than the limit "
                   "says.")
    if meta.get("note"):
        out.append(meta["note"])
    return [" ".join(out), ""] if out else []


def set_notes(set_name: str, rows: list[dict], processes: dict[str, int]) -> list[str]:
    """What a set's table needs said beyond the general introduction."""
    if set_name.startswith("holdout"):
        return ["Instances derived from the Gehring-Homberger classes by `benchmarks/holdout.py` "
                "(a seeded random subset of the customers, the fleet in proportion; see its "
                "docstring): sizes and windows the engine was not tuned on. They have no "
                "best-known cost, so every cost is shown in % against PyVRP's on the same "
                "instance (negative: magroute cheaper).", ""]
    if set_name != "mtvrptwr":
        return []
    cores = processes.get("magroute", 1)
    best_of = processes.get("pyvrp", 1)
    n_a = sorted({r["solver"] for r in rows if r["note"].startswith("n/a")})
    return [
        "Multi-trip VRPTW with release dates (Solomon type-2 clients, 8 vehicles of capacity "
        "100 that may reload at the depot as often as they like; a trip leaves the depot no "
        "earlier than the release time of every client it carries). Cost: DIMACS distance, "
        "every depot leg included; the BKS are proven optima (bks.csv). "
        f"magroute plans the trips itself on {cores} cores (`VehicleData.max_trips` = one trip "
        "per client, i.e. no limit, and `ModelData.release_s`); "
        + (f"PyVRP is the best of {best_of} runs at once (seeds 1-{best_of}, each for the whole "
           "limit) on its own reading of the file (reload depot, release times), "
           if best_of > 1 else "PyVRP runs one process on its own reading of the file, ")
        + "and the evaluator checks capacity per trip, windows, release dates and the depot's "
        "hours on every trip."
        + (f" {' and '.join(n_a)}: n/a, their models as built here have no reloads or release "
           "dates." if n_a else ""), ""]


def run_line(r: dict, code: bool = True) -> str:
    """"Run <date> on <machine>; Python; code. Command: `...`." for a result file."""
    head = f"Run {r['date']} on {r['cpu']}, {r['cores']} cores, {r['memory']}; Python {r['python']}"
    if code:
        head += f"; code {r.get('commit', '?')}" + (
            f" ({r['commit_note']})" if r.get("commit_note") else "")
    return head + f". Command: `{r['command']}`."


def timing_report() -> list[str]:
    """The time-limit section, from benchmarks/timing.py's result."""
    path = RESULTS / "timing.json"
    if not path.exists():
        return []
    r = json.loads(path.read_text())
    out = ["## Time limit: wall-clock against the limit", "",
           run_line(r) + " Each run is a fresh process. *Search* is what the "
           "limit bounds: for bench the engine's wall-clock (model building, search, OR-Tools' "
           "check, decoding), for plan the `runtime_s` of summary.json (compiling the model, "
           "search, check, decoding). *Command* is the whole process: start-up and reading "
           "for bench; inputs, road-graph travel, the independent check and every output (map, "
           "workbook, GPX/KML, PDF manifests) for plan.", "",
           "| run | limit | search | search vs limit | command |",
           "|---|---:|---:|---:|---:|"]
    for x in r["runs"]:
        over = 100 * (x["engine_s"] - x["limit_s"]) / x["limit_s"]
        out.append(f"| {x['what']} | {x['limit_s']:g} s | {x['engine_s']:.2f} s | {over:+.1f}% "
                   f"| {x['command_s']:.1f} s |")
    return out + [""]


def travel_report() -> list[str]:
    """The road-graph matrix section, from benchmarks/travel_matrix.py's result."""
    path = RESULTS / "travel-matrix.json"
    if not path.exists():
        return []
    r = json.loads(path.read_text())
    out = ["## Road-graph travel matrix", "",
           run_line(r, code=False) + " Each measurement is a fresh process; "
           "peak memory is its maximum resident set (Python, numpy, scipy and the network "
           "included).", "",
           "| points | cold: time | cold: peak memory | cache hit: time | cache hit: peak memory |",
           "|---:|---:|---:|---:|---:|",
           f"| {r['points']:,} | {r['cold']['seconds']:.1f} s | {r['cold']['peak_mb']:,} MB | "
           f"{r['hit']['seconds']:.2f} s | {r['hit']['peak_mb']:,} MB |", "",
           "City pairs on the bundled national-highway network (town points from GeoNames), "
           "against the network distances in shared/geo/README.md:", "",
           "| from | to | road km | reference km | difference | driving hours |",
           "|---|---|---:|---:|---:|---:|"]
    for p in r["pairs"]:
        out.append(f"| {p['from']} | {p['to']} | {p['road_km']:,.1f} | {p['reference_km']:,} | "
                   f"{p['diff_pct']:+.1f}% | {p['hours']:.1f} |")
    return out + [""]


def night_report() -> list[str]:
    """The nightly-batch section, from benchmarks/night.py's results."""
    from magroute.formatting import inr as format_inr

    out = []
    for path in sorted(RESULTS.glob("night-*.json")):
        r = json.loads(path.read_text())
        out += [f"## Nightly batch: {r['requests']:,} requests", "",
                run_line(r) + " A "
                f"synthetic night (`magroute demo-data`, seed {r['seed']}): "
                f"{r['sites_in_register']:,} sites in the register, {r['trucks']} trucks, a "
                f"6-day horizon, road-graph travel, truck bans and drivers' hours; "
                f"{r['time_limit_s']:g} s of search, every output written (map, workbook, "
                "GPX/KML, PDF manifests). Wall-clock and peak memory are of the whole "
                "process tree.", "",
                "| run | wall-clock | peak memory (tree / largest process) | requests served "
                "/ deferred / not ready | sites served of offered | routes | km | net value "
                "| check |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for key, label in (("decomposed", "regional pieces (default)"),
                           ("whole", "whole (`--pieces 1`)")):
            x = r.get(key)
            if not x:
                continue
            if "served" not in x:
                out.append(f"| {label} | {x['wall_s']:,.0f} s | - | failed: exit "
                           f"{x['exit_code']} | | | | | |")
                continue
            m, s = divmod(round(x["wall_s"]), 60)
            out.append(
                f"| {label}, {x['pieces']} piece{'' if x['pieces'] == '1' else 's'} | "
                f"{m} min {s:02d} s | "
                f"{x['peak_tree_mb']:,} / {x['peak_process_mb']:,} MB | {x['served']:,} / "
                f"{x['deferred']:,} / {x['held']:,} | {x['sites_served']:,} of "
                f"{x['sites_offered']:,} | {x['routes']} | {x['distance_km']:,.0f} | "
                f"{format_inr(x['net_value_inr'])} | {x['check']} |")
        out.append("")
    return out


def supply_loop_report() -> list[str]:
    """The closed-loop section, from benchmarks/supply_loop.py's result."""
    path = RESULTS / "supply-loop.json"
    if not path.exists():
        return []
    r = json.loads(path.read_text())
    seeds, weeks = r["seeds"], r["weeks"]
    truth = "; ".join(f"{t} {p:.2f} / {k:.2f}" for t, (p, k) in r["truth"].items())
    out = ["## Learnt supply: eight weeks of the closed loop", "",
           run_line(r) + f" Delhi NCR milk run (`scenarios/ncr-daily.toml`, {r['sites']} "
           f"sites), one plan a week on the same weekday, {r['time_limit_s']:g} s of search, "
           f"seeds {', '.join(map(str, seeds))}. Hidden truth per site drawn around a mean "
           f"by type (reliability / kg ratio: {truth}; Beta concentration "
           f"{r['concentration']:g}, kg-ratio spread {r['ratio_spread']:g}), the same draws in "
           "both arms. Realised net value = declared expected magnet value x received / "
           "declared kg over visits that found material, minus the plan's cost; mean over "
           "the seeds, ₹.", "",
           "| week | declared supply: found / visits | realised net | learnt supply: found / "
           "visits | realised net | learnt - declared |",
           "|---:|---:|---:|---:|---:|---:|"]
    total = {"declared": 0.0, "learning": 0.0}
    for w in range(weeks):
        cells = []
        nets = {}
        for arm in ("declared", "learning"):
            rows = [r["runs"][f"{s}-{arm}"][w] for s in seeds]
            found = sum(x["found"] for x in rows) / len(rows)
            visits = sum(x["visits"] for x in rows) / len(rows)
            nets[arm] = sum(x["net_inr"] for x in rows) / len(rows)
            total[arm] += nets[arm]
            cells += [f"{found:.1f} / {visits:.1f}", f"{nets[arm]:,.0f}"]
        out.append(f"| {w + 1} | " + " | ".join(cells)
                   + f" | {nets['learning'] - nets['declared']:+,.0f} |")
    out.append(f"| all | | {total['declared']:,.0f} | | {total['learning']:,.0f} | "
               f"{total['learning'] - total['declared']:+,.0f} |")
    per_seed, behind = [], 0
    for seed in seeds:
        d, le = r["runs"][f"{seed}-declared"], r["runs"][f"{seed}-learning"]
        diffs = [b["net_inr"] - a["net_inr"] for a, b in zip(d, le, strict=True)]
        behind += sum(x < 0 for x in diffs)
        per_seed.append(f"seed {seed} {sum(diffs):+,.0f} "
                        f"({100 * sum(diffs) / sum(a['net_inr'] for a in d):+.1f} %)")
    violations = sum(x["violations"] for arm in r["runs"].values() for x in arm)
    out += ["", f"Learnt minus declared over the {weeks} weeks, per seed: "
            + "; ".join(per_seed) + f". Learning was behind in {behind} of "
            f"{len(seeds) * (weeks - 1)} seed-weeks after the first (identical in both arms: no "
            f"history yet). Check violations over all plans: {violations}."]
    return out + [""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", nargs="?", choices=SETS)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--peer-cores", type=int, default=None,
                    help="cores per peer (default: the cores magroute uses)")
    ap.add_argument("--report", action="store_true", help="only rewrite docs/benchmarks.md")
    args = ap.parse_args()
    if args.set and not args.report:
        run(args.set, args.time_limit, args.seed, args.peer_cores)
    DOC.write_text(report(), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
