"""magroute replan PLAN_DIR --queue NEW.csv --lock V1,V2:1"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from magroute.batch.replan import replan as replan_plan
from magroute.cli.options import Lang, LangOpt, PlanDirArg, SeedOpt, TimeLimitOpt, console
from magroute.cli.plan import print_outputs
from magroute.errors import CheckError
from magroute.formatting import inr


def replan(
    plan_dir: PlanDirArg,
    queue: Annotated[Path, typer.Option("--queue", show_default=False,
                                        help="Late requests (same columns as the night queue).")],
    lock: Annotated[str, typer.Option(
        "--lock", help="Comma-separated vehicle ids whose routes are on the road: kept as "
        "they are. VEHICLE:N keeps only its first N trips (done or under way); the truck is "
        "planned again from the end of its N-th unload.")] = "",
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder for the new plan (default: PLAN_DIR-replan).")] = None,
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = None,
    force: Annotated[bool, typer.Option(help="Replace --out if it exists.")] = False,
    lang: LangOpt = Lang.en,
) -> None:
    """Insert late pickup requests into a plan while dispatched routes keep their sequence.

    Locked vehicles keep their route exactly (stops, times, route id, pickup IDs) and take
    nothing new; every other site of the plan and the late requests are planned again for the
    other trucks. Writes a complete, checked plan folder with requests.csv. Exit code 5 when
    the check finds violations.
    """
    locks = [v.strip() for v in lock.split(",") if v.strip()]
    out = out or plan_dir.parent / f"{plan_dir.name}-replan"
    result = replan_plan(plan_dir, queue, locks, out, time_limit_s=time_limit, seed=seed,
                         lang=lang.value, force=force)
    served = sum(o.status == "served" for o in result.outcomes)
    console.print(f"Locked routes kept: {escape(', '.join(result.locked)) or 'none'}")
    console.print(f"Late requests served: {served} of {len(result.outcomes)}; sites served "
                  f"{result.kpis.sites_served} of {result.kpis.sites_total}; net value "
                  f"{inr(result.kpis.net_value_inr)}, margin "
                  f"{inr(result.kpis.margin_inr['expected'])}")
    for o in result.outcomes:
        if o.status != "served":
            console.print(f"  not served: {escape(o.request.request_id)} "
                          f"({escape(o.reason)})", highlight=False)
    if not result.violations:
        console.print("[green]check passed[/]")
    print_outputs(result.out_dir, result.files)
    if result.violations:
        raise CheckError(f"{len(result.violations)} check violations "
                         f"(run `magroute check {result.out_dir}`)")
