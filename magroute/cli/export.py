"""magroute export PLAN_DIR --to ... --lang ..."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from magroute.cli.options import Lang, LangOpt, PlanDirArg, QuietOpt, console_err
from magroute.cli.plan import print_outputs
from magroute.cli.progress import export_progress
from magroute.errors import InputError, InputProblem
from magroute.export import EXPORT_FORMATS
from magroute.pipeline import export_plan_dir


def export(
    plan_dir: PlanDirArg,
    to: Annotated[str, typer.Option(
        "--to", help=f"Comma-separated outputs: {', '.join(EXPORT_FORMATS)} (default: all).")
    ] = ",".join(EXPORT_FORMATS),
    lang: LangOpt = Lang.en,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder to write into (default: the plan folder).")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Write a plan's driver and planner outputs again, from the plan folder alone.

    Outputs: pickups (pickups.csv, the pickup ledger), xlsx (plan.xlsx), map (map.html, works
    offline), gpx, kml and geojson (one file per route in routes/), manifest (HTML and PDF per
    route in manifests/, in --lang). Example: `magroute export runs/demo --to manifest --lang hi`.
    """
    formats = [f.strip().lower() for f in to.split(",") if f.strip()]
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown or not formats:
        raise InputError([InputProblem("--to", "unknown output format", value=", ".join(unknown)
                                       or to, expected=", ".join(EXPORT_FORMATS))])
    with export_progress(console_err, enabled=not quiet) as cb:
        files = export_plan_dir(plan_dir, formats=formats, lang=lang.value, out_dir=out,
                                progress=cb)
    print_outputs(out or plan_dir, files)
