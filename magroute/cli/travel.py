"""magroute travel FROM TO: road km, driving hours and the highways between two places."""

from __future__ import annotations

import dataclasses
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from magroute.cli.options import console
from magroute.domain.scenario import TravelSettings
from magroute.errors import InputError
from magroute.formatting import grouped
from magroute.inputs import load_scenario
from magroute.inputs.places import Place, resolve_place
from magroute.travel import RoadGraphSource
from magroute.travel.road_graph import RoadLeg

PlaceArg = "A place: 'lat,lon', a 6-digit PIN code, a hub id (SKD) or a town ('Name' or " \
           "'Name, State')."
DRIVING_H_PER_DAY = 9.0  # domain.md: single driver, at most 9 h of driving a day


class Format(StrEnum):
    table = "table"
    json = "json"


def travel(
    origin: Annotated[str, typer.Argument(metavar="FROM", help=PlaceArg, show_default=False)],
    destination: Annotated[str, typer.Argument(metavar="TO", help=PlaceArg, show_default=False)],
    scenario: Annotated[Path | None, typer.Option(
        "--scenario", "-s", help="Take the road settings (network, speeds...) from this scenario.")
    ] = None,
    network: Annotated[Path | None, typer.Option(
        help="A line network (GeoPackage/GeoJSON, e.g. an OpenStreetMap extract) instead of the "
             "bundled national highways.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    geojson: Annotated[Path | None, typer.Option(
        help="Also write the road line to this GeoJSON file.")] = None,
) -> None:
    """Road distance, driving time and highways used between two places, on the road network.

    Examples: `magroute travel Delhi Mumbai`, `magroute travel SKD 700001`,
    `magroute travel "28.45,77.70" "Aurangabad, Bihar"`.
    """
    problems = []
    places = []
    for text, what in ((origin, "FROM"), (destination, "TO")):
        try:
            places.append(resolve_place(text, what=what))
        except InputError as exc:
            problems += exc.problems
    settings = load_scenario(scenario).travel if scenario else TravelSettings()
    road = settings.road
    if network is not None:
        if not network.is_file():
            from magroute.errors import InputProblem

            problems.append(InputProblem("command line", "file not found", column="--network",
                                         value=str(network), expected="a line network file"))
        road = dataclasses.replace(road, network=network.resolve())
    if problems:
        raise InputError(problems)
    source = RoadGraphSource(dataclasses.replace(settings, source="road_graph", road=road))
    a, b = places
    leg = source.route(a.point, b.point)
    if geojson is not None:
        geojson.write_text(json.dumps(_feature(a.label, b.label, leg)), encoding="utf-8")
    if fmt is Format.json:
        console.print_json(json.dumps(_as_dict(a, b, leg)))
        return
    table = Table(title="magroute travel", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("From", f"{a.label}  [dim]({a.lat:.5f}, {a.lon:.5f})[/]")
    table.add_row("To", f"{b.label}  [dim]({b.lat:.5f}, {b.lon:.5f})[/]")
    table.add_row("Road distance", f"{grouped(leg.distance_m / 1000, 1)} km")
    hours = leg.duration_s / 3600
    table.add_row("Driving time", f"{_hm(leg.duration_s)} "
                  f"[dim](~{hours / DRIVING_H_PER_DAY:.1f} days at {DRIVING_H_PER_DAY:g} h a day)[/]")
    table.add_row("Straight line", f"{grouped(leg.straight_km, 1)} km; road / straight "
                  f"{_ratio(leg):.2f}")
    table.add_row("Measured by", leg.via)
    if leg.roads:
        table.add_row("Roads", _roads_text(leg))
    console.print(table)
    for w in source.warnings:
        console.print(f"[yellow]note[/]: {w}")


def _hm(seconds: int) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _ratio(leg: RoadLeg) -> float:
    return leg.distance_m / 1000 / leg.straight_km if leg.straight_km else 1.0


def road_totals(leg: RoadLeg) -> list[tuple[str, float]]:
    """(road, km) in the order driven, one entry per road name; joins and unnamed pieces are
    counted as "(links)"."""
    totals: dict[str, float] = {}
    for ref, cls, m in leg.roads:
        name = ref or ("(links)" if cls == "link" else f"({cls})")
        totals[name] = totals.get(name, 0.0) + m / 1000
    return list(totals.items())


def _roads_text(leg: RoadLeg, top: int = 10) -> str:
    totals = road_totals(leg)
    shown = [(r, km) for r, km in totals if km >= 1][:top]
    text = " → ".join(f"{r} ({grouped(km, 0)} km)" for r, km in shown)
    rest = len(totals) - len(shown)
    return text + (f" [dim](+{rest} short pieces)[/]" if rest > 0 else "")


def _as_dict(a: Place, b: Place, leg: RoadLeg) -> dict:
    return {
        "from": {"query_label": a.label, "lat": a.lat, "lon": a.lon, "kind": a.kind},
        "to": {"query_label": b.label, "lat": b.lat, "lon": b.lon, "kind": b.kind},
        "road_km": round(leg.distance_m / 1000, 3),
        "driving_hours": round(leg.duration_s / 3600, 3),
        "straight_km": round(leg.straight_km, 3),
        "ratio": round(_ratio(leg), 4),
        "via": leg.via,
        "roads": [{"road": r, "km": round(km, 3)} for r, km in road_totals(leg)],
    }


def _feature(a_label: str, b_label: str, leg: RoadLeg) -> dict:
    return {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [list(p) for p in leg.line]},
        "properties": {"from": a_label, "to": b_label, "road_km": leg.distance_m / 1000,
                       "driving_hours": leg.duration_s / 3600, "via": leg.via},
    }]}
