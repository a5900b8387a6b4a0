"""Make tours fit the full rules again by leaving sites out, cheapest first.

The hybrid search works on a model that knows the hub's last receiving time but not its daily
receiving hours, so now and then a tour arrives after the hub has closed and the wait pushes it
past the tour limit. Such a tour loses the site whose removal fixes it at the lowest penalty
(or, if no single removal does, its last site) until it fits.
"""

from __future__ import annotations

from magroute.solver.model_data import ModelData, VehicleData
from magroute.solver.schedule import tau_schedule
from magroute.solver.trips import normalised


def repair_sequences(data: ModelData, sequences: list[list[int]]) -> tuple[list[list[int]], int]:
    """(fitted sequences, number of sites removed)."""
    out, removed = [], 0
    for k, nodes in enumerate(sequences):
        v = data.vehicles[k]
        nodes = normalised(nodes, data.n_hubs, v.end_node)
        while nodes and tau_schedule(data, v, nodes) is None:
            sites = [i for i, n in enumerate(nodes) if n >= data.n_hubs]
            fixes = [i for i in sites
                     if tau_schedule(data, v, _without(data, v, nodes, i)) is not None]
            drop = min(fixes, key=lambda i: data.penalty_units[nodes[i]]) if fixes else sites[-1]
            nodes = _without(data, v, nodes, drop)
            removed += 1
        out.append(nodes)
    return out, removed


def _without(data: ModelData, v: VehicleData, nodes: list[int], i: int) -> list[int]:
    return normalised(nodes[:i] + nodes[i + 1:], data.n_hubs, v.end_node)
