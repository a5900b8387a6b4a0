"""Scenario -> `Problem`: read every input file, cross-check them, filter sites, apply the
scenario's [prices] and [visits], compute yields."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from magroute.domain import limits
from magroute.domain.bans import TruckBan
from magroute.domain.driver import DriverRules
from magroute.domain.fleet import Vehicle
from magroute.domain.horizon import Horizon
from magroute.domain.hours import parse_clock, parse_days
from magroute.domain.hub import Hub
from magroute.domain.linehaul import LineHaul
from magroute.domain.problem import Problem, ServiceTimes
from magroute.domain.scenario import RegionSettings, Scenario, SiteFilter
from magroute.domain.site import Site
from magroute.domain.supply import SupplyEstimate
from magroute.domain.yields import SiteYield, YieldParams
from magroute.errors import InputError, InputProblem
from magroute.geo import haversine_km
from magroute.inputs.adjust import shock_prices, stock_per_visit
from magroute.inputs.bans import read_bans
from magroute.inputs.entry_charges import areas_of_places, read_entry_charges
from magroute.inputs.fleet import read_driver_rules, read_fleet, read_idle_cost
from magroute.inputs.hubs import read_hubs
from magroute.inputs.region import Region, india, load_region
from magroute.inputs.scenario_read import INPUT_FILES, input_paths, load_scenario
from magroute.inputs.sites import QTY_PREFIX, read_sites
from magroute.inputs.supply import read_estimates, read_visits
from magroute.inputs.table import raise_if_any
from magroute.inputs.yields import read_yield_params
from magroute.travel import TravelSource, travel_source_for
from magroute.yields.supply import estimate_supply, yields_with_supply


def load_problem(scenario: Scenario) -> Problem:
    """Read the scenario's input files and build the `Problem` it plans for.

    Every file is read even when an earlier one is broken, so that one `InputError` lists the
    problems of all of them. A cross-reference into a broken file (an item of a yields.toml
    that did not load, a home hub of a hubs.csv with bad rows) is not reported a second time.
    """
    problems: list[InputProblem] = []
    warnings: list[InputProblem] = []
    scenario_file = Path(scenario.path).name
    region = region_of(scenario.region)
    files = _read_files(scenario.yields_path, scenario.hubs_path, scenario.fleet_path,
                        scenario.sites_path, problems, scenario.bans_path, region, warnings)
    params, hubs, vehicles, sites, hub_ids, bans, rules = files
    idle_cost = read_idle_cost(scenario.fleet_path, problems=problems)
    entry_charges = () if scenario.entry_charges_path is None else \
        read_entry_charges(scenario.entry_charges_path, region, problems=problems)
    if hub_ids is not None and scenario.hub_id not in hub_ids:
        problems.append(InputProblem(
            scenario_file, "unloading hub is not in hubs.csv", column="[inputs] hub",
            value=scenario.hub_id, expected=f"a hub_id from {Path(scenario.hubs_path).name}: "
            f"{', '.join(sorted(hub_ids)) or 'none'}",
        ))
    for i, lh in enumerate(scenario.consolidation.line_hauls, start=1):
        if hub_ids is not None and (lh.hub_id not in hub_ids or lh.hub_id == scenario.hub_id):
            problems.append(InputProblem(
                scenario_file, "line-haul hub is not a consolidation hub in hubs.csv", row=i,
                column="[[consolidation.line_haul]] hub", value=lh.hub_id,
                expected=f"a hub_id of {Path(scenario.hubs_path).name} other than the plant "
                         f"{scenario.hub_id}: {', '.join(sorted(hub_ids - {scenario.hub_id}))}"))
    if params is not None:
        params = _shocked(params, scenario, problems)
    estimates = _supply_estimates(scenario, problems)
    raise_if_any(problems)
    assert params is not None

    hub = next(h for h in hubs if h.hub_id == scenario.hub_id)
    if scenario.max_trips is not None:  # the scenario caps every truck's trips
        vehicles = tuple(dataclasses.replace(
            v, max_trips=min(scenario.max_trips, v.max_trips or scenario.max_trips))
            for v in vehicles)
    line_hauls = _line_hauls(scenario, hubs, hub)
    sites = filter_sites(sites, scenario.site_filter, hub, problems, scenario_file)
    sites = stock_per_visit(sites, scenario.visits)
    try:
        horizon = Horizon(
            start_date=scenario.start_date,
            days=scenario.horizon_days,
            shift_start_min=parse_clock(scenario.shift_start),
            shift_end_min=parse_clock(scenario.shift_end),
            max_tour_days=scenario.max_tour_days,
        )
    except ValueError as exc:
        problems.append(InputProblem(scenario_file, f"bad horizon: {exc}"))
    try:
        service = ServiceTimes(scenario.service_minutes_by_site_type,
                               scenario.service_minutes_per_tonne)
    except ValueError as exc:
        problems.append(InputProblem(scenario_file, f"bad service times: {exc}",
                                     column="[service]"))
    raise_if_any(problems)
    yields, applied = yields_with_supply(sites, params, estimates.values(), scenario.supply.risk)
    raise_if_any(_worth_too_much(sites, yields, Path(scenario.sites_path).name))

    try:
        return Problem(
            name=scenario.name,
            sites=sites,
            yields=yields,
            hubs=hubs,
            hub_id=scenario.hub_id,
            vehicles=vehicles,
            horizon=horizon,
            service=service,
            bans=bans,
            driver_rules=rules,
            line_hauls=line_hauls,
            supply=applied,
            input_warnings=tuple(warnings),
            access_by_site_type=scenario.access.by_site_type(),
            idle_cost=idle_cost,
            entry_charges=entry_charges,
            area_of_place=areas_of_places(
                region, entry_charges,
                [(s.site_id, s.lat, s.lon) for s in sites] + [(h.hub_id, h.lat, h.lon)
                                                             for h in hubs]),
        )
    except ValueError as exc:  # a cross-check the readers above do not know about yet
        raise InputError([InputProblem(scenario_file, str(exc))]) from exc


def _supply_estimates(scenario: Scenario, problems: list[InputProblem]
                      ) -> dict[str, SupplyEstimate]:
    """The learnt supply of [supply]: a plan folder's estimates file, or the visits recorded
    in the history database; {} without [supply] (every site as declared)."""
    s = scenario.supply
    if s.estimates is not None:
        return {e.site_id: e for e in read_estimates(s.estimates, problems)}
    if s.history is not None:
        return estimate_supply(read_visits(s.history), prior_visits=s.prior_visits)
    return {}


def scenario_yield_params(scenario: Scenario) -> YieldParams:
    """The yield parameters the scenario's plans are valued with: its yields file with the
    [prices] factors applied (what `load_problem` uses).

    Raises
    ------
    InputError
        When the yields file is broken or [prices] names a magnet type it does not have.
    """
    problems: list[InputProblem] = []
    params = read_yield_params(scenario.yields_path, problems=problems)
    if params is not None:
        params = _shocked(params, scenario, problems)
    raise_if_any(problems)
    assert params is not None
    return params


def _shocked(params: YieldParams, scenario: Scenario,
             problems: list[InputProblem]) -> YieldParams | None:
    try:
        return shock_prices(params, scenario.prices)
    except ValueError as exc:  # load_scenario checks the names; a Scenario built in code may not
        problems.append(InputProblem(Path(scenario.path).name, str(exc), column="[prices] factor",
                                     expected="magnet types of "
                                              f"{Path(scenario.yields_path).name}"))
        return None


def _line_hauls(scenario: Scenario, hubs: Iterable[Hub], plant: Hub) -> tuple[LineHaul, ...]:
    """The scenario's line-hauls with their cost per trip; a rate per km is charged on the
    road distance from the hub to the plant by the scenario's travel source."""
    out = []
    by_id = {h.hub_id: h for h in hubs}
    travel: TravelSource | None = None
    for spec in scenario.consolidation.line_hauls:
        km = None
        cost = spec.cost_inr_per_trip
        if spec.rate_inr_per_km is not None:
            if travel is None:
                travel = travel_source_for(scenario.travel)
            h = by_id[spec.hub_id]
            km = travel.leg((h.lat, h.lon), (plant.lat, plant.lon))[0] / 1000
            cost = spec.rate_inr_per_km * km
        # The scenario reader requires a cost per trip or a rate per km on every line-haul.
        assert cost is not None
        out.append(LineHaul(spec.hub_id, parse_days(spec.days), parse_clock(spec.departure),
                            spec.payload_kg, round(cost, 2), km, spec.source, spec.charge,
                            spec.ptl_inr_per_kg, spec.ptl_min_inr))
    return tuple(out)


