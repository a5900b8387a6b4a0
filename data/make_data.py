"""Generate magroute's bundled India data: hub, synthetic collection sites, yields and fleet.

    python data/make_data.py [--seed 20261122]

Writes, next to this script:

* ``hubs.csv``    the Sikandrabad hub (one row);
* ``sites.csv``   synthetic collection sites (scrap yards, e-waste units, motor-rewinding shops,
  EV service centres) placed at real Indian towns and clusters;
* ``yields.toml`` magnet content per item and value per kg of magnet, with sources;
* ``fleet.toml``  truck types (costs derived in code from domain.md) and the fleet.

It reads only files under ``data/geo/`` (GeoNames towns, India Post PIN centroids, geoBoundaries
state polygons), so a clean clone regenerates byte-identical output for the same seed. It uses
numpy, pandas and the standard library only.

Every number below cites the project's research notes (``domain.md``; section numbers given) with
a tag: [S] stated by the cited source, [D] derived by us (calculation shown), [A] assumption.
The sites themselves are synthetic: the places are real, the businesses and inventories are not.
"""

from __future__ import annotations

import argparse
import json
import math
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

DATA_DIR = Path(__file__).resolve().parent
GEO_DIR = DATA_DIR / "geo"
DEFAULT_SEED = 20261122

HUB = {
    "hub_id": "SKD",
    "name": "Sikandrabad rare-earth magnet recycling cluster",
    # Town point (Wikipedia, domain.md section 0) until the plant gate is geocoded.
    "lat": 28.4512,
    "lon": 77.6955,
    "pincode": "203205",
    "receiving_days": "Mon-Sat",
    "receiving_open": "08:00",
    "receiving_close": "20:00",
    "unload_minutes": 45,
}

TYPE_PREFIX = {
    "informal_ewaste": "IC",
    "ewaste_dismantler": "EW",
    "scrap_yard": "SY",
    "motor_rewinding": "MR",
    "ev_service": "EV",
}

# Islands have no road link to the hub; sites there could never be reached by truck.
NO_ROAD_STATES = {"Andaman and Nicobar Islands", "Lakshadweep"}

# GeoNames entries whose population is a district/tehsil total or belongs to another place
# (e.g. a Haryana village carrying Gorakhpur UP's 1.3 M). Left out of population weighting.
BAD_POPULATION_GEONAMEIDS = {
    1270926,  # Gorakhpur, Fatehabad (Haryana): village with Gorakhpur (UP)'s population
    1258393,  # Rasapudipalem (Visakhapatnam): 1.7 M is the city/district total
    12165956,  # Kallakurichi: district total (the town is geonameid 1268376, 40k)
    1261162,  # Nowrangapur: district total
    1254745,  # Teni: district total
    12501153,  # Kanayannur: taluk total
    1259239,  # Punasa: 350k for a village
    12165955,  # Mulugu: district total
    1275610,  # Bilimora: 511k for a town of ~50k
}

# --------------------------------------------------------------------------------------------
# Yield parameters (written to yields.toml). Sources: domain.md sections 1 (magnet mass per item),
# 2 (recovery) and 3 (value). FX 1 USD = 88 INR, 1 USD = 7.2 CNY as in domain.md.
# --------------------------------------------------------------------------------------------

USD_INR = 88.0

RECOVERY = {
    "expected": 0.90,
    "low": 0.85,
    "high": 0.95,
    "source": (
        "domain.md s2: manual dismantling recovers 90-95 % of contained magnet mass [A]; "
        "HPMS extraction from HDDs 90 +/- 5 % (Walton et al. 2015, J. Cleaner Prod.) [S]. "
        "Expected 0.90 = recommended default eta_d; range 0.85-0.95 [A]."
    ),
}


def _scaled(value: float, num: float, den: float) -> int:
    """A scrap value scaled by the ratio of two contained-value rows, rounded to 10 INR."""
    return int(round(value * num / den, -1))


MAGNET_TYPES = {
    "ndfeb_hdd": {
        "label": "NdFeB, HDD / consumer grade (Dy ~1 %)",
        "value_inr_per_kg": {
            "expected": 1900,
            "low": _scaled(1900, 21, 30),
            "high": int(round(35 * USD_INR, -1)),
        },
        "source": (
            "domain.md s3. Expected: SMM China recycled unit prices Jun-Jul 2025 x HDD-type "
            "composition = 157 CNY = $22 = INR 1,900 per kg magnet [D]. Low: same scrap value "
            "scaled by pre-control / Dec-2025 contained value, 1900 x 21/30 = 1,330 [D]. "
            "High: ex-China May-2025 contained value $35/kg x 88 = 3,080 (a refiner outside "
            "China captures the full contained value) [D]."
        ),
    },
    "ndfeb_motor": {
        "label": "NdFeB, motor / compressor grade (bulk Dy ~4 %)",
        "value_inr_per_kg": {
            "expected": 2650,
            "low": _scaled(2650, 34, 39),
            "high": int(round(80 * USD_INR, -1)),
        },
        "source": (
            "domain.md s3. Expected: bulk-Dy motor magnet = 218 CNY = $30 = INR 2,650 per kg "
            "(SMM recycled unit prices Jun-Jul 2025) [D]. Low: 2650 x 34/39 (pre-control vs "
            "Dec-2025 China contained value) = 2,310 [D]. High: ex-China May-2025 contained "
            "value $80/kg x 88 = 7,040 [D]."
        ),
    },
    "ndfeb_ev": {
        "label": "NdFeB, EV traction grade (grain-boundary diffused, Dy 0.5 % + Tb 0.7 %)",
        "value_inr_per_kg": {
            # 0.29 x 483 (Pr-Nd) + 0.005 x 1610 (Dy) + 0.007 x 5439 (Tb) = 186 CNY/kg magnet
            "expected": int(round((0.29 * 483 + 0.005 * 1610 + 0.007 * 5439) / 7.2 * USD_INR, -1)),
            "low": _scaled((0.29 * 483 + 0.005 * 1610 + 0.007 * 5439) / 7.2 * USD_INR, 27, 36),
            "high": int(round(55 * USD_INR, -1)),
        },
        "source": (
            "domain.md s1 GBD traction archetype (Nd+Pr 29 %, Dy 0.5 %, Tb 0.7 %) x s3 SMM "
            "recycled unit prices (low end, as in the HDD/motor rows): 0.29 x 483 + 0.005 x "
            "1610 + 0.007 x 5439 = 186 CNY = INR 2,280 per kg [D]. Low: x 27/36 (pre-control vs "
            "Dec-2025 GBD contained value) = 1,710 [D]. High: ex-China GBD contained value "
            "$55/kg x 88 = 4,840 [D]."
        ),
    },
    "smco": {
        "label": "SmCo (Sm2Co17 / SmCo5)",
        "value_inr_per_kg": {
            # cobalt content only; samarium not valued (no Sm price in domain.md)
            "expected": int(round(0.50 * 34 * USD_INR * 0.75, -1)),
            "low": int(round(0.48 * 22 * USD_INR * 0.72, -1)),
            "high": int(round(0.64 * 35 * USD_INR, -1)),
        },
        "source": (
            "[A] Cobalt content only, samarium not valued. domain.md s1: Sm2Co17 Co 48-52 %, "
            "SmCo5 ~64 % Co; s3: cobalt $22/kg (Feb 2025 low) to $33-35/kg (Mar 2025). "
            "Expected 0.50 x $34 x 88 x 0.75 (scrap/contained ratio of the NdFeB rows, "
            "1900/2640 = 0.72 and 2650/3432 = 0.77) = 1,120; low 0.48 x $22 x 88 x 0.72 = 670; "
            "high 0.64 x $35 x 88 = 1,970 (full contained Co)."
        ),
    },
    "alnico": {
        "label": "AlNiCo",
        "value_inr_per_kg": {
            "expected": int(round(0.20 * 34 * USD_INR * 0.75, -1)),
            "low": int(round(0.05 * 22 * USD_INR * 0.72, -1)),
            "high": int(round(0.35 * 35 * USD_INR, -1)),
        },
        "source": (
            "[A] Cobalt content only, nickel not valued. domain.md s1: AlNiCo Co 5-35 % [A]; "
            "s3: cobalt $22-35/kg (2025). Expected 0.20 x $34 x 88 x 0.75 = 450; low 0.05 x $22 "
            "x 88 x 0.72 = 70; high 0.35 x $35 x 88 = 1,080."
        ),
    },
}

# Industrial PM motor size assumed for the per-kW magnet figure.
INDUSTRIAL_PM_KW = 7.5


def _rng3(expected: float, low: float, high: float) -> dict[str, float]:
    return {"expected": expected, "low": low, "high": high}


