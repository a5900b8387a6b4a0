"""Every class of user mistake through the real console entry point: its exit code from the one
table (`magroute.errors.EXIT_CODES`) and a one-line message, never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from magroute.errors import (
    EXIT_CODES,
    CheckError,
    InputError,
    InputProblem,
    MagrouteError,
    NoSolutionError,
    PiecesFailed,
    ReceiptMismatch,
    TravelError,
    UsageError,
    exit_code,
    exit_code_help,
)

ROOT = Path(__file__).resolve().parents[2]
NCR = ROOT / "scenarios" / "ncr-daily.toml"
INSTANCE = ROOT / "benchmarks" / "instances" / "solomon" / "C101.txt"


def magroute(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "magroute", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_every_error_class_has_one_code_and_bugs_exit_1():
    assert {cls: code for cls, code, _ in EXIT_CODES} == {
        InputError: 2, UsageError: 2, TravelError: 3, NoSolutionError: 4, CheckError: 5,
        ReceiptMismatch: 6, PiecesFailed: 7}
    assert exit_code(None) == 0
    assert exit_code(PiecesFailed("x")) == 7
    assert exit_code(MagrouteError("x")) == 1 and exit_code(ValueError("x")) == 1


def test_one_problem_is_one_line_and_many_are_listed():
    one = InputError([InputProblem("sites.csv", "not a number", row=3, column="lat")])
    assert str(one) == "sites.csv, row 3, column 'lat': not a number"
    two = InputError([InputProblem("a.csv", "x"), InputProblem("b.csv", "y")])
    assert str(two).splitlines() == ["2 problems in the input:", "  - a.csv: x", "  - b.csv: y"]


def _mistakes(tmp: Path) -> dict[str, tuple[tuple, type[MagrouteError] | None, str]]:
    """name -> (arguments, error class or None for a usage error of the parser, text)."""
    (tmp / "empty.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    (tmp / "queue.csv").write_text("request_id,site_id,date_ready\n")
    (tmp / "runs" / "2026-11-23").mkdir(parents=True)
    (tmp / "notes").mkdir()
    (tmp / "notes" / "mine.txt").write_text("keep me")
    return {
        "not a plan folder": (("check", tmp / "runs"), InputError, "not a plan folder"),
        "plan over other files": (("plan", NCR, "--out", tmp / "notes"), InputError,
                                  "is not a plan folder"),
        "missing scenario": (("validate", tmp / "nope.toml"), InputError, "file not found"),
        "unreadable road network": (("travel", "SKD", "Agra", "--network", tmp / "empty.geojson"),
                                    InputError, "cannot read it as a road network"),
        "night already planned": (("night", "--date", "2026-11-23", "--queue", tmp / "queue.csv",
                                   "--scenario", NCR, "--runs", tmp / "runs"),
                                  UsageError, "--force"),
        "night not in the history": (("runs", "show", "2020-01-01", "--history", tmp / "h.sqlite"),
                                     UsageError, "no run for the night of 2020-01-01"),
        "unknown solver": (("bench", INSTANCE, "--compare", "cplex"), UsageError,
                           "unknown solver"),
        "unknown bench format": (("bench", INSTANCE, "--format", "xml"), UsageError,
                                 "unknown --format"),
        "unknown option": (("plan", NCR, "--colour", "red"), None, "No such option"),
    }


@pytest.mark.parametrize("name", ["not a plan folder", "plan over other files", "missing scenario",
                                  "unreadable road network", "night already planned",
                                  "night not in the history", "unknown solver",
                                  "unknown bench format", "unknown option"])
def test_user_mistake_exits_with_its_code_and_one_line(tmp_path, name):
    args, cls, text = _mistakes(tmp_path)[name]
    r = magroute(*args)
    assert "Traceback" not in r.stderr + r.stdout
    assert text in r.stderr
    assert r.returncode == (2 if cls is None else next(c for k, c, _ in EXIT_CODES if k is cls))
    if cls is not None:
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    assert not any((tmp_path / "runs" / "2026-11-23").iterdir())  # nothing written into it
    assert [p.name for p in (tmp_path / "notes").iterdir()] == ["mine.txt"]


def test_debug_shows_the_traceback(tmp_path):
    r = magroute("runs", "show", "2020-01-01", "--history", tmp_path / "h.sqlite", "--debug")
    assert r.returncode != 0 and "Traceback" in r.stderr and "UsageError" in r.stderr


def test_help_prints_the_exit_code_table():
    r = magroute("--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    for _, code, meaning in EXIT_CODES:
        assert f"{code} {' '.join(meaning.split()[:3])}" in text


def test_readme_prints_the_same_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert exit_code_help() in readme
