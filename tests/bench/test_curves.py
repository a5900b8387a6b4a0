"""benchmarks/curves.py: the offline replay of restart policies from best-cost curves."""

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
curves = pytest.importorskip("curves")


def test_a_restarting_worker_moves_on_after_a_stall_and_keeps_its_best():
    c = {1: [(0.1, 100.0), (1.0, 90.0), (9.0, 10.0)],  # would improve late, but stalls at 1 + 3
         3: [(0.1, 95.0), (2.0, 80.0)]}  # started at 4 s, its 2 s plan comes at 6 s
    assert curves.restarting_worker(c, [1, 3], stall_s=3.0, limit=10.0) == 80.0
    assert curves.restarting_worker(c, [1, 3], stall_s=9.0, limit=10.0) == 10.0  # no stall
    # the second run has only what is left of the limit
    assert curves.restarting_worker(c, [1, 3], stall_s=3.0, limit=5.0) == 90.0


def test_policies_replay_the_seeds_they_name():
    c = {s: [(1.0, 100.0 - s), (6.0, 50.0 - s)] for s in range(1, 7)}
    p = curves.policies(6, 10.0)
    assert p["best of seeds 1-2 (PyVRP best of 2)"](c) == 48.0
    assert p["2 fresh runs per worker"](c) == 96.0  # four runs of 5 s: none reaches 6 s
    assert p["best of seeds 1-6 (x3 the cores)"](c) == 44.0


def test_a_real_run_records_a_falling_cost_curve():
    path = str(BENCH / "instances" / "solomon" / "C101.txt")
    name, seed, curve = curves.one_run((path, 1, 0.5))
    assert (name, seed) == (path, 1) and curve
    assert [c for _, c in curve] == sorted((c for _, c in curve), reverse=True)
    assert all(0 <= t <= 0.6 for t, _ in curve)
