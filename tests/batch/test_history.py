"""The run history: nights recorded in SQLite, and how two nights differ."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

from magroute.batch.history import (
    diff_nights,
    latest_run,
    list_runs,
    record_night,
    request_counts,
    route_stops,
)
from magroute.batch.queue import Outcome
from magroute.domain.request import PickupRequest


def fake_night(tmp, night, outcomes):
    kpis = SimpleNamespace(scenario="test", to_dict=lambda: {"net_value_inr": 1.0})
    return SimpleNamespace(
        night=night, kpis=kpis, failure=None, out_dir=tmp / night.isoformat(), pieces=1,
        resumed=0, failed={}, plan=SimpleNamespace(routes=(SimpleNamespace(
            route_id="R01", vehicle_id="v1", site_ids=("Sa", "Sb"), distance_m=12_345),)),
        outcomes=tuple(Outcome(PickupRequest(rid, "S" + rid, night), status,
                               vehicle_id=vehicle) for rid, status, vehicle in outcomes))


def test_record_list_and_diff(tmp_path: Path):
    for p in ("scenario.toml", "queue.csv"):
        (tmp_path / p).write_text("x", encoding="utf-8")
    db = tmp_path / "history.sqlite"
    one = fake_night(tmp_path, date(2026, 11, 23), [
        ("a", "served", "v1"), ("b", "served", "v1"), ("c", "deferred", ""), ("d", "served", "v2")])
    two = fake_night(tmp_path, date(2026, 11, 24), [
        ("a", "served", "v2"), ("c", "served", "v1"), ("d", "deferred", ""), ("e", "held", "")])
    for night in (one, two):
        record_night(db, night, tmp_path / "scenario.toml", tmp_path / "queue.csv")
    assert [r.night for r in list_runs(db)] == ["2026-11-23", "2026-11-24"]
    run = latest_run(db, "2026-11-24")
    assert request_counts(db, run.run_id) == {"served": 2, "deferred": 1, "held": 1}
    assert route_stops(db, run.run_id) == {"R01": ("v1", ("Sa", "Sb"))}
    d = diff_nights(db, "2026-11-23", "2026-11-24")
    assert d.added == ("e",) and d.dropped == ("b",)
    assert d.moved == (("a", "v1", "v2"),)
    assert d.newly_served == ("c",) and d.no_longer_served == ("d",)
    # a night planned again: the latest run is the one compared
    again = fake_night(tmp_path, date(2026, 11, 24), [("a", "served", "v1")])
    record_night(db, again, tmp_path / "scenario.toml", tmp_path / "queue.csv")
    assert diff_nights(db, "2026-11-23", "2026-11-24").moved == ()
