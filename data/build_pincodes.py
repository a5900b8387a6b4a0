"""Rebuild data/geo/india_pincodes.csv with far-off post offices left out of each PIN centroid.

    python data/build_pincodes.py [--shared DIR] [--out FILE] [--max-km 10] [--changes FILE]
                                  [--dry-run]

Reads, from ``../shared/geo`` next to the repository (``--shared`` or the environment variable
``MAGROUTE_SHARED_GEO`` override it):

* ``india_pincodes_latlon.csv``  one row per PIN; lat/lon is the mean of the PIN's offices whose
  ``geo_quality`` is ``original`` or ``swapped`` (data/geo/india_pincodes.csv was a copy of it);
* ``india_post_offices.csv.gz``  the offices, each with its own district and state;
* ``india_districts_adm2_geoboundaries.geojson`` and ``india_states_adm1_geoboundaries.geojson``.

Some offices carry coordinates tens to hundreds of km away: PIN 201301 (Noida HO) averaged the
HO at 28.58 N with two offices at 21.5 N and 23.5 N and landed in Madhya Pradesh at 24.55 N. For
every office this script takes the polygon of the office's own district and drops the office if
it lies more than ``MAX_KM`` outside; the PIN centroid is the mean of the rest. The office's own
district is used, not the PIN's most common one, because 1,258 PINs span two or more districts.

District names differ (the post-office list has 2025 names, geoBoundaries older ones and other
spellings). Within the same state, in order: (1) exact after normalising (ASCII, upper case,
Purba/Purbi/Purva = East, Paschim/Pashchim(i) = West, word order ignored); (2) a difflib
look-alike (ratio >= 0.75) that holds at least half of the district's distinct office locations,
which rejects Korea -> Korba and geoBoundaries' swapped Kancheepuram/Chengalpattu labels;
(3) the district's footprint, the union of the state's geoBoundaries districts holding >= 10 %
of its distinct office locations (renames such as Gurugram and Prayagraj, districts newer than
geoBoundaries such as Andhra Pradesh's 2022 ones, and those two swapped labels); (4) the best
look-alike on its name alone (ratio >= 0.85), for a district whose offices are all misplaced
(Chhotaudepur); (5) else the state polygon, reported as unmatched. Distinct locations count each
coordinate once, so the hundreds of offices parked on one placeholder point (21.5 N 81.5 E in
Chhattisgarh) do not outvote the rest.

A PIN whose offices are all dropped falls back, in order, to: the mean of its ``suspect`` offices
(not in the source centroid) that pass the same test; its old centroid, if that lies within
``MAX_KM`` of the PIN's district; the representative point (shapely ``point_on_surface``) of the
PIN's district. ``--changes`` writes every PIN with a dropped office, its old and new point and
the method, so these fallbacks are flagged. Rows with no dropped office are copied unchanged,
byte for byte, as are APO/FPO codes (9xxxxx); the 170 PINs without any located office stay
blank. ``n_geo_offices`` becomes the number of offices the centroid is the mean of (0 for a
district point). Deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

DATA_DIR = Path(__file__).resolve().parent
REPO = DATA_DIR.parent
OUT = DATA_DIR / "geo" / "india_pincodes.csv"
SHARED_ENV = "MAGROUTE_SHARED_GEO"
DEFAULT_SHARED = REPO.parent / "shared" / "geo"

PINS_FILE = "india_pincodes_latlon.csv"
OFFICES_FILE = "india_post_offices.csv.gz"
DISTRICTS_FILE = "india_districts_adm2_geoboundaries.geojson"
STATES_FILE = "india_states_adm1_geoboundaries.geojson"

# How far outside its district polygon an office may lie before it is dropped. Honest offsets
# come from (a) geoBoundaries lines drawn at a coarse scale, (b) India Post coordinates that are
# a village or head-office point rather than the office, and (c) post-office jurisdictions that
# straddle district lines: a few km. The errors wanted are a wrong digit (>= 111 km; Noida's two
# bad offices are 520 and 730 km outside Gautam Buddha Nagar), placeholders (300 Chhattisgarh
# offices on 21.5 N 81.5 E) and head-office points copied onto branch offices of another
# district (often 15-60 km).
# Of the 141,025 located offices with a known state, 127,130 lie within 1 km of their district,
# 2,704 at 1-5 km, 1,675 at 5-10 km and 10,533 beyond 10 km (1,659 beyond 300 km; 10,527 with
# the island margin below); the counts fall off smoothly, with no natural gap. 10 km is about
# the width of one PIN area (19,586 PINs over 3.29 M km2 is ~170 km2 each), so an office beyond
# it sits outside any PIN area touching its district.
MAX_KM = 10.0
# Island territories: the ADM1/ADM2 shapes miss small islands (Lakshadweep's Chetlat, Kiltan and
# Bitra lie 36-76 km outside both), and the nearest other land is 200+ km away, so a wider margin
# still catches an office placed on the mainland.
ISLAND_MAX_KM = {"LAKSHADWEEP": 100.0, "ANDAMAN AND NICOBAR ISLANDS": 100.0}
GOOD_QUALITY = ("original", "swapped")  # the offices the source centroid is the mean of
APO_PREFIX = "9"  # Army/Field Post Office codes: not places, left as they are
SUSPECT_QUALITY = "suspect"
FUZZY_CUTOFF = 0.75  # difflib ratio a look-alike name needs before its offices are tested
FUZZY_MIN_SHARE = 0.5  # ... and the share of the district's office locations it must hold
FOOTPRINT_MIN_SHARE = 0.10  # geoBoundaries districts holding this share of the locations
NAME_ONLY_RATIO = 0.85  # a look-alike accepted on its name alone when the offices say nothing
KM_PER_DEG = math.pi * 6371.0 / 180.0  # spherical Earth, as magroute's haversine

_DIRECTIONS = {"PURBA": "EAST", "PURBI": "EAST", "PURVA": "EAST", "PASCHIM": "WEST",
               "PASHCHIM": "WEST", "PASCHIMI": "WEST", "PASHCHIMI": "WEST"}
_DROP_WORDS = {"DISTRICT", "THE"}

# --------------------------------------------------------------------------------------------
# Pure helpers (unit-tested in tests/data/test_pincodes.py)
# --------------------------------------------------------------------------------------------


def norm_name(text: object) -> str:
    """'Mahārāshtra' -> 'MAHARASHTRA', 'The Dadra & Nagar Haveli' -> 'DADRA AND NAGAR HAVELI'."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").upper()
    s = re.sub(r"[^A-Z0-9]+", " ", s.replace("&", " AND ")).strip()
    return s.removeprefix("THE ")


