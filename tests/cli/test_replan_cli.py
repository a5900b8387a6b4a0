"""`magroute replan` through the real CLI: dispatched routes keep their sequence, late requests
go to the other trucks, and the new folder checks on its own."""

import csv
import json

from test_cli import magroute, read_csv


def test_replan_keeps_locked_routes_and_places_late_requests(tmp_path):
    plan = tmp_path / "plan"
    r = magroute("plan", "scenarios/ncr-daily.toml", "--out", plan, "-t", "4", "-q")
    assert r.returncode == 0, r.stdout + r.stderr
    rows = read_csv(plan / "routes.csv")
    vehicles = list(dict.fromkeys(row["vehicle_id"] for row in rows))
    assert len(vehicles) >= 3
    locks = vehicles[:2]
    unserved = read_csv(plan / "unserved.csv")
    late = [u["site_id"] for u in unserved[:3]]
    with (tmp_path / "late.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["request_id", "site_id", "date_ready", "must_collect"])
        for k, site in enumerate(late, start=1):
            w.writerow([f"L{k}", site, "2026-11-23", "true" if k == 1 else "false"])

    out = tmp_path / "replan"
    r = magroute("replan", plan, "--queue", tmp_path / "late.csv", "--lock", ",".join(locks),
                 "--out", out, "-t", "4")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "check passed" in r.stdout
    new_rows = read_csv(out / "routes.csv")

    def events(rs, v):
        return [{k: row[k] for k in ("route_id", "seq", "kind", "site_id", "arrival",
                                     "departure", "load_kg")} for row in rs
                if row["vehicle_id"] == v]

    for v in locks:  # on the road: same route, same stops, same times
        assert events(new_rows, v) == events(rows, v)
    old_ids = {p["site_id"]: p["pickup_id"] for p in read_csv(plan / "pickups.csv")
               if p["vehicle_id"] in locks}
    new_ids = {p["site_id"]: p["pickup_id"] for p in read_csv(out / "pickups.csv")
               if p["vehicle_id"] in locks}
    assert new_ids == old_ids  # the manifests already printed stay valid
    served = [row["site_id"] for row in new_rows if row["kind"] == "pickup"]
    all_sites = served + [u["site_id"] for u in read_csv(out / "unserved.csv")]
    assert len(all_sites) == len(set(all_sites)) == len(rows and
                                                       read_csv(plan / "unserved.csv")) + len(
        [row for row in rows if row["kind"] == "pickup"])
    outcomes = {o["request_id"]: o for o in read_csv(out / "requests.csv")}
    assert set(outcomes) == {"L1", "L2", "L3"}
    assert outcomes["L1"]["status"] == "served"  # must-collect
    assert outcomes["L1"]["vehicle_id"] not in locks
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["annual"]["plans_per_year"] > 0  # like a folder of `magroute plan`
    r = magroute("check", out)
    assert r.returncode == 0, r.stdout + r.stderr


def test_replan_names_an_unknown_lock(tmp_path):
    plan = tmp_path / "plan"
    r = magroute("plan", "scenarios/ncr-daily.toml", "--out", plan, "-t", "2", "-q",
                 "--lang", "en")
    assert r.returncode == 0, r.stderr
    (tmp_path / "late.csv").write_text("request_id,site_id,date_ready\n", encoding="utf-8")
    r = magroute("replan", plan, "--queue", tmp_path / "late.csv", "--lock", "truck-99")
    assert r.returncode == 2 and "truck-99" in r.stderr and "vehicle has no route" in r.stderr
