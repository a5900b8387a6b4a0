"""End-to-end: `plan` writes the driver and planner outputs, `export` rewrites them in Hindi,
`receive` reconciles a weighbridge file against the pickup ledger (per pickup, route and trip)
— through the real CLI."""

import csv
import re
import subprocess

import gpxpy
import pytest
from factories import two_trips_problem
from test_cli import magroute, read_csv

from magroute.analysis import compute_kpis
from magroute.domain.scenario import SolveSettings
from magroute.export import write_plan
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource


@pytest.fixture(scope="module")
def ncr_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("plan") / "ncr"
    r = magroute("plan", "scenarios/ncr-daily.toml", "--out", out, "--time-limit", "4", "-q")
    assert r.returncode == 0, r.stderr + r.stdout
    return out, r


def test_plan_writes_driver_and_planner_outputs(ncr_out):
    out, r = ncr_out
    routes = {row["route_id"] for row in read_csv(out / "routes.csv")}
    assert routes
    for name in ("map.html", "plan.xlsx", "pickups.csv"):
        assert (out / name).is_file() and name in r.stdout
    for pattern in ("routes/*.gpx", "routes/*.kml", "routes/*.geojson", "manifests/*.en.pdf",
                    "manifests/*.en.html"):
        assert len(list(out.glob(pattern))) == len(routes), pattern
    events = [row for row in read_csv(out / "routes.csv") if row["kind"] == "pickup"]
    ledger = read_csv(out / "pickups.csv")
    assert [row["site_id"] for row in ledger] == [row["site_id"] for row in events]
    # each pickup's trip as routes.csv has it; IDs unique across the trips of a route
    assert [(r["route_id"], r["trip"]) for r in ledger] == [(r["route_id"], r["trip"]) for r in events]
    assert len({r["pickup_id"] for r in ledger}) == len(ledger)


def test_every_trip_of_a_route_has_its_heading_and_slip_in_the_manifest(ncr_out):
    out, _ = ncr_out
    trips: dict[str, int] = {}
    for row in read_csv(out / "routes.csv"):
        trips[row["route_id"]] = max(trips.get(row["route_id"], 1), int(row["trip"]))
    for route_id, n in trips.items():
        (page,) = out.glob(f"manifests/{route_id}-*.en.html")
        text = page.read_text(encoding="utf-8")
        assert text.count('<article class="stop unload">') == n
        assert text.count("Weight received at the hub weighbridge (kg)") == n
        headings = re.findall(r'<h2 class="trip">Trip (\d+) of (\d+)</h2>', text)
        assert headings == ([(str(k), str(n)) for k in range(1, n + 1)] if n > 1 else [])
        (gpx,) = out.glob(f"routes/{route_id}-*.gpx")
        assert len(gpxpy.parse(gpx.read_text(encoding="utf-8")).tracks[0].segments) == n


def test_receive_reconciles_a_two_trip_route_per_unload(tmp_path):
    problem = two_trips_problem()
    plan = solve(problem, GreatCircleSource().matrices(problem.points()),
                 SolveSettings(time_limit_s=2.0, seed=1, workers=1))
    assert [r.n_trips for r in plan.routes] == [2]
    out = tmp_path / "plan"
    write_plan(problem, plan, compute_kpis(problem, plan), out, formats=("pickups",))
    ledger = read_csv(out / "pickups.csv")
    assert [r["trip"] for r in ledger] == ["1", "1", "2"]
    wb = tmp_path / "weighbridge.csv"
    with wb.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["pickup_id", "received_kg", "vehicle_id"])
        for row in ledger[:2]:  # trip 1 as planned; trip 2's load never weighed
            w.writerow([row["pickup_id"], row["expected_kg"], row["vehicle_id"]])
    r = magroute("receive", out, wb, "--out", tmp_path / "rec")
    assert r.returncode == 6, r.stderr + r.stdout
    assert "Per unload" in r.stdout
    assert re.search(rf"missing\s+{ledger[2]['pickup_id']} .*, trip 2", r.stdout)
    trips = read_csv(tmp_path / "rec" / "receipt-trips.csv")
    assert [(t["route_id"], t["trip"], t["status"], t["planned_kg"], t["received_kg"]) for t in trips] == [
        ("R01", "1", "ok", "600.0", "600.0"), ("R01", "2", "missing", "480.0", "0.0")]
    (route,) = read_csv(tmp_path / "rec" / "receipt-routes.csv")
    assert (route["trips"], route["missing"], route["ok"]) == ("2", "1", "2")


