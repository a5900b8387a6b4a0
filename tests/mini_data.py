"""A valid mini data set (3 sites, 2 vehicle types, 2 items, 1 hub, 1 scenario) written to a
folder; each test corrupts one thing (`tests/inputs/conftest.py` makes it the `mini` fixture)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SITES_CSV = "".join(
    line + "\n"
    for line in [
        "site_id,name,site_type,pincode,city,state,lat,lon,open_days,open_time,close_time,"
        "qty_desktop_hdd,qty_ceiling_fan,gross_weight_kg,must_collect,contact",
        "S001,Seelampur yard,scrap_yard,110053,Delhi,Delhi,28.6650,77.2700,Mon-Sat,09:00,18:00,"
        "100,10,90,yes,98100 00001",
        "S002,Noida dismantler,ewaste_dismantler,201301,Noida,Uttar Pradesh,28.5700,77.3200,"
        "daily,10:00,19:00,,50,150,,",
        "S003,Jaipur rewinding,motor_rewinding,302001,Jaipur,Rajasthan,26.9124,75.7873,"
        "Mon-Fri,09:30,17:30,20,0,12,no,",
    ]
)

HUBS_CSV = """\
hub_id,name,lat,lon,pincode,receiving_days,receiving_open,receiving_close,unload_minutes
SKD,Sikandrabad hub,28.4512,77.6955,203205,Mon-Sat,08:00,20:00,45
"""

FLEET_TOML = """\
[types.ace]
label = "Tata Ace class mini truck (0.75 t)"
vehicle_class = "lcv"
payload_kg = 750
fixed_cost_inr_per_day = 700
cost_inr_per_km = 9.1
driver_cost_inr_per_hour = 100
co2_kg_per_km = 0.19
source = "test"

[types.lcv14]
label = "14 ft truck (3.5 t)"
vehicle_class = "mcv"
payload_kg = 3500
fixed_cost_inr_per_day = 2000
cost_inr_per_km = 20
driver_cost_inr_per_hour = 150
co2_kg_per_km = 0.34

[[fleet]]
type = "ace"
count = 2
home = "SKD"

[[fleet]]
type = "lcv14"
count = 1
home = "SKD"
"""

YIELDS_TOML = """\
[recovery]
expected = 0.90
low = 0.85
high = 0.95
source = "test"

[magnet_types.ndfeb_hdd]
label = "NdFeB, HDD grade"
value_inr_per_kg = { expected = 1900, low = 1500, high = 3100 }

[magnet_types.ndfeb_motor]
label = "NdFeB, motor grade"
value_inr_per_kg = { expected = 1200, low = 1000, high = 1500 }

[items.desktop_hdd]
label = "Desktop 3.5-inch hard disk drive"
magnet_type = "ndfeb_hdd"
magnet_kg_per_item = { expected = 0.015, low = 0.010, high = 0.020 }
share_with_magnets = { expected = 1.0, low = 1.0, high = 1.0 }
gross_kg_per_item = 0.6

[items.ceiling_fan]
label = "BLDC ceiling fan"
magnet_type = "ndfeb_motor"
magnet_kg_per_item = { expected = 0.05, low = 0.04, high = 0.06 }
share_with_magnets = { expected = 0.2, low = 0.1, high = 0.3 }
gross_kg_per_item = 3.0
"""

SCENARIO_TOML = """\
name = "mini"
description = "Three sites around Delhi and Jaipur."
start_date = "2026-11-23"
horizon_days = 2
max_tour_days = 2

[inputs]
sites = "../data/sites.csv"
fleet = "../data/fleet.toml"
yields = "../data/yields.toml"
hubs = "../data/hubs.csv"
hub = "SKD"

[shift]
start = "06:00"
end = "18:00"

[service]
minutes_per_tonne = 20
[service.minutes_by_site_type]
scrap_yard = 45
ewaste_dismantler = 45
motor_rewinding = 20

[travel]
source = "great_circle"
circuity_short = 1.4
circuity_intercity = 1.25
short_hop_km = 50
speed_bands = [[10, 20], [50, 30], [200, 40], ["inf", 50]]

[solver]
time_limit_s = 5
seed = 3
strategy = "auto"
"""

# A night's pickup queue on the mini register (REQUESTS.csv of `magroute night`): one request
# due tonight, one confirmed, one not ready until next week.
NIGHT = "2026-11-23"
QUEUE_CSV = """\
request_id,site_id,date_ready,latest_date,must_collect,gross_weight_kg,qty_desktop_hdd,confirmation
Q1,S001,2026-11-22,,,,,
Q2,S002,2026-11-22,2026-11-23,yes,150,,confirmed
Q3,S003,2026-11-20,,no,12,20,
Q4,S002,2026-12-01,,,,,
"""

FILES = {
    "sites.csv": SITES_CSV,
    "hubs.csv": HUBS_CSV,
    "fleet.toml": FLEET_TOML,
    "yields.toml": YIELDS_TOML,
}


@dataclass
class MiniData:
    """Paths of the mini data set, and small ways to corrupt it."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def scenario(self) -> Path:
        return self.root / "scenarios" / "mini.toml"

    def path(self, name: str) -> Path:
        return self.scenario if name == "mini.toml" else self.data / name

    def write(self, name: str, text: str) -> Path:
        p = self.path(name)
        p.write_text(text, encoding="utf-8")
        return p

    def reset(self, name: str) -> Path:
        """Write the clean version of one file again."""
        return self.write(name, SCENARIO_TOML if name == "mini.toml" else FILES[name])

    def replace(self, name: str, old: str, new: str, count: int = 1) -> Path:
        """Replace the first `count` occurrences of `old` (which must occur)."""
        text = self.path(name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        return self.write(name, text.replace(old, new, count))

    def set_cell(self, name: str, row: int, column: str, value: str) -> Path:
        """Set one cell of a CSV; `row` 1 is the first data line (the file's line 2)."""
        lines = self.path(name).read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        cells = lines[row].split(",")
        cells[header.index(column)] = value
        lines[row] = ",".join(cells)
        return self.write(name, "\n".join(lines) + "\n")

    def drop_column(self, name: str, column: str) -> Path:
        lines = self.path(name).read_text(encoding="utf-8").splitlines()
        i = lines[0].split(",").index(column)
        out = [",".join(c for j, c in enumerate(line.split(",")) if j != i) for line in lines]
        return self.write(name, "\n".join(out) + "\n")


def write_mini(root: Path) -> MiniData:
    mini = MiniData(root)
    mini.data.mkdir(parents=True, exist_ok=True)
    mini.scenario.parent.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        mini.write(name, text)
    mini.write("mini.toml", SCENARIO_TOML)
    return mini
