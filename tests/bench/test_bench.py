"""Benchmark readers, the independent evaluator, and every peer through its real library."""

import json
import time
from pathlib import Path

import pytest

from magroute.bench.evaluate import evaluate
from magroute.bench.instances import SCALE, read_instance, read_solution
from magroute.bench.run import expand_instances, run_bench, summarise
from magroute.errors import InputError, MagrouteError
from magroute.solver.hybrid import default_workers

ROOT = Path(__file__).resolve().parents[2] / "benchmarks" / "instances"


def test_solomon_reader_and_bks():
    inst = read_instance(ROOT / "solomon" / "R101.txt")
    assert (inst.n_clients, inst.capacity, inst.num_vehicles, inst.kind) == (100, 200, 25, "vrptw")
    assert inst.bks == 1637.7
    assert inst.late[0] == 230 * SCALE


@pytest.mark.parametrize("folder,name", [
    ("gh1000", "RC1_10_1"), ("pcvrptw", "RC1_10_1"),
    ("hfvrp", "X101-FSMFD"), ("hfvrp", "X110-HD"), ("hfvrp", "X115-HVRP"), ("hfvrp", "X120-FSMF"),
])
def test_the_published_solutions_evaluate_to_their_best_known_cost(folder, name):
    inst = read_instance(ROOT / folder / f"{name}.vrp")
    ev = evaluate(inst, read_solution(ROOT / folder / f"{name}.sol"))
    assert ev.feasible, ev.violations[:3]
    assert ev.cost == pytest.approx(inst.bks, abs=0.05)


def test_evaluator_catches_broken_route_sets():
    inst = read_instance(ROOT / "solomon" / "C101.txt")
    ev = evaluate(inst, [list(range(1, 101))])  # one truck for everything
    assert not ev.feasible
    assert any("capacity" in v for v in ev.violations)
    assert any("window" in v for v in ev.violations)
    ev = evaluate(inst, [[1, 2], [2, 3]])
    assert any("visited 2 times" in v for v in ev.violations)
    assert any("not visited" in v for v in ev.violations)


def test_unreadable_instance_is_an_input_error(tmp_path):
    bad = tmp_path / "X.vrp"
    bad.write_text("NAME : X\nTYPE : CVRP\n")
    with pytest.raises(InputError, match="X.vrp"):
        read_instance(bad)
    with pytest.raises(InputError, match="file not found"):
        read_instance(tmp_path / "missing.txt")


def test_folders_expand_to_their_instances(tmp_path):
    assert len(expand_instances([ROOT / "solomon"])) == 56
    with pytest.raises(MagrouteError, match="no instance files"):
        expand_instances([tmp_path])


def test_every_engine_solves_an_instance_and_is_scored_independently():
    rows = run_bench([ROOT / "solomon" / "C101.txt"], 1.0,
                     ["magroute", "pyvrp", "vroom", "ortools"], seed=1)
    assert [r.solver for r in rows] == ["magroute", "pyvrp", "vroom", "ortools"]
    for r in rows:
        assert r.feasible, (r.solver, r.note)
        assert r.gap_pct is not None and r.gap_pct >= -1e-9
        assert r.visited == 100
    assert next(r for r in rows if r.solver == "magroute").gap_pct < 1.0
    # equal hardware by default: every peer on as many cores as magroute (PyVRP and OR-Tools
    # best of that many processes, VROOM that many threads)
    assert {r.processes for r in rows} == {default_workers()}
    summary = summarise(rows)
    assert [s.solved for s in summary] == [1, 1, 1, 1]
    json.dumps([s.__dict__ for s in summary])


def test_peers_on_one_core_when_asked():
    rows = run_bench([ROOT / "solomon" / "C101.txt"], 0.5, ["pyvrp", "ortools"], seed=1,
                     peer_cores=1)
    assert [r.processes for r in rows] == [1, 1] and all(r.feasible for r in rows)


def test_ortools_best_of_n_starts_each_process_from_its_own_construction(monkeypatch):
    from magroute.bench import engines

    seen = []
    monkeypatch.setattr(engines, "_best_of",
                        lambda inst, solve, arguments, names: seen.extend(a[2] for a in arguments))
    engines.ortools_engine(read_instance(ROOT / "solomon" / "C101.txt"), 1.0, 1, cores=3)
    assert seen == ["PATH_CHEAPEST_ARC", "SAVINGS", "PARALLEL_CHEAPEST_INSERTION"]


def test_unknown_solver_is_refused():
    with pytest.raises(MagrouteError, match="valid: magroute"):
        run_bench([ROOT / "solomon" / "C101.txt"], 1.0, ["gurobi"])


def test_hfvrp_reader_keeps_every_vehicle_and_its_costs():
    inst = read_instance(ROOT / "hfvrp" / "X115-HVRP.vrp")
    assert inst.kind == "hfvrp" and inst.num_vehicles == 19
    assert inst.capacity_of(0) == 54 and inst.capacity_of(18) == 322
    assert inst.vehicle_fixed[0] == 14600 and inst.vehicle_unit_cost[18] == 147
    hd = read_instance(ROOT / "hfvrp" / "X110-HD.vrp")
    assert not hd.vehicle_fixed.any()  # HD instances have no fixed costs


def test_hfvrp_cost_depends_on_which_vehicle_drives():
    inst = read_instance(ROOT / "hfvrp" / "X115-HVRP.vrp")
    small = evaluate(inst, [[1, 2]])
    big = evaluate(inst, [[]] * 18 + [[1, 2]])
    assert small.distance == big.distance and big.cost > small.cost


def test_magroute_and_pyvrp_solve_a_mixed_fleet():
    rows = run_bench([ROOT / "hfvrp" / "X110-HD.vrp"], 1.5, ["magroute", "pyvrp"], seed=1)
    for r in rows:
        assert r.feasible, (r.solver, r.note)
        assert 0 <= r.gap_pct < 8.0


@pytest.mark.parametrize("path", [ROOT / "pcvrptw" / "R2_10_1.vrp", ROOT / "solomon" / "RC101.txt"])
def test_magroute_searches_the_problem_as_pyvrp_reads_it(path):
    """The same seed follows PyVRP's own trajectory on the peer's reading of the file (loads
    on PyVRP's scale), so that the comparison is of the engines, not of two models."""
    import pyvrp
    from pyvrp.stop import MaxIterations

    from magroute.bench.engines import model_data, pyvrp_data
    from magroute.solver.ils import IlsTask, run_ils

    inst = read_instance(path)
    theirs = pyvrp.solve(pyvrp_data(inst), stop=MaxIterations(300), seed=4, display=False)
    ours = run_ils(IlsTask(model_data(inst), seed=4, deadline=time.monotonic() + 120,
                           iterations=300))
    assert ours.cost == theirs.cost()
