"""Road-graph travel matrix: time and peak memory for N points, cold and from the disk cache.

    .venv/bin/python benchmarks/travel_matrix.py               # 2,000 points (about a minute)
    .venv/bin/python benchmarks/travel_matrix.py --points 500

The points are the Sikandrabad hub, the 722 bundled sites and PIN-code centroids drawn with a
fixed seed up to N. Each measurement runs in a fresh process (so the cold run includes loading
the network, and peak memory is that process's maximum resident set): first with an empty cache
directory, then again with the cache the first run wrote. Also measures the four city pairs of
issue 4 with `magroute travel`'s routing. Writes benchmarks/results/travel-matrix.json and
rewrites docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

PAIRS = (("Delhi", "Mumbai", 1411), ("Delhi", "Chennai", 2174), ("Sikandrabad", "Kolkata", 1382),
         ("Mumbai", "Bengaluru", 977))


def points(n: int, seed: int) -> list[tuple[float, float]]:
    import numpy as np

    pts = [(28.4512, 77.6955)]
    with open(ROOT / "data" / "sites.csv", encoding="utf-8") as f:
        pts += [(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)]
    with open(ROOT / "data" / "geo" / "india_pincodes.csv", encoding="utf-8") as f:
        pins = [(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f) if r["lat"]]
    rng = np.random.default_rng(seed)
    extra = rng.choice(len(pins), size=max(0, n - len(pts)), replace=False)
    return (pts + [pins[i] for i in sorted(extra)])[:n]


def child(points_file: Path, cache: Path) -> None:
    from magroute.domain.scenario import RoadSettings, TravelSettings
    from magroute.travel import travel_source_for

    pts = [tuple(p) for p in json.loads(points_file.read_text())]
    t0 = time.perf_counter()
    src = travel_source_for(TravelSettings(source="road_graph", road=RoadSettings(cache_dir=cache)))
    m = src.matrices(pts)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak_mb), "hit": src.last_hit,
                      "size": m.size, "far_warnings": len(src.warnings)}))


def measure(n: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pf = Path(tmp) / "points.json"
        pf.write_text(json.dumps(points(n, seed)))
        runs = []
        for _ in ("cold", "hit"):
            out = subprocess.run([sys.executable, __file__, "--child", str(pf), tmp],
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    cold, hit = runs
    assert cold["hit"] is False and hit["hit"] is True
    return {"points": n, "cold": cold, "hit": hit}


def pairs() -> list[dict]:
    from magroute.inputs.places import resolve_place
    from magroute.travel import RoadGraphSource

    src = RoadGraphSource()
    out = []
    for a, b, ref in PAIRS:
        leg = src.route(resolve_place(a).point, resolve_place(b).point)
        out.append({"from": a, "to": b, "road_km": round(leg.distance_m / 1000, 1),
                    "reference_km": ref, "diff_pct": round((leg.distance_m / 1000 / ref - 1) * 100, 2),
                    "hours": round(leg.duration_s / 3600, 1), "via": leg.via})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", nargs=2, metavar=("POINTS_JSON", "CACHE_DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    from run import DOC, RESULTS, machine, report

    result = machine() | measure(args.points, args.seed) | {
        "pairs": pairs(), "command": f"python benchmarks/travel_matrix.py --points {args.points}"}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "travel-matrix.json").write_text(json.dumps(result, indent=2) + "\n",
                                                encoding="utf-8")
    print(json.dumps(result, indent=2))
    DOC.write_text(report(), encoding="utf-8")


if __name__ == "__main__":
    main()
