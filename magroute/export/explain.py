"""explain.csv: every site of a plan with why it is served or not, and at what value that flips."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from magroute.domain.explanation import SiteExplanation
from magroute.domain.problem import Problem
from magroute.domain.yields import SiteYield
from magroute.export.tables import write_csv
from magroute.formatting import exact_number, exact_optional

# expected_value_inr is the site's prize, what the search weighs against the cost of serving
# it: magnet_value_inr + byproduct_inr - purchase_inr (contribution_inr), at least 0.
EXPLAIN_COLUMNS = (
    "site_id", "site_name", "served", "route_id", "vehicle_id", "binding",
    "magnet_value_inr", "byproduct_inr", "purchase_inr", "contribution_inr",
    "expected_value_inr", "marginal_cost_inr", "break_even_value_inr", "drop_saving_inr",
    "reason",
)


def explain_rows(problem: Problem, explanations: Iterable[SiteExplanation]) -> list[dict]:
    names = {s.site_id: s.name for s in problem.sites}
    yields = {y.site_id: y for y in problem.yields}
    return [{
        "site_id": e.site_id,
        "site_name": names.get(e.site_id, ""),
        "served": "yes" if e.served else "no",
        "route_id": e.route_id,
        "vehicle_id": e.vehicle_id,
        "binding": e.binding,
        **_economics(yields.get(e.site_id)),
        "expected_value_inr": exact_number(e.value_inr, 2),
        "marginal_cost_inr": exact_optional(e.marginal_cost_inr, 2),
        "break_even_value_inr": exact_optional(e.break_even_value_inr, 2),
        "drop_saving_inr": exact_optional(e.drop_saving_inr, 2),
        "reason": e.reason,
    } for e in explanations]


def _economics(y: SiteYield | None) -> dict[str, str]:
    """The site's expected magnet value, by-products, purchase and their balance ('' unknown)."""
    if y is None:
        return dict.fromkeys(("magnet_value_inr", "byproduct_inr", "purchase_inr",
                              "contribution_inr"), "")
    return {"magnet_value_inr": exact_number(y.value_inr.expected, 2),
            "byproduct_inr": exact_number(y.byproduct_inr.expected, 2),
            "purchase_inr": exact_number(y.purchase_inr.expected, 2),
            "contribution_inr": exact_number(y.contribution_inr.expected, 2)}


def write_explain_csv(problem: Problem, explanations: Iterable[SiteExplanation],
                      path: Path | str) -> Path:
    return write_csv(Path(path), EXPLAIN_COLUMNS, explain_rows(problem, explanations))
