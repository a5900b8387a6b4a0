"""Scenarios side by side: the comparison table, built from each plan folder's summary.json.

Every value is read from a summary.json (or a samples.json) as it is, with no rescaling or
rounding, so a cell of the table equals the field it came from literally. Nothing here depends
on the run (no runtime, no paths): the same plans give the same table, byte for byte.

A row whose field a summary lacks (an older summary without "annual", a scenario run without
samples) has None in that scenario's column: a blank cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from magroute.analysis.kpis import UNEXPLAINED
from magroute.domain.explanation import BINDINGS

Summary = Mapping[str, Any]
Number = int | float | None

# Keys of summary.json's "annual" block (analysis.annual), in the order shown.
ANNUAL_ROWS = (
    ("every_days", "Annual: visit every", "days", 0),
    ("plans_per_year", "Annual: plans per year", "plans", 3),
    ("magnet_kg_per_year", "Annual: magnet (expected)", "kg/year", 1),
    ("ndfeb_kg_per_year", "Annual: NdFeB (expected)", "kg/year", 1),
    ("value_inr_per_year", "Annual: value (expected)", "INR/year", 0),
    ("cost_inr_per_year", "Annual: cost", "INR/year", 0),
    ("net_value_inr_per_year", "Annual: net value", "INR/year", 0),
    ("margin_inr_per_year", "Annual: margin", "INR/year", 0),
    ("target_ndfeb_t_per_year", "Annual: NdFeB target", "t/year", 1),
    ("target_progress_pct", "Annual: progress to target", "%", 1),
)
# Keys of a samples.json spread (analysis.sampling.spread) shown for the net value.
SAMPLE_PERCENTILES = ("p10", "p50", "p90")


@dataclass(frozen=True, slots=True)
class Kpi:
    """One row of the table: how to read it from a summary.json dict, and how to show it."""

    key: str  # dotted path in summary.json, e.g. "cost_inr.total"
    label: str
    unit: str
    get: Callable[[Summary], Number]
    decimals: int = 0  # for people (comparison.md); the CSV keeps the raw value


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    key: str
    label: str
    unit: str
    decimals: int
    values: dict[str, Number]  # scenario name -> value (None: blank), in the scenarios' order


def field(*path: str, default: Number = None) -> Callable[[Summary], Number]:
    """A getter for a nested summary.json field; `default` where any step is missing."""

    def get(summary: Summary) -> Number:
        value: Any = summary
        for step in path:
            if not isinstance(value, Mapping) or step not in value:
                return default
            value = value[step]
        return value

    return get


def _kpi(key: str, label: str, unit: str, decimals: int = 0) -> Kpi:
    return Kpi(key, label, unit, field(*key.split(".")), decimals)


# The rows before the magnet types, then those between magnet types and the annual block.
KPIS_HEAD = (
    _kpi("cost_inr.fixed", "Cost: fixed", "INR"),
    _kpi("cost_inr.distance", "Cost: distance", "INR"),
    _kpi("cost_inr.driver", "Cost: driver", "INR"),
    _kpi("cost_inr.line_haul", "Cost: line-haul", "INR"),
    _kpi("cost_inr.total", "Cost: total", "INR"),
    _kpi("distance_km", "Distance", "km", 1),
    _kpi("co2_kg", "CO2", "kg", 1),
    _kpi("scrap_kg", "Scrap collected", "kg", 1),
    _kpi("magnet_kg.expected", "Magnet (expected)", "kg", 2),
    _kpi("magnet_kg.low", "Magnet (low)", "kg", 2),
    _kpi("magnet_kg.high", "Magnet (high)", "kg", 2),
)
KPIS_TAIL = (
    _kpi("value_inr.expected", "Value (expected)", "INR"),
    _kpi("value_inr.low", "Value (low)", "INR"),
    _kpi("value_inr.high", "Value (high)", "INR"),
    _kpi("net_value_inr", "Net value", "INR"),
    _kpi("byproduct_value_inr.expected", "By-product value (expected)", "INR"),
    _kpi("purchase_cost_inr.expected", "Purchase (expected)", "INR"),
    _kpi("margin_inr.expected", "Margin (expected)", "INR"),
    _kpi("margin_inr.low", "Margin (low)", "INR"),
    _kpi("margin_inr.high", "Margin (high)", "INR"),
    _kpi("cost_per_magnet_kg_inr", "Cost per kg of magnet", "INR/kg", 2),
    _kpi("sites_served", "Sites served", "sites"),
    _kpi("sites_total", "Sites in the scenario", "sites"),
    _kpi("unserved_value_inr", "Unserved value", "INR"),
    *(_kpi(f"unserved_by_binding.{b}", f"Unserved: {b.replace('_', ' ')}", "sites")
      for b in (*BINDINGS, UNEXPLAINED)),
    _kpi("routes", "Trucks used (routes)", "trucks"),
    _kpi("vehicles_available", "Trucks available", "trucks"),
    _kpi("trips", "Truck trips (unloads)", "trips"),
    _kpi("truck_days_idle", "Truck-days idle", "truck-days"),
    _kpi("truck_days", "Truck-days available", "truck-days"),
    _kpi("line_haul_trips", "Line-haul trips", "trips"),
)


def magnet_types(summaries: Mapping[str, Summary]) -> list[str]:
    """Every magnet type collected in any scenario, sorted."""
    return sorted({t for s in summaries.values() for t in (s.get("magnet_kg_by_type") or {})})


def table_kpis(summaries: Mapping[str, Summary]) -> list[Kpi]:
    """The rows for these summaries: the fixed KPIs, one per magnet type of any scenario (0 kg
    where a scenario collected none of it) and the annual block if any summary has one."""
    kpis = list(KPIS_HEAD)
    kpis += [Kpi(f"magnet_kg_by_type.{t}", f"Magnet: {t}", "kg",
                 field("magnet_kg_by_type", t, default=0.0), 2)
             for t in magnet_types(summaries)]
    kpis += KPIS_TAIL
    if any("annual" in s for s in summaries.values()):
        kpis += [_kpi(f"annual.{key}", label, unit, decimals)
                 for key, label, unit, decimals in ANNUAL_ROWS]
    return kpis


def sample_kpis() -> list[Kpi]:
    """The rows read from samples.json: the net value's percentiles over sampled yields."""
    return [Kpi(f"samples.net_value_inr.{p}", f"Net value {p.upper()} (sampled)", "INR",
                field("net_value_inr", p), 0) for p in SAMPLE_PERCENTILES]


def comparison_table(summaries: Mapping[str, Summary],
                     samples: Mapping[str, Mapping[str, Any]] | None = None
                     ) -> list[ComparisonRow]:
    """The comparison: one row per KPI, one column per scenario (in `summaries`' order).

    Parameters
    ----------
    summaries
        scenario name -> its summary.json, as read.
    samples
        scenario name -> its samples.json (`analysis.sampling.spread` of the value and net
        value); scenarios without one have blank sample rows. No sample rows when None or empty.
    """
    rows = [ComparisonRow(k.key, k.label, k.unit, k.decimals,
                          {name: k.get(s) for name, s in summaries.items()})
            for k in table_kpis(summaries)]
    if samples:
        rows += [ComparisonRow(k.key, k.label, k.unit, k.decimals,
                               {name: k.get(samples[name]) if name in samples else None
                                for name in summaries})
                 for k in sample_kpis()]
    return rows
