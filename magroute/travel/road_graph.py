"""Road distances and times over a line network (by default the bundled national highways).

A leg from A to B = access leg from A to its nearest network vertex + the shortest path (by
distance) along the network + access leg to B. Access legs are straight line x circuity at an
access speed. Driving time is summed along the same path from speeds by road class. A site
more than `max_access_km` from the network keeps the great-circle estimate for every leg (it is
named in `warnings`), and with `local_estimate` a leg takes the great-circle estimate where that
is shorter (short hops on roads the network does not have).

Shortest paths run on a contracted graph: the network's junctions plus the vertices sites snap
to, joined by the chains between them (network.py), with scipy's Dijkstra.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from magroute.domain.scenario import TravelSettings
from magroute.errors import InputError, InputProblem
from magroute.geo import EARTH_RADIUS_KM, haversine_km
from magroute.travel.great_circle import GreatCircleSource
from magroute.travel.matrices import Line, Point, TravelMatrices
from magroute.travel.network import (
    BUNDLED_NETWORK,
    EdgeList,
    RoadNetwork,
    build_network,
    read_bundled_csv,
    read_line_file,
)

# Sources per Dijkstra batch: bounds memory (batch x graph nodes x a few float64 arrays).
BATCH = 128
SNAP_ROADS = 4  # candidate entry vertices per point, each on a different chain
SNAP_SEARCH = 32  # nearest vertices looked at to find them
ZERO_EDGE = 1e-6  # scipy reads an explicit 0 as "no edge"; sums stay far below half a metre

_NETWORKS: dict[tuple, RoadNetwork] = {}  # loaded once per process and settings


@dataclass(frozen=True)
class Snap:
    """Where points join the network: up to SNAP_ROADS candidate vertices per point, on
    different roads, so that a point between two highways can take either (the access legs
    are costed, so the shortest total wins)."""

    point: np.ndarray  # candidate -> point index
    node: np.ndarray  # candidate -> network vertex
    access_m: np.ndarray  # candidate access leg, whole metres (float)
    access_s: np.ndarray
    straight_km: np.ndarray  # per point: straight line to the nearest vertex
    far: np.ndarray  # per point: beyond max_access_km, routed by the great-circle estimate


@dataclass(frozen=True)
class RoadLeg:
    """One leg as driven: length, time, the line and the roads it follows."""

    distance_m: int
    duration_s: int
    straight_km: float
    via: str  # "road network" or "great-circle estimate (...)"
    line: list[tuple[float, float]]  # (lon, lat) from a to b
    roads: list[tuple[str, str, int]] = field(default_factory=list)  # (ref, class, metres)


@dataclass(frozen=True)
class _Reduced:
    """Contracted graph for one set of snapped vertices."""

    csr: csr_matrix  # metres
    rid: np.ndarray  # network node -> reduced node (-1 if not kept)
    row: np.ndarray  # directed edges sorted by (row, col)
    col: np.ndarray
    seconds: np.ndarray
    i_from: np.ndarray  # chain_nodes index of the edge's first and last vertex, in edge direction
    i_to: np.ndarray

    @property
    def n(self) -> int:
        return self.csr.shape[0]


class RoadGraphSource:
    def __init__(self, settings: TravelSettings | None = None):
        self.settings = settings or TravelSettings(source="road_graph")
        self.road = self.settings.road
        self.estimate = GreatCircleSource(self.settings)
        self.warnings: list[str] = []
        # Of the last `matrices` call: (index, straight km to the network) of every point too
        # far from the network, which the caller can name (site ids) in its own words.
        self.last_far: list[tuple[int, float]] = []

    # ------------------------------------------------------------ network

    @property
    def network_path(self) -> Path:
        return self.road.network or BUNDLED_NETWORK

    @cached_property
    def network(self) -> RoadNetwork:
        r = self.road
        key = (str(self.network_path), r.class_column, r.ref_column, r.speeds_kmh, r.default_kmh)
        if key not in _NETWORKS:
            path = self.network_path
            _NETWORKS[key] = build_network(_read_edges(path, r.class_column, r.ref_column),
                                           dict(r.speeds_kmh), r.default_kmh)
        return _NETWORKS[key]

    @cached_property
    def _tree(self) -> cKDTree:
        return cKDTree(_unit_xyz(self.network.lat, self.network.lon))

    def snap(self, points: Sequence[tuple[float, float]] | np.ndarray) -> Snap:
        pts = np.asarray(points, dtype=float).reshape(-1, 2)
        net, r = self.network, self.road
        k = min(SNAP_SEARCH, net.n_nodes)
        chord, nodes = self._tree.query(_unit_xyz(pts[:, 0], pts[:, 1]), k=k)
        chord, nodes = chord.reshape(len(pts), k), nodes.reshape(len(pts), k)
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0, 1))
        road = np.where(net.is_junction[nodes], -1 - nodes, net.node_chain[nodes])
        point, node, dist = [], [], []
        for i in range(len(pts)):
            seen: set[int] = set()
            for j in range(k):
                if len(seen) == SNAP_ROADS or km[i, j] > r.max_access_km:
                    break
                if road[i, j] not in seen:
                    seen.add(int(road[i, j]))
                    point.append(i)
                    node.append(int(nodes[i, j]))
                    dist.append(float(km[i, j]))
        road_km = np.asarray(dist) * r.access_circuity
        return Snap(point=np.asarray(point, dtype=np.int64), node=np.asarray(node, dtype=np.int64),
                    access_m=np.rint(road_km * 1000.0),
                    access_s=np.rint(road_km / r.access_kmh * 3600.0),
                    straight_km=km[:, 0], far=km[:, 0] > r.max_access_km)

    # ------------------------------------------------------------ matrices

    def matrices(self, points: Sequence[tuple[float, float]]) -> TravelMatrices:
        pts = np.asarray(points, dtype=float).reshape(-1, 2)
        n = len(pts)
        est = self.estimate.matrices(pts)
        if n == 0:
            return est
        snap = self.snap(pts)
        self._warn_far(pts, snap)
        self.last_far = [(int(i), float(snap.straight_km[i])) for i in np.flatnonzero(snap.far)]
        ok = np.flatnonzero(~snap.far)
        dist = est.distance_m.copy()
        dur = est.duration_s.copy()
        if len(ok) >= 2:
            red, out_node, in_node = self._reduced(snap)
            net_m = np.empty((len(ok), len(ok)))
            net_s = np.empty((len(ok), len(ok)))
            for lo in range(0, len(ok), BATCH):
                rows = ok[lo:lo + BATCH]
                net_m[lo:lo + len(rows)], net_s[lo:lo + len(rows)] = \
                    _paths(red, out_node[rows], in_node[ok])
            net_m = np.rint(net_m).astype(np.int64)
            net_s = np.rint(net_s).astype(np.int64)
            sub = np.ix_(ok, ok)
            okp = pts[ok]
            straight = haversine_km(okp[:, None, 0], okp[:, None, 1], okp[None, :, 0],
                                    okp[None, :, 1])
            use = (net_m <= dist[sub]) | (straight > self.road.local_estimate_km)
            dist[sub] = np.where(use, net_m, dist[sub])
            dur[sub] = np.where(use, net_s, dur[sub])
        np.fill_diagonal(dist, 0)
        np.fill_diagonal(dur, 0)
        return TravelMatrices(distance_m=dist, duration_s=dur)

    def leg(self, a: tuple[float, float], b: tuple[float, float]) -> tuple[int, int]:
        m = self.matrices([a, b])
        return int(m.distance_m[0, 1]), int(m.duration_s[0, 1])

    def _warn_far(self, pts: np.ndarray, snap: Snap) -> None:
        far = np.flatnonzero(snap.far)
        if len(far):
            shown = ", ".join(f"({pts[i, 0]:.4f}, {pts[i, 1]:.4f}) {snap.straight_km[i]:.0f} km"
                              for i in far[:10])
            more = f" and {len(far) - 10} more" if len(far) > 10 else ""
            self.warnings.append(
                f"{len(far)} point(s) lie more than {self.road.max_access_km:g} km from the road "
                f"network and use the great-circle estimate: {shown}{more}")

    # ------------------------------------------------------------ one leg, with its road line

    def route(self, a: tuple[float, float], b: tuple[float, float]) -> RoadLeg:
        """The leg from a to b as `matrices` measures it, with its line and the roads used."""
        return self.routes([(a, b)])[0]

    def far_from_roads(self) -> list[tuple[int, float]]:
        return list(self.last_far)

    def leg_lines(self, pairs: Sequence[tuple[Point, Point]]) -> list[Line] | None:
        return [leg.line for leg in self.routes(pairs)]

    def routes(self, pairs: Sequence[tuple[tuple[float, float], tuple[float, float]]]
               ) -> list[RoadLeg]:
        """`route` for many legs at once: one snapping and one contracted graph for all their
        ends, one Dijkstra per distinct origin (a plan's legs take a second, not a minute)."""
        # hashable (lat, lon) tuples, whatever sequences the caller passed
        pairs = [((a[0], a[1]), (b[0], b[1])) for a, b in pairs]
        if not pairs:
            return []
        points = list(dict.fromkeys(p for pair in pairs for p in pair))
        index = {p: i for i, p in enumerate(points)}
        snap = self.snap(points)
        red = out_node = in_node = None
        if (~snap.far).sum() >= 1:
            red, out_node, in_node = self._reduced(snap)
        trees: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        out = []
        for a, b in pairs:
            if a == b:
                out.append(RoadLeg(0, 0, 0.0, "same place", [(a[1], a[0])]))
                continue
            straight = float(haversine_km(a[0], a[1], b[0], b[1]))
            est_m, est_s = self.estimate.leg(a, b)
            estimate = RoadLeg(est_m, est_s, straight, "great-circle estimate",
                               [(a[1], a[0]), (b[1], b[0])])
            ia, ib = index[a], index[b]
            if snap.far[ia] or snap.far[ib]:
                out.append(dataclasses.replace(
                    estimate, via="great-circle estimate (far from the road network)"))
                continue
            # a and b are near the network, so the contracted graph was built above
            assert red is not None and out_node is not None and in_node is not None
            if ia not in trees:
                trees[ia] = dijkstra(red.csr, directed=True, indices=int(out_node[ia]),
                                     return_predecessors=True)
            leg = self._leg_on(red, trees[ia], int(out_node[ia]), int(in_node[ib]), a, b, straight)
            use_estimate = est_m < leg.distance_m and straight <= self.road.local_estimate_km
            out.append(estimate if use_estimate else leg)
        return out

    def _leg_on(self, red: _Reduced, tree: tuple[np.ndarray, np.ndarray], src: int, dst: int,
                a: Point, b: Point, straight: float) -> RoadLeg:
        dist, pred = tree
        path = [dst]
        while path[-1] != src:
            path.append(int(pred[path[-1]]))
        path.reverse()
        net = self.network
        line = [(a[1], a[0])]
        roads: list[tuple[str, str, int]] = []
        seconds = 0.0
        for x, y in pairwise(path):
            e = _edge_index(red, x, y)
            seconds += float(red.seconds[e])
            i, j = int(red.i_from[e]), int(red.i_to[e])
            if i < 0:  # an access leg: its network end is the next point of the line
                if j >= 0:
                    line.append((float(net.lon[j]), float(net.lat[j])))
                continue
            lo, hi = min(i, j), max(i, j)
            chain = int(np.searchsorted(net.chain_ptr, lo, side="right") - 1)
            steps = [(str(net.chain_step_ref[k - chain]), str(net.chain_step_class[k - chain]),
                      int(net.chain_cum_m[k + 1] - net.chain_cum_m[k])) for k in range(lo, hi)]
            nodes = net.chain_nodes[lo:hi + 1]
            if j < i:
                steps.reverse()
                nodes = nodes[::-1]
            roads.extend(steps)
            line.extend(zip(net.lon[nodes[1:]].tolist(), net.lat[nodes[1:]].tolist(), strict=True))
        line.append((b[1], b[0]))
        return RoadLeg(int(np.rint(dist[dst])), int(np.rint(seconds)), straight, "road network",
                       line, _merge_roads(roads))

    # ------------------------------------------------------------ contraction

    def _reduced(self, snap: Snap) -> tuple[_Reduced, np.ndarray, np.ndarray]:
        """The contracted graph, plus a start node and an end node per point.

        Kept vertices: every junction and every candidate entry vertex. Each point has an
        "out" node with access edges to its entry vertices and an "in" node with access edges
        from them; being one-way, no path can pass through a point.
        """
        net = self.network
        junctions = np.flatnonzero(net.is_junction)
        rid = np.full(net.n_nodes, -1, dtype=np.int64)
        rid[junctions] = np.arange(len(junctions))
        inner = np.unique(snap.node[~net.is_junction[snap.node]])
        rid[inner] = len(junctions) + np.arange(len(inner))
        n_net = len(junctions) + len(inner)
        n_points = len(snap.far)
        out_node = n_net + 2 * np.arange(n_points)
        in_node = out_node + 1

        chains = np.arange(net.n_chains)
        inner_chain = net.node_chain[inner]
        bp_chain = np.concatenate([chains, chains, inner_chain])
        bp_idx = np.concatenate([net.chain_ptr[:-1], net.chain_ptr[1:] - 1,
                                 net.chain_ptr[inner_chain] + net.node_pos[inner]])
        order = np.lexsort((bp_idx, bp_chain))
        bp_chain, bp_idx = bp_chain[order], bp_idx[order]
        same = bp_chain[1:] == bp_chain[:-1]
        i0, i1 = bp_idx[:-1][same], bp_idx[1:][same]
        x, y = rid[net.chain_nodes[i0]], rid[net.chain_nodes[i1]]
        metres = net.chain_cum_m[i1] - net.chain_cum_m[i0]
        seconds = net.chain_cum_s[i1] - net.chain_cum_s[i0]
        keep = x != y
        x, y, i0, i1, metres, seconds = (v[keep] for v in (x, y, i0, i1, metres, seconds))

        # Both directions of every chain piece, then the one-way access legs; an access leg's
        # "chain index" is -1 at the point's end and the network vertex id at the other.
        vtx = rid[snap.node]
        none = np.full(len(vtx), -1, dtype=np.int64)
        row = np.concatenate([x, y, out_node[snap.point], vtx])
        col = np.concatenate([y, x, vtx, in_node[snap.point]])
        m2 = np.concatenate([metres, metres, snap.access_m, snap.access_m])
        s2 = np.concatenate([seconds, seconds, snap.access_s, snap.access_s])
        f2 = np.concatenate([i0, i1, none, none])
        t2 = np.concatenate([i1, i0, snap.node, none])
        order = np.lexsort((m2, col, row))  # shortest parallel edge first
        row, col, m2, s2, f2, t2 = (v[order] for v in (row, col, m2, s2, f2, t2))
        first = np.ones(len(row), dtype=bool)
        first[1:] = (row[1:] != row[:-1]) | (col[1:] != col[:-1])
        row, col, m2, s2, f2, t2 = (v[first] for v in (row, col, m2, s2, f2, t2))
        n = n_net + 2 * n_points
        csr = csr_matrix((np.maximum(m2, ZERO_EDGE), (row, col)), shape=(n, n))
        return _Reduced(csr, rid, row, col, s2, f2, t2), out_node, in_node


def _read_edges(path: Path, class_column: str, ref_column: str) -> EdgeList:
    """The line network's segments; a missing or unreadable file is an input problem."""
    if not path.exists():
        raise InputError([InputProblem(str(path), "road network file not found",
                                       expected="an existing line network file")])
    try:
        if path.name.endswith(".csv.gz") or path.suffix == ".csv":
            return read_bundled_csv(path)
        return read_line_file(path, class_column, ref_column)
    except (ValueError, KeyError, OSError, RuntimeError) as exc:  # pyogrio's errors are these
        raise InputError([InputProblem(
            str(path), f"cannot read it as a road network: {exc}",
            expected="a GeoPackage, GeoJSON or other GDAL line layer, or the bundled CSV "
                     "(columns lat1, lon1, lat2, lon2, km, ref)")]) from exc


def _paths(red: _Reduced, sources: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Metres and seconds of the shortest (by metres) paths from each source to each target."""
    dist, pred = dijkstra(red.csr, directed=True, indices=sources, return_predecessors=True)
    # Seconds along the same paths: the seconds of each tree edge, summed up the predecessor
    # tree by pointer jumping (log2(depth) vectorised steps).
    has = pred >= 0
    acc = np.zeros(dist.shape)
    cols = np.broadcast_to(np.arange(red.n), pred.shape)
    acc[has] = red.seconds[_edge_indices(red, pred[has], cols[has])]
    p = np.where(has, pred, -1)
    rows = np.arange(len(sources))[:, None]
    while True:
        has = p >= 0
        if not has.any():
            break
        pp = np.where(has, p, 0)
        acc = acc + np.where(has, acc[rows, pp], 0.0)
        p = np.where(has, p[rows, pp], -1)
    # Sums of whole metres are exact; zero-length edges add a millionth of a metre each.
    return np.rint(dist[:, targets]), acc[:, targets]


def _edge_indices(red: _Reduced, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    keys = red.row.astype(np.int64) * red.n + red.col
    return np.searchsorted(keys, a.astype(np.int64) * red.n + b)


def _edge_index(red: _Reduced, a: int, b: int) -> int:
    return int(_edge_indices(red, np.array([a]), np.array([b]))[0])


def _merge_roads(roads: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Consecutive steps on the same road become one (ref, class, metres) entry."""
    out: list[tuple[str, str, int]] = []
    for ref, cls, m in roads:
        if out and out[-1][0] == ref and out[-1][1] == cls:
            out[-1] = (ref, cls, out[-1][2] + m)
        else:
            out.append((ref, cls, m))
    return out


def _unit_xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(np.asarray(lat, float)), np.radians(np.asarray(lon, float))
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


