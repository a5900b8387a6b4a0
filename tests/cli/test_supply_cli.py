"""The closed loop through the real commands: plan, receive the weigh-in and a no-show into the
history, see what it taught (`sites`), plan again with `[supply] history`, check that plan."""

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from magroute.export.passports import SCHEMA_PATH

ROOT = Path(__file__).resolve().parents[2]


def magroute(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "magroute", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(path, header, records):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(records)
    return path


def visits_in(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT pickup_id, site_id, outcome FROM site_visits").fetchall()


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("supply")
    first = tmp / "night1"
    r = magroute("plan", "scenarios/ncr-daily.toml", "--out", first, "--time-limit", "2",
                 "--date", "2026-11-23", "-q")
    assert r.returncode == 0, r.stderr + r.stdout
    pickups = rows(first / "pickups.csv")
    assert len(pickups) >= 3
    empty = pickups[0]
    weigh = write(tmp / "weigh.csv", ["pickup_id", "received_kg"],
                  [[p["pickup_id"], p["expected_kg"]] for p in pickups[1:]])
    no_shows = write(tmp / "no-shows.csv", ["pickup_id", "reason", "note"],
                     [[empty["pickup_id"], "empty", "shop shut down"]])
    db = tmp / "history.sqlite"
    got = magroute("receive", first, weigh, "--no-shows", no_shows, "--history", db)
    return tmp, first, pickups, empty, db, got


def test_receive_records_every_received_pickup_and_the_no_show(loop):
    _, _, pickups, empty, db, got = loop
    assert got.returncode == 6, got.stderr  # one pickup did not arrive
    assert f"recorded {len(pickups)} visit(s), 1 no-show(s)" in " ".join(got.stdout.split())
    recorded = visits_in(db)
    assert len(recorded) == len(pickups)
    assert (empty["pickup_id"], empty["site_id"], "empty") in recorded


def test_receive_writes_a_valid_passport_per_received_lot(loop):
    _, first, pickups, empty, _, _ = loop
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    lines = (first / "passports.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert sorted(r["pickup_id"] for r in records) == sorted(
        p["pickup_id"] for p in pickups if p["pickup_id"] != empty["pickup_id"])
    for r in records:
        assert list(validator.iter_errors(r)) == [], r["pickup_id"]
        assert r["transport"]["unload_hub"]  # from routes.csv
    assert any(r["ree_kg_estimated"].get("Nd", 0) > 0 for r in records)


def test_a_bad_no_show_file_records_nothing(loop):
    tmp, first, pickups, _, db, _ = loop
    before = visits_in(db)
    bad = write(tmp / "bad.csv", ["pickup_id", "reason"],
                [[pickups[1]["pickup_id"], "gone fishing"], ["PK-NOPE", "closed"]])
    weigh = write(tmp / "weigh-empty.csv", ["pickup_id", "received_kg"], [])
    r = magroute("receive", first, weigh, "--no-shows", bad, "--history", db)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "bad.csv, row 1, column 'reason'" in r.stderr
    assert "bad.csv, row 2, column 'pickup_id'" in r.stderr
    assert visits_in(db) == before
    # A bad weigh-in row: rejected with file, row and column, nothing recorded or written.
    bad_weigh = write(tmp / "bad-weigh.csv", ["pickup_id", "received_kg"],
                      [[pickups[1]["pickup_id"], "lots"]])
    receipts = (first / "receipts.csv").read_bytes()
    r = magroute("receive", first, bad_weigh, "--history", db)
    assert r.returncode == 2 and "bad-weigh.csv, row 1, column 'received_kg'" in r.stderr
    assert visits_in(db) == before and (first / "receipts.csv").read_bytes() == receipts


def test_sites_shows_what_the_history_taught(loop):
    _, _, _, empty, db, _ = loop
    r = magroute("sites", empty["site_id"], "--history", db)
    assert r.returncode == 0, r.stderr
    assert empty["site_id"] in r.stdout and "Learnt supply" in r.stdout
    r = magroute("sites", "NO-SUCH-SITE", "--history", db)
    assert r.returncode == 2 and "NO-SUCH-SITE" in r.stderr


def test_the_next_plan_values_the_empty_site_lower_and_checks_on_its_own(loop):
    tmp, first, _, empty, db, _ = loop
    learning = first / "learning.toml"
    text = (first / "scenario.toml").read_text(encoding="utf-8")
    learning.write_text(text + f'\n[supply]\nhistory = "{db.as_posix()}"\n', encoding="utf-8")
    second = tmp / "night2"
    r = magroute("plan", learning, "--out", second, "--time-limit", "2", "-q")
    assert r.returncode == 0, r.stderr + r.stdout

    def value(folder):
        for name in ("routes.csv", "unserved.csv"):
            for row in rows(folder / name):
                if row["site_id"] == empty["site_id"] and row["expected_value_inr"]:
                    return float(row["expected_value_inr"])
        raise AssertionError("every site is on a route or unserved")

    assert value(second) < value(first)
    # The folder keeps the estimates it was planned with, not a pointer to the history.
    assert (second / "inputs" / "supply.csv").is_file()
    copy = (second / "scenario.toml").read_text(encoding="utf-8")
    assert "estimates" in copy and "history.sqlite" not in copy
    check = magroute("check", second)
    assert check.returncode == 0, check.stdout + check.stderr


def test_compare_sets_learnt_against_declared_supply_on_the_same_history(loop):
    tmp, first, _, empty, db, _ = loop
    learning = first / "compare-learning.toml"  # beside the inputs/ its paths name
    text = (first / "scenario.toml").read_text(encoding="utf-8")
    learning.write_text(text.replace('name = "ncr-daily"', 'name = "learnt"')
                        + f'\n[supply]\nhistory = "{db.as_posix()}"\n', encoding="utf-8")
    out = tmp / "study"
    r = magroute("compare", learning, "--declared", "--out", out, "--time-limit", "1",
                 "--iterations", "30", "-q")
    assert r.returncode == 0, r.stderr + r.stdout
    header = next(csv.reader(open(out / "comparison.csv", encoding="utf-8")))
    assert "learnt" in header and "learnt-declared" in header
    assert (out / "learnt" / "inputs" / "supply.csv").is_file()
    twin = (out / "learnt-declared" / "scenario.toml").read_text(encoding="utf-8")
    assert "[supply]" not in twin
    assert magroute("check", out / "learnt-declared").returncode == 0
