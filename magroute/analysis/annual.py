"""A plan's KPIs as a year of collection, and the progress towards a yearly NdFeB target.

Assumption: the plan is one visit cycle of `every_days` days and the same plan repeats all
year, 365 / every_days times. Costs scale the same way, so truck fixed costs are paid only for
the days the trucks run in each cycle (as in the KPIs), not for idle days between cycles.
"""

from __future__ import annotations

from typing import Any

from magroute.analysis.kpis import PlanKpis
from magroute.domain.scenario import CollectionTarget, VisitFrequency

DAYS_PER_YEAR = 365
NDFEB_PREFIX = "ndfeb"  # magnet types whose name starts so count towards an NdFeB target


def annual_kpis(kpis: PlanKpis, visits: VisitFrequency,
                target: CollectionTarget | None = None) -> dict[str, Any]:
    """The plan's expected magnet, value, cost and margin per year, for summary.json's
    "annual".

    kg are rounded to 3 decimals and INR to 2, as in the KPIs; target progress is the share
    of `target.ndfeb_t_per_year` that the year's expected NdFeB reaches, in percent.
    """
    plans_per_year = DAYS_PER_YEAR / visits.every_days
    ndfeb_kg = sum(kg for mt, kg in kpis.magnet_kg_by_type.items() if mt.startswith(NDFEB_PREFIX))
    ndfeb_kg_per_year = ndfeb_kg * plans_per_year
    progress = None
    if target is not None:
        progress = round(100 * ndfeb_kg_per_year / (1000 * target.ndfeb_t_per_year), 2)
    return {
        "every_days": visits.every_days,
        "plans_per_year": round(plans_per_year, 3),
        "magnet_kg_per_year": round(kpis.magnet_kg["expected"] * plans_per_year, 3),
        "ndfeb_kg_per_year": round(ndfeb_kg_per_year, 3),
        "value_inr_per_year": round(kpis.value_inr["expected"] * plans_per_year, 2),
        "cost_inr_per_year": round(kpis.cost_inr["total"] * plans_per_year, 2),
        "net_value_inr_per_year": round(kpis.net_value_inr * plans_per_year, 2),
        "margin_inr_per_year": round(kpis.margin_inr["expected"] * plans_per_year, 2),
        "target_ndfeb_t_per_year": None if target is None else target.ndfeb_t_per_year,
        "target_progress_pct": progress,
    }
