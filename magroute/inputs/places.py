"""A place typed by a person -> (lat, lon): `lat,lon`, a PIN code, a hub id or a town name.

Town names match without regard to case or diacritics ("Sikandarabad" finds "Sikandarābād");
"Name, State" picks among towns of the same name, otherwise the most populous one wins. An
unknown name is an error that suggests the closest names.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from magroute import bundled
from magroute.errors import InputError, InputProblem
from magroute.formatting import grouped

# Common spellings GeoNames does not carry (former names, the mission's own spelling).
ALIASES = {"bangalore": "bengaluru", "bombay": "mumbai", "calcutta": "kolkata",
           "madras": "chennai", "sikandrabad": "sikandarabad", "gurgaon": "gurugram",
           "poona": "pune", "baroda": "vadodara"}

LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
PIN = re.compile(r"^\s*(\d{6})\s*$")


@dataclass(frozen=True, slots=True)
class Place:
    label: str  # what it resolved to, for people
    lat: float
    lon: float
    kind: str  # "coordinates", "pin", "hub", "town"

    @property
    def point(self) -> tuple[float, float]:
        return (self.lat, self.lon)


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: 'Sikandarābād ' -> 'sikandarabad'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def resolve_place(text: str, *, what: str = "place") -> Place:
    problem = _resolve(text, what)
    if isinstance(problem, Place):
        return problem
    raise InputError([problem])


def _resolve(text: str, what: str) -> Place | InputProblem:
    expected = ('"lat,lon" (e.g. "28.45,77.70"), a 6-digit PIN code, a hub id from '
                'data/hubs.csv or a town name ("Name" or "Name, State")')
    m = LATLON.match(text)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return InputProblem("command line", "coordinates out of range", column=what,
                                value=text, expected="latitude in [-90, 90], longitude in "
                                                     "[-180, 180]")
        return Place(f"{lat:.5f}, {lon:.5f}", lat, lon, "coordinates")
    m = PIN.match(text)
    if m:
        row = _pincodes().get(m.group(1))
        if row is None:
            return InputProblem("command line", "unknown PIN code (or one without coordinates)",
                                column=what, value=text, expected=expected)
        lat, lon, office, district, state = row
        return Place(f"PIN {m.group(1)} ({office}, {district}, {state})", lat, lon, "pin")
    hub = _hubs().get(text.strip())
    if hub is not None:
        return Place(f"{text.strip()} ({hub[2]})", hub[0], hub[1], "hub")
    name, _, state = text.partition(",")
    key = fold(name)
    towns = _towns().get(key) or _towns().get(ALIASES.get(key, ""), [])
    if state.strip():
        towns = [t for t in towns if fold(state) in fold(t[4])]
    if towns:
        name_, lat, lon, pop, st = towns[0]
        more = f"; {len(towns) - 1} other place(s) of that name" if len(towns) > 1 else ""
        return Place(f"{name_}, {st} (pop. {grouped(pop, 0)}{more})", lat, lon, "town")
    close = difflib.get_close_matches(fold(name), list(_towns()), n=4, cutoff=0.75)
    hint = ""
    if close:
        hint = "; did you mean " + ", ".join(
            f"{_towns()[c][0][0]} ({_towns()[c][0][4]})" for c in close) + "?"
    return InputProblem("command line", f"unknown place{hint}", column=what, value=text,
                        expected=expected)


@cache
def _towns(path: Path = bundled.TOWNS) -> dict[str, list[tuple[str, float, float, int, str]]]:
    out: dict[str, list] = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(fold(r["name"]), []).append(
                (r["name"], float(r["latitude"]), float(r["longitude"]), int(r["population"]),
                 r["state"]))
    for towns in out.values():
        towns.sort(key=lambda t: -t[3])
    return out


@cache
def _pincodes(path: Path = bundled.PINCODES) -> dict[str, tuple[float, float, str, str, str]]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["lat"] and r["lon"]:
                out[r["pincode"]] = (float(r["lat"]), float(r["lon"]), r["main_office"],
                                     r["district"].title(), r["state"].title())
    return out


@cache
def _hubs(path: Path = bundled.HUBS) -> dict[str, tuple[float, float, str]]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        return {r["hub_id"]: (float(r["lat"]), float(r["lon"]), r["name"])
                for r in csv.DictReader(f)}
