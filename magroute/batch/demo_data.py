"""Synthetic nights of any size: a site register and a pickup queue over India (`demo-data`).

The register is the bundled sites plus, when the queue needs more distinct sites than that,
copies of bundled sites of the same type (their opening hours and inventory profile) placed at
GeoNames towns drawn by population, with the nearest PIN code. Requests pick sites (most of
them distinct), are ready within two days of the plan's first day, often carry a latest date
and declare part of what the site holds. The fleet of the bundled scenario is scaled with the
queue so that a big night has trucks for a realistic share of it. Seeded: the same seed and
size give the same files.
"""

from __future__ import annotations

import csv
import dataclasses
import math
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import tomli_w
from scipy.spatial import cKDTree

from magroute import bundled
from magroute.domain.site import INDIA_LAT, INDIA_LON, Site
from magroute.domain.yields import YieldParams
from magroute.inputs import load_scenario, read_sites, read_yield_params, scenario_to_toml
from magroute.inputs.sites import QTY_PREFIX, write_sites

BUNDLED_SCENARIO = bundled.SCENARIOS_DIR / "india-nightly.toml"
DISTINCT_SHARE = 0.85  # share of requests at a site no other request of the night names
SITES_PER_TRUCK = 36  # the bundled fleet: 20 trucks for 722 sites
JITTER_KM = 4.0
MUST_COLLECT_SHARE = 0.02
SITES_CSV, REQUESTS_CSV, FLEET_TOML, SCENARIO_TOML = (
    "sites.csv", "requests.csv", "fleet.toml", "night.toml")


@dataclass(frozen=True)
class DemoNight:
    folder: Path
    sites: int
    requests: int
    trucks: int
    files: dict[str, Path]


def write_demo_night(out_dir: Path | str, requests: int, *, seed: int = 1,
                     first_day: date | None = None) -> DemoNight:
    """Write sites.csv, requests.csv, fleet.toml and night.toml (a scenario over them) into
    `out_dir`. `first_day` defaults to the bundled scenario's start date."""
    if requests < 1:
        raise ValueError("a demo night needs at least one request")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    base = load_scenario(BUNDLED_SCENARIO)
    first_day = first_day or base.start_date
    params = read_yield_params(base.yields_path)
    bundled_sites = read_sites(base.sites_path, params.item_ids)
    n_sites = max(1, math.ceil(requests * DISTINCT_SHARE))
    sites = list(bundled_sites) + _town_sites(rng, bundled_sites, n_sites - len(bundled_sites))
    item_ids = params.item_ids
    files = {"sites": write_sites(out / SITES_CSV, sites, item_ids)}
    files["requests"] = _write_requests(out / REQUESTS_CSV, rng, sites, requests, first_day,
                                        params)
    trucks, files["fleet"] = _write_fleet(out / FLEET_TOML, base.fleet_path,
                                          max(len(sites), requests))
    night = dataclasses.replace(base, name=f"demo-night-{requests}",
                                description=f"Synthetic night: {requests} requests over "
                                            f"{len(sites)} sites, {trucks} trucks (seed {seed})",
                                start_date=first_day, sites_path=files["sites"],
                                fleet_path=files["fleet"])
    files["scenario"] = out / SCENARIO_TOML
    files["scenario"].write_text(scenario_to_toml(night, relative_to=out), encoding="utf-8")
    return DemoNight(out, len(sites), requests, trucks, files)


def _town_sites(rng: np.random.Generator, templates: tuple[Site, ...], n: int) -> list[Site]:
    if n <= 0:
        return []
    towns = _read_towns()
    weights = np.array([t[3] for t in towns], dtype=float)
    picks = rng.choice(len(towns), size=n, p=weights / weights.sum())
    pins = _read_pins()
    tree = cKDTree(np.array([(lat, lon) for _, lat, lon in pins]))
    out = []
    for k, i in enumerate(picks, start=1):
        name, lat, lon, _, state = towns[i]
        template = templates[rng.integers(len(templates))]
        dlat, dlon = _jitter(rng, lat)
        lat = float(np.clip(lat + dlat, INDIA_LAT[0], INDIA_LAT[1]))
        lon = float(np.clip(lon + dlon, INDIA_LON[0], INDIA_LON[1]))
        factor = rng.uniform(0.3, 1.5)
        inventory = tuple((item, max(1, round(n * factor))) for item, n in template.inventory)
        site_id = f"G{k:05d}"
        out.append(dataclasses.replace(
            template, site_id=site_id, name=f"{name} {template.site_type.replace('_', ' ')} {k}",
            lat=round(lat, 5), lon=round(lon, 5), inventory=inventory,
            gross_weight_kg=round(template.gross_weight_kg * factor, 1),
            pincode=pins[int(tree.query((lat, lon))[1])][0], city=name, state=state,
            must_collect=False, contact=f"+91-00000-00000 / site-{site_id}@example.invalid"))
    return out


