"""Run history: every night in an embedded SQLite database (default ``runs/history.sqlite``).

Tables: ``runs`` (one row per planned night: when, scenario, inputs' digests, status, KPIs as
JSON, folder), ``request_outcomes`` (every request's fate that night) and ``routes`` (one row
per route: vehicle, pickups, km). A date planned again (``--force``) adds a run; the latest
run of a date is the one `show` and `diff` use. Writes are one transaction each, so a crash
leaves either the whole run or nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from magroute.errors import CheckError, PiecesFailed, UsageError, exit_code

if TYPE_CHECKING:  # night.py plans the night; this module only records it
    from magroute.batch.night import NightResult

HISTORY_DB = "history.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
    night TEXT NOT NULL,
    scenario TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    status TEXT NOT NULL,
    exit_code INTEGER NOT NULL,
    out_dir TEXT NOT NULL,
    scenario_sha256 TEXT NOT NULL,
    queue_sha256 TEXT NOT NULL,
    pieces INTEGER NOT NULL,
    pieces_resumed INTEGER NOT NULL,
    pieces_failed TEXT NOT NULL,
    kpis TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_night ON runs (night);
CREATE TABLE IF NOT EXISTS request_outcomes (
    run_id INTEGER NOT NULL REFERENCES runs (run_id),
    request_id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    route_id TEXT NOT NULL,
    vehicle_id TEXT NOT NULL,
    PRIMARY KEY (run_id, request_id)
);
CREATE TABLE IF NOT EXISTS routes (
    run_id INTEGER NOT NULL REFERENCES runs (run_id),
    route_id TEXT NOT NULL,
    vehicle_id TEXT NOT NULL,
    pickups INTEGER NOT NULL,
    distance_km REAL NOT NULL,
    stops TEXT NOT NULL,
    PRIMARY KEY (run_id, route_id)
);
"""


@dataclass(frozen=True, slots=True)
class RunRow:
    run_id: int
    night: str
    scenario: str
    finished_at: str
    status: str
    exit_code: int
    out_dir: str
    pieces: int
    pieces_resumed: int
    pieces_failed: dict
    kpis: dict


@dataclass(frozen=True, slots=True)
class NightDiff:
    """How the second night's requests differ from the first's (latest runs of each)."""

    added: tuple[str, ...]  # requests in the second night only
    dropped: tuple[str, ...]  # requests in the first night only
    moved: tuple[tuple[str, str, str], ...]  # (request, vehicle then, vehicle now), both served
    newly_served: tuple[str, ...]
    no_longer_served: tuple[str, ...]


@contextmanager
def connect(db_path: Path | str) -> Iterator[sqlite3.Connection]:
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.executescript(SCHEMA)
        yield db


def sha256_of(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def record_night(db_path: Path | str, result: NightResult, scenario_path: Path, queue_path: Path
                 ) -> int:
    """Add a finished night (`batch.night.NightResult`); returns its run_id."""
    failure = result.failure
    status = ("ok" if failure is None else "check violations" if isinstance(failure, CheckError)
              else "pieces failed" if isinstance(failure, PiecesFailed) else "error")
    kpis = result.kpis.to_dict()
    kpis.pop("route_kpis", None)  # per route in the routes table
    with connect(db_path) as db, db:
        cur = db.execute(
            "INSERT INTO runs (night, scenario, finished_at, status, exit_code, out_dir, "
            "scenario_sha256, queue_sha256, pieces, pieces_resumed, pieces_failed, kpis) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (result.night.isoformat(), result.kpis.scenario,
             datetime.now(UTC).isoformat(timespec="seconds"), status, exit_code(failure),
             str(result.out_dir), sha256_of(scenario_path), sha256_of(queue_path),
             result.pieces, result.resumed,
             json.dumps({str(k + 1): why for k, why in result.failed.items()}),
             json.dumps(kpis, default=str)))
        assert cur.lastrowid is not None  # an INSERT just made sets it
        run_id = int(cur.lastrowid)
        db.executemany(
            "INSERT INTO request_outcomes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(run_id, o.request.request_id, o.request.site_id, o.status, o.reason, o.route_id,
              o.vehicle_id) for o in result.outcomes])
        db.executemany(
            "INSERT INTO routes VALUES (?, ?, ?, ?, ?, ?)",
            [(run_id, r.route_id, r.vehicle_id, len(r.site_ids), r.distance_m / 1000,
              ";".join(r.site_ids)) for r in result.plan.routes])
    return run_id


def list_runs(db_path: Path | str) -> list[RunRow]:
    with connect(db_path) as db:
        rows = db.execute("SELECT run_id, night, scenario, finished_at, status, exit_code, "
                          "out_dir, pieces, pieces_resumed, pieces_failed, kpis FROM runs "
                          "ORDER BY night, run_id").fetchall()
    return [RunRow(run_id, night, scenario, finished_at, status, code, out_dir, pieces, resumed,
                   json.loads(failed), json.loads(kpis))
            for (run_id, night, scenario, finished_at, status, code, out_dir, pieces, resumed,
                 failed, kpis) in rows]


def latest_run(db_path: Path | str, night: str) -> RunRow | None:
    runs = [r for r in list_runs(db_path) if r.night == night]
    return runs[-1] if runs else None


def route_stops(db_path: Path | str, run_id: int) -> dict[str, tuple[str, tuple[str, ...]]]:
    """{route_id: (vehicle_id, site ids in visiting order)} of a run."""
    with connect(db_path) as db:
        rows = db.execute("SELECT route_id, vehicle_id, stops FROM routes WHERE run_id = ?",
                          (run_id,)).fetchall()
    return {r: (v, tuple(s for s in stops.split(";") if s)) for r, v, stops in rows}


def request_counts(db_path: Path | str, run_id: int) -> dict[str, int]:
    with connect(db_path) as db:
        return dict(db.execute("SELECT status, COUNT(*) FROM request_outcomes WHERE run_id = ? "
                               "GROUP BY status", (run_id,)).fetchall())


def diff_nights(db_path: Path | str, first: str, second: str) -> NightDiff:
    """Requests added, dropped and moved between vehicles from night `first` to `second`."""
    latest = [latest_run(db_path, n) for n in (first, second)]
    runs: list[RunRow] = []
    for night, run in zip((first, second), latest, strict=True):
        if run is None:
            raise UsageError(f"no run for the night of {night} in {db_path}")
        runs.append(run)
    with connect(db_path) as db:
        a, b = ({rid: (status, vehicle) for rid, status, vehicle in db.execute(
            "SELECT request_id, status, vehicle_id FROM request_outcomes WHERE run_id = ?",
            (run.run_id,))} for run in runs)
    both = sorted(set(a) & set(b))
    return NightDiff(
        added=tuple(sorted(set(b) - set(a))), dropped=tuple(sorted(set(a) - set(b))),
        moved=tuple((r, a[r][1], b[r][1]) for r in both
                    if a[r][0] == b[r][0] == "served" and a[r][1] != b[r][1]),
        newly_served=tuple(r for r in both if a[r][0] != "served" == b[r][0]),
        no_longer_served=tuple(r for r in both if a[r][0] == "served" != b[r][0]))
