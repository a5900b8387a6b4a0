"""`magroute replan` through the real CLI: dispatched routes keep their sequence, late requests
go to the other trucks, and the new folder checks on its own."""

import csv
import json

from test_cli import ROOT as REPO
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


def two_trip_scenario(folder):
    """A 750 kg truck and two 600 kg yards near the hub, one open in the morning and one in
    the afternoon: the plan is one route of two trips, unloading at the hub in between."""
    folder.mkdir()
    header = (open(REPO / "data" / "sites.csv", encoding="utf-8").readline().strip().split(","))
    rows = []
    for site_id, lat, lon, hours in (("AM1", 28.50, 77.72, ("08:00", "10:30")),
                                     ("PM1", 28.42, 77.66, ("14:00", "17:00"))):
        row = dict.fromkeys(header, "0")
        row.update(site_id=site_id, name=f"Yard {site_id}", site_type="scrap_yard",
                   pincode="203205", city="Sikandrabad", state="Uttar Pradesh", lat=lat,
                   lon=lon, open_days="Mon-Sun", open_time=hours[0], close_time=hours[1],
                   qty_industrial_pm_motor=60, gross_weight_kg=600, must_collect="false",
                   contact="")
        rows.append(row)
    with (folder / "sites.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, header)
        w.writeheader()
        w.writerows(rows)
    fleet = open(REPO / "data" / "fleet.toml", encoding="utf-8").read().split("[[fleet]]")[0]
    (folder / "fleet.toml").write_text(fleet + '[[fleet]]\ntype = "ace"\ncount = 1\n'
                                       'home = "SKD"\n', encoding="utf-8")
    text = open(REPO / "scenarios" / "ncr-daily.toml", encoding="utf-8").read()
    text = text.replace('sites = "../data/sites.csv"', f'sites = "{folder / "sites.csv"}"')
    text = text.replace('fleet = "../data/fleet.toml"', f'fleet = "{folder / "fleet.toml"}"')
    for name in ("yields.toml", "hubs.csv", "truck_bans.csv", "entry_charges.csv"):
        text = text.replace(f'"../data/{name}"', f'"{(REPO / "data" / name)}"')
    scenario = folder / "two-trips.toml"
    scenario.write_text(text, encoding="utf-8")
    return scenario


def test_a_lock_on_the_first_trip_keeps_it_and_plans_the_truck_again_after_its_unload(
        tmp_path):
    plan = tmp_path / "plan"
    r = magroute("plan", two_trip_scenario(tmp_path / "in"), "--out", plan, "-t", "2", "-q")
    assert r.returncode == 0, r.stdout + r.stderr
    rows = read_csv(plan / "routes.csv")
    assert {row["trip"] for row in rows} == {"1", "2"}
    (vehicle,) = {row["vehicle_id"] for row in rows}
    # A late request at a third yard; the truck is locked on its first trip only.
    with (tmp_path / "late.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["request_id", "site_id", "date_ready", "must_collect"],
                                 ["L1", "PM1", "2026-11-23", "true"]])
    out = tmp_path / "replan"
    r = magroute("replan", plan, "--queue", tmp_path / "late.csv", "--lock", f"{vehicle}:1",
                 "--out", out, "-t", "2")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "check passed" in r.stdout
    new_rows = read_csv(out / "routes.csv")
    first = [row for row in rows if row["trip"] == "1"]
    kept = [row for row in new_rows if row["trip"] == "1"]
    columns = ("route_id", "seq", "kind", "site_id", "arrival", "departure", "load_kg")
    assert [{k: x[k] for k in columns} for x in kept] == [{k: x[k] for k in columns}
                                                         for x in first]
    # Trip 2 was planned again: the must-collect request is served on it, by the same truck.
    assert [row["site_id"] for row in new_rows if row["trip"] == "2" and
            row["kind"] == "pickup"] == ["PM1"]
    r = magroute("replan", plan, "--queue", tmp_path / "late.csv", "--lock", f"{vehicle}:3",
                 "--out", tmp_path / "bad", "-t", "1")
    assert r.returncode == 2 and "N from 1 to 2" in r.stderr + r.stdout
