"""The PyVRP translation: every opening window is a client, solutions round-trip exactly."""

import numpy as np
import pyvrp
from factories import SMALL, TRUCK, make_problem, make_site

from magroute.solver.model_data import compile_model, select_sites
from magroute.solver.pyvrp_model import build_pyvrp, sequences_from_solution, solution_from_sequences
from magroute.solver.schedule import plan_cost_units
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()


def model(sites, days=3, fleet=((SMALL, 1), (TRUCK, 2)), max_trips=None):
    p = make_problem(sites, days=days, fleet=fleet, max_trips=max_trips)
    return compile_model(p, SRC.matrices(p.points()), list(range(len(sites))))


def test_a_site_open_on_several_days_is_one_exclusive_group_of_clients():
    data = model([make_site("A", 28.6, 77.3), make_site("B", 28.7, 77.2, hours="Mon 09:00-18:00")])
    m = build_pyvrp(data)
    a, b = data.n_hubs, data.n_hubs + 1
    assert len(m.node_clients[a]) == len(data.windows[a]) == 3
    assert len(m.node_clients[b]) == 1
    assert m.data.num_groups == 1 and list(m.data.group(0).clients) == m.node_clients[a]
    for w, c in enumerate(m.node_clients[a]):
        client = m.data.client(c)
        assert (client.tw_early, client.tw_late) == m.client_tw[c] == data.windows[a][w]
        assert m.client_classes[c] is None
        assert client.prize == data.penalty_units[a]


def test_trucks_of_the_same_kind_share_one_vehicle_type():
    data = model([make_site("A", 28.6, 77.3)])
    m = build_pyvrp(data)
    assert sorted(len(ks) for ks in m.type_vehicles) == [1, 2]
    t = m.data.vehicle_type(next(i for i, ks in enumerate(m.type_vehicles) if len(ks) == 2))
    v = data.vehicles[m.type_vehicles[0][0]]
    # A truck that may come back and go out again: the whole duty is bounded by the horizon
    # (the tour limit holds per trip, in the schedule), plus the first trip's depot service.
    assert v.reloads and t.max_reloads == v.max_trips - 1
    assert t.shift_duration + t.max_overtime == data.horizon_s + data.unload_s_at(v.end_node)
    one = build_pyvrp(model([make_site("A", 28.6, 77.3)], max_trips=1))
    t1 = one.data.vehicle_type(0)
    assert t1.shift_duration + t1.max_overtime == v.max_span_s and not t1.reload_depots


def test_sequences_round_trip_and_costs_agree_with_the_schedule():
    sites = [make_site(f"S{i}", 28.3 + 0.05 * i, 77.1 + 0.07 * i, 40) for i in range(6)]
    data = model(sites)
    m = build_pyvrp(data)
    n = data.n_hubs
    seqs = [[n], [n + 1, n + 2, n + 3], [n + 4]]  # the mini truck carries 750 kg: one site
    sol = solution_from_sequences(m, data, seqs)
    assert sol.is_feasible()
    back = sequences_from_solution(m, sol, len(data.vehicles))
    assert sorted(map(tuple, back)) == sorted(map(tuple, seqs))
    cost = pyvrp.CostEvaluator([0.0], 0.0, 0.0).cost(sol) - m.prize_offset
    assert cost == plan_cost_units(data, back)  # one site left out: its penalty counts once


def test_select_sites_keeps_hubs_and_maps_nodes():
    sites = [make_site(f"S{i}", 28.3 + 0.05 * i, 77.1, 40) for i in range(4)]
    data = model(sites)
    sub = select_sites(data, [data.n_hubs + 3, data.n_hubs + 1], vehicles=[2])
    assert sub.n_nodes == data.n_hubs + 2
    assert list(sub.site_index) == [3, 1]
    assert sub.distance_m[0, data.n_hubs] == data.distance_m[0, data.n_hubs + 3]
    assert sub.vehicles == [data.vehicles[2]]
    assert np.array_equal(sub.xy[data.n_hubs], data.xy[data.n_hubs + 3])
