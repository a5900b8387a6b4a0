"""Charts of a scenario comparison, as PNG (matplotlib, Agg canvas, no pyplot state).

    cost_per_kg.png     cost per kg of magnet (expected), one bar per scenario
    value_vs_cost.png   expected value collected beside the cost, net value labelled; with
                        samples the P10-P90 range of the sampled value (dot: P50)
    routes_map.png      one panel per scenario on the same extent: India's state outlines,
                        each route in its own colour, hubs as black squares, unserved sites
                        as small grey dots; titled with the scenario and its net value

The figures come from the summaries (summary.json, samples.json as read) and each plan
folder's routes.geojson; the `*_figure` functions return the figure for tests and notebooks.
PNGs are written without the Software tag, so the same data gives the same bytes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure

from magroute.export.html_map import route_color, state_outlines
from magroute.export.plan_dir import ROUTES_GEOJSON
from magroute.formatting import inr

COST_PER_KG_PNG = "cost_per_kg.png"
VALUE_VS_COST_PNG = "value_vs_cost.png"
ROUTES_MAP_PNG = "routes_map.png"
DPI = 110
PANEL_IN = 4.6  # inches per map panel
MAX_COLUMNS = 3
HUB_KINDS = ("start", "end", "unload")
# DejaVu Sans (matplotlib's own font) has the rupee sign.
RC: dict[str, Any] = {"font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 10}
VALUE_COLOUR, COST_COLOUR, NET_COLOUR = "#2ca02c", "#d62728", "#1f77b4"
LAND, BORDER, UNSERVED = "#f3efe6", "#b3aa9c", "#9a9a9a"

Summaries = Mapping[str, Mapping[str, Any]]


def _figure(width_in: float, height_in: float) -> Figure:
    fig = Figure(figsize=(width_in, height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def save_png(fig: Figure, path: Path | str) -> Path:
    """Write the figure as PNG without the Software tag (byte-identical re-runs)."""
    path = Path(path)
    fig.savefig(path, format="png", dpi=DPI, metadata={"Software": None})
    return path


def cost_per_kg_figure(summaries: Summaries) -> Figure:
    """One bar per scenario: cost per kg of magnet (expected); no bar when nothing was collected."""
    names = list(summaries)
    values = [summaries[n].get("cost_per_magnet_kg_inr") for n in names]
    fig = _figure(max(4.0, 1.3 * len(names) + 1.5), 3.6)
    ax = fig.add_subplot()
    x = range(len(names))
    bars = ax.bar(x, [v or 0.0 for v in values], color=[route_color(i) for i in x], width=0.6)
    for bar, v in zip(bars, values, strict=True):
        ax.annotate(f"{inr(v)}/kg" if v is not None else "no magnet", (bar.get_x() +
                    bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                    xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(list(x), names, rotation=15 if len(names) > 4 else 0)
    ax.set_ylabel("₹ per kg of magnet (expected)")
    ax.set_title("Cost per kg of magnet collected")
    ax.margins(y=0.15)
    ax.yaxis.set_major_formatter(lambda v, _: inr(v))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def value_vs_cost_figure(summaries: Summaries,
                         samples: Mapping[str, Mapping[str, Any]] | None = None) -> Figure:
    """Per scenario the expected value beside the cost, the net value written above; with
    samples the P10-P90 range of the sampled value (dot at P50)."""
    names = list(summaries)
    samples = samples or {}
    value = [float(summaries[n]["value_inr"]["expected"]) for n in names]
    cost = [float(summaries[n]["cost_inr"]["total"]) for n in names]
    fig = _figure(max(4.5, 1.6 * len(names) + 1.8), 3.8)
    ax = fig.add_subplot()
    w = 0.38
    xs = list(range(len(names)))
    ax.bar([x - w / 2 for x in xs], value, w, color=VALUE_COLOUR, label="value (expected)")
    ax.bar([x + w / 2 for x in xs], cost, w, color=COST_COLOUR, label="cost")
    tops = [max(v, c) for v, c in zip(value, cost, strict=True)]
    ranged = [n for n in names if isinstance(samples.get(n, {}).get("value_inr"), Mapping)]
    for i, n in enumerate(names):
        if n in ranged:
            s = samples[n]["value_inr"]
            ax.errorbar(i - w / 2, s["p50"], yerr=[[s["p50"] - s["p10"]], [s["p90"] - s["p50"]]],
                        fmt="o", color="black", markersize=3, capsize=4, linewidth=1,
                        label="sampled value P10–P90 (dot: P50)" if n == ranged[0] else None)
            tops[i] = max(tops[i], s["p90"])
        net = summaries[n].get("net_value_inr")
        ax.annotate(f"net {inr(net)}", (i, tops[i]), ha="center", va="bottom", xytext=(0, 4),
                    textcoords="offset points", color=NET_COLOUR, fontweight="bold")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(xs, names, rotation=15 if len(names) > 4 else 0)
    ax.set_ylabel("₹")
    ax.yaxis.set_major_formatter(lambda v, _: inr(v))
    ax.set_title("Magnet value collected against the cost of collecting it")
    ax.margins(y=0.18)
    # Below the rotated scenario names: above the axes it would hide the first net value.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 if len(names) > 4 else -0.1),
              ncols=3, fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _features(fc: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    return list((fc or {}).get("features") or [])


def _points(features: list[Any], kinds: tuple[str, ...]) -> list[tuple[float, float]]:
    return [(f["geometry"]["coordinates"][0], f["geometry"]["coordinates"][1]) for f in features
            if f.get("geometry", {}).get("type") == "Point"
            and f.get("properties", {}).get("kind") in kinds]


def map_extent(geojsons: Mapping[str, Mapping[str, Any] | None], margin: float = 0.06,
               min_span_deg: float = 0.6) -> tuple[float, float, float, float]:
    """(lon_min, lon_max, lat_min, lat_max) around every stop, leg and unserved site of every
    scenario, with a margin: the one extent all panels share."""
    lons, lats = [], []
    for fc in geojsons.values():
        for f in _features(fc):
            g = f.get("geometry") or {}
            coords = [g["coordinates"]] if g.get("type") == "Point" else g.get("coordinates", [])
            for c in coords:
                lons.append(c[0])
                lats.append(c[1])
    if not lons:  # nothing at all: India
        return 68.0, 97.5, 6.5, 37.0
    x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
    span = max(x1 - x0, y1 - y0, min_span_deg)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half = span * (0.5 + margin)
    return cx - half, cx + half, cy - half, cy + half


def _draw_states(ax: Axes, extent: tuple[float, float, float, float]) -> None:
    x0, x1, y0, y1 = extent
    polys = []
    for state in state_outlines():
        for ring in state["rings"]:
            xs, ys = ring[0::2], ring[1::2]
            if max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
                continue
            polys.append(list(zip(xs, ys, strict=True)))
    ax.add_collection(PolyCollection(polys, facecolors=LAND, edgecolors=BORDER, linewidths=0.5,
                                     zorder=0))


def _draw_plan(ax: Axes, fc: Mapping[str, Any] | None) -> None:
    features = _features(fc)
    order: list[str] = []  # routes in the order of the plan (their colour index)
    legs: dict[str, list] = {}
    for f in features:
        p = f.get("properties", {})
        rid = p.get("route_id")
        if rid is not None and rid not in order:
            order.append(rid)
        if p.get("kind") == "leg":
            legs.setdefault(rid, []).append(f["geometry"]["coordinates"])
    for i, rid in enumerate(order):
        ax.add_collection(LineCollection(legs.get(rid, []), colors=route_color(i),
                                         linewidths=1.4, zorder=2))
    unserved = _points(features, ("unserved",))
    if unserved:
        ax.scatter([x for x, _ in unserved], [y for _, y in unserved], s=6, color=UNSERVED,
                   zorder=1, linewidths=0)
    pickups = [(f["geometry"]["coordinates"][:2], f["properties"].get("route_id"))
               for f in features if f.get("properties", {}).get("kind") == "pickup"]
    if pickups:
        ax.scatter([c[0] for c, _ in pickups], [c[1] for c, _ in pickups], s=9, zorder=3,
                   color=[route_color(order.index(r)) for _, r in pickups], linewidths=0)
    hubs = sorted(set(_points(features, HUB_KINDS)))
    if hubs:
        ax.scatter([x for x, _ in hubs], [y for _, y in hubs], marker="s", s=30, color="black",
                   zorder=4)


def routes_map_figure(summaries: Summaries,
                      geojsons: Mapping[str, Mapping[str, Any] | None]) -> Figure:
    """Small multiples: one panel per scenario (in `summaries`' order), the same extent on all."""
    names = list(summaries)
    cols = min(MAX_COLUMNS, len(names))
    rows = math.ceil(len(names) / cols)
    fig = _figure(PANEL_IN * cols, PANEL_IN * rows + 0.3)
    extent = map_extent({n: geojsons.get(n) for n in names})
    mid_lat = math.radians((extent[2] + extent[3]) / 2)
    for k, name in enumerate(names):
        ax = fig.add_subplot(rows, cols, k + 1)
        _draw_states(ax, extent)
        _draw_plan(ax, geojsons.get(name))
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set_aspect(1 / math.cos(mid_lat))
        ax.set_xticks([])
        ax.set_yticks([])
        s = summaries[name]
        ax.set_title(f"{name}\nnet {inr(s.get('net_value_inr'))}, "
                     f"{s.get('sites_served', 0)} of {s.get('sites_total', 0)} sites")
    fig.suptitle("Routes per scenario (black squares: hubs; grey dots: unserved sites)",
                 fontsize=9)
    return fig


def read_geojson(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_charts(summaries: Summaries, samples: Mapping[str, Mapping[str, Any]] | None,
                 plan_dirs: Mapping[str, Path], out_dir: Path | str) -> dict[str, Path]:
    """Write the three PNGs into `out_dir`; the maps read each plan folder's routes.geojson.
    Returns {"chart_cost_per_kg", "chart_value_vs_cost", "chart_routes_map"} -> path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    geojsons = {n: read_geojson(Path(d) / ROUTES_GEOJSON) for n, d in plan_dirs.items()}
    import matplotlib

    with matplotlib.rc_context(RC):  # type: ignore[arg-type]  # its stubs list every rc key
        return {
            "chart_cost_per_kg": save_png(cost_per_kg_figure(summaries), out / COST_PER_KG_PNG),
            "chart_value_vs_cost": save_png(value_vs_cost_figure(summaries, samples),
                                            out / VALUE_VS_COST_PNG),
            "chart_routes_map": save_png(routes_map_figure(summaries, geojsons),
                                         out / ROUTES_MAP_PNG),
        }
