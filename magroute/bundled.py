"""Where the bundled data lives (the repository's data/ folder, next to the package)."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GEO_DIR = DATA_DIR / "geo"
NH_NETWORK = GEO_DIR / "india_nh_fullres_edges.csv.gz"
TOWNS = GEO_DIR / "india_towns.csv"
PINCODES = GEO_DIR / "india_pincodes.csv"
HUBS = DATA_DIR / "hubs.csv"
