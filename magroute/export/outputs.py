"""The driver and planner outputs of a plan folder, beside the core tables (`write_plan`).

    pickups.csv            the pickup ledger (one row per pickup ID)
    plan.xlsx              Summary sheet, one sheet per route, Unserved
    map.html               the whole plan on an offline map
    routes/<route>.gpx|.kml|.geojson   per route, for phones and navigators
    manifests/<route>.<lang>.html|.pdf the driver's manifest with the consignment fields

All are pure functions of (problem, plan, KPIs, leg lines) through `export.sheets`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from magroute.analysis.kpis import PlanKpis
from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.export.driver_files import ROUTE_FORMATS, ROUTES_DIR, write_route_files
from magroute.export.geojson import LegGeometry, straight_line
from magroute.export.html_map import MAP_HTML, write_plan_map
from magroute.export.i18n import check_lang
from magroute.export.manifests import MANIFESTS_DIR, write_manifests
from magroute.export.pickups import PICKUPS_CSV, write_pickups_csv
from magroute.export.sheets import route_sheets
from magroute.export.xlsx import PLAN_XLSX, write_plan_xlsx

EXPORT_FORMATS = ("pickups", "xlsx", "map", "gpx", "kml", "geojson", "manifest")
Progress = Callable[[str, int, int], None]  # (what, done, total)


def check_formats(formats: Sequence[str]) -> None:
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s) {', '.join(map(repr, unknown))}: use "
                         f"{', '.join(EXPORT_FORMATS)}")


def write_exports(problem: Problem, plan: Plan, kpis: PlanKpis, out_dir: Path | str, *,
                  formats: Sequence[str] = EXPORT_FORMATS, lang: str = "en",
                  leg_geometry: LegGeometry = straight_line, title: str = "",
                  generated: datetime | None = None,
                  progress: Progress | None = None) -> dict[str, Path]:
    """Write the outputs named in `formats` into `out_dir`. Returns {output: path}, where the
    per-route outputs give their folder ("route_files", "manifests")."""
    check_formats(formats)
    check_lang(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    title = title or kpis.scenario
    sheets = route_sheets(problem, plan, leg_geometry=leg_geometry)
    route_formats = [f for f in ROUTE_FORMATS if f in formats]
    # One step per file or folder, in the order written; the manifests (PDF) take longest.
    steps = [f for f in ("pickups", "xlsx", "map") if f in formats]
    steps += ["/".join(route_formats)] if route_formats else []
    steps += ["manifest"] if "manifest" in formats else []
    files: dict[str, Path] = {}
    for i, step in enumerate(steps):
        if progress:
            progress(step, i, len(steps))
        if step == "pickups":
            files["pickups"] = write_pickups_csv(problem, sheets, out / PICKUPS_CSV)
        elif step == "xlsx":
            files["xlsx"] = write_plan_xlsx(problem, plan, kpis, sheets, out / PLAN_XLSX)
        elif step == "map":
            files["map"] = write_plan_map(problem, plan, sheets, kpis, out / MAP_HTML, title=title)
        elif step == "manifest":
            write_manifests(sheets, out, lang=lang, plan_name=title, generated=generated)
            files["manifests"] = out / MANIFESTS_DIR
        else:
            write_route_files(sheets, out, title=title, formats=route_formats)
            files["route_files"] = out / ROUTES_DIR
    if progress:
        progress("done", len(steps), len(steps))
    return files