def _worth_too_much(sites: tuple[Site, ...], yields: tuple[SiteYield, ...],
                    file: str) -> list[InputProblem]:
    """Sites whose value (magnets and by-products) or purchase price, a product of legal
    counts, yields and prices, is still absurd."""
    limit = limits.SITE_VALUE_INR
    out = []
    for s, y in zip(sites, yields, strict=True):
        worth = max(y.value_inr.high + y.byproduct_inr.high, y.purchase_inr.high)
        if not limit.holds(worth):
            out.append(InputProblem(
                file, f"site {s.site_id} would be worth INR {worth:,.0f}",
                column=", ".join(f"{QTY_PREFIX}{item}" for item, _ in s.inventory),
                expected=f"item counts that make a site worth {limit.expected()}"))
    return out


# What `_read_files` returns: yield params, hubs, vehicles, sites, hub ids (None when hubs.csv
# is broken), truck bans and driver rules (None: no driver-hours model).
InputFiles = tuple[YieldParams | None, tuple[Hub, ...], tuple[Vehicle, ...], tuple[Site, ...],
                   set[str] | None, tuple[TruckBan, ...], DriverRules | None]


def region_of(settings: RegionSettings) -> Region:
    """The scenario's [region]: its own outline, or India's bundled states."""
    if settings.outline is None:
        return india(settings.buffer_km)
    return load_region(settings.outline, settings.buffer_km)