def name_keys(text: object) -> tuple[str, str]:
    """Two match keys: the letters without spaces, and the words sorted (direction words mapped).

    'Uttar Kashi' and 'Uttarkashi' share the first; '24 Paraganas North' / 'North 24 Parganas'
    and 'Medinipur West' / 'Paschim Medinipur' come close or equal on the second.
    """
    words = [_DIRECTIONS.get(w, w) for w in norm_name(text).split() if w not in _DROP_WORDS]
    return "".join(words), " ".join(sorted(words))


def exact_match(name: object, candidates: Iterable[str]) -> str | None:
    """The candidate whose normalised name equals ``name``'s (either key), else None."""
    keys = name_keys(name)
    for cand in sorted(candidates):
        ck = name_keys(cand)
        if keys[0] == ck[0] or keys[1] == ck[1]:
            return cand
    return None


def name_ratio(a: object, b: object) -> float:
    """difflib similarity of two district names: the better of the two keys of ``name_keys``."""
    ka, kb = name_keys(a), name_keys(b)
    return max(difflib.SequenceMatcher(None, x, y).ratio() for x, y in zip(ka, kb, strict=True))


def fuzzy_candidates(name: object, candidates: Iterable[str], cutoff: float = FUZZY_CUTOFF,
                     n: int = 3) -> list[str]:
    """Up to ``n`` look-alike candidates with a ``name_ratio`` of ``cutoff`` or more, best first."""
    scored = sorted(((name_ratio(name, c), c) for c in candidates), key=lambda t: (-t[0], t[1]))
    return [c for r, c in scored[:n] if r >= cutoff]


