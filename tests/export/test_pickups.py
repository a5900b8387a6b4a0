"""pickups.csv (the ledger) and the reconciliation `magroute receive` is built on."""

import csv

import pytest

from magroute.analysis.receipts import reconcile
from magroute.domain.pickup import WeighIn
from magroute.errors import InputError
from magroute.export.pickups import ledger_columns, read_pickup_ledger, write_pickups_csv
from magroute.export.receipts import write_receipts
from magroute.export.sheets import route_sheets
from magroute.inputs.weighbridge import read_weighbridge


def _ledger(problem, plan, path):
    return write_pickups_csv(problem, route_sheets(problem, plan), path)


def test_one_ledger_row_per_planned_pickup(solved, tmp_path):
    problem, plan, _ = solved
    path = _ledger(problem, plan, tmp_path / "pickups.csv")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == ledger_columns(problem)
    assert [r["site_id"] for r in rows] == list(plan.served_site_ids)
    yields = {y.site_id: y for y in problem.yields}
    for r in rows:
        y = yields[r["site_id"]]
        assert float(r["expected_magnet_kg"]) == pytest.approx(y.magnet_kg.expected, abs=1e-3)
        by_type = sum(float(r[f"magnet_kg_{t}"]) for t, _ in y.magnet_kg_by_type)
        assert by_type == pytest.approx(y.magnet_kg.expected, abs=1e-2)
        assert r["expected_items"] == ";".join(f"{i}:{n}" for i, n in
                                               next(s for s in problem.sites
                                                    if s.site_id == r["site_id"]).inventory)
    ledger = read_pickup_ledger(path)
    assert [p.pickup_id for p in ledger] == [r["pickup_id"] for r in rows]


def test_hostile_text_is_neutralised_in_the_ledger_and_reads_back(hostile, tmp_path):
    problem, plan, _ = hostile
    path = _ledger(problem, plan, tmp_path / "pickups.csv")
    with path.open(encoding="utf-8") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert "'=HYPERLINK(\"x\")<script>" in cells and "'+91-98100-00000" in cells
    names = {p.site_name for p in read_pickup_ledger(path)}
    assert '=HYPERLINK("x")<script>' in names


def _weighbridge(tmp_path, rows):
    path = tmp_path / "WEIGHBRIDGE.csv"
    path.write_text("pickup_id,received_kg,vehicle_id,weighed_at\n"
                    + "".join(f"{p},{kg},{v},2026-11-24T18:00\n" for p, kg, v in rows),
                    encoding="utf-8")
    return path


def test_reconcile_finds_exactly_the_missing_short_and_unexpected(solved, tmp_path):
    problem, plan, _ = solved
    ledger = read_pickup_ledger(_ledger(problem, plan, tmp_path / "pickups.csv"))
    assert len(ledger) >= 3
    missing, short, *rest = ledger
    rows = [(short.pickup_id, short.expected_kg * 0.5, short.vehicle_id)]
    rows += [(p.pickup_id, p.expected_kg * 1.05, p.vehicle_id) for p in rest]
    rows += [("PK-20261123-R99-01", 123.4, rest[0].vehicle_id)]
    rec = reconcile(ledger, read_weighbridge(_weighbridge(tmp_path, rows)))
    assert [p.pickup_id for p in rec.with_status("missing")] == [missing.pickup_id]
    assert [p.pickup_id for p in rec.with_status("short")] == [short.pickup_id]
    assert [p.pickup_id for p in rec.with_status("unexpected")] == ["PK-20261123-R99-01"]
    assert rec.with_status("over") == ()
    assert len(rec.with_status("ok")) == len(rest)
    unexpected = rec.with_status("unexpected")[0]
    assert unexpected.route_id == rest[0].route_id  # attributed by its vehicle
    by_route = {r.route_id: r for r in rec.routes}
    assert by_route[missing.route_id].count("missing") == 1
    total = sum(r.received_kg for r in rec.routes)
    assert total == pytest.approx(sum(kg for _, kg, _ in rows))
    files = write_receipts(rec, tmp_path / "out")
    with files["receipts"].open(encoding="utf-8") as f:
        statuses = [r["status"] for r in csv.DictReader(f)]
    assert sorted(statuses) == sorted(p.status for p in rec.pickups)


def test_over_and_tolerance():
    from datetime import date

    from magroute.domain.pickup import PlannedPickup

    p = PlannedPickup("PK-1", "R01", "v", "S", "s", date(2026, 11, 23), 100.0, 1.0)
    assert reconcile((p,), (WeighIn("PK-1", 111.0, 1),)).pickups[0].status == "over"
    assert reconcile((p,), (WeighIn("PK-1", 109.0, 1),)).pickups[0].status == "ok"
    assert reconcile((p,), (WeighIn("PK-1", 109.0, 1),), 0.05).pickups[0].status == "over"


def test_bad_weighbridge_rows_are_all_reported(tmp_path):
    path = tmp_path / "wb.csv"
    path.write_text("pickup_id,received_kg\nPK-1,12\n,5\nPK-2,-3\nPK-1,abc\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_weighbridge(path)
    text = str(err.value)
    assert "wb.csv, row 2, column 'pickup_id'" in text
    assert "wb.csv, row 3, column 'received_kg'" in text
    assert "row 4, column 'pickup_id': pickup ID also weighed on row 1" in text
    assert "row 4, column 'received_kg'" in text
    (tmp_path / "nohead.csv").write_text("id,kg\nPK-1,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="required column is missing"):
        read_weighbridge(tmp_path / "nohead.csv")