def _read_files(yields_path: Path, hubs_path: Path, fleet_path: Path, sites_path: Path,
                problems: list[InputProblem], bans_path: Path | None = None,
                region: Region | None = None,
                warnings: list[InputProblem] | None = None) -> InputFiles:
    """Read the input files into `problems` (and unusual values into `warnings`); hub ids are
    None when hubs.csv is broken. Points must lie in `region` (default: India)."""
    region = india() if region is None else region
    warned: list[InputProblem] = [] if warnings is None else warnings

    def read(reader: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, bool]:
        n = len(problems)
        result = reader(*args, problems=problems, **kwargs)
        return result, len(problems) == n

    params, yields_ok = read(read_yield_params, yields_path)
    hubs, hubs_ok = read(read_hubs, hubs_path, region=region)
    hub_ids = {h.hub_id for h in hubs} if hubs_ok else None
    vehicles, _ = read(read_fleet, fleet_path, hub_ids, warnings=warned)
    rules, _ = read(read_driver_rules, fleet_path)
    item_ids = params.item_ids if yields_ok and params is not None else None
    sites, _ = read(read_sites, sites_path, item_ids, region=region, warnings=warned)
    bans = read(read_bans, bans_path, region=region, warnings=warned)[0] \
        if bans_path is not None else ()
    return params, hubs, vehicles, sites, hub_ids, bans, rules


def filter_sites(
    sites: tuple[Site, ...],
    site_filter: SiteFilter,
    hub: Hub,
    problems: list[InputProblem] | None = None,
    file: str = "scenario",
) -> tuple[Site, ...]:
    """The sites a scenario plans for, in register order.

    `within_km_of_hub` is great-circle km from `hub`; `states` match ignoring case and
    surrounding spaces. A state in the filter that no site is in is reported to `problems`
    (a typo would otherwise silently plan for nobody).
    """
    keep = np.ones(len(sites), dtype=bool)
    if site_filter.within_km_of_hub is not None and sites:
        lat = np.array([s.lat for s in sites])
        lon = np.array([s.lon for s in sites])
        keep &= haversine_km(hub.lat, hub.lon, lat, lon) <= site_filter.within_km_of_hub
    if site_filter.states:
        wanted = {s.strip().casefold() for s in site_filter.states}
        known = {s.state.strip().casefold() for s in sites}
        if problems is not None:
            for state in site_filter.states:
                if state.strip().casefold() not in known:
                    problems.append(InputProblem(
                        file, "no site is in this state", column="[sites] states", value=state,
                        expected="states as spelt in the sites file: "
                        + ", ".join(sorted({s.state for s in sites if s.state})),
                    ))
        keep &= np.array([s.state.strip().casefold() in wanted for s in sites], dtype=bool)
    if site_filter.site_types:
        keep &= np.array([s.site_type in site_filter.site_types for s in sites], dtype=bool)
    return tuple(s for s, k in zip(sites, keep, strict=True) if k)


def validate_scenario(path: Path | str) -> list[InputProblem]:
    """Every input problem of a scenario and its files; empty when it loads cleanly."""
    return check_inputs(path)[0]


def check_inputs(path: Path | str) -> tuple[list[InputProblem], list[InputProblem]]:
    """(problems, warnings) of a scenario and its files: problems stop a plan, warnings are
    legal but unusual values (see `Problem.input_warnings`)."""
    try:
        scenario = load_scenario(path)
    except InputError as exc:
        # Still check the input files the scenario names, so that one run shows everything.
        problems = list(exc.problems)
        warnings: list[InputProblem] = []
        paths = input_paths(path)
        if set(INPUT_FILES) <= set(paths):
            _read_files(paths["yields"], paths["hubs"], paths["fleet"], paths["sites"], problems,
                        paths.get("truck_bans"), None, warnings)
        return problems, warnings
    try:
        problem = load_problem(scenario)
    except InputError as exc:
        return exc.problems, []
    return [], list(problem.input_warnings)