def outside_km(lats: Sequence[float] | np.ndarray, lons: Sequence[float] | np.ndarray,
               polygon: BaseGeometry) -> np.ndarray:
    """Distance in km from each point to ``polygon`` (lon/lat degrees); 0 inside.

    Uses an equirectangular projection about the polygon's mid-latitude: within a district-sized
    area that is good to about 1 %, and far points only need to come out as far.
    """
    lat = np.asarray(lats, dtype=float)
    lon = np.asarray(lons, dtype=float)
    if lat.size == 0:
        return np.zeros(0)
    x0, y0, x1, y1 = polygon.bounds
    kx = math.cos(math.radians((y0 + y1) / 2)) * KM_PER_DEG
    km_poly = shapely.transform(polygon, lambda xy: xy * np.array([kx, KM_PER_DEG]))
    pts = shapely.points(lon * kx, lat * KM_PER_DEG)
    return np.asarray(shapely.distance(pts, km_poly), dtype=float)


def far_offices(offices: Sequence[tuple[float, float]] | np.ndarray, district_polygon: BaseGeometry,
                max_km: float = MAX_KM) -> np.ndarray:
    """Boolean mask: True for offices ``(lat, lon)`` more than ``max_km`` outside the polygon."""
    arr = np.asarray(offices, dtype=float).reshape(-1, 2)
    return outside_km(arr[:, 0], arr[:, 1], district_polygon) > max_km


def haversine_km(lat1: float | np.ndarray, lon1: float | np.ndarray, lat2: float | np.ndarray,
                 lon2: float | np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * 6371.0 * np.arcsin(np.sqrt(a)))


@dataclass(frozen=True)
class Centroid:
    lat: float
    lon: float
    n_used: int  # offices averaged (0: a district point)
    method: str  # offices | suspect | old | district-point | unchecked


def pin_centroid(good: np.ndarray, good_far: np.ndarray, suspect: np.ndarray | None = None,
                 suspect_far: np.ndarray | None = None, old: tuple[float, float] | None = None,
                 pin_region: BaseGeometry | None = None, max_km: float = MAX_KM) -> Centroid:
    """The centroid of one PIN from its offices ``(lat, lon)`` and their far-office masks.

    The mean of the good offices that are not far; else of the suspect ones that are not far;
    else the old centroid if it lies within ``max_km`` of ``pin_region``; else the region's
    representative point. Without a region nothing can be checked and the old centroid stays.
    """
    good = np.asarray(good, dtype=float).reshape(-1, 2)
    kept = good[~np.asarray(good_far, dtype=bool)]
    if len(kept):
        return Centroid(float(kept[:, 0].mean()), float(kept[:, 1].mean()), len(kept), "offices")
    if suspect is not None and suspect_far is not None:
        sus = np.asarray(suspect, dtype=float).reshape(-1, 2)[~np.asarray(suspect_far, dtype=bool)]
        if len(sus):
            return Centroid(float(sus[:, 0].mean()), float(sus[:, 1].mean()), len(sus), "suspect")
    if old is not None and (pin_region is None
                            or outside_km([old[0]], [old[1]], pin_region)[0] <= max_km):
        return Centroid(old[0], old[1], len(good), "old" if pin_region is not None else "unchecked")
    if pin_region is None:
        raise ValueError("no office left, no old centroid and no region")
    p = pin_region.point_on_surface()
    return Centroid(float(p.y), float(p.x), 0, "district-point")


def centroid_outliers(old_lat: np.ndarray, old_lon: np.ndarray, new_lat: np.ndarray,
                      new_lon: np.ndarray, min_km: float = 1.0) -> np.ndarray:
    """Indices of points that moved more than ``min_km``, largest move first."""
    d = np.nan_to_num(haversine_km(old_lat, old_lon, new_lat, new_lon), nan=0.0)
    idx = np.flatnonzero(d > min_km)
    return idx[np.argsort(-d[idx], kind="stable")]


def fmt_coord(x: float) -> str:
    """As pandas wrote the source file: 5 decimals, shortest form (28.5792, not 28.57920)."""
    return repr(round(float(x), 5))


# --------------------------------------------------------------------------------------------
# Loading and district regions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    geom: BaseGeometry
    method: str  # exact | fuzzy | footprint | name-only | state
    parts: tuple[str, ...]  # geoBoundaries district names (empty for a state)


def load_polygons(path: Path) -> list[tuple[str, str, BaseGeometry]]:
    """(shapeName, state or '', geometry) per feature."""
    gj = json.loads(path.read_text(encoding="utf-8"))
    return [(str(f["properties"]["shapeName"]), str(f["properties"].get("state") or ""),
             shapely.make_valid(shape(f["geometry"]))) for f in gj["features"]]


