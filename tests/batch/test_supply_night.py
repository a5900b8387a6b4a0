"""Learnt supply in the nightly batch: the night plans with the history's estimates, a request
confirmed by phone counts its site as having the material, and a no-show goes back in the
queue with its reason."""

import csv
import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest

from magroute.batch.night import QUEUE_NEXT, REQUESTS_OUT, run_night
from magroute.batch.requeue import receive_night
from magroute.domain.scenario import SupplySettings
from magroute.domain.supply import SiteVisit
from magroute.inputs import load_problem, load_scenario, scenario_to_toml
from magroute.inputs.supply import record_visits

ROOT = Path(__file__).resolve().parents[2]
NCR = ROOT / "scenarios" / "ncr-daily.toml"
NIGHT = date(2026, 11, 23)


def read(path):
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("supply-night")
    register = load_problem(load_scenario(NCR))
    sites = register.sites[:30]
    empty = sites[2]
    db = tmp / "history.sqlite"
    record_visits(db, [SiteVisit(f"PK-2026110{k}-R01-01", empty.site_id, empty.site_type,
                                 NIGHT - timedelta(days=7 * k), "empty", 400.0, 0.0)
                       for k in range(1, 4)], tmp)
    scenario = dataclasses.replace(load_scenario(NCR), supply=SupplySettings(history=db))
    path = tmp / "learning.toml"
    path.write_text(scenario_to_toml(scenario, relative_to=tmp), encoding="utf-8")
    declared = {y.site_id: y.value_inr.expected for y in register.yields}
    return tmp, sites, empty, path, declared


def queue(path, sites, confirmed=()):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["request_id", "site_id", "date_ready", "confirmation"])
        for k, s in enumerate(sites, start=1):
            w.writerow([f"Q{k:03d}", s.site_id, "2026-11-22",
                        "confirmed" if s.site_id in confirmed else ""])
    return path


@pytest.fixture(scope="module")
def nights(setup):
    tmp, sites, empty, scenario, _ = setup
    out = {}
    for name, confirmed in (("plain", ()), ("confirmed", (empty.site_id,))):
        q = queue(tmp / f"{name}.csv", sites, confirmed)
        out[name] = run_night(NIGHT, q, scenario, tmp / name, time_limit_s=3, pieces=1,
                              workers=2, formats=("pickups",))
    return out


def test_the_night_plans_with_the_learnt_supply(setup, nights):
    _, _, empty, _, declared = setup
    problem = nights["plain"].problem
    assert [e.site_id for e in problem.supply] == [empty.site_id]
    value = {y.site_id: y.value_inr.expected for y in problem.yields}
    assert value[empty.site_id] < 0.5 * declared[empty.site_id]
    others = [s for s in value if s != empty.site_id]
    assert all(value[s] == pytest.approx(declared[s]) for s in others)  # no history: declared
    assert not nights["plain"].violations


def test_a_confirmed_request_counts_its_site_as_having_the_material(setup, nights):
    _, _, empty, _, declared = setup
    problem = nights["confirmed"].problem
    (estimate,) = problem.supply
    assert estimate.reliability == 1.0 and estimate.no_shows == 3
    value = {y.site_id: y.value_inr.expected for y in problem.yields}
    assert value[empty.site_id] == pytest.approx(declared[empty.site_id] * estimate.kg_ratio)


def test_a_no_show_goes_back_in_the_queue_once(setup, nights):
    tmp, _, _, _, _ = setup
    folder = nights["plain"].out_dir
    served = [r for r in read(folder / REQUESTS_OUT) if r["status"] == "served"]
    assert served
    gone = served[0]
    weigh = tmp / "weigh.csv"
    weigh.write_text("pickup_id,received_kg\n", encoding="utf-8")
    no_shows = tmp / "no-shows.csv"
    no_shows.write_text(f"pickup_id,reason\n{gone['pickup_id']},closed\n", encoding="utf-8")
    before = {r["request_id"] for r in read(folder / QUEUE_NEXT)}
    result = receive_night(folder, weigh, tolerance=0.1, no_shows=no_shows)
    assert result.requeued == (gone["request_id"],)
    after = {r["request_id"]: r for r in read(folder / QUEUE_NEXT)}
    assert set(after) == before | {gone["request_id"]}
    again = after[gone["request_id"]]
    assert again["last_reason"] == f"no-show on 2026-11-23: closed ({gone['pickup_id']})"
    assert again["date_ready"] == "2026-11-24" and again["deferrals"] == "1"
    # Receiving the same files again re-queues nothing more.
    assert receive_night(folder, weigh, tolerance=0.1, no_shows=no_shows).requeued == ()
    assert len(read(folder / QUEUE_NEXT)) == len(after)