ITEMS = {
    "desktop_hdd": {
        "label": "Desktop 3.5-inch hard disk drive",
        "magnet_type": "ndfeb_hdd",
        "magnet_kg_per_item": _rng3(0.015, 0.010, 0.020),
        "share_with_magnets": _rng3(1.0, 1.0, 1.0),
        "gross_kg_per_item": 0.6,
        "source": (
            "domain.md s1: 10-20 g NdFeB per desktop HDD (Szymanski et al. 2017, Acta Phys. "
            "Pol. A 131:1270) [S]; ~20 g/HDD cross-check (Univ. Birmingham WRAP) [S]; every "
            "HDD has VCM magnets. Gross 0.6 kg per drive [A]."
        ),
    },
    "laptop_hdd": {
        "label": "Laptop 2.5-inch hard disk drive",
        "magnet_type": "ndfeb_hdd",
        "magnet_kg_per_item": _rng3(0.004, 0.003, 0.005),
        "share_with_magnets": _rng3(1.0, 1.0, 1.0),
        "gross_kg_per_item": 0.11,
        "source": (
            "domain.md s1: ~75 % less REE than a desktop HDD -> 3-5 g (Habib et al. 2014, ES&T, "
            "via reegain.dk) [S]/[D]. Gross 0.11 kg [A]."
        ),
    },
    "ev_traction_motor": {
        "label": "EV (car) traction motor",
        "magnet_type": "ndfeb_ev",
        "magnet_kg_per_item": _rng3(1.5, 1.0, 2.0),
        "share_with_magnets": _rng3(0.9, 0.8, 1.0),
        "gross_kg_per_item": 40.0,
        "source": (
            "domain.md s1: 1-2 kg NdFeB per EV traction motor (thevoltbridge.com, us.ok.com, "
            "elektromotory.info; secondary sources) [S]. Share that are PM motors (vs induction) "
            "0.9 (0.8-1.0) [A]. Gross 40 kg per motor [A]."
        ),
    },
    "e2w_motor": {
        "label": "Electric two-wheeler (e-scooter / e-bike) hub motor",
        "magnet_type": "ndfeb_motor",
        "magnet_kg_per_item": _rng3(0.5, 0.3, 0.85),
        "share_with_magnets": _rng3(0.95, 0.85, 1.0),
        "gross_kg_per_item": 8.0,
        "source": (
            "domain.md s1: Indian e-2W motor 0.3-0.85 kg NdFeB (ICRA in BusinessLine: magnets "
            "~30 % of a Rs 8-15k motor) [S]/[D]; 250 W e-bike hub ~0.34 kg [D]; expected 0.5 kg "
            "[A] between the two. Share with NdFeB 0.95 (0.85-1.0) [A]. Gross 8 kg [A]."
        ),
    },
    "erickshaw_motor": {
        "label": "E-rickshaw BLDC hub motor (0.8-1.2 kW, 48 V)",
        "magnet_type": "ndfeb_motor",
        "magnet_kg_per_item": _rng3(0.6, 0.4, 0.8),
        "share_with_magnets": _rng3(0.9, 0.75, 1.0),
        "gross_kg_per_item": 11.0,
        "source": (
            "domain.md s1: 0.4-0.8 kg NdFeB [A] (no source for the mass; rating from EVreporter "
            "Mar 2021). Share with NdFeB 0.9 (0.75-1.0) [A]. Gross 11 kg [A]."
        ),
    },
    "ac_inverter_compressor": {
        "label": "Inverter air-conditioner compressor",
        "magnet_type": "ndfeb_motor",
        "magnet_kg_per_item": _rng3(0.12, 0.10, 0.14),
        "share_with_magnets": _rng3(0.46, 0.35, 0.60),
        "gross_kg_per_item": 11.0,
        "source": (
            "domain.md s1: ~0.12 kg NdFeB per inverter A/C compressor, ~46 % of inverter "
            "compressors used NdFeB in 2019, rest ferrite (aamagnet.com 2019, vendor) [S][!]; "
            "ranges 0.10-0.14 kg and 35-60 % [A]. Compressor magnets are high-Dy grades "
            "(EP3713047A1) -> motor grade. Gross 11 kg [A]."
        ),
    },
    "fridge_inverter_compressor": {
        "label": "Inverter refrigerator compressor",
        "magnet_type": "ndfeb_motor",
        "magnet_kg_per_item": _rng3(0.06, 0.04, 0.08),
        "share_with_magnets": _rng3(0.5, 0.3, 0.7),
        "gross_kg_per_item": 8.0,
        "source": (
            "domain.md s1: 0.04-0.08 kg NdFeB [A] (smaller rotor than A/C). Share with NdFeB "
            "0.5 (0.3-0.7) [A]. Gross 8 kg [A]."
        ),
    },
    "industrial_pm_motor": {
        "label": f"Industrial PM synchronous motor (IE4/IE5, ~{INDUSTRIAL_PM_KW:g} kW)",
        "magnet_type": "ndfeb_motor",
        "magnet_kg_per_item": _rng3(
            0.035 * INDUSTRIAL_PM_KW, 0.020 * INDUSTRIAL_PM_KW, 0.050 * INDUSTRIAL_PM_KW
        ),
        "share_with_magnets": _rng3(0.9, 0.8, 1.0),
        "gross_kg_per_item": 55.0,
        "source": (
            "domain.md s1: 20-50 g NdFeB per kW for 1,500 rpm IPM designs [A]; assumed "
            f"{INDUSTRIAL_PM_KW:g} kW per motor [A] -> 0.15-0.375 kg, expected 35 g/kW = "
            "0.2625 kg. Share with NdFeB (not ferrite) 0.9 (0.8-1.0) [A]. Most installed "
            "industrial motors are induction (0 g) and are not counted here. Gross 55 kg [A]."
        ),
    },
    "bldc_fan_motor": {
        "label": "BLDC ceiling-fan motor",
        "magnet_type": "ndfeb_hdd",
        "magnet_kg_per_item": _rng3(0.015, 0.010, 0.020),
        "share_with_magnets": _rng3(0.4, 0.2, 0.6),
        "gross_kg_per_item": 1.2,
        "source": (
            "domain.md s1: bonded NdFeB ring ~15 g [D] (zsgaokesi.com, couragemagnet.com; "
            "vendors [!]); range 10-20 g [A]. Many BLDC fans use moulded ferrite: share with "
            "NdFeB 0.4 (0.2-0.6) [A]. Bonded NdFeB is Dy-free -> valued as consumer grade [A]. "
            "Gross 1.2 kg (motor assembly) [A]."
        ),
    },
    "pro_loudspeaker": {
        "label": "Professional-audio loudspeaker driver",
        "magnet_type": "ndfeb_hdd",
        "magnet_kg_per_item": _rng3(0.2, 0.05, 0.5),
        "share_with_magnets": _rng3(0.3, 0.2, 0.5),
        "gross_kg_per_item": 6.0,
        "source": (
            "domain.md s1: 50-500 g NdFeB per pro-audio driver [A] (speakers named as good "
            "HPMS feed, Jonsson PhD, Univ. Birmingham 2018); expected 0.2 kg [A]. Share with "
            "NdFeB (not ferrite) 0.3 (0.2-0.5) [A]. Speaker archetype = HDD/consumer grade "
            "(s1 composition table). Gross 6 kg [A]."
        ),
    },
    "smco_servo_motor": {
        "label": "SmCo servo / high-temperature motor",
        "magnet_type": "smco",
        "magnet_kg_per_item": _rng3(0.3, 0.1, 0.6),
        "share_with_magnets": _rng3(0.8, 0.6, 1.0),
        "gross_kg_per_item": 10.0,
        "source": (
            "[A] No figure in domain.md: 0.1-0.6 kg SmCo per 1-3 kW servo/aerospace motor, "
            "expected 0.3 kg; share correctly identified as SmCo 0.8 (0.6-1.0); gross 10 kg. "
            "SmCo is within Magcycle's scope (domain.md s0)."
        ),
    },
    "alnico_instrument": {
        "label": "AlNiCo part (panel meters, guitar pickups, sensors, magnetos)",
        "magnet_type": "alnico",
        "magnet_kg_per_item": _rng3(0.05, 0.02, 0.1),
        "share_with_magnets": _rng3(0.9, 0.7, 1.0),
        "gross_kg_per_item": 0.6,
        "source": (
            "[A] No figure in domain.md: 20-100 g AlNiCo per meter / pickup / sensor, expected "
            "50 g; share 0.9 (0.7-1.0); gross 0.6 kg. AlNiCo is within Magcycle's scope "
            "(domain.md s0)."
        ),
    },
}

# --------------------------------------------------------------------------------------------
# Site economics (written to yields.toml beside each item): the purchase price paid to the
# seller and the resale value of the by-products after dismantling. Source: the economics notes,
# docs/research/economics.md ("Recommended defaults" 1; sections A, B and F for the figures).
# By-product = metal content per item (B) x the hub's selling prices (A): copper winding 650 /
# 750 / 850, cast aluminium 150 / 180 / 200, steel 24 / 28 / 32, PCB 100 / 250 / 500 INR/kg
# (low / expected / high). Purchase = baseline price paid to an informal trader, about 55-90 %
# of the by-product value (F). The magnets are in neither: sellers rarely price them.
# --------------------------------------------------------------------------------------------

ECONOMICS_SRC = "docs/research/economics.md, Recommended defaults 1"


def _economics(purchase: tuple[float, float, float], byproduct: tuple[float, float, float],
               source: str, per: str = "item") -> dict:
    """An item's purchase price (INR per item or per kg) and by-product value (INR per item),
    each (low, expected, high)."""
    return {"purchase_inr": _rng3(purchase[1], purchase[0], purchase[2]),
            "purchase_per": per,
            "byproduct_inr": _rng3(byproduct[1], byproduct[0], byproduct[2]),
            "economics_source": f"{ECONOMICS_SRC}: {source}"}


# Industrial PM motors are bought by weight; their by-products per item are the per-kg figures
# x the item's gross weight.
INDUSTRIAL_BYPRODUCT_INR_PER_KG = (67, 91, 121)


def _per_item(per_kg: tuple[float, float, float], kg: float) -> tuple[float, float, float]:
    low, expected, high = (round(x * kg) for x in per_kg)
    return low, expected, high

ITEM_ECONOMICS = {
    "desktop_hdd": _economics(
        (30, 50, 80), (51, 79, 107),
        "by-product 0.36 kg Al x 180 + 0.039 kg PCB x 250 + 0.15 kg steel x 28 = 79 [D] (Al "
        "share of the 0.6 kg drive [A], PCB 6.5 % [S] REE-in-WEEE HDD case study); purchase "
        "30-80 per drive [A] (the review's 40-80 supported)."),
    "laptop_hdd": _economics(
        (5, 10, 15), (8, 13, 19),
        "by-product 0.055 kg Al x 180 + 0.011 kg PCB x 250 + 0.02 kg steel x 28 = 13 [D] "
        "(contents [A]); purchase [A]."),
    "ev_traction_motor": _economics(
        (3000, 5000, 9000), (4300, 6600, 9100),
        "by-product 5 kg Cu x 750 + 12 kg Al x 180 + 25 kg steel x 28 = 6,600 [D] (Cu ~5 kg "
        "[S] IDTechEx 2020; Al and steel [A]); purchase [A] ~55-100 % of by-products."),
    "e2w_motor": _economics(
        (500, 900, 1500), (740, 1300, 1950),
        "by-product 0.9 kg Cu x 750 + 3 kg Al x 180 + 3 kg steel x 28 = 1,300 [D] (contents "
        "[A]); purchase [A]."),
    "erickshaw_motor": _economics(
        (700, 1200, 2000), (1070, 1770, 2590),
        "by-product 1.4 kg Cu x 750 + 3 kg Al x 180 + 6.5 kg steel x 28 = 1,770 [D] (contents "
        "[A]); purchase [A]."),
    "ac_inverter_compressor": _economics(
        (300, 500, 800), (710, 1100, 1570),
        "by-product 1.1 kg Cu x 750 + 10 kg steel x 28 = 1,100 [D] (Cu 8-10 % of the "
        "compressor [A] from motor Cu shares, iScrap/engineerfix [!]); purchase [A] (the "
        "review's 300-450 plausible as a whole-unit price)."),
    "fridge_inverter_compressor": _economics(
        (200, 350, 500), (330, 520, 770),
        "by-product 0.45 kg Cu x 750 + 6.5 kg steel x 28 = 520 [D] (contents [A]; some "
        "compressors wind aluminium, then ~200-300 [!]); purchase [A]."),
    "industrial_pm_motor": _economics(
        (50, 65, 90),
        _per_item(INDUSTRIAL_BYPRODUCT_INR_PER_KG, ITEMS["industrial_pm_motor"]["gross_kg_per_item"]),
        "purchase 50 / 65 / 90 INR per kg of motor [A] (US scrap motors $0.42/lb = 81 INR/kg "
        "[S] scrapmonster Jul 2024 as a cross-check); by-product per kg 0.09 Cu x 750 + 0.85 "
        "steel x 28 = 91 (67-121) INR [D] x 55 kg gross = 5,005 (3,685-6,655) per motor.",
        per="kg"),
    "bldc_fan_motor": _economics(
        (200, 350, 550), (340, 565, 840),
        "by-product 0.22 kg Cu x 750 + 2 kg Al x 180 + 0.7 kg steel x 28 + 0.08 kg PCB x 250 "
        "= 565 [D] for a 2.5-4 kg motor with its aluminium covers [A] (more than the 1.2 kg "
        "gross weight above [!]); purchase [A]."),
    "pro_loudspeaker": _economics(
        (50, 120, 400), (85, 150, 560),
        "by-product 4 kg steel x 28 + 0.05 kg Cu x 750 = 150 [D]; high = a cast-aluminium "
        "basket (+2 kg Al) [A]; purchase [A]."),
    "smco_servo_motor": _economics(
        (500, 1000, 3000), (500, 720, 970),
        "by-product 0.5 kg Cu x 750 + 1.5 kg Al x 180 + 2.75 kg steel x 28 = 720 [D] for a 5 kg "
        "reference motor [A] (the gross weight above is 10 kg [!]); purchase [A]: working units "
        "resell, so sellers ask more than the metals fetch."),
    "alnico_instrument": _economics(
        (5, 20, 50), (5, 15, 40), "purchase and by-product [A]."),
}