def test_export_writes_hindi_manifests_from_the_plan_folder(ncr_out, tmp_path):
    out, _ = ncr_out
    r = magroute("export", out, "--to", "manifest,gpx", "--lang", "hi", "--out", tmp_path, "-q")
    assert r.returncode == 0, r.stderr + r.stdout
    pdfs = sorted(tmp_path.glob("manifests/*.hi.pdf"))
    assert len(pdfs) == len(list(out.glob("manifests/*.en.pdf"))) > 0
    assert len(list(tmp_path.glob("routes/*.gpx"))) == len(pdfs)
    assert not (tmp_path / "plan.xlsx").exists()  # only what was asked for
    text = subprocess.run(["pdftotext", pdfs[0], "-"], capture_output=True, text=True,
                          check=True).stdout
    route_id = pdfs[0].name.split("-")[0]
    ids = [row["pickup_id"] for row in read_csv(out / "pickups.csv") if row["route_id"] == route_id]
    assert ids and all(i in text for i in ids)
    assert "हस्ताक्षर" in text


def test_export_rejects_unknown_formats_and_languages(ncr_out, tmp_path):
    out, _ = ncr_out
    r = magroute("export", out, "--to", "gpx,fax", "--out", tmp_path)
    assert r.returncode == 2 and "fax" in r.stderr and "manifest" in r.stderr
    r = magroute("export", out, "--lang", "fr", "--out", tmp_path)
    assert r.returncode == 2 and "fr" in r.stderr


def test_receive_reports_exactly_the_missing_short_and_unexpected(ncr_out, tmp_path):
    out, _ = ncr_out
    ledger = read_csv(out / "pickups.csv")
    assert len(ledger) >= 3
    missing, short, *rest = ledger
    wb = tmp_path / "weighbridge.csv"
    with wb.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["pickup_id", "received_kg", "vehicle_id"])
        w.writerow([short["pickup_id"], float(short["expected_kg"]) * 0.6, short["vehicle_id"]])
        for row in rest:
            w.writerow([row["pickup_id"], row["expected_kg"], row["vehicle_id"]])
        w.writerow(["PK-20990101-R77-01", "250", ""])
    r = magroute("receive", out, wb, "--out", tmp_path / "rec")
    assert r.returncode == 6, r.stderr + r.stdout
    flagged = [line.split() for line in r.stdout.splitlines()
               if line.strip().split(" ")[0] in ("missing", "short", "over", "unexpected")]
    assert sorted((f[0], f[1]) for f in flagged) == sorted([
        ("missing", missing["pickup_id"]), ("short", short["pickup_id"]),
        ("unexpected", "PK-20990101-R77-01")])
    receipts = read_csv(tmp_path / "rec" / "receipts.csv")
    assert sum(row["status"] == "ok" for row in receipts) == len(rest)
    routes = read_csv(tmp_path / "rec" / "receipt-routes.csv")
    assert sum(int(row["missing"]) for row in routes) == 1


def test_receive_on_a_clean_day_exits_0_and_bad_files_name_row_and_column(ncr_out, tmp_path):
    out, _ = ncr_out
    wb = tmp_path / "wb.csv"
    rows = read_csv(out / "pickups.csv")
    wb.write_text("pickup_id,received_kg\n" + "".join(
        f"{row['pickup_id']},{row['expected_kg']}\n" for row in rows), encoding="utf-8")
    r = magroute("receive", out, wb, "--out", tmp_path / "rec")
    assert r.returncode == 0, r.stderr + r.stdout
    wb.write_text("pickup_id,received_kg\nPK-1,heavy\n", encoding="utf-8")
    r = magroute("receive", out, wb, "--out", tmp_path / "rec")
    assert r.returncode == 2
    assert "wb.csv, row 1, column 'received_kg': not a number" in r.stderr
    r = magroute("receive", tmp_path, wb)
    assert r.returncode == 2 and "pickups.csv" in r.stderr