def _jitter(rng: np.random.Generator, lat: float) -> tuple[float, float]:
    r_km = JITTER_KM * math.sqrt(rng.uniform())
    a = rng.uniform(0, 2 * math.pi)
    return r_km * math.cos(a) / 111.0, r_km * math.sin(a) / (111.0 * math.cos(math.radians(lat)))


def _read_towns() -> list[tuple[str, float, float, int, str]]:
    with open(bundled.TOWNS, encoding="utf-8", newline="") as f:
        rows = [(r["name"], float(r["latitude"]), float(r["longitude"]), int(r["population"]),
                 r["state"]) for r in csv.DictReader(f)]
    # Islands have no road to the mainland: leave them to the bundled register.
    return [r for r in rows if r[4] not in ("Andaman and Nicobar", "Andaman and Nicobar Islands",
                                            "Lakshadweep")]


def _read_pins() -> list[tuple[str, float, float]]:
    with open(bundled.PINCODES, encoding="utf-8", newline="") as f:
        # Some PIN codes have no located office (blank lat/lon): they cannot be nearest.
        return [(r["pincode"], float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)
                if r["lat"] and r["lon"]]


def _write_requests(path: Path, rng: np.random.Generator, sites: list[Site], n: int,
                    first_day: date, params: YieldParams) -> Path:
    # Most requests name a site of their own; the rest repeat one (a second call, a top-up).
    n_distinct = min(len(sites), max(1, math.ceil(n * DISTINCT_SHARE)))
    chosen = list(rng.choice(len(sites), size=n_distinct, replace=False))
    chosen += list(rng.choice(chosen, size=n - n_distinct))
    item_ids = params.item_ids
    columns = ["request_id", "site_id", "date_ready", "latest_date", "must_collect",
               *(QTY_PREFIX + i for i in item_ids), "gross_weight_kg"]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for k, i in enumerate(rng.permutation(chosen), start=1):
            site = sites[int(i)]
            ready = first_day + timedelta(days=int(rng.integers(-2, 3)))
            latest = ready + timedelta(days=int(rng.integers(3, 11))) if rng.uniform() < 0.6 \
                else None
            share = rng.uniform(0.3, 1.0)
            items = {item: max(1, round(count * share)) for item, count in site.inventory}
            gross = sum(c * params.item(i).gross_kg_per_item for i, c in items.items())
            w.writerow([f"Q{k:06d}", site.site_id, ready.isoformat(),
                        latest.isoformat() if latest else "",
                        "true" if rng.uniform() < MUST_COLLECT_SHARE else "false",
                        *(items.get(i, "") or "" for i in item_ids), round(gross, 1)])
    return path


def _write_fleet(path: Path, bundled_fleet: Path, sites: int) -> tuple[int, Path]:
    """The bundled fleet.toml with every count scaled so there is a truck per
    `SITES_PER_TRUCK` sites (never fewer than the bundled fleet)."""
    doc = tomllib.loads(Path(bundled_fleet).read_text(encoding="utf-8"))
    base = sum(g["count"] for g in doc["fleet"])
    k = max(1.0, sites / SITES_PER_TRUCK / base)
    for g in doc["fleet"]:
        g["count"] = max(1, round(g["count"] * k))
    path.write_text("# Generated by `magroute demo-data`: the bundled fleet scaled to the night.\n"
                    + tomli_w.dumps(doc), encoding="utf-8")
    return sum(g["count"] for g in doc["fleet"]), path