# Multipliers on every item's purchase price by seller type (docs/research/economics.md,
# Recommended defaults 1, seller-type multipliers [A]).
PURCHASE_FACTOR_BY_SITE_TYPE = {
    "informal_ewaste": 1.0,
    "scrap_yard": 0.9,
    "ewaste_dismantler": 1.2,
    "motor_rewinding": 1.0,
    "ev_service": 1.1,
    "source": (
        "docs/research/economics.md, seller-type multipliers [A]: informal kabadiwala / e-waste "
        "trader 1.0 (the baseline of the item prices); scrap yard (bulk, mixed) 0.9; formal "
        "CPCB-registered dismantler 1.2 (invoice + GST, less haggling); motor-rewinding shop 1.0 "
        "for whole motors (0.5 if it sells copper-stripped stators, which the by-product values "
        "do not model); EV service centre 1.1 (parts value known)."
    ),
}

# --------------------------------------------------------------------------------------------
# Fleet (written to fleet.toml). domain.md section 5.
# --------------------------------------------------------------------------------------------

# Driver hours for every truck of the fleet (single driver). domain.md section 5.
DRIVER_HOURS = {
    "max_driving_h_per_day": 9,
    "break_after_driving_h": 5,
    "break_minutes": 30,
    "min_rest_h": 9,
    "max_spread_over_h": 12,
    "max_duty_h_per_week": 48,
    "source": (
        "domain.md s5: Motor Transport Workers Act 1961 s.15, no work period over 5 h without "
        "a rest of at least 30 min and at least 9 consecutive hours of rest between duties "
        "(comply4hr.com); at most 9 h of driving a day for a single driver (recommended planner "
        "rule [A]). docs/research/economics.md s.E: s.13 at most 48 h of work a week (Bombay HC "
        "BEST-union case, Business Standard Nov 2016; Supreme Court order of 17 Apr 2025 on "
        "enforcing the 8 h/48 h rule, TOI) and s.16 spread-over of a working day at most 12 h "
        "(same report) [S]; OSH Code 2020 draft rules keep 48 h and 12 h (BusinessLine 20 Nov "
        "2020) [S]."
    ),
}

# Share of the all-in cost per km by cost head (fr8.in/truck-rates, domain.md s5) [S][!].
COST_SHARE = {"diesel": 0.50, "driver": 0.15, "toll": 0.15, "emi": 0.15, "misc": 0.05}
KM_PER_DAY = 300  # domain.md s5: 300 km/day (LCV deck), 250-400 (EY 2024) [S] -> 300 [A]
DRIVER_HOURS_PER_MONTH = 26 * 10  # 26 working days x 10 h on duty [A]
DRIVER_PAY_TRUCK = (35_000 + 40_000) / 2  # INR/month, AIMTC via haryanaupdate.com [S][!]
DRIVER_PAY_HEAVY = (55_000 + 60_000) / 2  # INR/month, trailer/heavy, same source [S][!]

TRUCKS = {
    # type: label, class, payload, all-in INR/km, CO2 kg/km, driver pay, payload source
    "ace": ("Tata Ace class mini truck (0.75 t)", "scv", 750, 13, 0.19, DRIVER_PAY_TRUCK,
            "0.75-1.0 t (goodseva.com; Tata Ace EV 1000), lower end taken"),
    "lcv14": ("14 ft LCV, Tata 407 / Eicher Pro 2049 class (3.5 t)", "lcv", 3500, 23, 0.34,
              DRIVER_PAY_TRUCK, "~3.5 t, 14x6x6 ft (scribd 'Road Cargo Transportation "
              "in India')"),
    "mcv19": ("19 ft 6-wheeler (7 t)", "mcv", 7000, 36, 0.54, DRIVER_PAY_TRUCK,
              "6-10 t for 19-22 ft (goodseva.com); 7 t = fr8.in MCV upper bound"),
    "hcv32": ("32 ft MXL multi-axle container (15 t)", "hcv", 15000, 51, 0.77, DRIVER_PAY_HEAVY,
              "15 t+ for 32 ft MXL (goodseva.com)"),
}

FLEET = [("ace", 4), ("lcv14", 8), ("mcv19", 5), ("hcv32", 3)]
# The same 20 trucks for the consolidation-hub scenario (scenarios/india-hubs.toml): 12 stay at
# Sikandrabad (with every heavy truck, for the five must-collect sites near Delhi, 3.9-8.3 t),
# 8 are based at the regional yards of hubs-regional.csv and unload there.
REGIONAL_FLEET = [
    ("ace", 2, "SKD"), ("lcv14", 4, "SKD"), ("mcv19", 3, "SKD"), ("hcv32", 3, "SKD"),
    ("ace", 1, "BOM"), ("lcv14", 1, "BOM"), ("mcv19", 1, "BOM"),
    ("lcv14", 1, "MAA"),
    ("lcv14", 1, "CCU"),
    ("ace", 1, "BLR"), ("lcv14", 1, "BLR"), ("mcv19", 1, "BLR"),
]

# The hired-region scenario (scenarios/india-hired.toml): the 20 own trucks of fleet.toml at
# Sikandrabad, and two hired 14 ft trucks with their drivers at each regional yard of
# hubs-regional.csv, paid by the day's base and the km (docs/research/economics.md s.D:
# Porter-calibrated local tariff, a Canter 14 ft INR 1,450 base + INR 35-52/km -> 45 [D][!]),
# day trips only. Their CO2 is the 14 ft LCV's.
HIRED_TYPES = {
    "hire14": {
        "label": "hired 14 ft truck with driver (3.5 t), local day trips",
        "vehicle_class": "lcv",
        "payload_kg": 3500,
        "fixed_cost_inr_per_day": 1450,
        "cost_inr_per_km": 45,
        "driver_cost_inr_per_hour": 0,
        "co2_kg_per_km": 0.34,
        "hired": True,
        "max_tour_days": 1,
        "source": ("docs/research/economics.md s.D: local hire of a 14 ft (Canter, 3.5 t) truck, "
                   "INR 1,450 base + INR 35-52 a km with its driver (Porter-calibrated tariff in "
                   "a public repository, eff. 1 Jan 2026) [!] -> 45 a km [D]; no driver cost "
                   "(in the hire); CO2 as the own 14 ft LCV [A]."),
    },
}
HIRED_FLEET = [("hire14", 2, hub) for hub in ("BOM", "MAA", "CCU", "BLR")]
# The two-driver scenario (scenarios/india-crew.toml): fleet.toml's 20 trucks, with its medium
# and heavy trucks run by a crew of two drivers who take turns (docs/research/economics.md s.E:
# "vehicle may run 16 h/day (2 x 8 h)"; second driver INR 1,850 a day expected [D]:
# INR 35,000/month / 26 days + INR 500 bhatta).
CREW_OF = {"mcv19": "mcv19x2", "hcv32": "hcv32x2"}
SECOND_DRIVER_INR_PER_DAY = 1850
CREW_FLEET = [(CREW_OF.get(t, t), n) for t, n in FLEET]

# --------------------------------------------------------------------------------------------
# Where sites go. Anchors are real places: a GeoNames town (town=...), an India Post PIN
# centroid (pin=...), or, once, an India Post office coordinate (office=...). PINs were looked
# up in the All India Pincode Directory (india_post_offices.csv) and checked to lie within
# ~2 km of the named office; the centroid comes from data/geo/india_pincodes.csv at run time.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    label: str  # locality name used in site names
    city: str  # GeoNames town that gives city and state (and the point, if no pin/office)
    state: str = ""  # disambiguates the town when needed (ASCII state name)
    pin: str = ""
    office: tuple[float, float] | None = None
    radius_km: float = 0.0  # jitter radius; 0 = default by anchor kind
    note: str = ""


A = Anchor

# Informal e-waste clusters: (anchor, number of units). domain.md s4 "Collection geography":
# Seelampur is India's largest informal e-waste market; Mustafabad / Mandoli / Mundka / Loni are
# feeder pockets; trade dispersing to Loni, Moradabad, Meerut (PTI 2025); Moradabad is a major PCB
# hub. Heaviest weight on Seelampur, Moradabad, Mustafabad, Loni.
INFORMAL_CLUSTERS: list[tuple[Anchor, int, float]] = [  # (anchor, units, volume factor)
    # Seelampur SO 28.67378 N 77.27639 E (PIN 110053). The PIN centroid is 1.9 km off (3 km,
    # in the Yamuna flood plain, before build_pincodes.py), so the office point is used.
    # Shastri Park adjoins it to the west.
    (A("Seelampur", "Delhi", pin="110053", office=(28.67378, 77.27639), radius_km=1.5), 20, 1.3),
    (A("Shastri Park", "Delhi", pin="110053", office=(28.67378, 77.27639), radius_km=1.5), 10, 1.3),
    (A("Mustafabad", "Delhi", pin="110094", radius_km=1.5), 15, 1.3),  # Gokal Puri SO area
    (A("Mandoli", "Delhi", pin="110093", radius_km=1.5), 8, 1.0),  # Mandoli Saboli BO
    (A("Mundka", "Delhi", pin="110041", radius_km=1.5), 8, 1.0),  # Mundka SO
    (A("Loni", "Loni", state="Uttar Pradesh", radius_km=2.0), 15, 1.3),
    (A("Moradabad", "Moradabad", radius_km=2.5), 20, 1.3),
    (A("Meerut", "Meerut", radius_km=2.5), 8, 1.0),
    (A("Kurla", "Mumbai", pin="400070", radius_km=1.2), 5, 1.0),  # Kurla North / West SO
    (A("Dharavi", "Mumbai", pin="400017", radius_km=1.0), 7, 1.0),  # Dharavi SO
    (A("Govandi", "Mumbai", pin="400088", radius_km=1.2), 4, 1.0),  # Govandi SO
    (A("Chandni Chowk (Kolkata)", "Kolkata", pin="700072", radius_km=1.0), 7, 1.0),
    (A("Pudupet-Ritchie Street", "Chennai", pin="600002", radius_km=1.2), 6, 1.0),  # Anna Road
    (A("SP Road", "Bengaluru", pin="560053", radius_km=1.0), 6, 1.0),  # Chickpet SO
    # Hyderabad, Ahmedabad, Pune: no cluster named in domain.md; city electronics markets [A].
    (A("Hyderabad old city", "Hyderabad", radius_km=2.0, note="[A]"), 5, 1.0),
    (A("Relief Road", "Ahmedabad", pin="380001", radius_km=1.2, note="[A]"), 4, 1.0),
    (A("Budhwar Peth", "Pune", pin="411002", radius_km=1.2, note="[A]"), 4, 1.0),
]

