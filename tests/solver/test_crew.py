"""A two-driver crew: the truck drives longer each day and works more of the week (each driver
keeps the rules), at the second driver's day rate; search, prefilter and check agree."""

import dataclasses

import pytest
from factories import make_problem, make_site

from magroute.analysis import check_plan
from magroute.analysis.kpis import compute_kpis
from magroute.domain import VehicleType
from magroute.domain.driver import DriverRules
from magroute.domain.scenario import SolveSettings
from magroute.errors import InputError
from magroute.inputs.fleet import read_fleet
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()
SOLO = VehicleType("hcv32", "32 ft container", "hcv", 15000, 2295.0, 35.7, 221.2, 0.77)
CREW = dataclasses.replace(SOLO, crew=2, second_driver_inr_per_day=1850.0)


def ahmedabad(vtype, strategy="auto"):
    """A dismantler about 770 km from the hub: a 6-day plan of 12-hour days."""
    problem = dataclasses.replace(
        make_problem([make_site("AMD1", 23.02, 72.57, 500)], days=6, fleet=((vtype, 1),),
                     shift=(7 * 60, 19 * 60)),
        driver_rules=DriverRules())
    settings = SolveSettings(time_limit_s=3.0, seed=1, workers=1, strategy=strategy)
    return problem, solve(problem, SRC.matrices(problem.points()), settings)


def driving_h_by_day(route):
    """Hours on the road (arrival minus the previous event's departure) by calendar day."""
    out: dict = {}
    for prev, e in zip(route.events, route.events[1:], strict=False):
        if e.leg_m > 0:
            day = prev.departure.date()
            out[day] = out.get(day, 0.0) + (e.arrival - prev.departure).total_seconds() / 3600
    return out


@pytest.mark.parametrize("strategy", ["auto", "ortools-gls"])
def test_a_crew_reaches_a_site_one_driver_may_not_and_the_checker_holds_each_to_its_rules(
        strategy):
    solo_problem, solo = ahmedabad(SOLO, strategy)
    assert check_plan(solo_problem, solo, SRC) == []
    assert [u.binding for u in solo.unserved] == ["driver_hours"]

    problem, plan = ahmedabad(CREW, strategy)
    assert check_plan(problem, plan, SRC) == []
    assert plan.served_site_ids == ("AMD1",)
    route = plan.routes[0]
    # More than one driver's 9 hours at the wheel on some day, more than 48 h of duty.
    assert max(driving_h_by_day(route).values()) > 9.5
    kpis = compute_kpis(problem, plan)
    r = kpis.route_kpis[0]
    assert r.crew == 2 and r.duty_hours > 48
    days = max(1.0, r.duty_hours * 3600 / problem.horizon.shift_s)
    assert r.cost_driver_inr == pytest.approx(221.2 * r.duty_hours + 1850 * days, rel=1e-4)

    # The crew's plan, checked as if one driver drove it: the checker names the rules broken.
    planted = dataclasses.replace(problem, vehicles=tuple(
        dataclasses.replace(v, vtype=SOLO) for v in problem.vehicles))
    rules = {v.rule for v in check_plan(planted, plan, SRC)}
    assert {"weekly-duty", "driving-hours", "break"} <= rules


def test_the_fleet_file_takes_a_crew_of_two_and_refuses_three(tmp_path):
    fleet = tmp_path / "fleet.toml"
    body = ('[types.hcv32]\nlabel = "32 ft"\nvehicle_class = "hcv"\npayload_kg = 15000\n'
            'fixed_cost_inr_per_day = 2295\ncost_inr_per_km = 35.7\n'
            'driver_cost_inr_per_hour = 221.2\nco2_kg_per_km = 0.77\n{crew}\n'
            '[[fleet]]\ntype = "hcv32"\ncount = 1\nhome = "SKD"\n')
    fleet.write_text(body.format(crew="crew = 2\nsecond_driver_inr_per_day = 1850"))
    (truck,) = read_fleet(fleet, {"SKD"})
    assert (truck.vtype.crew, truck.vtype.second_driver_inr_per_day) == (2, 1850.0)
    fleet.write_text(body.format(crew="crew = 3"))
    with pytest.raises(InputError, match="crew") as err:
        read_fleet(fleet, {"SKD"})
    assert "1 or 2" in str(err.value)
