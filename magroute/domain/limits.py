"""The physical range of every number a user types into an input file.

A value outside its range is an input problem, not a number for the solver: no site holds a
billion hard drives, no truck carries 100 t, no shift is 30 hours long. The ranges are wide on
purpose (they catch typos and unit slips such as grams for kilograms or paise for rupees, not
unusual businesses); values that are legal but unusual fall in a warning band instead, which
`validate` and `plan` print without stopping. README's "Plausible ranges" table is
`limits_table()` (a test keeps the two equal).

The upper bounds also keep every quantity the solver scales to int64 (`magroute.units`) far
from overflowing, sums over thousands of sites included.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    """The valid range [low, high] of one input value, and why it is there."""

    low: float
    high: float
    unit: str
    why: str
    warn_above: float | None = None  # legal but unusual above this: a warning, not an error
    low_inclusive: bool = True  # False: the value must be strictly above `low` (a payload)

    def holds(self, x: float) -> bool:
        above_low = x >= self.low if self.low_inclusive else x > self.low
        return above_low and x <= self.high

    def expected(self, *, whole: bool = False) -> str:
        """'a number from 0 to 1,000,000 kg' (or 'a whole number ...') for messages."""
        low = "above " + _number(self.low) if not self.low_inclusive else \
            "from " + _number(self.low)
        kind = "a whole number" if whole else "a number"
        return f"{kind} {low} to {self.at_most()}"

    def at_most(self) -> str:
        """'100,000 INR (why)': the upper bound with its unit and reason."""
        return f"{_number(self.high)} {self.unit} ({self.why})".replace("  ", " ")


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"


# ---------------------------------------------------------------- sites.csv (and REQUESTS.csv)
ITEMS = Limit(0, 1_000_000, "items", "a million items of one kind is more than any yard holds")
# A shop-sized site (informal e-waste trader, rewinding shop, EV service centre) with more than
# this many items of one kind is unusual; yards and dismantlers may well hold ten times as many.
SHOP_ITEMS_WARN = 10_000
YARD_ITEMS_WARN = 100_000
SHOP_TYPES = ("informal_ewaste", "motor_rewinding", "ev_service")
GROSS_KG = Limit(0, 1_000_000, "kg", "1,000 t, 25 full 40 t trucks; a larger lot is a typo")
# What a site is worth (its items x magnet kg x value per kg x price factor): each factor may
# be legal and the product still absurd. The search weighs a must-collect site at 1e11 INR, so
# a site worth more would outweigh it.
SITE_VALUE_INR = Limit(0, 1e10, "INR", "1,000 crore; the whole Indian NdFeB market is smaller")
# ---------------------------------------------------------------- fleet.toml
PAYLOAD_KG = Limit(0, 60_000, "kg", "India's largest legal trucks carry about 40-45 t",
                   low_inclusive=False)
FIXED_COST_INR_PER_DAY = Limit(0, 100_000, "INR", "a 40 t trailer costs about 5,000 a day")
COST_INR_PER_KM = Limit(0, 500, "INR", "the CMIE rate for a 15 t truck is 42.6 a km")
DRIVER_COST_INR_PER_HOUR = Limit(0, 5_000, "INR", "drivers earn about 100-250 an hour")
CO2_KG_PER_KM = Limit(0, 5, "kg", "a loaded 40 t truck emits about 1 kg a km")
TRUCKS_PER_ENTRY = Limit(0, 1_000, "trucks", "a fleet entry of more trucks is a typo")
MAX_TRIPS = Limit(1, 1_000, "trips", "at most 4 a day are planned anyway")
BREAK_MINUTES = Limit(0, 240, "minutes", "a break longer than 4 h is a rest",
                      low_inclusive=False)
# ---------------------------------------------------------------- yields.toml
VALUE_INR_PER_KG = Limit(0, 100_000, "INR", "SmCo scrap fetches about 5,000-10,000 a kg")
MAGNET_KG_PER_ITEM = Limit(0, 1_000, "kg", "a large wind generator holds about 600 kg")
GROSS_KG_PER_ITEM = Limit(0, 50_000, "kg", "one item heavier than a truck is a typo")
# Purchase price per item (or per kg of gross weight) and by-product value per item.
PURCHASE_INR = Limit(0, 1_000_000, "INR", "a scrap EV traction motor sells for about 5,000")
BYPRODUCT_INR_PER_ITEM = Limit(0, 1_000_000, "INR",
                               "an EV motor's copper, aluminium and steel fetch about 6,600")
PURCHASE_FACTOR = Limit(0, 10, "x", "sellers get 0.5-1.2 times the trader's price",
                        low_inclusive=False)
# ---------------------------------------------------------------- hubs.csv, truck_bans.csv
UNLOAD_MINUTES = Limit(0, 1_440, "minutes", "a day")
BAN_RADIUS_KM = Limit(0, 200, "km", "Delhi's ban zone is about 25 km across",
                      low_inclusive=False)
# ---------------------------------------------------------------- scenario
HORIZON_DAYS = Limit(1, 62, "days", "two months; plan further ahead in several plans")
SERVICE_MINUTES = Limit(0, 1_440, "minutes", "a day")
MINUTES_PER_TONNE = Limit(0, 600, "minutes", "loading a tonne by hand takes about 20-60 min")
LINE_HAUL_COST_INR_PER_TRIP = Limit(0, 10_000_000, "INR",
                                    "a 2,500 km full truck costs about 1 lakh")
ENTRY_CHARGE_INR = Limit(0, 100_000, "INR", "Delhi's entry charge for a heavy truck is 4,000")
PTL_INR_PER_KG = Limit(0, 500, "INR", "part-load freight across India costs about 6-18 a kg")
PTL_MIN_INR = Limit(0, 100_000, "INR", "a part-load carrier's minimum is about 1,500")
WITHIN_KM_OF_HUB = Limit(0, 5_000, "km", "India is about 3,200 km across",
                         low_inclusive=False)
REGION_BUFFER_KM = Limit(0, 200, "km", "a point farther off the outline is not on the network")
TIME_LIMIT_S = Limit(0, 86_400, "s", "a day of search", low_inclusive=False)
SEED = Limit(0, 2**31 - 1, "", "the solvers' seed range")
SEARCH_COUNT = Limit(1, 1_000_000_000, "", "a search of more steps would never finish")
WORKERS = Limit(1, 256, "processes", "more processes than any machine has cores")
CIRCUITY = Limit(1, 5, "x straight line", "roads are 1.2-1.5 times the straight line")
SPEED_KMH = Limit(0, 150, "km/h", "trucks are limited to 80 km/h on expressways",
                  low_inclusive=False)
DISTANCE_KM = Limit(0, 10_000, "km", "farther than any two places in India")
VISIT_DAYS = Limit(1, 366, "days", "a year")
PRICE_FACTOR = Limit(0, 100, "x", "a hundredfold price shock is a typo", low_inclusive=False)
TARGET_T_PER_YEAR = Limit(0, 100_000, "t", "India imports about 540 t of NdFeB a year",
                          low_inclusive=False)
PRIOR_VISITS = Limit(0, 1_000, "visits", "a prior worth more visits than a site ever gets",
                     low_inclusive=False)
# ---------------------------------------------------------------- weighbridge.csv
RECEIVED_KG = Limit(0, 100_000, "kg", "more than any truck carries in one load")


# What README's table shows: (file, key or column, limit).
DOCUMENTED: tuple[tuple[str, str, Limit], ...] = (
    ("sites.csv, REQUESTS.csv", "qty_<item>", ITEMS),
    ("sites.csv, REQUESTS.csv", "gross_weight_kg", GROSS_KG),
    ("sites.csv (computed)", "site value, purchase (items x yield x price)", SITE_VALUE_INR),
    ("fleet.toml", "payload_kg", PAYLOAD_KG),
    ("fleet.toml", "fixed_cost_inr_per_day", FIXED_COST_INR_PER_DAY),
    ("fleet.toml", "cost_inr_per_km", COST_INR_PER_KM),
    ("fleet.toml", "driver_cost_inr_per_hour", DRIVER_COST_INR_PER_HOUR),
    ("fleet.toml", "co2_kg_per_km", CO2_KG_PER_KM),
    ("fleet.toml", "[[fleet]] count", TRUCKS_PER_ENTRY),
    ("fleet.toml, scenario", "max_trips", MAX_TRIPS),
    ("fleet.toml", "[driver_hours] break_minutes", BREAK_MINUTES),
    ("yields.toml", "value_inr_per_kg", VALUE_INR_PER_KG),
    ("yields.toml", "magnet_kg_per_item", MAGNET_KG_PER_ITEM),
    ("yields.toml", "gross_kg_per_item", GROSS_KG_PER_ITEM),
    ("yields.toml", "purchase_inr", PURCHASE_INR),
    ("yields.toml", "byproduct_inr", BYPRODUCT_INR_PER_ITEM),
    ("yields.toml", "[purchase_factor_by_site_type]", PURCHASE_FACTOR),
    ("hubs.csv", "unload_minutes", UNLOAD_MINUTES),
    ("truck_bans.csv", "radius_km", BAN_RADIUS_KM),
    ("scenario", "horizon_days, max_tour_days", HORIZON_DAYS),
    ("scenario", "[service] minutes by site type", SERVICE_MINUTES),
    ("scenario", "[service] minutes_per_tonne", MINUTES_PER_TONNE),
    ("scenario", "line-haul payload_kg", PAYLOAD_KG),
    ("scenario", "line-haul rate_inr_per_km", COST_INR_PER_KM),
    ("scenario", "line-haul cost_inr_per_trip", LINE_HAUL_COST_INR_PER_TRIP),
    ("scenario", "line-haul ptl_inr_per_kg", PTL_INR_PER_KG),
    ("entry_charges.csv", "charge_inr", ENTRY_CHARGE_INR),
    ("scenario", "line-haul ptl_min_inr", PTL_MIN_INR),
    ("scenario", "[sites] within_km_of_hub", WITHIN_KM_OF_HUB),
    ("scenario", "[region] buffer_km", REGION_BUFFER_KM),
    ("scenario", "[solver] time_limit_s", TIME_LIMIT_S),
    ("scenario", "[solver] seed", SEED),
    ("scenario", "[solver] iteration_limit, solution_limit", SEARCH_COUNT),
    ("scenario", "[solver] workers", WORKERS),
    ("scenario", "[travel] circuity_*, access_circuity", CIRCUITY),
    ("scenario", "[travel] speeds (bands, road classes, access)", SPEED_KMH),
    ("scenario", "[travel] distances (bands, short_hop_km, ...)", DISTANCE_KM),
    ("scenario", "[visits] every_days, stock_days", VISIT_DAYS),
    ("scenario", "[prices] factors", PRICE_FACTOR),
    ("scenario", "[target] ndfeb_t_per_year", TARGET_T_PER_YEAR),
    ("scenario", "[supply] prior_visits", PRIOR_VISITS),
    ("weighbridge.csv", "received_kg, magnet_kg_<type>", RECEIVED_KG),
)


def limits_table() -> str:
    """README's table of plausible ranges, as markdown."""
    lines = ["| file | value | valid range | unit | why the bound |", "|---|---|---|---|---|"]
    for file, key, limit in DOCUMENTED:
        low = ("> " if not limit.low_inclusive else "") + _number(limit.low)
        lines.append(f"| {file} | `{key}` | {low} to {_number(limit.high)} | {limit.unit} | "
                     f"{limit.why} |")
    return "\n".join(lines)
