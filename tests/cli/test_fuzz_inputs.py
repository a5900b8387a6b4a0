"""Issue 18: hostile and absurd input files through the real console entry point.

Hypothesis breaks the mini data set's files (tests/fuzz_files.py: valid, subtly invalid and
absurd values, broken structure, garbage) and runs `validate`, `plan`, `night` and `receive`
on them. The property of every run: exit 0 with a plan that `magroute check` accepts and that
accounts for every site (or request, or weigh-in), or exit 2 with at least one problem line
naming a file and no output left behind; never another exit code, never a traceback.

Examples are derandomized, so `make test` tries the same ones each run; set
MAGROUTE_FUZZ_EXAMPLES to try more (e.g. 500) and MAGROUTE_FUZZ_RANDOM=1 for new ones.
docs/robustness.md says how many run in `make test` and what they found.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from entry import Ran, run_main
from fuzz_files import Mutation, data_rows, fitting_mutations, mutations
from hypothesis import HealthCheck, event, given, settings
from mini_data import NIGHT, QUEUE_CSV, write_mini

from magroute.formatting import restore_cell

EXAMPLES = int(os.environ.get("MAGROUTE_FUZZ_EXAMPLES", "32"))
# MAGROUTE_FUZZ_RANDOM=1: new examples every run (exploring); by default the same ones (CI).
RANDOM = os.environ.get("MAGROUTE_FUZZ_RANDOM") == "1"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
                suppress_health_check=list(HealthCheck))
INPUT_FILES = ("sites.csv", "hubs.csv", "fleet.toml", "yields.toml", "mini.toml")


def apply(root_file: Path, changes: list[Mutation]) -> None:
    for m in changes:
        text = root_file.read_text(encoding="utf-8", errors="replace")
        root_file.write_text(m.apply(text), encoding="utf-8", errors="surrogatepass")


def assert_no_traceback(r: Ran) -> None:
    assert r.traceback is None, r.traceback
    assert "Traceback" not in r.output, r.output


def assert_rejected(r: Ran, files: tuple[str, ...]) -> None:
    """Exit 2 and at least one problem line that names one of `files`."""
    assert r.exit_code == 2, r.output
    assert "error:" in r.stderr, r.output
    assert any(name in line for line in r.stderr.splitlines() for name in files), r.stderr


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    # Headers as the readers take them: byte-order marks (a spreadsheet's, or two) and spaces off.
    header = [h.lstrip("\ufeff").strip() for h in rows[0]] if rows else []
    return [dict(zip(header, r, strict=False)) for r in rows[1:] if any(c.strip() for c in r)]


def planned_sites(out: Path) -> list[str]:
    served = [r["site_id"] for r in read_csv(out / "routes.csv") if r["kind"] == "pickup"]
    return served + [r["site_id"] for r in read_csv(out / "unserved.csv")]


# ---------------------------------------------------------------- validate and plan


@FUZZ
@given(changes=mutations(("sites.csv", "hubs.csv"), ("fleet.toml", "yields.toml", "mini.toml")))
def test_validate_and_plan_either_plan_everything_or_name_a_problem(changes):
    validate_and_plan(changes)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 4))
@given(changes=fitting_mutations(("sites.csv", "hubs.csv")))
def test_inputs_that_fit_their_columns_always_plan(changes):
    assert validate_and_plan(changes) == 0


def validate_and_plan(changes: list[Mutation]) -> int:
    """The property for `validate` and `plan` on the mutated mini data set; the exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        mini = write_mini(Path(tmp))
        for m in changes:
            apply(mini.path(m.file), [m])
        checked = run_main("validate", mini.scenario)
        assert_no_traceback(checked)
        out = Path(tmp) / "out"
        planned = run_main("plan", mini.scenario, "--out", out, "-t", "1", "-q")
        assert_no_traceback(planned)
        event(f"plan exit {planned.exit_code}")
        if planned.exit_code != 0:
            assert_rejected(planned, INPUT_FILES)
            assert checked.exit_code == 2, "validate passed what plan refused:\n" + planned.output
            assert not out.exists() and not list(Path(tmp).glob(".out*"))
            return planned.exit_code
        assert checked.exit_code == 0, "plan accepted what validate refused:\n" + checked.output
        verdict = run_main("check", out)
        assert verdict.exit_code == 0, verdict.output
        sites = planned_sites(out)
        rows = data_rows(mini.path("sites.csv").read_text(encoding="utf-8"))
        assert len(sites) == len(set(sites)) == rows, (sites, rows)
        return 0


