"""The Problem aggregate: the solver's only input besides travel matrices and search parameters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from magroute.domain.bans import TruckBan, bans_at
from magroute.domain.driver import DriverRules
from magroute.domain.entry import EntryCharge
from magroute.domain.fleet import VEHICLE_CLASSES, IdleCost, Vehicle, VehicleType, classes_up_to
from magroute.domain.horizon import Horizon
from magroute.domain.hub import Hub
from magroute.domain.linehaul import LineHaul
from magroute.domain.site import SITE_TYPES, Site
from magroute.domain.supply import SupplyEstimate
from magroute.domain.yields import SiteYield
from magroute.errors import InputProblem


@dataclass(frozen=True, slots=True)
class ServiceTimes:
    """Time spent at a site: a base by site type plus loading time per tonne collected."""

    minutes_by_site_type: tuple[tuple[str, float], ...]
    minutes_per_tonne: float

    def __post_init__(self) -> None:
        for site_type, minutes in self.minutes_by_site_type:
            if site_type not in SITE_TYPES:
                raise ValueError(f"service time for unknown site type {site_type!r}")
            if minutes < 0:
                raise ValueError(f"negative service time for {site_type}")
        if self.minutes_per_tonne < 0:
            raise ValueError("minutes_per_tonne must be >= 0")

    def service_s(self, site: Site) -> int:
        base = dict(self.minutes_by_site_type).get(site.site_type, 0.0)
        return round(60 * (base + self.minutes_per_tonne * site.gross_weight_kg / 1000))


@dataclass(frozen=True, slots=True)
class Problem:
    """Sites (with their expected yields), hubs, fleet, horizon and service times, cross-checked."""

    name: str
    sites: tuple[Site, ...]
    yields: tuple[SiteYield, ...]
    hubs: tuple[Hub, ...]
    hub_id: str  # where every tour unloads
    vehicles: tuple[Vehicle, ...]
    horizon: Horizon
    service: ServiceTimes
    bans: tuple[TruckBan, ...] = ()  # city truck-entry bans
    driver_rules: DriverRules | None = None  # None: the shift alone limits a day's duty
    line_hauls: tuple[LineHaul, ...] = ()  # consolidation hubs: their trucks unload there
    # Learnt supply applied to the yields (visited sites only; `[supply]` of the scenario).
    supply: tuple[SupplyEstimate, ...] = ()
    # Legal but unusual input values (a shop with 50,000 drives, a fleet entry of 0 trucks, a
    # ban row twice): they do not stop the plan, and the plan's notes repeat them.
    input_warnings: tuple[InputProblem, ...] = ()
    # The largest vehicle class each site type admits where a site gives none (scenario
    # [access]); a type not named admits any.
    access_by_site_type: tuple[tuple[str, str], ...] = ()
    # What owned trucks cost on the days they do not work (fleet [idle_cost]); KPIs only.
    idle_cost: IdleCost = IdleCost()
    # City entry charges (scenario [inputs] entry_charges), and the charged area each site or
    # hub lies in (place id -> area; places outside every charged area are absent).
    entry_charges: tuple[EntryCharge, ...] = ()
    area_of_place: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        dup = [k for k, n in Counter(s.site_id for s in self.sites).items() if n > 1]
        if dup:
            raise ValueError(f"duplicate site ids: {', '.join(sorted(dup)[:10])}")
        if len(self.yields) != len(self.sites) or any(
            y.site_id != s.site_id for y, s in zip(self.yields, self.sites, strict=True)
        ):
            raise ValueError("yields must be aligned with sites")
        hub_ids = {h.hub_id for h in self.hubs}
        if self.hub_id not in hub_ids:
            raise ValueError(f"unloading hub {self.hub_id!r} is not among the hubs {sorted(hub_ids)}")
        dup_v = [k for k, n in Counter(v.vehicle_id for v in self.vehicles).items() if n > 1]
        if dup_v:
            raise ValueError(f"duplicate vehicle ids: {', '.join(sorted(dup_v))}")
        for v in self.vehicles:
            if v.home_hub_id not in hub_ids:
                raise ValueError(f"vehicle {v.vehicle_id}: home hub {v.home_hub_id!r} unknown")
        for lh in self.line_hauls:
            if lh.hub_id not in hub_ids or lh.hub_id == self.hub_id:
                raise ValueError(f"line-haul from {lh.hub_id!r}: not a hub other than the "
                                 f"plant {self.hub_id!r}")
        for site_type, c in self.access_by_site_type:
            if site_type not in SITE_TYPES or c not in VEHICLE_CLASSES:
                raise ValueError(f"access: {site_type} = {c!r} is not a site type and a vehicle "
                                 f"class ({', '.join(VEHICLE_CLASSES)})")
        r = self.driver_rules
        if r is not None and self.horizon.rest_s < r.min_rest_s:
            raise ValueError(
                f"the shift leaves {self.horizon.rest_s / 3600:g} h of rest between shifts, less "
                f"than the drivers' minimum rest of {r.min_rest_h:g} h (fleet [driver_hours]); "
                f"shorten the shift to at most {24 - r.min_rest_h:g} h")
        if r is not None and self.horizon.shift_s > r.spread_over_s:
            raise ValueError(
                f"the shift is {self.horizon.shift_s / 3600:g} h, longer than the drivers' "
                f"{r.max_spread_over_h:g} h spread-over (fleet [driver_hours] max_spread_over_h; "
                "Motor Transport Workers Act s.16): shorten [shift] to at most "
                f"{r.max_spread_over_h:g} h, or plan two-driver crews")

    @property
    def hub(self) -> Hub:
        return self.hub_by_id(self.hub_id)

    def hub_by_id(self, hub_id: str) -> Hub:
        for h in self.hubs:
            if h.hub_id == hub_id:
                return h
        raise KeyError(hub_id)

    def site_index(self) -> dict[str, int]:
        return {s.site_id: i for i, s in enumerate(self.sites)}

    def yield_of(self, site_id: str) -> SiteYield:
        return self.yields[self.site_index()[site_id]]

    def points(self) -> list[tuple[float, float]]:
        """(lat, lon) of every location in travel-matrix order: hubs first, then sites."""
        return [(h.lat, h.lon) for h in self.hubs] + [(s.lat, s.lon) for s in self.sites]

    def hub_node(self, hub_id: str) -> int:
        return [h.hub_id for h in self.hubs].index(hub_id)

    def site_node(self, site_index: int) -> int:
        return len(self.hubs) + site_index

    def end_hub_id(self, home_hub_id: str) -> str:
        """Where a truck based at `home_hub_id` unloads: its own hub if that consolidates,
        else the plant."""
        return home_hub_id if any(lh.hub_id == home_hub_id for lh in self.line_hauls) \
            else self.hub_id

    def line_haul_from(self, hub_id: str) -> LineHaul | None:
        return next((lh for lh in self.line_hauls if lh.hub_id == hub_id), None)

    def rules_for(self, vtype: VehicleType) -> DriverRules | None:
        """The driver-hours rules of a truck of this type (a two-driver crew's are wider)."""
        r = self.driver_rules
        return None if r is None else r.for_crew(vtype.crew)

    @property
    def widest_rules(self) -> DriverRules | None:
        """The widest rules of any truck of the fleet (what the prefilter's necessary tests use)."""
        r = self.driver_rules
        return None if r is None else r.for_crew(max((v.vtype.crew for v in self.vehicles),
                                                     default=1))

    def bans_for_site(self, site_index: int) -> tuple[TruckBan, ...]:
        s = self.sites[site_index]
        return bans_at(self.bans, s.lat, s.lon)

    def max_vehicle_class(self, s: Site) -> str:
        """The largest vehicle class that may serve the site: its own, else its type's."""
        return s.max_vehicle_class or dict(self.access_by_site_type).get(
            s.site_type, VEHICLE_CLASSES[-1])

    def access_classes(self, site: Site) -> frozenset[str] | None:
        """The vehicle classes that may serve the site; None when every class may."""
        top = self.max_vehicle_class(site)
        return None if top == VEHICLE_CLASSES[-1] else classes_up_to(top)

    def access_note(self, s: Site) -> str:
        """Where the site's access limit comes from, in words."""
        top = self.max_vehicle_class(s)
        return (f"vehicles up to {top} ("
                + ("sites.csv max_vehicle_class" if s.max_vehicle_class
                   else f"[access] default for {s.site_type}") + ")")

    @property
    def max_payload_kg(self) -> float:
        return max((v.vtype.payload_kg for v in self.vehicles), default=0.0)
