"""MTVRPTWR: the reader's release times and reloads, the evaluator's trips, magroute and PyVRP."""

import dataclasses
import importlib.util
import random
from pathlib import Path

import numpy as np
import pytest

from magroute.bench.engines import magroute_engine, model_data, pyvrp_engine
from magroute.bench.evaluate import evaluate
from magroute.bench.instances import SCALE, read_instance, read_solution
from magroute.bench.run import run_bench, summarise
from magroute.solver.schedule import tau_schedule

ROOT = Path(__file__).resolve().parents[2] / "benchmarks" / "instances" / "mtvrptwr"
NAMES = ["C201R0.25", "C206R0.5", "R202R0.75", "R209R0.25", "RC205R0.5", "RC208R0.75"]


@pytest.fixture(scope="module")
def c201():
    return read_instance(ROOT / "C201R0.25.vrp")


def test_reader_takes_release_times_and_reload_depots(c201):
    inst = c201
    assert (inst.kind, inst.n_clients, inst.num_vehicles, inst.capacity) == ("mtvrptwr", 100, 8, 100)
    assert inst.bks == 1500.6  # bks.csv: 15006 on the x10 scale
    # RELEASE_TIME_SECTION: node 9 (client 8) 1352, node 10 1066, x10 like the windows
    assert inst.release[0] == 0 and inst.release[8] == 13520 and inst.release[9] == 10660
    assert int(np.count_nonzero(inst.release)) == 48
    assert inst.service[1] == 90 * SCALE and inst.late[0] == 3390 * SCALE
    assert inst.reload_depots == ((0,),) * 8
    # no VEHICLES_MAX_RELOADS / _MAX_DURATION in the files: unlimited, one trip per client at most
    assert inst.max_reloads is None and inst.max_duration is None
    assert inst.max_trips_of(0) == 100
    route = read_solution(ROOT / "C201R0.25.sol")[3]
    assert route[:5] == [93, 5, 75, 2, 0] and route.count(0) == 4  # reloads kept


def test_reader_takes_reload_limits_when_a_file_has_them(tmp_path):
    text = (ROOT / "C201R0.25.vrp").read_text().replace(
        "SERVICE_TIME: 90", "SERVICE_TIME: 90\nVEHICLES_MAX_RELOADS: 2")
    (tmp_path / "bks.csv").write_text("instance,cost\n")
    path = tmp_path / "C201R0.25.vrp"
    path.write_text(text)
    inst = read_instance(path)
    assert inst.max_reloads.tolist() == [2] * 8 and inst.max_trips_of(7) == 3
    assert model_data(inst).vehicles[0].max_trips == 3


@pytest.mark.parametrize("name", NAMES)
def test_the_published_solutions_evaluate_to_exactly_their_best_known_cost(name):
    inst = read_instance(ROOT / f"{name}.vrp")
    ev = evaluate(inst, read_solution(ROOT / f"{name}.sol"))
    assert ev.feasible, ev.violations[:3]
    assert round(ev.cost * SCALE) == round(inst.bks * SCALE)
    assert ev.visited == 100 and ev.routes == 8


def test_evaluator_checks_every_trip(c201):
    inst = c201
    sol = read_solution(ROOT / "C201R0.25.sol")
    # one load per trip: without its reloads route 4 carries 5 trips' worth at once
    merged = [list(r) for r in sol]
    merged[3] = [n for n in merged[3] if n != 0]
    ev = evaluate(inst, merged)
    assert any("load" in v and "capacity 100" in v for v in ev.violations)
    # a trip leaves after the previous one is back: route 4's last trip (client 8 released
    # at 1352) driven first pushes every later trip past its windows
    early = [list(r) for r in sol]
    early[3] = [8, 21, 0, *early[3][:-3]]
    ev = evaluate(inst, early)
    assert any(v.startswith("route 3 trip 2:") for v in ev.violations)
    # a trip leaves no earlier than its clients' release: client 93 released when its window
    # closes cannot be served in time on the first trip of route 4
    released = inst.release.copy()
    released[93] = inst.late[93]
    ev = evaluate(dataclasses.replace(inst, release=released), sol)
    assert ev.violations[0].startswith("route 3 trip 1: client 93 served at")
    # a reload limit from the file
    limited = dataclasses.replace(inst, max_reloads=np.full(8, 3))
    assert any("4 reloads > 3 allowed" in v for v in evaluate(limited, sol).violations)
    # a vehicle without a reload depot reads a 0 as no client
    single = dataclasses.replace(inst, reload_depots=((),) * 8)
    assert any("unknown client 0" in v for v in evaluate(single, sol).violations)


