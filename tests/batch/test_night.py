"""run_night end to end on the NCR scenario: every request routed or re-queued with a reason,
the night folder checked on its own, the partial folder gone."""

import csv
from datetime import date
from pathlib import Path

import pytest

from magroute.batch.night import QUEUE_NEXT, REQUESTS_OUT, run_night
from magroute.errors import PiecesFailed, UsageError
from magroute.inputs import load_problem, load_scenario
from magroute.pipeline import check_plan_dir

ROOT = Path(__file__).resolve().parents[2]
NCR = ROOT / "scenarios" / "ncr-daily.toml"
NIGHT = date(2026, 11, 23)


def write_queue(path, n=60):
    sites = load_problem(load_scenario(NCR)).sites[:n]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["request_id", "site_id", "date_ready", "latest_date"])
        for k, s in enumerate(sites, start=1):
            w.writerow([f"Q{k:03d}", s.site_id, "2026-11-22", "2026-11-23" if k == 1 else ""])
        w.writerow(["LATE", sites[1].site_id, "2026-12-01", ""])  # not ready tonight
    return path


def read(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("night")
    queue = write_queue(tmp / "requests.csv")
    result = run_night(NIGHT, queue, NCR, tmp / "runs", time_limit_s=4, pieces=2, workers=2,
                       formats=("pickups",))
    return tmp, result


def test_every_request_is_routed_or_back_in_the_queue_with_a_reason(night):
    tmp, result = night
    out = tmp / "runs" / "2026-11-23"
    assert result.out_dir == out and result.failure is None and result.pieces == 2
    assert not result.violations and not result.failed
    rows = read(out / REQUESTS_OUT)
    assert len(rows) == 61 and {r["status"] for r in rows} <= {"served", "deferred", "held"}
    served = [r for r in rows if r["status"] == "served"]
    assert served and all(r["pickup_id"] and r["vehicle_id"] for r in served)
    queue = {r["request_id"]: r for r in read(out / QUEUE_NEXT)}
    assert set(queue) == {r["request_id"] for r in rows if r["status"] != "served"}
    assert all(r["last_reason"] for r in queue.values())
    assert queue["LATE"]["deferrals"] == "0" and "not ready until 2026-12-01" in \
        queue["LATE"]["last_reason"]
    assert "Q001" not in queue  # due tonight: must-collect, so served
    assert not list((tmp / "runs").glob(".*"))  # no partial or temporary folders left


def test_the_night_folder_checks_on_its_own(night):
    tmp, result = night
    checked = check_plan_dir(tmp / "runs" / "2026-11-23")
    assert checked.violations == []
    assert len(checked.problem.sites) == len(result.problem.sites) > 30
    # sites closed on the plan's only day (a Monday) are held, not offered
    held = [r for r in read(tmp / "runs" / "2026-11-23" / REQUESTS_OUT) if r["status"] == "held"]
    assert len(result.problem.sites) + len(held) == 61


def test_a_planned_night_is_not_overwritten_without_force(night):
    tmp, _ = night
    with pytest.raises(UsageError, match="--force"):
        run_night(NIGHT, tmp / "requests.csv", NCR, tmp / "runs", time_limit_s=1)


def _fail_the_second_piece(problem, travel, settings):
    from magroute.batch import night as night_module

    if any(s.site_id == _fail_the_second_piece.site for s in problem.sites):
        raise RuntimeError("worker lost")
    return night_module.__dict__["_real_solve_piece"](problem, travel, settings)


def test_a_failed_piece_loses_only_its_own_requests(tmp_path, monkeypatch):
    from magroute.batch import night as night_module
    from magroute.batch.pieces import split_problem

    queue = write_queue(tmp_path / "requests.csv", 40)
    monkeypatch.setitem(night_module.__dict__, "_real_solve_piece", night_module.solve_piece)
    monkeypatch.setattr(night_module, "solve_piece", _fail_the_second_piece)
    # the site that lands in the second of two pieces of tonight's offer
    import dataclasses

    from magroute.batch.queue import offer_requests
    from magroute.inputs import read_yield_params
    from magroute.inputs.requests import read_requests
    from magroute.yields import site_yield

    scenario = load_scenario(NCR)
    problem = load_problem(scenario)
    params = read_yield_params(scenario.yields_path)
    offer = offer_requests(read_requests(queue, None, None), {s.site_id: s for s in problem.sites},
                           params, NIGHT, NIGHT)
    offered = dataclasses.replace(problem, sites=offer.sites,
                                  yields=tuple(site_yield(s, params) for s in offer.sites))
    second = split_problem(offered, 2)[1]
    _fail_the_second_piece.site = second.site_ids[0]
    result = run_night(NIGHT, queue, NCR, tmp_path / "runs", time_limit_s=2, pieces=2,
                       workers=1, formats=())
    assert isinstance(result.failure, PiecesFailed) and list(result.failed) == [1]
    assert "RuntimeError: worker lost" in result.failed[1]
    out = tmp_path / "runs" / "2026-11-23"
    queued = {r["site_id"]: r for r in read(out / QUEUE_NEXT)}
    for site_id in second.site_ids:  # every request of the lost piece is back, with the reason
        assert "piece 2 failed" in queued[site_id]["last_reason"]
    served = [r for r in read(out / REQUESTS_OUT) if r["status"] == "served"]
    assert served and not {r["site_id"] for r in served} & set(second.site_ids)
    assert any("piece 2 of 2 failed" in n for n in result.plan.notes)


def _leave_everything_out(problem, travel, settings):
    from magroute.domain.plan import Plan, Unserved

    return Plan((), tuple(Unserved(s.site_id, "left out by the test", y.value_inr.expected)
                          for s, y in zip(problem.sites, problem.yields, strict=True)), "test", 0.0)


def test_must_collect_sites_left_out_by_pieces_are_served_by_idle_trucks(tmp_path, monkeypatch):
    from magroute.batch import night as night_module

    queue = write_queue(tmp_path / "requests.csv", 30)  # Q001 is due tonight: must-collect
    monkeypatch.setattr(night_module, "solve_piece", _leave_everything_out)
    result = run_night(NIGHT, queue, NCR, tmp_path / "runs", time_limit_s=2, pieces=2,
                       workers=1, formats=())
    assert result.failure is None and not result.violations
    [q1] = [o for o in result.outcomes if o.request.request_id == "Q001"]
    assert q1.status == "served"
    assert len(result.plan.routes) >= 1 and any("idle trucks" in n for n in result.plan.notes)
    assert len(result.plan.served_site_ids) == sum(s.must_collect for s in result.problem.sites)