# Formal dismantlers: FY22 e-waste processed by state, thousand tonnes (CPCB via Moneycontrol
# 2023 / dellyranks, domain.md s4) [S]. Each state gets a floor of 4 sites, the rest by tonnage.
DISMANTLER_STATE_KT = {
    "Haryana": 245.0,
    "Uttarakhand": 51.5,
    "Telangana": 42.3,
    "Karnataka": 39.2,
    "Tamil Nadu": 31.1,
    "Gujarat": 30.6,
    "Punjab": 28.4,
    "Rajasthan": 28.0,
    "Maharashtra": 18.6,
}
N_DISMANTLERS_TOP_STATES = 84
# States outside the FY22 top nine still host registered recyclers [A]: a few sites.
DISMANTLER_OTHER = [(A("Noida", "Noida"), 2), (A("Greater Noida", "Greater Noida"), 2),
                    (A("Howrah", "Howrah"), 2)]

# Industrial towns per state, with relative weights [A].
DISMANTLER_TOWNS: dict[str, list[tuple[Anchor, float]]] = {
    "Haryana": [
        (A("Gurugram", "Gurugram"), 3), (A("IMT Manesar", "Manesar", pin="122052"), 3),
        (A("Faridabad", "Faridabad"), 3), (A("Kundli", "Kundli"), 2),
        (A("Panipat", "Panipat", state="Haryana"), 2), (A("Bahadurgarh", "Bahadurgarh"), 1),
        (A("Dharuhera", "Dharuhera"), 1),
    ],
    "Uttarakhand": [
        (A("Haridwar (BHEL / SIDCUL)", "Haridwar", pin="249403"), 3), (A("Roorkee", "Roorkee"), 2),
        (A("Rudrapur", "Rudrapur", state="Uttarakhand"), 2),
        (A("Kashipur", "Kashipur", state="Uttarakhand"), 1), (A("Dehradun", "Dehradun"), 1),
    ],
    "Telangana": [
        (A("IDA Jeedimetla", "Hyderabad", pin="500055"), 3), (A("Patancheru", "Patancheru"), 2),
        (A("Kattedan", "Hyderabad", pin="500077"), 2), (A("Hyderabad", "Hyderabad"), 1),
    ],
    "Karnataka": [
        (A("Peenya", "Bengaluru", pin="560058"), 3),
        (A("Bommasandra", "Bommasandra Industrial Area"), 2), (A("Jigani", "Jigani"), 1),
        (A("Mysuru", "Mysuru"), 1), (A("Hubballi", "Hubballi"), 1),
    ],
    "Tamil Nadu": [
        (A("Ambattur", "Ambattur"), 2), (A("Gummidipoondi", "Gummidipundi"), 2),
        (A("Sriperumbudur", "Sriperumbudur"), 2), (A("Hosur SIPCOT", "Hosur", pin="635126"), 2),
        (A("Coimbatore Industrial Estate", "Coimbatore", pin="641021"), 1),
    ],
    "Gujarat": [
        (A("Vatva GIDC", "Ahmedabad", pin="382445"), 2),
        (A("Naroda", "Ahmedabad", pin="382330"), 1),
        (A("Vapi", "Vapi"), 2), (A("Ankleshwar GIDC", "Ankleshwar", pin="393002"), 2),
        (A("Pandesara", "Surat", pin="394221"), 1), (A("Rajkot", "Rajkot"), 1),
    ],
    "Punjab": [
        (A("Focal Point Ludhiana", "Ludhiana", pin="141010"), 3), (A("Mohali", "Mohali"), 2),
        (A("Mandi Gobindgarh", "Gobindgarh", state="Punjab"), 1), (A("Jalandhar", "Jalandhar"), 1),
    ],
    "Rajasthan": [
        (A("Bhiwadi", "Bhiwadi"), 3), (A("Sitapura", "Jaipur", pin="302022"), 2),
        (A("VKIA Jaipur", "Jaipur", pin="302013"), 1), (A("Neemrana", "Neemrana"), 1),
        (A("Alwar", "Alwar", state="Rajasthan"), 1),
    ],
    "Maharashtra": [
        (A("Bhosari MIDC", "Pimpri-Chinchwad", pin="411026"), 2), (A("Chakan", "Chakan"), 2),
        (A("Taloja MIDC", "Navi Mumbai", pin="410208"), 2), (A("Nashik", "Nashik"), 1),
        (A("Waluj MIDC", "Waluj Buzurg"), 1), (A("Nagpur", "Nagpur"), 1),
    ],
}

# Scrap yards near industrial towns: (anchor, count). The first 15 towns follow the brief's list
# of industrial towns; Mandi Gobindgarh, Mayapuri, Howrah, Ambattur, Pithampur, Nagpur are [A].
SCRAP_TOWNS: list[tuple[Anchor, int]] = [
    (A("Ludhiana", "Ludhiana"), 6), (A("Focal Point Ludhiana", "Ludhiana", pin="141010"), 2),
    (A("Kanpur", "Kanpur"), 5), (A("Kanpur (Jajmau)", "Kanpur", pin="208010"), 2),
    (A("Jamshedpur", "Jamshedpur"), 3), (A("Adityapur", "Jamshedpur", pin="831013"), 3),
    (A("Faridabad", "Faridabad"), 6),
    (A("Ghaziabad", "Ghaziabad"), 4), (A("Sahibabad", "Ghaziabad", pin="201010"), 3),
    (A("Surat", "Surat"), 2), (A("Pandesara", "Surat", pin="394221"), 3),
    (A("Vapi", "Vapi"), 4), (A("Nashik", "Nashik"), 4), (A("Aurangabad", "Aurangabad",
                                                            state="Maharashtra"), 4),
    (A("Pimpri-Chinchwad", "Pimpri-Chinchwad"), 6), (A("Urla", "Raipur", pin="492003"), 5),
    (A("Durgapur", "Durgapur", state="West Bengal"), 4),
    (A("Autonagar", "Visakhapatnam", pin="530012"), 5), (A("Bhiwadi", "Bhiwadi"), 4),
    (A("Hosur", "Hosur"), 4),
    (A("Mandi Gobindgarh", "Gobindgarh", state="Punjab", note="[A]"), 4),
    (A("Mayapuri", "Delhi", pin="110064", note="[A]"), 4),
    (A("Howrah", "Howrah", note="[A]"), 4), (A("Ambattur", "Ambattur", note="[A]"), 3),
    (A("Pithampur", "Pithampur", note="[A]"), 3), (A("Nagpur", "Nagpur", note="[A]"), 3),
]
# Big yards built to exceed the largest truck (15 t): first yard at each of these anchors.
HEAVY_YARD_ANCHORS = ("Ghaziabad", "Ludhiana", "Kanpur")
HEAVY_MIN_KG = 16_000.0
MAX_NORMAL_KG = 14_000.0  # every other site is scaled down below this

# Motor-rewinding clusters (domain.md s4): Coimbatore pump & motor cluster (7-8k micro job-work
# units), Rajkot pumps/engines, Vatva motors, Bhagirath Palace (Asia's biggest electrical
# wholesale market); Ludhiana is [A].
REWINDING_CLUSTERS: list[tuple[Anchor, int]] = [
    (A("Ganapathy", "Coimbatore", pin="641006"), 7),
    (A("Pappanaickenpalayam", "Coimbatore", pin="641037"), 7),
    (A("Singanallur", "Coimbatore", pin="641005"), 6),
    (A("Coimbatore Industrial Estate", "Coimbatore", pin="641021"), 6),
    (A("Rajkot", "Rajkot"), 14),
    (A("Vatva", "Ahmedabad", pin="382445"), 12),
    (A("Bhagirath Palace", "Delhi", pin="110006", radius_km=0.8), 10),  # Chandni Chowk SO
    (A("Millerganj", "Ludhiana", pin="141003", note="[A]"), 6),
    (A("Focal Point Ludhiana", "Ludhiana", pin="141010", note="[A]"), 6),
]
N_REWINDING_SPREAD = 216  # + 74 in clusters = 290, ~40 % of all sites
REWINDING_MIN_POP = 50_000

# EV service: the 40 largest cities (metro areas: GeoNames points merged within 20 km).
N_EV_CITIES = 40
EV_PER_CITY_BY_RANK = ((3, 3), (10, 2), (40, 1))  # ranks 1-3: 3 sites, 4-10: 2, 11-40: 1
# E-rickshaws are ~92 % of e-3W (domain.md s4); service points in these states [A].
ERICKSHAW_STATE_SITES = {"Uttar Pradesh": 14, "Bihar": 10, "West Bengal": 8, "Delhi": 5}
ERICKSHAW_MIN_POP = 100_000
MUST_COLLECT_N = 5
MUST_COLLECT_MAX_KM = 300.0
# A take-back contract the plant can honour with one truck and one driver in a working day:
# out, loading, back, a break and unloading within the 12-hour spread-over (Motor Transport
# Workers Act s.16), with an hour to spare for waiting at the gate. The bundled scenarios'
# speed bands, circuity and loading times (README's scenario example) [A].
MUST_COLLECT_MAX_DAY_H = 11.0
# Medium and heavy trucks may not cross Delhi by day (truck_bans.csv, zone DEL) and drive round
# it on the peripheral expressways: a dismantler whose straight line from the hub runs through
# that zone is no one-day pickup for the truck its load needs [A].
DELHI_BAN_ZONE = (28.6315, 77.2167, 20.0)  # truck_bans.csv row DEL: lat, lon, radius km
SPEED_BANDS = ((10, 20), (50, 30), (200, 40), (math.inf, 50))  # (up to road km, km/h)

# --------------------------------------------------------------------------------------------
# Inventory profiles: item -> (probability the site holds any, median count if it does, sigma of
# the log-normal). All [A], tuned so a typical site is worth INR 5k-150k of magnets.
# --------------------------------------------------------------------------------------------

