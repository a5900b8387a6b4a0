"""The hybrid engine on a real benchmark instance: feasible, complete, reproducible, on time."""

import math
import time
from pathlib import Path

import pytest

from magroute.bench.engines import model_data
from magroute.bench.evaluate import evaluate
from magroute.bench.instances import read_instance, read_solution
from magroute.solver.hybrid import hybrid_search, split_regions
from magroute.solver.repair import repair_sequences
from magroute.solver.schedule import plan_cost_units, tau_schedule

ROOT = Path(__file__).resolve().parents[2] / "benchmarks" / "instances"


@pytest.fixture(scope="module")
def rc101():
    inst = read_instance(ROOT / "solomon" / "RC101.txt")
    return inst, model_data(inst)


@pytest.mark.parametrize("workers", [1, 2])
def test_hybrid_serves_every_client_feasibly_within_the_deadline(rc101, workers):
    inst, data = rc101
    t0 = time.monotonic()
    found = hybrid_search(data, seed=3, deadline=t0 + 2.0, workers=workers)
    seqs = found.sequences
    assert found.course == "portfolio"  # 100 clients: no regions
    wall = time.monotonic() - t0
    ev = evaluate(inst, seqs)
    assert ev.feasible, ev.violations
    assert ev.visited == inst.n_clients
    assert ev.cost <= inst.bks * 1.10  # a real search, not a construction heuristic
    assert wall < 2.0 + 1.0


def test_same_seed_and_iteration_limit_reproduce_the_plan(rc101):
    _, data = rc101
    far = time.monotonic() + 60
    runs = [hybrid_search(data, seed=5, deadline=far, workers=2, iterations=300) for _ in range(2)]
    assert runs[0] == runs[1]


def test_regions_partition_sites_and_trucks():
    inst = read_instance(ROOT / "pcvrptw" / "RC1_10_1.vrp")
    data = model_data(inst)
    n = data.n_hubs
    seqs = [[] for _ in data.vehicles]
    seqs[0], seqs[1], seqs[5] = [n, n + 1, n + 2], [n + 500, n + 501], [n + 900]
    regions = split_regions(data, seqs, 2, offset=0.3)
    nodes = [x for r in regions for x in r.site_nodes]
    trucks = [v for r in regions for v in r.vehicles]
    assert sorted(nodes) == list(data.site_nodes())
    assert sorted(trucks) == list(range(len(data.vehicles)))
    for r in regions:  # a tour stays whole, with its truck
        for v in (0, 1, 5):
            if v in r.vehicles:
                assert set(seqs[v]) <= set(r.site_nodes)
    assert abs(len(regions[0].site_nodes) - len(regions[1].site_nodes)) <= 10


def test_repair_removes_sites_until_the_tour_fits(rc101):
    _, data = rc101
    n = data.n_hubs
    bad = [list(range(n, n + 40))] + [[] for _ in data.vehicles[1:]]  # far over capacity
    fixed, removed = repair_sequences(data, bad)
    assert removed > 0 and len(fixed[0]) == 40 - removed
    assert tau_schedule(data, data.vehicles[0], fixed[0]) is not None
    assert plan_cost_units(data, bad) == float("inf")


def test_must_collect_start_packs_sites_when_there_are_fewer_trucks_than_sites():
    from factories import TRUCK, make_problem, make_site

    from magroute.solver.hybrid import must_visit_start
    from magroute.solver.model_data import compile_model
    from magroute.travel import GreatCircleSource

    # Three must-collect yards of 1,500 kg and two 3,500 kg trucks: one truck takes two.
    sites = [make_site(f"M{k}", 28.55 + 0.05 * k, 77.35, 150, must_collect=True)
             for k in range(3)] + [make_site("X", 28.6, 77.2, 50)]
    p = make_problem(sites, fleet=((TRUCK, 2),))
    data = compile_model(p, GreatCircleSource().matrices(p.points()), list(range(len(sites))))
    start = must_visit_start(data)
    must_nodes = {data.n_hubs + k for k in range(3)}
    assert start is not None and {n for seq in start for n in seq} == must_nodes
    assert sorted(len(seq) for seq in start) == [1, 2]
    assert all(tau_schedule(data, data.vehicles[k], seq) is not None
               for k, seq in enumerate(start) if seq)


def test_a_search_paused_at_its_checkpoint_carries_on_exactly_where_it_was(rc101):
    from magroute.solver.hybrid import run_parallel
    from magroute.solver.ils import IlsTask

    _, data = rc101
    far = time.monotonic() + 60
    plain = [IlsTask(data, seed=s, deadline=far, iterations=400) for s in (1, 2)]
    paused = [IlsTask(data, seed=s, deadline=far, iterations=400, checkpoint=150) for s in (1, 2)]
    seen = []

    def carry_on(runs):
        seen.append(runs)
        return True

    uninterrupted = run_parallel(plain)
    resumed = run_parallel(paused, go_on=carry_on)
    assert len(seen) == 1 and all(r is not None and r.sequences for r in seen[0])
    assert [r.sequences for r in resumed] == [r.sequences for r in uninterrupted]
    assert [r.cost for r in resumed] == [r.cost for r in uninterrupted]
    # ... and stops there when told to: the plans handed in at the checkpoint come back
    stopped = run_parallel(paused, go_on=lambda runs: False)
    assert [r.sequences for r in stopped] == [r.sequences for r in seen[0]]