def test_evaluator_agrees_with_pyvrp_on_perturbed_solutions(c201):
    """PyVRP's own Solution says feasible or not, and the distance, independently of us."""
    import pyvrp

    inst = c201
    data = pyvrp.read(ROOT / "C201R0.25.vrp", round_func="dimacs")
    sol = read_solution(ROOT / "C201R0.25.sol")
    rng = random.Random(3)
    feasible = 0
    for _ in range(120):
        routes = [list(r) for r in sol]
        r = routes[rng.randrange(len(routes))]
        i, j = rng.randrange(len(r)), rng.randrange(len(r))
        r[i], r[j] = r[j], r[i]
        routes = [_tidy(r) for r in routes]
        ev = evaluate(inst, routes)
        theirs = pyvrp.Solution(data, [pyvrp.Route(data, [
            pyvrp.Activity(pyvrp.ActivityType.DEPOT, 0) if n == 0
            else pyvrp.Activity(pyvrp.ActivityType.CLIENT, n - 1) for n in r], 0)
            for r in routes if r])
        assert ev.feasible == theirs.is_feasible(), (routes, ev.violations)
        if ev.feasible:
            feasible += 1
            assert round(ev.cost * SCALE) == theirs.distance()
    assert feasible >= 5  # some swaps keep the plan feasible, so the costs were compared


def _tidy(route):
    """No reload first, last or twice in a row (PyVRP has no empty trips)."""
    return [n for i, n in enumerate(route)
            if not (n == 0 and (i == 0 or i == len(route) - 1 or route[i - 1] == 0))]


def test_magroute_plans_trips_the_evaluator_accepts(c201):
    inst = c201
    run = magroute_engine(inst, 1.5, seed=1)
    routes = run.routes
    assert run.note == "portfolio with fill passes"  # 100 clients with reloads
    ev = evaluate(inst, routes)
    assert ev.feasible, ev.violations[:3]
    assert ev.visited == 100 and ev.cost < inst.bks * 1.10
    assert any(0 in r for r in routes)  # 8 x 100 cannot carry 1,810 at once: reloads
    data = model_data(inst)
    assert all(tau_schedule(data, data.vehicles[k], r) is not None
               for k, r in enumerate(routes) if r)


def test_pyvrp_best_of_two_processes_is_feasible(c201):
    run = pyvrp_engine(c201, 1.0, seed=1, cores=2)
    routes = run.routes
    assert run.note.startswith(("best: seed 1 (costs ", "best: seed 2 (costs "))
    ev = evaluate(c201, routes)
    assert ev.feasible, ev.violations[:3]
    assert ev.visited == 100 and any(0 in r for r in routes)


def test_peers_that_cannot_express_reloads_are_listed_as_such():
    rows = run_bench([ROOT / "R209R0.25.vrp"], 1.0, ["vroom", "ortools"], peer_cores=2)
    assert [r.note for r in rows] == ["n/a (cannot express reloads)"] * 2
    assert all(r.cost is None and not r.feasible for r in rows)
    assert [s.not_applicable for s in summarise(rows)] == [1, 1]


def test_report_shows_best_of_n_and_n_a(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "bench_run_script", ROOT.parents[1] / "run.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "RESULTS", tmp_path)
    monkeypatch.setattr(script, "travel_report", lambda: [])
    monkeypatch.setattr(script, "night_report", lambda: [])
    header = ("instance,kind,clients,solver,time_limit_s,seed,cost,bks,gap_pct,routes,visited,"
              "feasible,wall_s,note,processes\n")
    (tmp_path / "mtvrptwr-10s.csv").write_text(
        header
        + "C201R0.25,mtvrptwr,100,magroute,10.0,1,1500.6,1500.6,0.0,8,100,True,9.9,,2\n"
        + "C201R0.25,mtvrptwr,100,pyvrp,10.0,1,1510.0,1500.6,0.63,8,100,True,10.1,,2\n"
        + "C201R0.25,mtvrptwr,100,vroom,10.0,1,,1500.6,,0,0,False,0.0,"
          "n/a (cannot express reloads),1\n")
    (tmp_path / "mtvrptwr-10s.json").write_text(
        '{"set": "mtvrptwr", "time_limit_s": 10.0, "date": "today", "cpu": "x", "cores": 2, '
        '"memory": "1 GiB", "python": "3", "versions": {}, "seed": 1, "command": "run", '
        '"load_1min_max": 4.2}')
    text = script.report()
    assert "| instance | BKS | magroute (2 cores) | pyvrp (best of 2) | vroom (1 thread) |" in text
    assert "| C201R0.25 | 1,500.6 | 1,500.6 (+0.00%) | 1,510.0 (+0.63%) | n/a (cannot express " \
           "reloads) |" in text
    assert "| vroom (1 thread) | n/a | - | - | - |" in text
    assert "load average reached 4.2 on 2 cores" in text
    assert "| magroute (2 cores) | 1/1 | 0.00% | 1 |" in text
