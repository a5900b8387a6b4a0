"""explain.csv: every site of a plan with why it is served or not, and at what value that flips."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from magroute.domain.explanation import SiteExplanation
from magroute.domain.problem import Problem
from magroute.export.tables import write_csv
from magroute.formatting import exact_number, exact_optional

EXPLAIN_COLUMNS = (
    "site_id", "site_name", "served", "route_id", "vehicle_id", "binding",
    "expected_value_inr", "marginal_cost_inr", "break_even_value_inr", "drop_saving_inr",
    "reason",
)


def explain_rows(problem: Problem, explanations: Iterable[SiteExplanation]) -> list[dict]:
    names = {s.site_id: s.name for s in problem.sites}
    return [{
        "site_id": e.site_id,
        "site_name": names.get(e.site_id, ""),
        "served": "yes" if e.served else "no",
        "route_id": e.route_id,
        "vehicle_id": e.vehicle_id,
        "binding": e.binding,
        "expected_value_inr": exact_number(e.value_inr, 2),
        "marginal_cost_inr": exact_optional(e.marginal_cost_inr, 2),
        "break_even_value_inr": exact_optional(e.break_even_value_inr, 2),
        "drop_saving_inr": exact_optional(e.drop_saving_inr, 2),
        "reason": e.reason,
    } for e in explanations]


def write_explain_csv(problem: Problem, explanations: Iterable[SiteExplanation],
                      path: Path | str) -> Path:
    return write_csv(Path(path), EXPLAIN_COLUMNS, explain_rows(problem, explanations))