def test_a_mark_notes_the_cost_on_the_way(rc101):
    from magroute.solver.ils import IlsTask, run_ils

    _, data = rc101
    run = run_ils(IlsTask(data, seed=1, deadline=time.monotonic() + 60, iterations=300, mark=50))
    assert run.sequences is not None and run.cost <= run.mark_cost < float("inf")
    assert run.cost == plan_cost_units(data, run.sequences)


def test_a_stalled_search_restarts_from_a_new_seed_and_keeps_its_best(rc101):
    from magroute.solver.ils import IlsTask, _solve, run_ils
    from magroute.solver.pyvrp_model import build_pyvrp, sequences_from_solution

    _, data = rc101
    far = time.monotonic() + 60
    # the first seed on its own, stopped at its first stall of 25 iterations
    model = build_pyvrp(data)
    first, _, done, stalled = _solve(model.data, far, 600, 1, None, lambda b: None, stall=25)
    assert stalled and done < 600
    costs = []
    task = IlsTask(data, seed=1, deadline=far, iterations=600, restart_after=25, restart_stride=2)
    run = run_ils(task, lambda cost, served: costs.append(cost))
    assert run.sequences is not None and run.cost == plan_cost_units(data, run.sequences)
    first_cost = plan_cost_units(data, sequences_from_solution(model, first, len(data.vehicles)))
    assert run.cost <= first_cost
    assert costs == sorted(set(costs), reverse=True)  # progress only ever improves
    assert run_ils(task).sequences == run.sequences  # reproducible with an iteration limit
    with pytest.raises(ValueError, match="restarts"):
        run_ils(IlsTask(data, seed=1, deadline=far, iterations=10, checkpoint=5, restart_after=3))


def test_large_problems_choose_regions_by_the_length_of_the_tours_found():
    from magroute.solver.hybrid import MAX_SITES_PER_TOUR, mean_sites_per_trip

    short = read_instance(ROOT / "gh1000" / "R1_10_1.vrp")  # ~10 clients per tour
    long = read_instance(ROOT / "gh1000" / "R2_10_1.vrp")  # ~50
    for inst, regions in ((short, True), (long, False)):
        tour = mean_sites_per_trip(model_data(inst), read_solution(inst.path.with_suffix(".sol")))
        assert (tour <= MAX_SITES_PER_TOUR) == regions, (inst.name, tour)
    assert mean_sites_per_trip(model_data(short), [[1, 2, 0, 3], [], [4]]) == 4 / 3


@pytest.mark.parametrize("long_tours", [True, False])
def test_large_problems_with_trips_fill_then_follow_the_tour_rule(monkeypatch, long_tours):
    from magroute.solver import hybrid

    inst = read_instance(ROOT / "mtvrptwr" / "C201R0.25.vrp")
    data = model_data(inst)
    monkeypatch.setattr(hybrid, "MIN_SITES_PER_REGION", 10)  # 100 clients count as large here
    monkeypatch.setattr(hybrid, "MAX_SITES_PER_TOUR", 0 if long_tours else 10**6)
    went_on, cut = [], []
    to_the_end, improve = hybrid._whole_to_the_end, hybrid._improve_regions
    monkeypatch.setattr(hybrid, "_whole_to_the_end", lambda *a: went_on.append(1) or to_the_end(*a))
    monkeypatch.setattr(hybrid, "_improve_regions",
                        lambda *a: cut.append(1) or improve(*a))
    found = hybrid_search(data, seed=1, deadline=time.monotonic() + 4.0, workers=2)
    assert evaluate(inst, found.sequences).feasible
    if long_tours:
        assert went_on and not cut and found.course == "long tours: whole problem"
    else:
        # (the race after a round may still send it back to the whole problem)
        assert cut and found.course.startswith("regions: ")


@pytest.mark.parametrize("whole_expects", [0.0, math.inf])
def test_the_first_regional_round_races_the_whole_problem_curve(monkeypatch, rc101, whole_expects):
    """Short tours go to regions; after the first round the whole-problem searches' expected
    gain (race.WholeCurve, from what they measured) decides whether regions go on."""
    from magroute.solver import hybrid

    inst, data = rc101
    monkeypatch.setattr(hybrid, "MIN_SITES_PER_REGION", 10)  # 100 clients count as large here
    monkeypatch.setattr(hybrid, "MAX_SITES_PER_TOUR", 10**6)
    asked = []

    def gain_after(curve, duration):
        asked.append((curve, duration))
        return whole_expects

    monkeypatch.setattr(hybrid.WholeCurve, "gain_after", gain_after)
    found = hybrid_search(data, seed=1, deadline=time.monotonic() + 60, workers=2, iterations=200)
    assert evaluate(inst, found.sequences).feasible
    assert len(asked) == 1  # the first round only
    curve, duration = asked[0]
    assert duration == 200 and curve.end == 200  # in iterations: the phase ran 200 a worker
    if whole_expects == 0.0:
        assert found.course == f"regions: {hybrid.DETERMINISTIC_ROUNDS} rounds"
    else:
        assert found.course == "regions: 1 round, then whole problem"
