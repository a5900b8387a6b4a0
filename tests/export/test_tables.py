"""routes.csv / unserved.csv: exact columns, one row per event, and a lossless read_plan."""

import csv
import dataclasses
from datetime import timedelta

import pytest
from factories import TRUCK, make_problem, make_site

from magroute.domain.horizon import IST
from magroute.domain.plan import Event, Plan, Route, Unserved
from magroute.errors import InputError
from magroute.export import (
    ROUTE_COLUMNS,
    UNSERVED_COLUMNS,
    read_plan,
    write_routes_csv,
    write_unserved_csv,
)


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def test_routes_csv_has_the_columns_in_order_and_one_row_per_event(solved, plan_dir):
    problem, plan, _ = solved
    header, rows = rows_of(plan_dir[1]["routes"])
    assert tuple(header) == ROUTE_COLUMNS
    events = [(r, seq, e) for r in plan.routes for seq, e in enumerate(r.events)]
    assert len(rows) == len(events)
    assert any(e.kind == "rest" for _, _, e in events)  # the fixture is multi-day
    for row, (route, seq, e) in zip(rows, events, strict=True):
        assert (row["route_id"], row["vehicle_id"], row["seq"], row["kind"], row["site_id"]) == (
            route.route_id, route.vehicle_id, str(seq), e.kind, e.site_id)
        assert int(row["day"]) == problem.horizon.day_of(e.service_start) + 1
        assert row["service_start"] == e.service_start.isoformat(timespec="seconds")
        assert row["service_start"].endswith("+05:30") and len(row["service_start"]) == 25
        assert row["leg_km"] == f"{e.leg_m / 1000:.3f}"
        assert row["load_kg"] == f"{e.load_kg:.1f}"
        if e.kind == "pickup":
            y = problem.yield_of(e.site_id)
            site = problem.sites[problem.site_index()[e.site_id]]
            assert row["expected_magnet_kg"] == f"{y.magnet_kg.expected:.3f}"
            # the prize, as unserved.csv values its sites, and what it is made of
            assert row["expected_value_inr"] == f"{y.prize_inr:.2f}"
            assert row["magnet_value_inr"] == f"{y.value_inr.expected:.2f}"
            assert (row["byproduct_inr"], row["purchase_inr"]) == (
                f"{y.byproduct_inr.expected:.2f}", f"{y.purchase_inr.expected:.2f}")
            assert (row["site_name"], row["pincode"]) == (site.name, site.pincode)
        else:
            assert row["expected_magnet_kg"] == row["expected_value_inr"] == \
                row["purchase_inr"] == ""
        if e.kind == "rest":
            assert row["site_name"] == row["pincode"] == row["window_open"] == ""
        if e.kind in ("start", "unload", "end"):
            assert row["site_name"] == problem.hub.name


def test_unserved_csv_lists_every_unserved_site(solved, plan_dir):
    problem, plan, _ = solved
    header, rows = rows_of(plan_dir[1]["unserved"])
    assert tuple(header) == UNSERVED_COLUMNS
    assert [r["site_id"] for r in rows] == [u.site_id for u in plan.unserved]
    assert {"NEAR", "HEAVY"} <= {r["site_id"] for r in rows}
    for row, u in zip(rows, plan.unserved, strict=True):
        assert row["reason"] == u.reason and row["reason"]
        assert float(row["expected_value_inr"]) == u.expected_value_inr
        assert row["site_type"] == problem.sites[problem.site_index()[u.site_id]].site_type


def test_read_plan_round_trips_the_solved_plan(solved, plan_dir):
    problem, plan, _ = solved
    back = read_plan(plan_dir[0], problem)
    for a, b in zip(back.routes, plan.routes, strict=True):
        for ea, eb in zip(a.events, b.events, strict=True):
            for f in dataclasses.fields(Event):
                assert getattr(ea, f.name) == getattr(eb, f.name), f.name
            assert ea.arrival.utcoffset() == timedelta(hours=5, minutes=30)
    assert back == plan


def _awkward_problem_and_plan():
    """A hand-built plan whose floats do not fit the default decimals."""
    a = make_site("A", 28.123456789012345, 77.98765432101234, weight=12.345)
    b = make_site("B", 28.2, 77.1, 3)
    problem = make_problem([a, b], days=2, fleet=((TRUCK, 1),))
    h, hub = problem.horizon, problem.hub
    t = h.at(0, 7 * 60)
    ev = (
        Event("start", hub.lat, hub.lon, t, t, t, 0.0, 0, site_id="SKD"),
        Event("pickup", a.lat, a.lon, t + timedelta(seconds=3601), t + timedelta(hours=2),
              t + timedelta(hours=3), 12.345, 10_001, site_id="A",
              window_open=h.at(0, 540), window_close=h.at(0, 1080)),
        Event("rest", 28.3, 77.3, h.shift_end(0), h.shift_end(0), h.shift_start(1), 12.345, 7),
        Event("unload", hub.lat, hub.lon, h.at(1, 400), h.at(1, 400), h.at(1, 430), 0.0, 123_457,
              site_id="SKD", window_open=h.at(1, 360), window_close=h.at(1, 1200)),
        Event("end", hub.lat, hub.lon, h.at(1, 430), h.at(1, 430), h.at(1, 430), 0.0, 0,
              site_id="SKD"),
    )
    plan = Plan((Route("R01", "lcv14-01", "lcv14", 3500.0, ev),),
                (Unserved("B", "why, with a comma and \"quotes\"\nand a newline", 1 / 3),),
                "feasible", 0.123456789, 98765.4321, seed=7, notes=("n1", "₹ note"))
    return problem, plan


