"""magroute explain PLAN_DIR [SITE_ID]"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from magroute.cli.options import PlanDirArg, console
from magroute.domain.explanation import BINDINGS, SiteExplanation
from magroute.domain.problem import Problem
from magroute.errors import InputError, InputProblem
from magroute.formatting import grouped, inr
from magroute.pipeline import explain_plan_dir

SHOWN = 15  # unserved sites listed without SITE_ID, most valuable first


def explain(
    plan_dir: PlanDirArg,
    site_id: Annotated[str | None, typer.Argument(
        show_default=False, help="Explain this site only (default: a summary of every site).")
    ] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Where to write explain.csv (default: into the plan folder).")
    ] = None,
) -> None:
    """Why each site is on the plan or not, found by actually trying.

    A site's **expected value** is its contribution: magnet value + by-products - purchase
    price, at least 0. Every unserved site is inserted at every position of the plan's routes
    and given to every kind of idle truck under the full rules: the cheapest feasible way is
    its **marginal cost**
    and the **break-even value** from which the search would serve it; when no truck can take
    it, the rule whose lifting would let it in (capacity, truck-entry ban, driver hours, else
    opening hours and tour time) is the **binding** one. Every served site is taken out of its
    route: what that saves is its break-even value. Writes explain.csv with every site.
    """
    result = explain_plan_dir(plan_dir, out=out)
    if site_id is not None:
        found = [e for e in result.explanations if e.site_id == site_id]
        if not found:
            ids = [e.site_id for e in result.explanations]
            raise InputError([InputProblem(
                "sites.csv", "no such site in this plan", column="site_id", value=site_id,
                expected=f"one of {', '.join(ids[:8])}{' ...' if len(ids) > 8 else ''}")])
        _one(found[0], result.problem)
    else:
        _summary(result.explanations, result.problem)
    console.print(f"written: {result.path}", highlight=False)


def _one(e: SiteExplanation, problem: Problem) -> None:
    name = next(s.name for s in problem.sites if s.site_id == e.site_id)
    y = next(y for y in problem.yields if y.site_id == e.site_id)
    console.print(f"[bold]{escape(e.site_id)}[/] {escape(name)}: "
                  f"{'served' if e.served else 'not served'}", highlight=False)
    rows = [("magnet value", inr(y.value_inr.expected)),
            ("by-products", inr(y.byproduct_inr.expected)),
            ("purchase", inr(y.purchase_inr.expected)),
            ("contribution", inr(y.contribution_inr.expected)),
            ("expected value", inr(e.value_inr, missing="")
             + (" (the contribution, at least 0)" if y.contribution_inr.expected < 0 else ""))]
    if not e.served:
        rows.append(("binding rule", e.binding.replace("_", " ")))
    rows += [("marginal cost", inr(e.marginal_cost_inr, missing="") or "no truck can take it"),
             ("break-even value", inr(e.break_even_value_inr, missing="") or "none on its own")]
    if e.served:
        rows.append(("dropping it saves", inr(e.drop_saving_inr, missing="")))
    for label, text in rows:
        console.print(f"  {label:<18} {text}", highlight=False)
    console.print(f"  {escape(e.reason)}", highlight=False)


def _amount(x: float | None) -> str:
    """Whole rupees with Indian grouping ('' for none): the table's title says INR."""
    return "" if x is None else grouped(x, 0)


def _summary(explanations: tuple[SiteExplanation, ...], problem: Problem) -> None:
    served = [e for e in explanations if e.served]
    left = [e for e in explanations if not e.served]
    counts = Counter(e.binding for e in left)
    console.print(f"{len(served)} sites served, {len(left)} not served", highlight=False)
    for b in BINDINGS:
        if counts[b]:
            console.print(f"  {b.replace('_', ' '):<13} {counts[b]:>5}", highlight=False)
    yields = {y.site_id: y for y in problem.yields}
    # value = magnets + by-products - purchase (at least 0); the break-even value is also the
    # marginal cost of an unserved site (explain.csv has both).
    table = Table(title=f"Unserved sites, most valuable first (top {SHOWN}), INR")
    for col in ("site", "binding", "magnets", "by-products", "purchase", "value", "break-even"):
        table.add_column(col, justify="left" if col in ("site", "binding") else "right",
                         no_wrap=col != "binding")
    for e in sorted(left, key=lambda e: -e.value_inr)[:SHOWN]:
        y = yields[e.site_id]
        table.add_row(escape(e.site_id), e.binding.replace("_", " "),
                      *(_amount(x) for x in (y.value_inr.expected, y.byproduct_inr.expected,
                                            y.purchase_inr.expected, e.value_inr,
                                            e.break_even_value_inr)))
    console.print(table)
    losing = [y for y in problem.yields if y.contribution_inr.expected < 0]
    if losing:
        console.print(f"{len(losing)} sites cost more to buy than they are worth (negative "
                      "contribution): visited only when they must be", highlight=False)