PROFILES: dict[str, dict[str, tuple[float, float, float]]] = {
    "informal_ewaste": {  # kabadi aggregator: hundreds of HDDs, some compressors
        "desktop_hdd": (0.97, 380, 0.6),
        "laptop_hdd": (0.85, 160, 0.7),
        "ac_inverter_compressor": (0.55, 10, 0.8),
        "fridge_inverter_compressor": (0.40, 8, 0.8),
        "bldc_fan_motor": (0.30, 15, 0.8),
        "pro_loudspeaker": (0.30, 6, 0.8),
        "e2w_motor": (0.15, 3, 0.7),
        "alnico_instrument": (0.10, 8, 0.8),
    },
    "ewaste_dismantler": {  # formal: thousands of HDDs, compressors
        "desktop_hdd": (1.0, 2500, 0.8),
        "laptop_hdd": (0.95, 1200, 0.9),
        "ac_inverter_compressor": (0.80, 60, 0.8),
        "fridge_inverter_compressor": (0.70, 40, 0.8),
        "bldc_fan_motor": (0.35, 40, 0.8),
        "pro_loudspeaker": (0.30, 15, 0.8),
        "e2w_motor": (0.25, 8, 0.8),
        "smco_servo_motor": (0.10, 4, 0.7),
        "alnico_instrument": (0.15, 20, 0.8),
    },
    "scrap_yard": {  # mixed, heavy: compressors and motors
        "ac_inverter_compressor": (0.90, 100, 0.9),
        "fridge_inverter_compressor": (0.80, 60, 0.9),
        "industrial_pm_motor": (0.70, 8, 1.0),
        "e2w_motor": (0.50, 8, 0.8),
        "erickshaw_motor": (0.40, 6, 0.8),
        "ev_traction_motor": (0.15, 2, 0.6),
        "desktop_hdd": (0.35, 120, 0.8),
        "pro_loudspeaker": (0.25, 8, 0.8),
        "bldc_fan_motor": (0.30, 30, 0.8),
        "smco_servo_motor": (0.12, 3, 0.7),
        "alnico_instrument": (0.30, 25, 0.8),
    },
    "heavy_scrap_yard": {  # the few yards that exceed the largest truck
        "ac_inverter_compressor": (1.0, 700, 0.3),
        "fridge_inverter_compressor": (1.0, 300, 0.3),
        "industrial_pm_motor": (1.0, 90, 0.3),
        "e2w_motor": (1.0, 60, 0.4),
        "erickshaw_motor": (1.0, 40, 0.4),
        "ev_traction_motor": (1.0, 6, 0.4),
        "desktop_hdd": (1.0, 500, 0.5),
        "smco_servo_motor": (0.5, 6, 0.5),
        "alnico_instrument": (0.8, 60, 0.5),
    },
    "motor_rewinding": {  # a handful to tens of motors of several kinds
        "industrial_pm_motor": (0.65, 6, 0.8),
        "e2w_motor": (0.60, 6, 0.8),
        "bldc_fan_motor": (0.80, 25, 0.8),
        "ac_inverter_compressor": (0.55, 8, 0.8),
        "fridge_inverter_compressor": (0.40, 5, 0.8),
        "erickshaw_motor": (0.30, 4, 0.7),
        "smco_servo_motor": (0.05, 2, 0.5),
        "alnico_instrument": (0.10, 5, 0.7),
    },
    "ev_service": {  # car and e-2W service centre
        "ev_traction_motor": (0.60, 3, 0.7),
        "e2w_motor": (0.90, 14, 0.8),
        "erickshaw_motor": (0.20, 4, 0.8),
    },
    "erickshaw_service": {  # e-rickshaw service point (site_type ev_service)
        "ev_traction_motor": (0.05, 1, 0.3),
        "e2w_motor": (0.50, 5, 0.7),
        "erickshaw_motor": (1.0, 14, 0.7),
    },
}
EV_TRACTION_MAX = 15  # EV service: 0-15 traction motors
# A site is listed because it holds something: if every draw came out zero, it gets its
# profile's main item (drawn again, forced to be held).
PRIMARY_ITEM = {
    "informal_ewaste": "desktop_hdd",
    "ewaste_dismantler": "desktop_hdd",
    "scrap_yard": "ac_inverter_compressor",
    "heavy_scrap_yard": "ac_inverter_compressor",
    "motor_rewinding": "e2w_motor",
    "ev_service": "e2w_motor",
    "erickshaw_service": "erickshaw_motor",
}
ERICKSHAW_STATES_MR = {"Uttar Pradesh", "Bihar", "West Bengal", "Delhi"}

# --------------------------------------------------------------------------------------------
# Synthetic names
# --------------------------------------------------------------------------------------------

SURNAMES = {
    "north": ["Gupta", "Sharma", "Aggarwal", "Verma", "Singh", "Khan", "Ansari", "Qureshi",
              "Saifi", "Malik", "Jain", "Goel", "Bansal", "Chauhan", "Yadav", "Arora", "Sethi",
              "Gill", "Sandhu", "Rathore", "Mittal", "Tyagi", "Saini", "Siddiqui"],
    "west": ["Patel", "Shah", "Desai", "Mehta", "Joshi", "Pawar", "Shinde", "Kulkarni", "Jadhav",
             "Parmar", "Solanki", "Thakkar", "More", "Chavan", "Bhatt", "Shaikh"],
    "south": ["Murugan", "Kumar", "Reddy", "Rao", "Naidu", "Iyer", "Krishnan", "Shetty", "Gowda",
              "Nair", "Pillai", "Raju", "Subramanian", "Basha", "Chettiar", "Prasad"],
    "east": ["Das", "Ghosh", "Banerjee", "Mondal", "Saha", "Paul", "Dutta", "Sinha", "Prasad",
             "Mishra", "Mahato", "Sahu", "Pradhan", "Roy", "Kumar", "Ali"],
}
REGION_OF_STATE = {
    "Maharashtra": "west", "Gujarat": "west", "Goa": "west",
    "Dadra and Nagar Haveli and Daman and Diu": "west",
    "Tamil Nadu": "south", "Karnataka": "south", "Kerala": "south", "Telangana": "south",
    "Andhra Pradesh": "south", "Puducherry": "south",
    "West Bengal": "east", "Bihar": "east", "Jharkhand": "east", "Odisha": "east",
    "Assam": "east", "Tripura": "east", "Meghalaya": "east", "Manipur": "east",
    "Mizoram": "east", "Nagaland": "east", "Arunachal Pradesh": "east", "Sikkim": "east",
}
COMPANY_WORDS = (["Green Circuit", "EcoLoop", "Urban Ore", "Circular Bharat", "ReCell",
                  "Terra Metals", "BlueLeaf", "Prakriti", "ReVolt", "Kaveri Green", "Navachar",
                  "Sanrakshan", "EcoNexus", "MetalBack", "Punarnava", "Rethink"],
                 ["E-Waste Recyclers", "Recycling", "E-Cycle", "Enviro Solutions",
                  "Resource Recovery", "Reclaim"])
DEITIES = ["Ganesh", "Balaji", "Sai", "Durga", "Hanuman", "Murugan", "Ambe", "Krishna"]


def norm_name(text: str) -> str:
    """Plain ASCII: 'Mahārāshtra' -> 'Maharashtra' (GeoNames and geoBoundaries carry macrons)."""
    return unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")


# --------------------------------------------------------------------------------------------
# Geography helpers
# --------------------------------------------------------------------------------------------


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; numpy-broadcasting."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(a))


@dataclass
class StatePolygons:
    """State polygons as numpy rings, for an even-odd point-in-polygon test without shapely."""

    rings: dict[str, list[tuple[np.ndarray, np.ndarray, tuple[float, float, float, float]]]] = (
        field(default_factory=dict))

    @classmethod
    def load(cls, path: Path) -> StatePolygons:
        gj = json.loads(path.read_text(encoding="utf-8"))
        out = cls()
        for feat in gj["features"]:
            name = norm_name(feat["properties"]["shapeName"])
            geom = feat["geometry"]
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            for poly in polys:
                for ring in poly:  # exterior and holes alike: even-odd rule
                    xy = np.asarray(ring, dtype=float)
                    bbox = (xy[:, 0].min(), xy[:, 0].max(), xy[:, 1].min(), xy[:, 1].max())
                    out.rings.setdefault(name, []).append((xy[:, 0], xy[:, 1], bbox))
        return out

    def contains(self, state: str, lat: float, lon: float) -> bool:
        inside = False
        for x, y, (x0, x1, y0, y1) in self.rings.get(state, []):
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                continue
            xj, yj = np.roll(x, 1), np.roll(y, 1)
            crosses = (y > lat) != (yj > lat)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_at = (xj - x) * (lat - y) / (yj - y) + x
            if np.count_nonzero(crosses & (lon < x_at)) % 2:
                inside = not inside
        return inside

    def state_of(self, lat: float, lon: float) -> str:
        for name in self.rings:
            if self.contains(name, lat, lon):
                return name
        return ""


@dataclass
class Geo:
    towns: pd.DataFrame
    pins: pd.DataFrame
    states: StatePolygons

    @classmethod
    def load(cls) -> Geo:
        towns = pd.read_csv(GEO_DIR / "india_towns.csv")
        towns = towns.dropna(subset=["state"]).copy()
        towns["name_ascii"] = towns["name"].map(norm_name)
        towns["state_ascii"] = towns["state"].map(norm_name)
        towns = towns.sort_values(["population", "geonameid"], ascending=[False, True])
        pins = pd.read_csv(GEO_DIR / "india_pincodes.csv", dtype={"pincode": str})
        # 9xxxxx are Army/Field Post Office codes (one sits in central Delhi): not addresses.
        pins = pins.dropna(subset=["lat", "lon"])
        pins = pins[~pins["pincode"].str.startswith("9")].reset_index(drop=True)
        pins["state_key"] = pins["state"].fillna("").str.upper().str.removeprefix("THE ")
        return cls(towns.reset_index(drop=True), pins, StatePolygons.load(GEO_DIR /
                                                                          "india_states.geojson"))

    def town(self, name: str, state: str = "") -> pd.Series:
        """The most populous GeoNames town of that (ASCII) name, optionally within a state."""
        m = self.towns[self.towns["name_ascii"] == name]
        if state:
            m = m[m["state_ascii"] == state]
        if m.empty:
            raise KeyError(f"town {name!r} ({state or 'any state'}) not in india_towns.csv")
        return m.iloc[0]

    def pin_point(self, pin: str) -> tuple[float, float]:
        m = self.pins[self.pins["pincode"] == pin]
        if m.empty:
            raise KeyError(f"PIN {pin} has no centroid in india_pincodes.csv")
        return float(m.iloc[0]["lat"]), float(m.iloc[0]["lon"])

    def nearest_pin(self, lat: float, lon: float, state: str) -> str:
        """The nearest PIN centroid of the site's own state.

        Some centroids were geocoded to a namesake place (PIN 824102 of Aurangabad, Bihar sat in
        Aurangabad, Maharashtra, before build_pincodes.py), and near borders the nearest
        centroid can be across the line; so a PIN counts only if its directory state matches,
        or, when the directory has no state, if its centroid lies inside the site's state.
        """
        d = haversine_km(lat, lon, self.pins["lat"].to_numpy(), self.pins["lon"].to_numpy())
        key = state.upper()
        for i in np.argsort(d, kind="stable")[:200]:
            pin = self.pins.iloc[int(i)]
            if pin["state_key"] == key or (
                pin["state_key"] == "" and self.states.contains(state, pin["lat"], pin["lon"])
            ):
                return str(pin["pincode"])
        raise RuntimeError(f"no PIN of {state} near ({lat}, {lon})")


