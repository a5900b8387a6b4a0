"""Where the bundled data and scenarios live.

In a checkout (and an editable install) they are the repository's `data/` and `scenarios/`
beside the package. A wheel installs the same files as data files under
``<prefix>/share/magroute/`` (pyproject's ``[tool.setuptools.data-files]``), keeping the
layout, so the scenarios' relative paths (``../data/sites.csv``) hold in both places.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path


def _root() -> Path:
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "data" / "hubs.csv").is_file():
        return checkout
    return Path(sysconfig.get_path("data")) / "share" / "magroute"


ROOT = _root()
DATA_DIR = ROOT / "data"
SCENARIOS_DIR = ROOT / "scenarios"
GEO_DIR = DATA_DIR / "geo"
NH_NETWORK = GEO_DIR / "india_nh_fullres_edges.csv.gz"
TOWNS = GEO_DIR / "india_towns.csv"
PINCODES = GEO_DIR / "india_pincodes.csv"
HUBS = DATA_DIR / "hubs.csv"


def bundled_scenarios() -> tuple[str, ...]:
    """The names of the bundled scenarios (file names without .toml)."""
    return tuple(sorted(p.stem for p in SCENARIOS_DIR.glob("*.toml")))


def find_scenario(path: Path) -> Path:
    """`path` itself when it exists; else the bundled scenario it names ('ncr-daily',
    'ncr-daily.toml' or 'scenarios/ncr-daily.toml'), so that a bundled scenario plans from any
    folder after a plain `pip install`; else `path` unchanged (its reader reports it)."""
    if path.exists() or len(path.parts) > 2 or (len(path.parts) == 2 and path.parts[0] != "scenarios"):
        return path
    name = path.name if path.suffix == ".toml" else f"{path.name}.toml"
    bundled = SCENARIOS_DIR / name
    return bundled if bundled.is_file() else path
