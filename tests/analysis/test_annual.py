"""A plan's KPIs as a year of collection, on a hand-computed example."""

from __future__ import annotations

import json

import pytest

from magroute.analysis.annual import annual_kpis
from magroute.analysis.kpis import PlanKpis
from magroute.domain.scenario import CollectionTarget, VisitFrequency


def kpis(**changes) -> PlanKpis:
    fields = dict(
        scenario="t", status="feasible", runtime_s=1.0, sites_total=3, sites_served=2,
        sites_unserved=1, routes=1, vehicles_available=1, distance_km=100.0,
        cost_inr={"fixed": 1000.0, "distance": 2000.0, "driver": 500.0, "line_haul": 0.0,
                  "total": 3500.0},
        scrap_kg=800.0,
        magnet_kg={"expected": 100.0, "low": 60.0, "high": 150.0},
        # 70 kg NdFeB (HDD 40 + motor 25 + EV 5), 30 kg not NdFeB
        magnet_kg_by_type={"alnico": 10.0, "ndfeb_ev": 5.0, "ndfeb_hdd": 40.0,
                           "ndfeb_motor": 25.0, "smco": 20.0},
        value_inr={"expected": 200_000.0, "low": 100_000.0, "high": 400_000.0},
        net_value_inr=196_500.0,
        magnet_value_inr={"expected": 200_000.0, "low": 100_000.0, "high": 400_000.0},
        byproduct_value_inr={"expected": 50_000.0, "low": 40_000.0, "high": 60_000.0},
        purchase_cost_inr={"expected": 30_000.0, "low": 20_000.0, "high": 45_000.0},
        # 200,000 + 50,000 - 30,000 - 3,500
        margin_inr={"expected": 216_500.0, "low": 91_500.0, "high": 436_500.0},
        cost_per_magnet_kg_inr=35.0, co2_kg=34.0,
        unserved_value_inr=0.0,
    )
    fields.update(changes)
    return PlanKpis(**fields)


def test_weekly_plan_with_a_target():
    a = annual_kpis(kpis(), VisitFrequency(every_days=7), CollectionTarget(25.0))
    ppy = 365 / 7  # 52.142857...
    assert a == {
        "every_days": 7,
        "plans_per_year": 52.143,
        "magnet_kg_per_year": round(100 * ppy, 3),  # 5,214.286
        "ndfeb_kg_per_year": round(70 * ppy, 3),  # 3,650.0
        "value_inr_per_year": round(200_000 * ppy, 2),
        "cost_inr_per_year": round(3500 * ppy, 2),  # 182,500.0
        "net_value_inr_per_year": round(196_500 * ppy, 2),
        "margin_inr_per_year": round(216_500 * ppy, 2),
        "target_ndfeb_t_per_year": 25.0,
        "target_progress_pct": 14.6,  # 3.65 t of 25 t
    }
    assert a["ndfeb_kg_per_year"] == 3650.0 and a["cost_inr_per_year"] == 182_500.0


def test_fortnightly_plan_repeats_half_as_often_and_no_target_gives_none():
    a = annual_kpis(kpis(), VisitFrequency(every_days=14))
    assert a["every_days"] == 14 and a["plans_per_year"] == pytest.approx(26.071, abs=1e-9)
    assert a["ndfeb_kg_per_year"] == 1825.0
    assert a["target_ndfeb_t_per_year"] is None and a["target_progress_pct"] is None


def test_stock_days_do_not_change_how_often_the_plan_repeats():
    # stock_days scales what a visit collects (already in the KPIs), not the count of plans
    a = annual_kpis(kpis(), VisitFrequency(every_days=7, stock_days=14))
    assert a["plans_per_year"] == 52.143


def test_a_plan_with_no_ndfeb_makes_no_progress_and_is_json():
    a = annual_kpis(kpis(magnet_kg_by_type={"smco": 3.0}), VisitFrequency(),
                    CollectionTarget(10.0))
    assert a["ndfeb_kg_per_year"] == 0 and a["target_progress_pct"] == 0
    assert json.loads(json.dumps(a)) == a
