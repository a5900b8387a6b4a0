"""A scenario: which inputs, which horizon, how to measure travel and how long to search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# auto = hybrid: PyVRP iterated local search on every core, checked against the full model with
# OR-Tools (docs/engine.md); the ortools-* strategies search with OR-Tools alone.
STRATEGIES = ("auto", "hybrid", "ortools-gls", "ortools-tabu", "ortools-sa")


@dataclass(frozen=True, slots=True)
class TravelSettings:
    """Great-circle x circuity with speeds by distance band (the only source until the road graph).

    Road distance = great-circle x `circuity_short` up to `short_hop_km`, and x `circuity_intercity`
    beyond (continuous at the joint). Driving time fills `speed_bands` like tax brackets: the first
    km of a leg at the first band's speed, and so on, so longer legs are never quicker.
    """

    source: str = "great_circle"
    circuity_short: float = 1.4
    circuity_intercity: float = 1.25
    short_hop_km: float = 50.0
    # (upper bound of the band in road km, speed km/h); the last bound may be inf.
    speed_bands: tuple[tuple[float, float], ...] = (
        (10.0, 20.0),
        (50.0, 30.0),
        (200.0, 40.0),
        (float("inf"), 50.0),
    )

    def __post_init__(self) -> None:
        if self.source != "great_circle":
            raise ValueError(f"unknown travel source {self.source!r}; valid: great_circle")
        if self.circuity_short < 1 or self.circuity_intercity < 1:
            raise ValueError("circuity factors must be >= 1")
        if self.short_hop_km < 0:
            raise ValueError("short_hop_km must be >= 0")
        if not self.speed_bands:
            raise ValueError("speed_bands must not be empty")
        bounds = [b for b, _ in self.speed_bands]
        if bounds != sorted(bounds) or bounds[-1] != float("inf"):
            raise ValueError("speed_bands must be increasing and end with an unbounded band")
        if any(v <= 0 for _, v in self.speed_bands):
            raise ValueError("speeds must be positive")


@dataclass(frozen=True, slots=True)
class SolveSettings:
    time_limit_s: float = 60.0
    seed: int = 0
    strategy: str = "auto"
    # Reproducible runs: the same seed and limit give the same plan when the time limit does not
    # bind first. solution_limit counts OR-Tools' improving solutions (ortools-* strategies),
    # iteration_limit the hybrid's local-search iterations per worker and phase.
    solution_limit: int | None = None
    iteration_limit: int | None = None
    workers: int | None = None  # parallel search processes; None = every core (at most 8)

    def __post_init__(self) -> None:
        if self.time_limit_s <= 0:
            raise ValueError("time_limit_s must be positive")
        if self.workers is not None and self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {self.strategy!r}; valid: {', '.join(STRATEGIES)}")


@dataclass(frozen=True, slots=True)
class SiteFilter:
    """Which sites of the register this scenario plans for."""

    within_km_of_hub: float | None = None
    states: tuple[str, ...] = ()
    site_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    path: Path  # the scenario file; input paths are absolute after loading
    sites_path: Path
    fleet_path: Path
    yields_path: Path
    hubs_path: Path
    hub_id: str
    start_date: date
    horizon_days: int
    max_tour_days: int
    shift_start: str
    shift_end: str
    service_minutes_by_site_type: tuple[tuple[str, float], ...]
    service_minutes_per_tonne: float
    description: str = ""
    site_filter: SiteFilter = field(default_factory=SiteFilter)
    travel: TravelSettings = field(default_factory=TravelSettings)
    solve: SolveSettings = field(default_factory=SolveSettings)
