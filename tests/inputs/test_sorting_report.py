"""The hub's sorting report rides on the weighbridge file; the history keeps it, also in a
database made before the report existed."""

import sqlite3
from datetime import date

import pytest

from magroute.domain.supply import SiteVisit
from magroute.errors import InputError
from magroute.inputs.supply import read_visits, record_visits
from magroute.inputs.weighbridge import read_weighbridge


def test_magnet_kg_columns_are_read_and_checked(tmp_path):
    good = tmp_path / "weigh.csv"
    good.write_text("pickup_id,received_kg,magnet_kg_ndfeb_motor,magnet_kg_smco\n"
                    "PK-1,100,4.5,\nPK-2,80,,\n", encoding="utf-8")
    first, second = read_weighbridge(good)
    assert first.sorted_magnet_kg == (("ndfeb_motor", 4.5),) and second.sorted_magnet_kg == ()
    bad = tmp_path / "bad.csv"
    bad.write_text("pickup_id,received_kg,magnet_kg_ndfeb_motor\nPK-1,100,-3\n",
                   encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_weighbridge(bad)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("bad.csv", 1, "magnet_kg_ndfeb_motor")


def test_an_older_history_gains_the_sorting_columns(tmp_path):
    db = tmp_path / "history.sqlite"
    with sqlite3.connect(db) as con:  # the table as the first version of receive made it
        con.execute("CREATE TABLE site_visits (pickup_id TEXT NOT NULL, site_id TEXT NOT NULL, "
                    "site_type TEXT NOT NULL, planned_date TEXT NOT NULL, outcome TEXT NOT NULL, "
                    "planned_kg REAL NOT NULL, received_kg REAL NOT NULL, recorded_at TEXT NOT "
                    "NULL, plan_dir TEXT NOT NULL, PRIMARY KEY (pickup_id, site_id))")
        con.execute("INSERT INTO site_visits VALUES ('PK-0', 'S1', 'scrap_yard', '2026-11-16', "
                    "'empty', 300, 0, 'then', 'x')")
    record_visits(db, [SiteVisit("PK-1", "S1", "scrap_yard", date(2026, 11, 23), "received",
                                 300.0, 270.0, 12.0, 9.0)], tmp_path)
    old, new = read_visits(db)
    assert (old.expected_magnet_kg, old.sorted_magnet_kg) == (None, None)
    assert (new.expected_magnet_kg, new.sorted_magnet_kg) == (12.0, 9.0)
