"""Pure functions of (problem, plan): KPIs and the independent plan checker."""

from magroute.analysis.checks import Violation, check_plan
from magroute.analysis.kpis import PlanKpis, RouteKpis, compute_kpis

__all__ = ["PlanKpis", "RouteKpis", "Violation", "check_plan", "compute_kpis"]
