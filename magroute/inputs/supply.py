"""Recorded site visits (in the run history database) and learnt supply estimates (supply.csv).

`magroute receive` records a visit per received pickup and per no-show in the table
``site_visits`` of ``runs/history.sqlite`` (the database `magroute night` keeps its runs in);
a pickup ID received again replaces its earlier record, so re-running `receive` on the same
weigh-in does not count a visit twice. Each write is one transaction: a file with a bad row
records nothing. The planner reads the visits back (`[supply] history`) or a supply.csv of
estimates (`[supply] estimates`, what a plan folder keeps so that it checks on its own).
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from magroute.domain.supply import NO_SHOW_REASONS, SiteVisit, SupplyEstimate
from magroute.errors import InputProblem
from magroute.inputs.table import read_table

SCHEMA = """
CREATE TABLE IF NOT EXISTS site_visits (
    pickup_id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    site_type TEXT NOT NULL,
    planned_date TEXT NOT NULL,
    outcome TEXT NOT NULL,
    planned_kg REAL NOT NULL,
    received_kg REAL NOT NULL,
    recorded_at TEXT NOT NULL,
    plan_dir TEXT NOT NULL,
    PRIMARY KEY (pickup_id, site_id)
);
"""
# Columns added since the table was first made (ALTER TABLE on an older database).
LATER_COLUMNS = (("expected_magnet_kg", "REAL"), ("sorted_magnet_kg", "REAL"))
ESTIMATE_COLUMNS = ("site_id", "visits", "no_shows", "reliability", "reliability_low",
                    "kg_ratio", "kg_ratio_low")
YIELD_COLUMNS = ("magnet_yield", "magnet_yield_low")  # optional: 1 without a sorting report


@contextmanager
def _connect(db_path: Path) -> Iterator[sqlite3.Connection]:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(db_path)) as db:
        db.executescript(SCHEMA)
        have = {row[1] for row in db.execute("PRAGMA table_info(site_visits)")}
        for name, kind in LATER_COLUMNS:
            if name not in have:
                db.execute(f"ALTER TABLE site_visits ADD COLUMN {name} {kind}")
        yield db


def record_visits(db_path: Path | str, visits: Iterable[SiteVisit], plan_dir: Path | str) -> int:
    """Add (or replace, by pickup ID and site) the visits in one transaction; their count."""
    rows = [(v.pickup_id, v.site_id, v.site_type, v.planned_date.isoformat(), v.outcome,
             v.planned_kg, v.received_kg, datetime.now(UTC).isoformat(timespec="seconds"),
             str(plan_dir), v.expected_magnet_kg, v.sorted_magnet_kg) for v in visits]
    with _connect(Path(db_path)) as db, db:
        db.executemany("INSERT OR REPLACE INTO site_visits (pickup_id, site_id, site_type, "
                       "planned_date, outcome, planned_kg, received_kg, recorded_at, plan_dir, "
                       "expected_magnet_kg, sorted_magnet_kg) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def read_visits(db_path: Path | str) -> tuple[SiteVisit, ...]:
    """Every recorded visit, oldest plan date first; none when the database does not exist
    yet (the first night of a network)."""
    path = Path(db_path)
    if not path.is_file():
        return ()
    with _connect(path) as db:
        rows = db.execute("SELECT pickup_id, site_id, site_type, planned_date, outcome, "
                          "planned_kg, received_kg, expected_magnet_kg, sorted_magnet_kg "
                          "FROM site_visits ORDER BY planned_date, pickup_id").fetchall()
    return tuple(SiteVisit(pid, site, stype, date.fromisoformat(day), outcome, planned, got,
                           expected, sorted_kg)
                 for pid, site, stype, day, outcome, planned, got, expected, sorted_kg in rows)


def write_estimates(path: Path | str, estimates: Iterable[SupplyEstimate]) -> Path:
    """supply.csv: one row per visited site, numbers exact (they set the plan's prizes)."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(ESTIMATE_COLUMNS + YIELD_COLUMNS)
        for e in estimates:
            w.writerow([e.site_id, e.visits, e.no_shows, repr(e.reliability),
                        repr(e.reliability_low), repr(e.kg_ratio), repr(e.kg_ratio_low),
                        repr(e.magnet_yield), repr(e.magnet_yield_low)])
    return path


def read_estimates(path: Path | str, problems: list[InputProblem]) -> tuple[SupplyEstimate, ...]:
    """supply.csv back; every bad cell is a problem (and its row is left out)."""
    table = read_table(Path(path), problems, required=ESTIMATE_COLUMNS, allow_empty=True)
    out: list[SupplyEstimate] = []
    for n, cells in table or ():
        assert table is not None  # the loop runs only over a table
        r = table.reader(n, cells, problems)
        site_id = r.text("site_id")
        visits, no_shows = r.count("visits", default=None), r.count("no_shows", default=None)
        ratios = [r.number(c, minimum=0) for c in ESTIMATE_COLUMNS[3:]]
        yields = [r.number(c, minimum=0, default=1.0) for c in YIELD_COLUMNS]
        for c, x in zip(ESTIMATE_COLUMNS[3:5], ratios[:2], strict=True):
            if x is not None and x > 1:
                r.report(c, "a probability above 1", r.get(c), "a number from 0 to 1")
        if r.bad:
            continue
        assert site_id is not None and visits is not None and no_shows is not None
        # r.bad is False, so every number parsed (the yield columns default to 1)
        rel, rel_low, kg, kg_low, magnet, magnet_low = (float(x or 0.0) for x in ratios + yields)
        out.append(SupplyEstimate(site_id, visits, no_shows, rel, rel_low, kg, kg_low, magnet,
                                  magnet_low))
    return tuple(out)


NO_SHOW_COLUMNS = ("pickup_id", "reason")


def read_no_shows(path: Path | str, problems: list[InputProblem]
                  ) -> tuple[tuple[str, str, int], ...]:
    """A no-show file (pickup_id, reason: empty | closed | refused, optional note) as
    (pickup_id, reason, row); every bad cell and a pickup ID given twice are problems."""
    table = read_table(Path(path), problems, required=NO_SHOW_COLUMNS, allow_empty=True)
    out: list[tuple[str, str, int]] = []
    first: dict[str, int] = {}
    for n, cells in table or ():
        assert table is not None  # the loop runs only over a table
        r = table.reader(n, cells, problems)
        pid = r.unique_text("pickup_id", first)
        reason = r.choice("reason", NO_SHOW_REASONS)
        if not r.bad and pid is not None and reason is not None:
            out.append((pid, reason, n))
    return tuple(out)


COMPOSITION_COLUMNS = ("magnet_type", "element", "wt_fraction")


def read_composition(path: Path | str, problems: list[InputProblem]
                     ) -> dict[str, dict[str, float]]:
    """magnet_composition.csv: {magnet_type: {element: kg per kg of magnet}}."""
    table = read_table(Path(path), problems, required=COMPOSITION_COLUMNS)
    out: dict[str, dict[str, float]] = {}
    for n, cells in table or ():
        assert table is not None  # the loop runs only over a table
        r = table.reader(n, cells, problems)
        magnet, element = r.text("magnet_type"), r.text("element")
        share = r.number("wt_fraction", minimum=0)
        if share is not None and share > 1:
            r.report("wt_fraction", "more than the whole magnet", r.get("wt_fraction"),
                     "a fraction from 0 to 1")
        if r.bad or magnet is None or element is None or share is None:
            continue
        out.setdefault(magnet, {})[element] = share
    return out