# ---------------------------------------------------------------- the night's queue


@settings(FUZZ, max_examples=max(1, EXAMPLES // 4))  # a night costs two seconds
@given(changes=mutations(("REQUESTS.csv",)))
def test_night_either_accounts_for_every_request_or_names_a_problem(changes):
    with tempfile.TemporaryDirectory() as tmp:
        mini = write_mini(Path(tmp))
        queue = Path(tmp) / "REQUESTS.csv"
        queue.write_text(QUEUE_CSV, encoding="utf-8")
        apply(queue, changes)
        runs = Path(tmp) / "runs"
        r = run_main("night", "--date", NIGHT, "--queue", queue, "--scenario", mini.scenario,
                     "--runs", runs, "--workers", "1", "-t", "1", "-q")
        assert_no_traceback(r)
        event(f"night exit {r.exit_code}")
        night = runs / NIGHT
        if r.exit_code != 0:
            assert_rejected(r, ("REQUESTS.csv",))
            assert not night.exists()
            return
        verdict = run_main("check", night)
        assert verdict.exit_code == 0, verdict.output
        outcomes = [o["request_id"] for o in read_csv(night / "requests.csv")]
        rows = data_rows(queue.read_text(encoding="utf-8"))
        assert len(outcomes) == len(set(outcomes)) == rows, (outcomes, rows)
        queued = {q["request_id"] for q in read_csv(night / "queue-next.csv")}
        served = {o["request_id"] for o in read_csv(night / "requests.csv")
                  if o["status"] == "served"}
        assert not queued & served and queued | served == set(outcomes)


# ---------------------------------------------------------------- the weighbridge file


@pytest.fixture(scope="module")
def mini_plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("weighbridge")
    mini = write_mini(root)
    out = root / "plan"
    r = run_main("plan", mini.scenario, "--out", out, "-t", "1", "-q")
    assert r.exit_code == 0, r.output
    pickups = read_csv(out / "pickups.csv")
    assert pickups, "the mini plan serves no site"
    lines = ["pickup_id,received_kg,vehicle_id,weighed_at,note"]
    lines += [f"{p['pickup_id']},{p['expected_kg']},{p['vehicle_id']},2026-11-23T18:00,"
              for p in pickups]
    return out, "\n".join(lines) + "\n"


@FUZZ
@given(changes=mutations(("WEIGHBRIDGE.csv",)))
def test_receive_either_reconciles_every_weigh_in_or_records_nothing(mini_plan, changes):
    plan, weighbridge = mini_plan
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plan"
        shutil.copytree(plan, folder)
        wb = Path(tmp) / "WEIGHBRIDGE.csv"
        wb.write_text(weighbridge, encoding="utf-8")
        apply(wb, changes)
        history = Path(tmp) / "history.sqlite"
        r = run_main("receive", folder, wb, "--history", history)
        assert_no_traceback(r)
        event(f"receive exit {r.exit_code}")
        if r.exit_code == 2:
            assert_rejected(r, ("WEIGHBRIDGE.csv",))
            assert not (folder / "receipts.csv").exists()
            assert _visits(history) == 0
            return
        assert r.exit_code in (0, 6), r.output  # 6: received differs from the plan
        receipts = read_csv(folder / "receipts.csv")
        weighed = {row["pickup_id"] for row in read_csv(wb)} if data_rows(wb.read_text()) else set()
        planned = {p["pickup_id"] for p in read_csv(folder / "pickups.csv")}
        ids = [restore_cell(x["pickup_id"]) for x in receipts]  # '-inf: not a formula
        assert len(ids) == len(set(ids)) and set(ids) == planned | weighed


def _visits(history: Path) -> int:
    if not history.exists():
        return 0
    with sqlite3.connect(history) as db:
        tables = {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return db.execute("SELECT COUNT(*) FROM site_visits").fetchone()[0] \
            if "site_visits" in tables else 0