def district_table(districts: list[tuple[str, str, BaseGeometry]],
                   states: dict[str, BaseGeometry]) -> dict[str, dict[str, BaseGeometry]]:
    """{normalised state: {geoBoundaries district name: polygon}}.

    A district without a state (Lakshadweep) gets the state polygon nearest its representative
    point. A district polygon less than half inside its state's polygon is joined with the state
    polygon: that is Lakshadweep again (3 % overlap), a one-district union territory whose ADM2
    shape misses Minicoy, 200 km south, and whose ADM1 shape misses the northern islands.
    """
    out: dict[str, dict[str, BaseGeometry]] = {}
    for name, state, geom in districts:
        st = norm_name(state)
        if not st:
            rp = geom.point_on_surface()
            st = min(sorted(states), key=lambda s: states[s].distance(rp))
        if st in states and geom.intersection(states[st]).area < 0.5 * geom.area:
            geom = shapely.union_all([geom, states[st]])
        out.setdefault(st, {})[name] = geom
    return out


def match_region(name: str, polys: dict[str, BaseGeometry], lat: np.ndarray,
                 lon: np.ndarray) -> Region | None:
    """The polygon(s) standing for one post-office district of a state.

    ``lat``/``lon`` are the district's distinct office locations (each point once, so 300 offices
    parked on one placeholder coordinate count as one). In order: exact name; a difflib
    look-alike holding half the locations; the footprint (the districts holding 10 % of the
    locations); the best look-alike at a ratio of 0.85 or more, unconfirmed (for a district
    whose every office is misplaced). None: no match (the caller uses the state).
    """
    hit = exact_match(name, polys)
    if hit is not None:
        return Region(polys[hit], "exact", (hit,))

    def share(cand: str) -> float:
        """The share of the locations inside ``cand``."""
        if lat.size == 0:
            return 0.0
        return float(np.mean(outside_km(lat, lon, polys[cand]) == 0.0))

    for cand in fuzzy_candidates(name, polys):
        if share(cand) >= FUZZY_MIN_SHARE:
            return Region(polys[cand], "fuzzy", (cand,))
    parts = tuple(n for n in sorted(polys) if share(n) >= FOOTPRINT_MIN_SHARE)
    if parts:
        return Region(shapely.union_all([polys[n] for n in parts]), "footprint", parts)
    best = max(sorted(polys), key=lambda c: name_ratio(name, c), default=None)
    if best is not None and name_ratio(name, best) >= NAME_ONLY_RATIO:
        return Region(polys[best], "name-only", (best,))
    return None


@dataclass
class Offices:
    """The post-office list as plain arrays (pandas row access is too slow for 165k rows)."""

    pincode: np.ndarray
    quality: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    state: np.ndarray  # normalised
    district: np.ndarray  # as in the file, stripped

    @property
    def good(self) -> np.ndarray:
        return _isin(self.quality, GOOD_QUALITY) & ~np.isnan(self.lat)

    @property
    def suspect(self) -> np.ndarray:
        return (self.quality == SUSPECT_QUALITY) & ~np.isnan(self.lat)


def _isin(values: np.ndarray, wanted: Iterable[str]) -> np.ndarray:
    """np.isin for object arrays of strings, hash-based (np.isin sorts and is slow on them)."""
    return pd.Series(values, dtype=object).isin(list(wanted)).to_numpy(dtype=bool)


def load_offices(shared: Path, pin_rows: dict[str, dict[str, str]]) -> Offices:
    """Offices; one without a district of its own takes its PIN's district and state."""
    po = pd.read_csv(shared / OFFICES_FILE, dtype={"pincode": str})
    district = po["district"].fillna("").astype(str).str.strip().to_numpy(dtype=object)
    state_names = {v: norm_name(v) for v in po["state"].dropna().unique()}
    state = po["state"].map(state_names).fillna("").to_numpy(dtype=object)
    pins = po["pincode"].to_numpy(dtype=object)
    for i in np.flatnonzero(district == ""):
        row = pin_rows.get(pins[i])
        if row is not None:
            district[i] = row["district"].strip()
            state[i] = norm_name(row["state"])
    return Offices(pins, po["geo_quality"].fillna("").to_numpy(dtype=object),
                   po["lat"].to_numpy(dtype=float), po["lon"].to_numpy(dtype=float), state,
                   district)


