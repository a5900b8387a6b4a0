"""Several trips per truck: how a node sequence says "unload here and go out again".

A truck's sequence is a list of nodes. Site nodes are pickups; a hub node (index below
`n_hubs`) inside the sequence is an unload at that hub, after which the truck sets out again
with an empty body. The truck's first departure and its final unload are not in the sequence,
as before, so a one-tour plan reads exactly as it always did:

    [s1, s2, hub, s3]  ->  trip 1: s1, s2, unload at hub;  trip 2: s3, unload at the end hub.

Only the truck's own unloading hub (`VehicleData.end_node`) may appear inside its sequence, at
most `max_trips - 1` times, never first, last or twice in a row (an empty trip).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


def is_reload(node: int, n_hubs: int) -> bool:
    return node < n_hubs


def split_trips(nodes: Sequence[int], n_hubs: int) -> list[list[int]]:
    """The site nodes of every trip, in order (one empty trip for an empty sequence)."""
    trips: list[list[int]] = [[]]
    for n in nodes:
        if n < n_hubs:
            trips.append([])
        else:
            trips[-1].append(int(n))
    return trips


def join_trips(trips: Sequence[Sequence[int]], hub: int) -> list[int]:
    """The sequence of the non-empty trips, with an unload at `hub` between them."""
    out: list[int] = []
    for trip in trips:
        if not trip:
            continue
        if out:
            out.append(hub)
        out.extend(int(n) for n in trip)
    return out


def sites_of(nodes: Sequence[int], n_hubs: int) -> list[int]:
    """The site nodes of a sequence, unloads left out."""
    return [int(n) for n in nodes if n >= n_hubs]


def normalised(nodes: Sequence[int], n_hubs: int, hub: int) -> list[int]:
    """The same trips without empty ones (unloads first, last or twice in a row)."""
    return join_trips(split_trips(nodes, n_hubs), hub)


def n_reloads(nodes: Sequence[int], n_hubs: int) -> int:
    return sum(1 for n in nodes if n < n_hubs)


def trip_of_position(nodes: Sequence[int], n_hubs: int) -> list[int]:
    """Trip number (1-based) of every position of the sequence; an unload belongs to the trip
    it ends."""
    out, trip = [], 1
    for n in nodes:
        out.append(trip)
        if n < n_hubs:
            trip += 1
    return out


def trip_loads(nodes: Sequence[int], n_hubs: int, demand: np.ndarray) -> list[int]:
    """The load (kg) each trip carries home."""
    out = [0]
    for n in nodes:
        if n < n_hubs:
            out.append(0)
        else:
            out[-1] += int(demand[n])
    return out


def insertions(nodes: Sequence[int], node: int, n_hubs: int, hub: int, new_trips: bool
               ) -> Iterator[tuple[list[int], int, bool]]:
    """Every way to add `node` to a truck's sequence: (trial sequence, trip it rides on, whether
    that trip is new). With `new_trips`, also alone on a trip of its own before the first trip,
    between two trips or after the last."""
    nodes = list(nodes)
    trip = 1
    for pos in range(len(nodes) + 1):
        yield nodes[:pos] + [node] + nodes[pos:], trip, False
        if pos < len(nodes) and nodes[pos] < n_hubs:
            trip += 1
    if not new_trips or not nodes:
        return
    yield [node, hub, *nodes], 1, True
    trip = 1
    for pos, n in enumerate(nodes):
        if n < n_hubs:
            trip += 1
            yield nodes[:pos] + [hub, node] + nodes[pos:], trip, True
    yield [*nodes, hub, node], trip + 1, True
