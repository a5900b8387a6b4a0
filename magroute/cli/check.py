"""magroute check PLAN_DIR"""

from __future__ import annotations

from magroute.cli.options import PlanDirArg, console
from magroute.errors import CheckError
from magroute.pipeline import check_plan_dir


def check(plan_dir: PlanDirArg) -> None:
    """Independently re-check a written plan against its inputs and list every violation.

    Re-derives loads, times, distances and costs from the scenario and input files copied into
    the plan folder. Exit code 0 when the plan is valid, 5 when there are violations.
    """
    result = check_plan_dir(plan_dir)
    routes, sites = len(result.plan.routes), len(result.problem.sites)
    if not result.violations:
        console.print(f"[green]OK[/]: {routes} routes, {sites} sites accounted for, "
                      "0 violations")
        return
    for v in result.violations:
        console.print(f"  - {v}", highlight=False, markup=False)
    raise CheckError(f"{len(result.violations)} violations in {plan_dir}")