@dataclass(frozen=True)
class Place:
    """A resolved anchor: a point with its city and state."""

    label: str
    city: str
    state: str
    lat: float
    lon: float
    radius_km: float
    population: int


def resolve(geo: Geo, a: Anchor) -> Place:
    t = geo.town(a.city, a.state)
    city, state, pop = t["name_ascii"], t["state_ascii"], int(t["population"])
    if a.office:
        lat, lon = a.office
        radius = a.radius_km or 1.5
    elif a.pin:
        lat, lon = geo.pin_point(a.pin)
        radius = a.radius_km or 1.5
    else:
        lat, lon = float(t["latitude"]), float(t["longitude"])
        radius = a.radius_km or (2.5 if pop >= 1_000_000 else 2.0)
    return Place(a.label, city, state, lat, lon, radius, pop)


def place_from_town(row: pd.Series) -> Place:
    pop = int(row["population"])
    radius = 3.0 if pop >= 1_000_000 else 2.0
    return Place(row["name_ascii"], row["name_ascii"], row["state_ascii"],
                 float(row["latitude"]), float(row["longitude"]), radius, pop)


def jitter(rng: np.random.Generator, geo: Geo, place: Place) -> tuple[float, float]:
    """A point uniformly within radius_km of the place that lies inside the place's state.

    Redraws (and eventually shrinks the radius) so that coastal cities do not put sites in the
    sea and border towns (Loni, Bhiwadi) do not spill into the neighbouring state.
    """
    radius = place.radius_km
    for attempt in range(60):
        if attempt and attempt % 20 == 0:
            radius /= 2
        r = radius * math.sqrt(rng.random())
        theta = 2 * math.pi * rng.random()
        lat = place.lat + r * math.cos(theta) / 110.574
        lon = place.lon + r * math.sin(theta) / (111.320 * math.cos(math.radians(place.lat)))
        lat, lon = round(lat, 5), round(lon, 5)
        if geo.states.contains(place.state, lat, lon):
            return lat, lon
    raise RuntimeError(f"could not place a site inside {place.state} near {place.label}")


# --------------------------------------------------------------------------------------------
# Counting helpers
# --------------------------------------------------------------------------------------------


def apportion(total: int, weights: list[float], floor: int = 0) -> list[int]:
    """Split `total` into integer parts proportional to `weights` (largest remainder)."""
    n = len(weights)
    base = [floor] * n
    rest = total - floor * n
    w = np.asarray(weights, dtype=float)
    exact = rest * w / w.sum()
    parts = np.floor(exact).astype(int)
    order = sorted(range(n), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: rest - int(parts.sum())]:
        parts[i] += 1
    return [b + int(p) for b, p in zip(base, parts, strict=True)]


def draw_inventory(rng: np.random.Generator, profile: str, factor: float = 1.0) -> dict[str, int]:
    """Counts per item: zero with prob 1-p, else a rounded log-normal around median x factor."""
    counts = {item: 0 for item in ITEMS}
    for item, (p, median, sigma) in PROFILES[profile].items():
        u = rng.random()
        z = rng.standard_normal()  # always drawn, so the stream does not depend on u
        if u < p:
            counts[item] = max(1, int(round(median * factor * math.exp(sigma * z))))
    if not any(counts.values()):
        item = PRIMARY_ITEM[profile]
        _, median, sigma = PROFILES[profile][item]
        z = rng.standard_normal()
        counts[item] = max(1, int(round(median * factor * math.exp(sigma * z))))
    return counts


def gross_kg(counts: dict[str, int]) -> float:
    return sum(n * ITEMS[i]["gross_kg_per_item"] for i, n in counts.items())


def expected_value_inr(counts: dict[str, int], which: str = "expected") -> float:
    """The yield definition of data/README.md for one end of the range."""
    total = 0.0
    for item, n in counts.items():
        it = ITEMS[item]
        kg = (n * it["share_with_magnets"][which] * it["magnet_kg_per_item"][which]
              * RECOVERY[which])
        total += kg * MAGNET_TYPES[it["magnet_type"]]["value_inr_per_kg"][which]
    return total


def scale_counts(counts: dict[str, int], k: float) -> dict[str, int]:
    return {i: int(math.floor(n * k)) for i, n in counts.items()}


# --------------------------------------------------------------------------------------------
# Opening hours
# --------------------------------------------------------------------------------------------

WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def days_text(closed: set[str]) -> str:
    """Open days as 'Mon-Sat', 'Tue-Sun', 'Mon-Sun', 'Mon-Fri' or a comma list."""
    open_days = [d for d in WEEK if d not in closed]
    named = {("Sun",): "Mon-Sat", ("Mon",): "Tue-Sun", (): "Mon-Sun", ("Sat", "Sun"): "Mon-Fri"}
    key = tuple(d for d in WEEK if d in closed)
    return named.get(key, ",".join(open_days))


def pick(rng: np.random.Generator, options: list, probs: list[float]):
    return options[int(rng.choice(len(options), p=np.asarray(probs) / sum(probs)))]


def hours_for(rng: np.random.Generator, site_type: str, market_off: str = "") -> tuple[str, ...]:
    """(open_days, open_time, close_time) by site type [A], see data/README.md."""
    if site_type == "informal_ewaste":
        # Markets: Mon-Sat 10-19 mostly; Delhi markets keep a weekly closing day per market.
        off = market_off if (market_off and rng.random() < 0.8) else pick(
            rng, ["Sun", "Mon", "Tue", "Thu", "Fri"], [70, 8, 8, 7, 7])
        return (days_text({off}), pick(rng, ["10:00", "09:30", "10:30", "11:00"], [60, 15, 15, 10]),
                pick(rng, ["19:00", "18:30", "19:30", "20:00"], [60, 10, 15, 15]))
    if site_type == "scrap_yard":
        if rng.random() < 0.65:
            return "Mon-Sun", "08:00", pick(rng, ["20:00", "19:00"], [80, 20])
        return (days_text({pick(rng, ["Sun", "Tue"], [80, 20])}),
                pick(rng, ["08:00", "09:00"], [60, 40]), pick(rng, ["20:00", "19:00"], [60, 40]))
    if site_type == "ewaste_dismantler":
        off = pick(rng, [{"Sun"}, {"Sat", "Sun"}], [85, 15])
        return (days_text(off), pick(rng, ["09:00", "09:30", "08:30"], [70, 20, 10]),
                pick(rng, ["18:00", "17:30", "18:30"], [70, 15, 15]))
    if site_type == "motor_rewinding":
        off = pick(rng, ["Sun", "Tue", "Fri", "Mon"], [75, 10, 8, 7])
        return (days_text({off}), pick(rng, ["09:00", "09:30", "10:00"], [40, 30, 30]),
                pick(rng, ["19:00", "20:00", "20:30", "18:30"], [40, 35, 15, 10]))
    if site_type == "ev_service":
        off = pick(rng, ["Mon", "Sun", "Tue", "Wed", "Thu"], [45, 30, 10, 8, 7])
        return (days_text({off}), pick(rng, ["10:00", "09:30"], [75, 25]),
                pick(rng, ["20:00", "19:30"], [75, 25]))
    raise ValueError(site_type)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def surname(rng: np.random.Generator, state: str) -> str:
    pool = SURNAMES[REGION_OF_STATE.get(state, "north")]
    return pool[int(rng.integers(len(pool)))]


def make_name(rng: np.random.Generator, kind: str, place: Place, n: int) -> str:
    s = surname(rng, place.state)
    k = int(rng.integers(3))
    loc = place.label
    if kind == "informal_ewaste":
        return [f"{loc} e-waste aggregator {n}", f"{s} Kabadi & E-Waste Traders, {loc}",
                f"{loc} computer scrap dealers {n}"][k]
    if kind == "ewaste_dismantler":
        a, b = COMPANY_WORDS
        co = f"{a[int(rng.integers(len(a)))]} {b[int(rng.integers(len(b)))]}"
        return f"{co} Pvt Ltd (synthetic), {loc}"
    if kind == "scrap_yard":
        return [f"{s} Scrap Traders, {loc}", f"{loc} Metal & Motor Scrap Yard {n}",
                f"New {s} Iron & Scrap Co., {loc}"][k]
    if kind == "heavy_scrap_yard":
        return f"{s} Heavy Motor & Compressor Scrap Yard, {loc}"
    if kind == "motor_rewinding":
        deity = DEITIES[int(rng.integers(len(DEITIES)))]
        return [f"{s} Motor Rewinding Works, {loc}", f"{s} Electricals & Rewinding, {loc}",
                f"Shree {deity} Armature Winding, {loc}"][k]
    if kind == "ev_service":
        return [f"{loc} EV Service Hub {n}", f"{s} EV Care, {loc}",
                f"{s} E-Scooter Service Point, {loc}"][k]
    if kind == "erickshaw_service":
        return [f"{s} E-Rickshaw Repair & Battery, {loc}", f"{loc} E-Rickshaw Service Point {n}",
                f"{s} E-Rickshaw Motor Works, {loc}"][k]
    raise ValueError(kind)


# --------------------------------------------------------------------------------------------
# Site generation
# --------------------------------------------------------------------------------------------


@dataclass
class Draft:
    """One site before ids are given out."""

    site_type: str
    kind: str  # profile / naming kind (heavy_scrap_yard, erickshaw_service, ...)
    place: Place
    factor: float = 1.0
    market_off: str = ""
    heavy: bool = False


def plan_sites(rng: np.random.Generator, geo: Geo) -> list[Draft]:
    """Decide how many sites of which type go where."""
    drafts: list[Draft] = []
    drafts += plan_informal(rng, geo)
    drafts += plan_dismantlers(geo)
    drafts += plan_scrap_yards(geo)
    drafts += plan_rewinding(rng, geo)
    drafts += plan_ev(rng, geo)
    return drafts