def group_index(*keys: np.ndarray) -> dict[tuple[str, ...], np.ndarray]:
    """{key tuple: row indices}, keys sorted."""
    df = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
    out: dict[tuple[str, ...], np.ndarray] = {}
    for k, v in df.groupby(list(df.columns)).indices.items():
        out[tuple(str(x) for x in (k if isinstance(k, tuple) else (k,)))] = np.asarray(v)
    return dict(sorted(out.items()))


def resolve_regions(off: Offices, table: dict[str, dict[str, BaseGeometry]],
                    states: dict[str, BaseGeometry]) -> dict[tuple[str, str], Region]:
    """A Region for every (state, district) pair of the office list (the state polygon when the
    district matches nothing)."""
    good = off.good
    regions: dict[tuple[str, str], Region] = {}
    for (st, dist), idx in group_index(off.state, off.district).items():
        if not st or not dist:
            continue
        idx = idx[good[idx]]
        pts = np.unique(np.column_stack([off.lat[idx], off.lon[idx]]).round(4), axis=0)
        region = match_region(dist, table.get(st, {}), pts[:, 0], pts[:, 1])
        if region is None and st in states:
            region = Region(states[st], "state", ())
        if region is not None:
            regions[st, dist] = region
    return regions


# --------------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------------


@dataclass
class Build:
    rows: list[dict[str, str]]  # output rows, in source order, as strings
    changes: pd.DataFrame  # one row per PIN with a dropped office
    regions: dict[tuple[str, str], Region]
    n_dropped_offices: int
    max_km: float