def test_read_plan_round_trips_awkward_floats_and_text(tmp_path):
    from magroute.analysis import compute_kpis
    from magroute.export import write_plan

    problem, plan = _awkward_problem_and_plan()
    write_plan(problem, plan, compute_kpis(problem, plan), tmp_path, formats=())
    assert read_plan(tmp_path, problem) == plan


def test_read_plan_of_an_empty_plan_and_without_summary(tmp_path):
    problem, _ = _awkward_problem_and_plan()
    plan = Plan((), (), "no-sites", 0.0)
    write_routes_csv(problem, plan, tmp_path / "routes.csv")
    write_unserved_csv(problem, plan, tmp_path / "unserved.csv")
    back = read_plan(tmp_path, problem)  # no summary.json: default metadata
    assert back == dataclasses.replace(plan, status="unknown")


def test_times_are_written_in_local_time(tmp_path):
    problem, plan = _awkward_problem_and_plan()
    route = plan.routes[0]
    utc_events = tuple(dataclasses.replace(e, arrival=e.arrival.astimezone(IST.utc))
                       for e in route.events)
    plan = dataclasses.replace(plan, routes=(dataclasses.replace(route, events=utc_events),))
    write_routes_csv(problem, plan, tmp_path / "routes.csv")
    _, rows = rows_of(tmp_path / "routes.csv")
    assert rows[0]["arrival"] == "2026-11-23T07:00:00+05:30"


# ---------------------------------------------------------------- malformed files


def _written(tmp_path):
    problem, plan = _awkward_problem_and_plan()
    write_routes_csv(problem, plan, tmp_path / "routes.csv")
    write_unserved_csv(problem, plan, tmp_path / "unserved.csv")
    header, rows = rows_of(tmp_path / "routes.csv")
    return problem, header, rows


def _rewrite(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_bad_cells_are_all_reported_with_file_row_and_column(tmp_path):
    problem, header, rows = _written(tmp_path)
    rows[1]["arrival"] = "2026-11-23 25:00"
    rows[2]["departure"] = "2026-11-24T06:00:00"  # no offset
    rows[3]["leg_km"] = "far"
    rows[4]["kind"] = "lunch"
    _rewrite(tmp_path / "routes.csv", header, rows)
    with pytest.raises(InputError) as err:
        read_plan(tmp_path, problem)
    got = {(p.file, p.row, p.column) for p in err.value.problems}
    assert got == {("routes.csv", 2, "arrival"), ("routes.csv", 3, "departure"),
                   ("routes.csv", 4, "leg_km"), ("routes.csv", 5, "kind")}
    text = str(err.value)
    assert "routes.csv, row 2, column 'arrival'" in text and "2026-11-23 25:00" in text


def test_missing_column_is_reported_with_file_and_column(tmp_path):
    problem, header, rows = _written(tmp_path)
    header = [c for c in header if c != "service_start"]
    _rewrite(tmp_path / "routes.csv", header,
             [{k: v for k, v in r.items() if k != "service_start"} for r in rows])
    (tmp_path / "unserved.csv").write_text("site_id,reason\nB,x\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_plan(tmp_path, problem)
    got = {(p.file, p.row, p.column) for p in err.value.problems}
    assert got == {("routes.csv", None, "service_start"), ("unserved.csv", None, "expected_value_inr")}


def test_inconsistent_routes_unknown_sites_and_seq_gaps_are_reported(tmp_path):
    problem, header, rows = _written(tmp_path)
    rows[1]["site_id"] = "NOPE"
    rows[2]["vehicle_id"] = "other"
    rows[4]["seq"] = "7"
    _rewrite(tmp_path / "routes.csv", header, rows)
    with pytest.raises(InputError) as err:
        read_plan(tmp_path, problem)
    got = {(p.row, p.column) for p in err.value.problems}
    assert got == {(2, "site_id"), (3, "vehicle_id"), (5, "seq")}


def test_missing_files_and_bad_summary_are_reported(tmp_path):
    problem, _ = _awkward_problem_and_plan()
    (tmp_path / "summary.json").write_text('{"plan": {"seed": "x"}}', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_plan(tmp_path, problem)
    files = sorted((p.file, p.column) for p in err.value.problems)
    assert files == [("routes.csv", None), ("summary.json", "plan.seed"), ("unserved.csv", None)]


def test_formula_text_is_neutralised_in_csv_and_the_plan_reads_back(hostile, tmp_path):
    import csv as _csv

    from magroute.export import read_plan, write_plan

    problem, plan, kpis = hostile
    write_plan(problem, plan, kpis, tmp_path)
    with (tmp_path / "routes.csv").open(encoding="utf-8") as f:
        cells = [c for row in _csv.reader(f) for c in row]
    assert "'=HYPERLINK(\"x\")<script>" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or
                (c[:1] == "-" and not c.lstrip("-").replace(".", "").isdigit())]
    assert read_plan(tmp_path, problem) == plan