def plan_informal(rng: np.random.Generator, geo: Geo) -> list[Draft]:
    out = []
    for anchor, n, factor in INFORMAL_CLUSTERS:
        place = resolve(geo, anchor)
        # Delhi markets: one weekly closing day per market [A].
        off = pick(rng, ["Sun", "Mon", "Tue", "Thu"], [40, 25, 20, 15]) \
            if place.state == "Delhi" else ""
        out += [Draft("informal_ewaste", "informal_ewaste", place, factor, off) for _ in range(n)]
    return out


def plan_dismantlers(geo: Geo) -> list[Draft]:
    out = []
    states = list(DISMANTLER_STATE_KT)
    per_state = apportion(N_DISMANTLERS_TOP_STATES, [DISMANTLER_STATE_KT[s] for s in states],
                          floor=4)
    for state, n in zip(states, per_state, strict=True):
        towns = DISMANTLER_TOWNS[state]
        for (anchor, _), k in zip(towns, apportion(n, [w for _, w in towns]), strict=True):
            place = resolve(geo, anchor)
            if place.state != state:
                raise ValueError(f"{anchor.label}: resolved to {place.state}, expected {state}")
            out += [Draft("ewaste_dismantler", "ewaste_dismantler", place) for _ in range(k)]
    for anchor, k in DISMANTLER_OTHER:
        out += [Draft("ewaste_dismantler", "ewaste_dismantler", resolve(geo, anchor))
                for _ in range(k)]
    return out


def plan_scrap_yards(geo: Geo) -> list[Draft]:
    out = []
    for anchor, n in SCRAP_TOWNS:
        place = resolve(geo, anchor)
        for j in range(n):
            heavy = j == 0 and anchor.label in HEAVY_YARD_ANCHORS
            kind = "heavy_scrap_yard" if heavy else "scrap_yard"
            out.append(Draft("scrap_yard", kind, place, heavy=heavy))
    return out


def town_pool(geo: Geo, min_pop: int) -> pd.DataFrame:
    t = geo.towns
    return t[(t["population"] >= min_pop) & ~t["geonameid"].isin(BAD_POPULATION_GEONAMEIDS)
             & ~t["state_ascii"].isin(NO_ROAD_STATES)]


def plan_rewinding(rng: np.random.Generator, geo: Geo) -> list[Draft]:
    out = []
    for anchor, n in REWINDING_CLUSTERS:
        place = resolve(geo, anchor)
        out += [Draft("motor_rewinding", "motor_rewinding", place, factor=1.5) for _ in range(n)]
    # The rest spread over towns of 50k+ with probability proportional to population.
    pool = town_pool(geo, REWINDING_MIN_POP)
    p = pool["population"].to_numpy(dtype=float)
    idx = rng.choice(len(pool), size=N_REWINDING_SPREAD, replace=True, p=p / p.sum())
    for i in sorted(idx.tolist()):
        out.append(Draft("motor_rewinding", "motor_rewinding", place_from_town(pool.iloc[i])))
    return out


def largest_cities(geo: Geo, n: int, merge_km: float = 20.0) -> list[pd.Series]:
    """The n most populous places, each absorbing smaller GeoNames points within merge_km."""
    kept: list[pd.Series] = []
    for _, row in town_pool(geo, 100_000).iterrows():
        if all(haversine_km(row["latitude"], row["longitude"], k["latitude"], k["longitude"])
               >= merge_km for k in kept):
            kept.append(row)
            if len(kept) == n:
                break
    return kept


def plan_ev(rng: np.random.Generator, geo: Geo) -> list[Draft]:
    out = []
    for rank, row in enumerate(largest_cities(geo, N_EV_CITIES), start=1):
        k = next(c for upto, c in EV_PER_CITY_BY_RANK if rank <= upto)
        place = place_from_town(row)
        out += [Draft("ev_service", "ev_service", place) for _ in range(k)]
    pool = town_pool(geo, ERICKSHAW_MIN_POP)
    for state, k in ERICKSHAW_STATE_SITES.items():
        sub = pool[pool["state_ascii"] == state]
        p = sub["population"].to_numpy(dtype=float)
        idx = rng.choice(len(sub), size=k, replace=True, p=p / p.sum())
        for i in sorted(idx.tolist()):
            out.append(Draft("ev_service", "erickshaw_service", place_from_town(sub.iloc[i])))
    return out


def inventory_for(rng: np.random.Generator, d: Draft) -> dict[str, int]:
    counts = draw_inventory(rng, d.kind, d.factor)
    if d.site_type == "motor_rewinding" and d.place.state in ERICKSHAW_STATES_MR:
        # e-rickshaw belt: rewinding shops there also fix e-rickshaw hub motors [A]
        if counts["erickshaw_motor"] == 0 and rng.random() < 0.4:
            counts["erickshaw_motor"] = int(rng.integers(2, 9))
    if d.kind == "ev_service":
        counts["ev_traction_motor"] = min(counts["ev_traction_motor"], EV_TRACTION_MAX)
    if d.heavy:
        w = gross_kg(counts)
        if w < HEAVY_MIN_KG:  # by construction: heavier than the largest truck
            counts = scale_counts(counts, math.ceil(HEAVY_MIN_KG / w * 100) / 100)
    elif gross_kg(counts) > MAX_NORMAL_KG:
        counts = scale_counts(counts, MAX_NORMAL_KG / gross_kg(counts))
    return counts


def build_sites(rng: np.random.Generator, geo: Geo, drafts: list[Draft]) -> pd.DataFrame:
    rows = []
    names: set[str] = set()
    seq = {t: 0 for t in TYPE_PREFIX}
    per_label: dict[tuple[str, str], int] = {}
    for d in drafts:
        seq[d.site_type] += 1
        site_id = f"{TYPE_PREFIX[d.site_type]}{seq[d.site_type]:04d}"
        key = (d.kind, d.place.label)
        per_label[key] = per_label.get(key, 0) + 1
        lat, lon = jitter(rng, geo, d.place)
        days, t_open, t_close = hours_for(rng, d.site_type, d.market_off)
        counts = inventory_for(rng, d)
        row = {
            "site_id": site_id,
            "name": unique_name(rng, d, per_label[key], names),
            "site_type": d.site_type,
            "pincode": geo.nearest_pin(lat, lon, d.place.state),
            "city": d.place.city,
            "state": d.place.state,
            "lat": lat,
            "lon": lon,
            "open_days": days,
            "open_time": t_open,
            "close_time": t_close,
        }
        row.update({f"qty_{i}": n for i, n in counts.items()})
        row["gross_weight_kg"] = round(gross_kg(counts), 1)
        row["must_collect"] = False
        row["contact"] = f"+91-00000-00000 / site-{site_id}@example.invalid"
        rows.append(row)
    sites = pd.DataFrame(rows)
    mark_must_collect(sites)
    return sites


def unique_name(rng: np.random.Generator, d: Draft, n: int, taken: set[str]) -> str:
    """A synthetic name not used before (redrawn a few times, then numbered)."""
    for _ in range(20):
        name = make_name(rng, d.kind, d.place, n)
        if name not in taken:
            break
    else:
        name = f"{name} ({n})"
    taken.add(name)
    return name


def counts_of(row: pd.Series) -> dict[str, int]:
    return {i: int(row[f"qty_{i}"]) for i in ITEMS}


def drive_h(straight_km: float) -> float:
    """Hours to drive a leg by the scenarios' great-circle estimate (circuity 1.4 up to 50 km,
    1.25 beyond; speeds filled band by band)."""
    road = straight_km * 1.4 if straight_km <= 50 else 50 * 1.4 + (straight_km - 50) * 1.25
    hours, done = 0.0, 0.0
    for upto, kmh in SPEED_BANDS:
        part = min(road, upto) - done
        if part <= 0:
            break
        hours, done = hours + part / kmh, done + part
    return hours


def one_day_pickup_h(straight_km: float, gross_kg: float) -> float:
    """A single pickup's working day: out and back, loading (45 min + 20 min a tonne), a
    30-minute break and unloading at the hub (45 min)."""
    return 2 * drive_h(straight_km) + 0.75 + gross_kg / 1000 * 20 / 60 + 0.5 + 0.75


def crosses_zone(a: tuple[float, float], b: tuple[float, float],
                 zone: tuple[float, float, float]) -> bool:
    """Whether the straight line a -> b passes through the circular zone, both ends outside it
    (magroute/travel/detours.py's test, on an equirectangular plane around the zone)."""
    lat0, lon0, radius = zone
    kx, ky = 111.32 * math.cos(math.radians(lat0)), 110.574
    ax, ay = (a[1] - lon0) * kx, (a[0] - lat0) * ky
    bx, by = (b[1] - lon0) * kx, (b[0] - lat0) * ky
    dx, dy = bx - ax, by - ay
    t = min(1.0, max(0.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy or 1.0)))
    closest = math.hypot(ax + t * dx, ay + t * dy)
    return closest < radius < min(math.hypot(ax, ay), math.hypot(bx, by))


def mark_must_collect(sites: pd.DataFrame) -> None:
    """Formal dismantlers with a take-back contract [A]: the most valuable ones within 300 km of
    the hub whose pickup one driver can do in a day without crossing Delhi, one per city."""
    ew = sites[sites["site_type"] == "ewaste_dismantler"].copy()
    ew["km"] = haversine_km(HUB["lat"], HUB["lon"], ew["lat"].to_numpy(), ew["lon"].to_numpy())
    ew = ew[ew["km"] <= MUST_COLLECT_MAX_KM]
    day_h = [one_day_pickup_h(km, kg) for km, kg in zip(ew["km"], ew["gross_weight_kg"],
                                                         strict=True)]
    ew = ew[np.asarray(day_h) <= MUST_COLLECT_MAX_DAY_H]
    ew = ew[[not crosses_zone((HUB["lat"], HUB["lon"]), (lat, lon), DELHI_BAN_ZONE)
             for lat, lon in zip(ew["lat"], ew["lon"], strict=True)]]
    ew["value"] = [expected_value_inr(counts_of(r)) for _, r in ew.iterrows()]
    ew = ew.sort_values(["value", "site_id"], ascending=[False, True])
    chosen = ew.drop_duplicates("city").head(MUST_COLLECT_N)
    sites.loc[chosen.index, "must_collect"] = True


def site_columns() -> list[str]:
    return (["site_id", "name", "site_type", "pincode", "city", "state", "lat", "lon",
             "open_days", "open_time", "close_time"] + [f"qty_{i}" for i in ITEMS]
            + ["gross_weight_kg", "must_collect", "contact"])


# --------------------------------------------------------------------------------------------
# Writers (explicit formatting so the bytes are identical run to run)
# --------------------------------------------------------------------------------------------


def write_sites(sites: pd.DataFrame, path: Path) -> None:
    out = sites[site_columns()].copy()
    out["lat"] = out["lat"].map(lambda v: f"{v:.5f}")
    out["lon"] = out["lon"].map(lambda v: f"{v:.5f}")
    out["gross_weight_kg"] = out["gross_weight_kg"].map(lambda v: f"{v:.1f}")
    out["must_collect"] = out["must_collect"].map(lambda v: "true" if v else "false")
    out.to_csv(path, index=False, lineterminator="\n")


