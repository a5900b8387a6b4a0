"""A line network (the bundled national highways, or any GDAL-readable line file) as a graph.

Every vertex of the lines is a graph node; nodes are identified by their coordinates rounded to
about a metre, so lines connect where they share a vertex. Only the largest connected piece is
kept (islands and stubs cannot be routed to the rest of the country).

Edge lengths and driving times are rounded to whole metres and seconds when loaded, so every
path length is an exact integer sum: the same leg costs the same whatever other points share
the matrix (the checker and the solver agree to the metre).

Chains of degree-2 nodes between junctions are the unit the router contracts (road_graph.py):
a graph of 160,000 vertices shrinks to about 20,000 junctions plus the snapped sites.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from magroute.bundled import NH_NETWORK
from magroute.geo import haversine_km

# Node identity: coordinates rounded to 1e-5 degrees (about 1 m).
COORD_SCALE = 100_000

BUNDLED_NETWORK = NH_NETWORK

# Road classes of the bundled network, from its `ref` column.
EXPRESSWAY, NATIONAL_HIGHWAY, LINK = "expressway", "nh", "link"


@dataclass(frozen=True)
class EdgeList:
    """Undirected line segments: end coordinates, length, road class and reference."""

    lat1: np.ndarray
    lon1: np.ndarray
    lat2: np.ndarray
    lon2: np.ndarray
    km: np.ndarray
    road_class: np.ndarray  # str objects
    ref: np.ndarray  # str objects ("" when unknown)


def read_bundled_csv(path: Path) -> EdgeList:
    """The shared NH graph: `lat1,lon1,lat2,lon2,km,ref,component` (see data/README.md)."""
    df = pd.read_csv(path, dtype={"ref": str}, keep_default_na=False)
    ref = df["ref"].astype(str).to_numpy(dtype=object)
    cls = np.where(pd.Series(ref).str.startswith("NE").to_numpy(), EXPRESSWAY,
                   np.where(ref == "SNAP", LINK, NATIONAL_HIGHWAY)).astype(object)
    lat1, lon1, lat2, lon2, km = (df[c].to_numpy(float) for c in ("lat1", "lon1", "lat2", "lon2", "km"))
    return EdgeList(lat1, lon1, lat2, lon2, km,
                    road_class=cls, ref=np.where(ref == "SNAP", "", ref).astype(object))


def read_line_file(path: Path, class_column: str, ref_column: str) -> EdgeList:
    """Any GDAL-readable line layer (GeoPackage, GeoJSON...), e.g. an OpenStreetMap extract.

    Every consecutive vertex pair of every (Multi)LineString becomes a segment; the road class
    comes from `class_column` (OSM: `highway`) and the name from `ref_column`, where present.
    """
    import geopandas as gpd
    import shapely

    gdf = gpd.read_file(path)
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    gdf = gdf[gdf.geometry.notna()].explode(index_parts=False)
    gdf = gdf[gdf.geom_type == "LineString"]
    if gdf.empty:
        raise ValueError(f"{path}: no LineString features to build a road network from")
    coords, owner = shapely.get_coordinates(gdf.geometry.to_numpy(), return_index=True)
    same = owner[1:] == owner[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    rows = owner[:-1][same]
    cls = _column(gdf, class_column, "road")[rows]
    ref = _column(gdf, ref_column, "")[rows]
    km = haversine_km(a[:, 1], a[:, 0], b[:, 1], b[:, 0])
    return EdgeList(a[:, 1], a[:, 0], b[:, 1], b[:, 0], np.asarray(km, float), cls, ref)


def _column(gdf: pd.DataFrame, name: str, default: str) -> np.ndarray:
    if name and name in gdf.columns:
        return gdf[name].fillna(default).astype(str).to_numpy(dtype=object)
    return np.full(len(gdf), default, dtype=object)


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class RoadNetwork:
    """The largest connected piece of a line network, with its junction-to-junction chains.

    Nodes 0..n-1 with `lat`/`lon`. Every edge has integer metres and seconds. A chain is a
    maximal path whose inner nodes have degree 2; chain c runs through
    `chain_nodes[chain_ptr[c]:chain_ptr[c + 1]]`, with cumulative metres/seconds `chain_cum_m`,
    `chain_cum_s` aligned to those nodes and the road class / ref of each step in
    `chain_step_class` / `chain_step_ref` (one fewer than nodes, same offsets minus c).
    """

    lat: np.ndarray
    lon: np.ndarray
    is_junction: np.ndarray
    node_chain: np.ndarray  # chain of each inner (degree-2) node, -1 for junctions
    node_pos: np.ndarray  # position of each inner node within its chain
    chain_ptr: np.ndarray
    chain_nodes: np.ndarray
    chain_cum_m: np.ndarray
    chain_cum_s: np.ndarray
    chain_step_class: np.ndarray
    chain_step_ref: np.ndarray
    dropped_km: float  # length outside the largest piece, not routable

    @property
    def n_nodes(self) -> int:
        return len(self.lat)

    @property
    def n_chains(self) -> int:
        return len(self.chain_ptr) - 1

    def chain_ends(self) -> tuple[np.ndarray, np.ndarray]:
        return self.chain_nodes[self.chain_ptr[:-1]], self.chain_nodes[self.chain_ptr[1:] - 1]

    def chain_length(self, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        last = self.chain_ptr[c + 1] - 1
        return self.chain_cum_m[last], self.chain_cum_s[last]


def build_network(edges: EdgeList, speed_kmh: dict[str, float], default_kmh: float) -> RoadNetwork:
    """Nodes, integer edge weights by road class speed, the largest piece, and its chains."""
    keys = np.concatenate([_key(edges.lat1, edges.lon1), _key(edges.lat2, edges.lon2)])
    uniq, inv = np.unique(keys, return_inverse=True)
    m = len(edges.km)
    u, v = inv[:m], inv[m:]
    lat = (uniq >> 32).astype(np.float64) / COORD_SCALE - 90.0
    lon = (uniq & 0xFFFFFFFF).astype(np.float64) / COORD_SCALE - 180.0

    metres = np.rint(edges.km * 1000.0)
    kmh = np.array([speed_kmh.get(c, default_kmh) for c in edges.road_class], dtype=float)
    seconds = np.rint(edges.km / kmh * 3600.0)
    keep = u != v
    u, v, metres, seconds = u[keep], v[keep], metres[keep], seconds[keep]
    cls, ref = edges.road_class[keep], edges.ref[keep]
    # Parallel segments: keep the shortest (stable order so the choice is deterministic).
    a, b = np.minimum(u, v), np.maximum(u, v)
    order = np.lexsort((metres, b, a))
    a, b, metres, seconds, cls, ref = (x[order] for x in (a, b, metres, seconds, cls, ref))
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    a, b, metres, seconds, cls, ref = (x[first] for x in (a, b, metres, seconds, cls, ref))

    n = len(uniq)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)).tocsr()
    _, label = connected_components(graph, directed=False)
    counts = np.bincount(label)
    main = int(np.argmax(counts))
    in_main = label == main
    edge_main = in_main[a]
    dropped_km = float(metres[~edge_main].sum() / 1000.0)
    a, b, metres, seconds, cls, ref = (x[edge_main] for x in (a, b, metres, seconds, cls, ref))
    new_id = np.full(n, -1, dtype=np.int64)
    new_id[in_main] = np.arange(int(in_main.sum()))
    a, b = new_id[a], new_id[b]
    lat, lon = lat[in_main], lon[in_main]
    return _with_chains(lat, lon, a, b, metres, seconds, cls, ref, dropped_km)


def _key(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la = np.rint((np.asarray(lat) + 90.0) * COORD_SCALE).astype(np.int64)
    lo = np.rint((np.asarray(lon) + 180.0) * COORD_SCALE).astype(np.int64)
    return (la << 32) | lo


def _with_chains(lat: np.ndarray, lon: np.ndarray, a: np.ndarray, b: np.ndarray, metres: np.ndarray,
                 seconds: np.ndarray, cls: np.ndarray, ref: np.ndarray, dropped_km: float
                 ) -> RoadNetwork:
    """Walk every chain once from its junction end (a pure loop gets one node promoted)."""
    n = len(lat)
    heads = np.concatenate([a, b])
    tails = np.concatenate([b, a])
    eid = np.concatenate([np.arange(len(a)), np.arange(len(a))])
    order = np.argsort(heads, kind="stable")
    heads, tails, eid = heads[order], tails[order], eid[order]
    ptr = np.searchsorted(heads, np.arange(n + 1))
    degree = np.diff(ptr)
    junction = degree != 2
    nbr, edge_of = tails.tolist(), eid.tolist()
    ptr_l = ptr.tolist()
    m_l, s_l = metres.tolist(), seconds.tolist()
    cls_l, ref_l = cls.tolist(), ref.tolist()
    used = bytearray(len(a))

    chain_ptr = [0]
    nodes: list[int] = []
    cum_m: list[float] = []
    cum_s: list[float] = []
    step_cls: list[str] = []
    step_ref: list[str] = []
    node_chain = np.full(n, -1, dtype=np.int64)
    node_pos = np.zeros(n, dtype=np.int64)

    def walk(start: int) -> None:
        for k in range(ptr_l[start], ptr_l[start + 1]):
            e = edge_of[k]
            if used[e]:
                continue
            c = len(chain_ptr) - 1
            nodes.append(start)
            cum_m.append(0.0)
            cum_s.append(0.0)
            cur, dm, ds = nbr[k], m_l[e], s_l[e]
            used[e] = 1
            step_cls.append(cls_l[e])
            step_ref.append(ref_l[e])
            while True:
                nodes.append(cur)
                cum_m.append(dm)
                cum_s.append(ds)
                if junction[cur]:
                    break
                node_chain[cur] = c
                node_pos[cur] = len(nodes) - 1 - chain_ptr[-1]
                p0 = ptr_l[cur]
                nxt_k = p0 if not used[edge_of[p0]] else p0 + 1
                e = edge_of[nxt_k]
                if used[e]:  # a loop back to where it started
                    break
                used[e] = 1
                cur = nbr[nxt_k]
                dm += m_l[e]
                ds += s_l[e]
                step_cls.append(cls_l[e])
                step_ref.append(ref_l[e])
            chain_ptr.append(len(nodes))

    for j in np.flatnonzero(junction).tolist():
        walk(j)
    for j in np.flatnonzero(~junction).tolist():  # degree-2 cycles with no junction at all
        if node_chain[j] < 0 and not junction[j]:
            junction[j] = True
            walk(j)
    return RoadNetwork(
        lat=lat, lon=lon, is_junction=junction, node_chain=node_chain, node_pos=node_pos,
        chain_ptr=np.asarray(chain_ptr, dtype=np.int64),
        chain_nodes=np.asarray(nodes, dtype=np.int64),
        chain_cum_m=np.asarray(cum_m, dtype=np.float64),
        chain_cum_s=np.asarray(cum_s, dtype=np.float64),
        chain_step_class=np.asarray(step_cls, dtype=object),
        chain_step_ref=np.asarray(step_ref, dtype=object),
        dropped_km=dropped_km,
    )

