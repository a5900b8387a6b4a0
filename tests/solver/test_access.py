"""Site access: a site whose lanes admit only small vehicles is never served by a larger one,
the checker catches a planted violation, and prefilter and explain name `access`."""

import dataclasses

import pytest
from factories import make_problem, make_site

from magroute.analysis import check_plan, compute_kpis
from magroute.domain import VehicleType
from magroute.domain.fleet import classes_up_to
from magroute.domain.scenario import SolveSettings
from magroute.solver.explain import explain_plan
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()
# The heavy truck is cheaper per km and per day than the mini truck, so a search free of
# access rules sends it everywhere.
ACE = VehicleType("ace", "mini truck", "scv", 750, 1500.0, 30.0, 150.0, 0.19)
HEAVY = VehicleType("hcv32", "32 ft container", "hcv", 15000, 500.0, 5.0, 100.0, 0.77)


def lanes(weight: float = 300.0, hours: str = "Mon-Sun 09:00-18:00"):
    """Three informal-cluster yards in east Delhi that only a mini truck enters, and a
    scrap yard beside them that any truck may enter."""
    narrow = [dataclasses.replace(make_site(f"L{k}", 28.66 + 0.01 * k, 77.27, 30, weight=weight,
                                            hours=hours, site_type="informal_ewaste"),
                                  max_vehicle_class="scv") for k in range(3)]
    return narrow + [make_site("Y", 28.64, 77.30, 300)]


def plan_of(problem, strategy="auto"):
    settings = SolveSettings(time_limit_s=3.0, seed=2, workers=1, strategy=strategy)
    return solve(problem, SRC.matrices(problem.points()), settings)


@pytest.mark.parametrize("strategy", ["auto", "ortools-gls"])
def test_a_site_only_a_mini_truck_enters_is_never_served_by_a_larger_one(strategy):
    problem = make_problem(lanes(), fleet=((ACE, 1), (HEAVY, 1)))
    plan = plan_of(problem, strategy)
    assert check_plan(problem, plan, SRC) == []
    served_by = {s: r.vehicle_type for r in plan.routes for s in r.site_ids}
    assert {"L0", "L1", "L2", "Y"} <= served_by.keys()
    assert {served_by[f"L{k}"] for k in range(3)} == {"ace"}

    # Control: without the access rule the cheaper heavy truck takes the lanes too ...
    free = make_problem([dataclasses.replace(s, max_vehicle_class="") for s in lanes()],
                        fleet=((ACE, 1), (HEAVY, 1)))
    free_plan = plan_of(free, strategy)
    heavy_in_lanes = [s for r in free_plan.routes if r.vehicle_type == "hcv32"
                      for s in r.site_ids if s.startswith("L")]
    assert heavy_in_lanes
    # ... and the checker, given the rule, names each such stop.
    violations = [v for v in check_plan(problem, free_plan, SRC) if v.rule == "access"]
    assert sorted(v.site_id for v in violations) == sorted(heavy_in_lanes)
    assert "hcv" in violations[0].message and "scv" in violations[0].message


def test_the_site_type_default_applies_where_the_site_gives_none():
    sites = [dataclasses.replace(s, max_vehicle_class="") for s in lanes()]
    problem = dataclasses.replace(make_problem(sites, fleet=((ACE, 1), (HEAVY, 1))),
                                  access_by_site_type=(("informal_ewaste", "scv"),))
    assert problem.access_classes(problem.sites[0]) == classes_up_to("scv") == {"scv"}
    assert problem.access_classes(problem.sites[3]) is None  # the scrap yard: any truck
    assert "[access] default for informal_ewaste" in problem.access_note(problem.sites[0])
    plan = plan_of(problem)
    assert check_plan(problem, plan, SRC) == []
    assert all(r.vehicle_type == "ace" for r in plan.routes if set(r.site_ids) & {"L0", "L1"})
    by_access = compute_kpis(problem, plan).sites_by_access
    assert by_access == {"scv": {"sites": 3, "served": 3}, "hcv": {"sites": 1, "served": 1}}


def test_prefilter_names_access_when_no_admitted_vehicle_exists_or_carries_the_load():
    sites = lanes()
    sites[0] = dataclasses.replace(sites[0], gross_weight_kg=1200.0)  # > the mini truck's 750
    problem = make_problem(sites, fleet=((ACE, 1), (HEAVY, 1)))
    plan = plan_of(problem)
    why = {u.site_id: u for u in plan.unserved}
    assert why["L0"].binding == "access"
    assert "1,200 kg is more than they carry" in why["L0"].reason
    assert "L0" not in plan.served_site_ids

    no_minis = make_problem(lanes(), fleet=((HEAVY, 2),))
    plan = plan_of(no_minis)
    assert {u.site_id for u in plan.unserved if u.binding == "access"} == {"L0", "L1", "L2"}
    assert "fleet has none" in next(u.reason for u in plan.unserved)
    assert check_plan(no_minis, plan, SRC) == []


def test_explain_names_access_when_only_a_larger_idle_truck_could_go():
    # Three lane sites open the same hour, far enough apart that one mini truck serves one.
    sites = [dataclasses.replace(make_site(f"L{k}", lat, lon, 30, weight=300,
                                           hours="Mon-Sun 10:00-10:50",
                                           site_type="informal_ewaste"), max_vehicle_class="scv")
             for k, (lat, lon) in enumerate([(28.66, 77.27), (28.98, 77.70), (28.20, 77.10)])]
    problem = make_problem(sites, fleet=((ACE, 1), (HEAVY, 1)))
    matrices = SRC.matrices(problem.points())
    plan = plan_of(problem)
    assert check_plan(problem, plan, SRC) == []
    assert {r.vehicle_type for r in plan.routes} == {"ace"}
    unserved = {u.site_id: u for u in plan.unserved}
    assert unserved and all(u.binding == "access" for u in unserved.values())
    why = {e.site_id: e for e in explain_plan(problem, matrices, plan)}
    some = next(iter(unserved))
    assert why[some].binding == "access"
    assert "vehicles up to scv (sites.csv max_vehicle_class)" in why[some].reason