def write_hubs(path: Path) -> None:
    row = dict(HUB)
    row["lat"], row["lon"] = f"{HUB['lat']:.4f}", f"{HUB['lon']:.4f}"
    pd.DataFrame([row]).to_csv(path, index=False, lineterminator="\n")


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(round(v, 6))
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def toml_table(header: str, body: dict) -> str:
    lines = [f"[{header}]"] + [f"{k} = {toml_value(v)}" for k, v in body.items()]
    return "\n".join(lines) + "\n"


GENERATED = "# Generated by data/make_data.py - edit the constants there and re-run.\n"


def write_yields(path: Path) -> None:
    parts = [
        GENERATED,
        "# Yield: magnet kg = count x share_with_magnets x magnet_kg_per_item x recovery;\n"
        "# value INR = magnet kg x value_inr_per_kg of the item's magnet type (low with low,\n"
        "# high with high). Sources: research notes domain.md, listed in data/README.md.\n"
        "# Economics: purchase_inr is paid to the seller per item (purchase_per = \"kg\": per kg\n"
        "# of gross weight) x the site type's [purchase_factor_by_site_type]; byproduct_inr is\n"
        "# what the item's other metals and boards fetch after dismantling, INR per item.\n"
        "# Sources: docs/research/economics.md, summarised in data/README.md.\n"
        "# Tags: [S] stated, [D] derived, [A] assumption, [!] weak or disputed source.\n",
        "# share of contained magnet mass actually recovered by manual dismantling\n"
        + toml_table("recovery", RECOVERY),
    ]
    parts += [toml_table(f"magnet_types.{k}", v) for k, v in MAGNET_TYPES.items()]
    parts += [toml_table(f"items.{k}", {**v, **ITEM_ECONOMICS[k]}) for k, v in ITEMS.items()]
    parts.append("# multiplier on every item's purchase price, by the seller's site type\n"
                 + toml_table("purchase_factor_by_site_type", PURCHASE_FACTOR_BY_SITE_TYPE))
    path.write_text("\n".join(parts), encoding="utf-8")


def truck_type(type_id: str) -> dict:
    """Cost fields of one truck type, derived from the all-in INR/km of domain.md s5."""
    label, vclass, payload, all_in, co2, pay, payload_src = TRUCKS[type_id]
    var_share = COST_SHARE["diesel"] + COST_SHARE["toll"] + COST_SHARE["misc"]
    per_km = round(all_in * var_share, 2)
    fixed = round(all_in * COST_SHARE["emi"] * KM_PER_DAY)
    driver = round(pay / DRIVER_HOURS_PER_MONTH, 1)
    heavy = pay == DRIVER_PAY_HEAVY
    source = (
        f"domain.md s5. Payload: {payload_src}. All-in own-fleet cost INR {all_in}/km "
        "(recommended defaults table, diesel INR 90/L) [A]. cost_inr_per_km = diesel 50 % + toll "
        f"15 % + misc 5 % = 70 % of all-in = {per_km:g} (fr8.in cost structure) [D]. "
        f"fixed_cost_inr_per_day = EMI share 15 % x {all_in} x {KM_PER_DAY} km/day = {fixed} [D] "
        "(300 km/day: domain.md s5 [S], used as a planning day [A]). driver_cost_inr_per_hour = "
        f"INR {pay:,.0f}/month ({'trailer/heavy' if heavy else 'truck'} driver pay, AIMTC "
        f"[S][!]) / ({DRIVER_HOURS_PER_MONTH} h = 26 days x 10 h [A]) = {driver:g} [D]; the "
        f"driver's 15 % share is not in cost_inr_per_km. CO2 {co2} kg/km = 2.68 kg/L / km per L "
        "(domain.md s5 table) [D]."
    )
    return {
        "label": label,
        "vehicle_class": vclass,
        "payload_kg": payload,
        "fixed_cost_inr_per_day": fixed,
        "cost_inr_per_km": per_km,
        "driver_cost_inr_per_hour": driver,
        "co2_kg_per_km": co2,
        "source": source,
    }


def crew_type(t: str) -> dict:
    """Truck type t run by a two-driver crew: the same truck, a second driver by the day."""
    body = truck_type(t)
    return {**body, "label": body["label"] + ", two drivers", "crew": 2,
            "second_driver_inr_per_day": SECOND_DRIVER_INR_PER_DAY,
            "source": body["source"] + " Crew of two drivers taking turns, each within the "
            "driver-hours rules; second driver INR 1,850 a day (docs/research/economics.md "
            "s.E.6: INR 35,000 a month / 26 days + INR 500 bhatta) [D]."}


def write_fleet(path: Path, fleet=None, hired: bool = False, crews: bool = False) -> None:
    fleet = fleet or [(t, n, HUB["hub_id"]) for t, n in FLEET]
    parts = [GENERATED + "# Truck types of domain.md section 5; vehicle_class scv|lcv|mcv|hcv "
             "(SCV: Tata Ace class and pickups, what enters an e-waste cluster's lanes; "
             "LCV <= 5 t, MCV 5-7 t, HCV > 7 t, fr8.in).\n"]
    parts += [toml_table(f"types.{t}", truck_type(t)) for t in TRUCKS]
    if hired:
        parts += [toml_table(f"types.{t}", body) for t, body in HIRED_TYPES.items()]
    if crews:
        parts += [toml_table(f"types.{c}", crew_type(t)) for t, c in CREW_OF.items()]
    parts.append(toml_table("driver_hours", DRIVER_HOURS))
    for t, n, home in fleet:
        parts.append(f'[[fleet]]\ntype = "{t}"\ncount = {n}\nhome = "{home}"\n')
    path.write_text("\n".join(parts), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Self-check and summary
# --------------------------------------------------------------------------------------------


def check(ok: bool, what: str) -> None:
    if not ok:
        raise SystemExit(f"self-check failed: {what}")


def self_check(sites: pd.DataFrame, geo: Geo) -> None:
    """Fail loudly if the output breaks the contract described in data/README.md."""
    check(len(sites) >= 650, f"only {len(sites)} sites")
    check(sites["site_id"].is_unique and sites["name"].is_unique, "duplicate site ids or names")
    header = list(pd.read_csv(DATA_DIR / "sites.csv", nrows=0).columns)
    check(header == site_columns(), f"sites.csv columns {header}")
    for _, r in sites.iterrows():
        check(geo.states.contains(r["state"], r["lat"], r["lon"]),
              f"{r['site_id']} at ({r['lat']}, {r['lon']}) is not inside {r['state']}")
        check(abs(gross_kg(counts_of(r)) - r["gross_weight_kg"]) < 0.06,
              f"{r['site_id']} gross weight")
        check(sum(counts_of(r).values()) > 0, f"{r['site_id']} holds nothing")
    yields = tomllib.loads((DATA_DIR / "yields.toml").read_text(encoding="utf-8"))
    check(set(yields["items"]) == set(ITEMS), "yields.toml items")
    for item_id, item in yields["items"].items():
        check(item["magnet_type"] in yields["magnet_types"], f"{item_id} magnet type")
        for key in ("magnet_kg_per_item", "share_with_magnets", "purchase_inr", "byproduct_inr"):
            r = item[key]
            check(0 <= r["low"] <= r["expected"] <= r["high"], f"{item_id}.{key} range")
    for mt_id, mt in yields["magnet_types"].items():
        r = mt["value_inr_per_kg"]
        check(0 <= r["low"] <= r["expected"] <= r["high"], f"{mt_id} value range")
    fleet = tomllib.loads((DATA_DIR / "fleet.toml").read_text(encoding="utf-8"))
    check(all(f["type"] in fleet["types"] and f["home"] == HUB["hub_id"]
              for f in fleet["fleet"]), "fleet.toml types/homes")
    heavy = sites[sites["gross_weight_kg"] > 15_000]
    check(2 <= len(heavy) <= 3, f"sites over 15 t: {heavy['site_id'].tolist()}")
    must = sites[sites["must_collect"]]
    km = haversine_km(HUB["lat"], HUB["lon"], must["lat"].to_numpy(), must["lon"].to_numpy())
    check(len(must) == MUST_COLLECT_N and bool((km <= MUST_COLLECT_MAX_KM).all()), "must_collect")


def summary(sites: pd.DataFrame) -> str:
    vals = np.array([expected_value_inr(counts_of(r)) for _, r in sites.iterrows()])
    w = sites["gross_weight_kg"].to_numpy()

    def dist(x: np.ndarray) -> str:
        q = np.percentile(x, [0, 50, 90, 100])
        return "min {:,.0f}  median {:,.0f}  p90 {:,.0f}  max {:,.0f}".format(*q)

    lines = [f"sites.csv: {len(sites)} sites in {sites['state'].nunique()} states/UTs"]
    lines += [f"  {t:18s} {n:4d}" for t, n in sites["site_type"].value_counts().sort_index()
              .items()]
    lines.append("by state: " + ", ".join(f"{s} {n}" for s, n in
                                          sites["state"].value_counts().items()))
    lines.append(f"gross_weight_kg: {dist(w)}")
    lines.append(f"expected value INR: {dist(vals)}")
    for t in TYPE_PREFIX:
        m = (sites["site_type"] == t).to_numpy()
        lines.append(f"  {t:18s} value {dist(vals[m])}")
    heavy = sites[sites["gross_weight_kg"] > 15_000]
    lines.append("over 15 t: " + "; ".join(f"{r.site_id} {r.name} {r.gross_weight_kg:,.1f} kg"
                                           for r in heavy.itertuples()))
    must = sites[sites["must_collect"]]
    lines.append("must_collect: " + "; ".join(f"{r.site_id} {r.name}" for r in must.itertuples()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    geo = Geo.load()
    sites = build_sites(rng, geo, plan_sites(rng, geo))

    write_hubs(DATA_DIR / "hubs.csv")
    write_sites(sites, DATA_DIR / "sites.csv")
    write_yields(DATA_DIR / "yields.toml")
    write_fleet(DATA_DIR / "fleet.toml")
    write_fleet(DATA_DIR / "fleet-hubs.toml", REGIONAL_FLEET)
    write_fleet(DATA_DIR / "fleet-hired.toml",
                [(t, n, HUB["hub_id"]) for t, n in FLEET] + HIRED_FLEET, hired=True)
    write_fleet(DATA_DIR / "fleet-crew.toml", [(t, n, HUB["hub_id"]) for t, n in CREW_FLEET],
                crews=True)
    self_check(sites, geo)
    print(f"wrote hubs.csv, sites.csv, yields.toml, fleet.toml in {DATA_DIR} (seed {args.seed})")
    print(summary(sites))


if __name__ == "__main__":
    main()