def build(shared: Path, max_km: float = MAX_KM, only_states: Iterable[str] | None = None) -> Build:
    """Rebuild the PIN table from ``shared``.

    ``only_states`` (e.g. ['Uttar Pradesh']) limits the work, for quick checks, to the PINs of
    those states: their rows come out as in a full build, other rows stay as in the source.
    """
    with open(shared / PINS_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    pin_rows = {r["pincode"]: r for r in rows}
    states = {norm_name(n): g for n, _, g in load_polygons(shared / STATES_FILE)}
    table = district_table(load_polygons(shared / DISTRICTS_FILE), states)
    off = load_offices(shared, pin_rows)
    todo = set(pin_rows)
    if only_states is not None:
        wanted = {norm_name(s) for s in only_states}
        todo = {p for p, r in pin_rows.items() if norm_name(r["state"]) in wanted}
        # Every office of those PINs, and every office of the districts they touch (district
        # matching looks at all of a district's offices).
        sel = _isin(off.pincode, sorted(todo))
        pairs = set(zip(off.state[sel], off.district[sel], strict=True))
        keep = np.array([k in pairs for k in zip(off.state, off.district, strict=True)], dtype=bool)
        off = Offices(*(a[keep] for a in (off.pincode, off.quality, off.lat, off.lon, off.state,
                                          off.district)))
    regions = resolve_regions(off, table, states)

    # Far flags, district by district.
    far = np.zeros(len(off.lat), dtype=bool)
    located = ~np.isnan(off.lat)
    for (st, dist), idx in group_index(off.state, off.district).items():
        region = regions.get((st, dist))
        geom = region.geom if region is not None else states.get(st)
        idx = idx[located[idx]]
        if geom is not None and idx.size:
            limit = max(max_km, ISLAND_MAX_KM.get(st, 0.0))
            far[idx] = outside_km(off.lat[idx], off.lon[idx], geom) > limit
    good, suspect = off.good, off.suspect
    n_dropped = int((far & good).sum())

    changes = []
    for (pin,), idx in group_index(off.pincode).items():
        g, s = idx[good[idx]], idx[suspect[idx]]
        r = pin_rows.get(pin)
        if (r is None or pin not in todo or not r["lat"] or not far[g].any()
                or pin.startswith(APO_PREFIX)):
            continue  # no located office (stays blank), every office kept, or an APO: unchanged
        st = norm_name(r["state"])
        pin_region = regions.get((st, r["district"].strip()))
        region_geom = pin_region.geom if pin_region is not None else states.get(st)
        old = (float(r["lat"]), float(r["lon"]))
        c = pin_centroid(np.column_stack([off.lat[g], off.lon[g]]), far[g],
                         np.column_stack([off.lat[s], off.lon[s]]), far[s], old, region_geom,
                         max(max_km, ISLAND_MAX_KM.get(st, 0.0)))
        if c.method not in ("old", "unchecked"):
            r["lat"], r["lon"] = fmt_coord(c.lat), fmt_coord(c.lon)
            r["n_geo_offices"] = repr(float(c.n_used))
        changes.append({"pincode": pin, "old_lat": old[0], "old_lon": old[1],
                        "lat": float(r["lat"]), "lon": float(r["lon"]), "method": c.method,
                        "n_far": int(far[g].sum()), "n_good": int(g.size),
                        "office": r["main_office"], "district": r["district"],
                        "state": r["state"]})
    ch = pd.DataFrame(changes, columns=["pincode", "old_lat", "old_lon", "lat", "lon", "method",
                                        "n_far", "n_good", "office", "district", "state"])
    ch["shift_km"] = haversine_km(ch["old_lat"].to_numpy(float), ch["old_lon"].to_numpy(float),
                                  ch["lat"].to_numpy(float), ch["lon"].to_numpy(float))
    return Build(rows, ch, regions, n_dropped, max_km)


def write_rows(rows: list[dict[str, str]], path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tmp.replace(path)


def report(b: Build, out: Path | None) -> None:
    ch = b.changes
    sh = ch["shift_km"]
    counts = pd.Series([r.method for r in b.regions.values()], dtype=str).value_counts()
    print(f"offices dropped (> {b.max_km:g} km outside their district): {b.n_dropped_offices}")
    print(f"PINs with a dropped office: {len(ch)} of {len(b.rows)}; centroid changed: "
          f"{(sh > 0).sum()}, moved > 1 km: {(sh > 1).sum()}, > 30 km: {(sh > 30).sum()}, "
          f"max {sh.max() if len(ch) else 0:.0f} km")
    print("PINs with no office left (flagged in --changes): " + (", ".join(
        f"{m} {n}" for m, n in ch["method"].value_counts().sort_index().items()
        if m != "offices") or "none"))
    print(f"districts: {len(b.regions)} (state, district) pairs: " + ", ".join(
        f"{m} {counts.get(m, 0)}" for m in ("exact", "fuzzy", "footprint", "name-only", "state")))
    for (st, dist), reg in sorted(b.regions.items()):
        if reg.method != "exact":
            print(f"  {reg.method:9s} {st.title()}: {dist} -> {' + '.join(reg.parts) or '(state)'}")
    unmatched = [k for k, r in sorted(b.regions.items()) if r.method == "state"]
    print(f"unmatched districts (checked against the state polygon): {len(unmatched)}"
          + "".join(f"; {d.title()} ({st.title()})" for st, d in unmatched))
    print("largest moves:")
    worst = ch.iloc[centroid_outliers(ch["old_lat"].to_numpy(float), ch["old_lon"].to_numpy(float),
                                      ch["lat"].to_numpy(float), ch["lon"].to_numpy(float), 0.0)]
    for _, w in worst.head(10).iterrows():
        print(f"  {w['pincode']} {w['office']} ({w['district']}, {w['state']}): "
              f"{w['old_lat']:.3f},{w['old_lon']:.3f} -> {w['lat']:.3f},{w['lon']:.3f} "
              f"{w['shift_km']:.0f} km [{w['method']}, {w['n_far']}/{w['n_good']} offices dropped]")
    if out is not None:
        print(f"wrote {out}")


def shared_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get(SHARED_ENV) or DEFAULT_SHARED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", help=f"folder with the source files (default ${SHARED_ENV} "
                                         f"or {DEFAULT_SHARED})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output CSV (default {OUT})")
    parser.add_argument("--max-km", type=float, default=MAX_KM,
                        help=f"drop offices this far outside their district (default {MAX_KM:g})")
    parser.add_argument("--changes", type=Path,
                        help="also write a CSV of every PIN with a dropped office")
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    if not (shared / OFFICES_FILE).exists():
        print(f"{shared / OFFICES_FILE} not found (set --shared or ${SHARED_ENV})", file=sys.stderr)
        return 2
    b = build(shared, args.max_km)
    if not args.dry_run:
        write_rows(b.rows, args.out)
    if args.changes is not None:
        b.changes.round({"shift_km": 1}).to_csv(args.changes, index=False)
    report(b, None if args.dry_run else args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
