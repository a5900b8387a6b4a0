"""Write a plan to files, one format per module, and read it back (`read_plan`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from magroute.analysis.kpis import PlanKpis
from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.export.geojson import (
    LegGeometry,
    routes_feature_collection,
    straight_line,
    write_routes_geojson,
)
from magroute.export.linehaul import LINEHAUL_CSV, write_linehaul_csv
from magroute.export.outputs import EXPORT_FORMATS, write_exports
from magroute.export.outputs import Progress as ExportProgress
from magroute.export.summary import format_inr, summary_rows, write_summary_json
from magroute.export.tables import (
    ROUTE_COLUMNS,
    ROUTES_CSV,
    SUMMARY_JSON,
    UNSERVED_COLUMNS,
    UNSERVED_CSV,
    read_plan,
    write_routes_csv,
    write_unserved_csv,
)

ROUTES_GEOJSON = "routes.geojson"

__all__ = [
    "EXPORT_FORMATS",
    "LegGeometry",
    "ROUTES_CSV",
    "ROUTES_GEOJSON",
    "ROUTE_COLUMNS",
    "SUMMARY_JSON",
    "UNSERVED_COLUMNS",
    "UNSERVED_CSV",
    "format_inr",
    "read_plan",
    "routes_feature_collection",
    "straight_line",
    "summary_rows",
    "write_plan",
    "write_routes_csv",
    "write_routes_geojson",
    "write_summary_json",
    "write_exports",
    "write_unserved_csv",
]


def write_plan(
    problem: Problem,
    plan: Plan,
    kpis: PlanKpis,
    out_dir: Path | str,
    *,
    extra: dict | None = None,
    leg_geometry: LegGeometry = straight_line,
    formats: Sequence[str] = EXPORT_FORMATS,
    lang: str = "en",
    progress: ExportProgress | None = None,
) -> dict[str, Path]:
    """Write routes.csv, unserved.csv, summary.json and routes.geojson (with consolidation
    hubs linehaul.csv) into `out_dir` (created if needed), then the driver and planner outputs
    named in `formats` (`export.outputs`; `formats=()` for the core tables only). Returns
    {"routes", "unserved", "summary", "geojson", ...} -> path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "routes": write_routes_csv(problem, plan, out / ROUTES_CSV),
        "unserved": write_unserved_csv(problem, plan, out / UNSERVED_CSV),
        "summary": write_summary_json(kpis, plan, out / SUMMARY_JSON, extra=extra),
        "geojson": write_routes_geojson(problem, plan, out / ROUTES_GEOJSON,
                                        leg_geometry=leg_geometry),
    }
    if problem.line_hauls:
        files["linehaul"] = write_linehaul_csv(problem, plan, out / LINEHAUL_CSV)
    exports = write_exports(problem, plan, kpis, out, formats=formats, lang=lang,
                            leg_geometry=leg_geometry, progress=progress)
    clash = set(exports) & set(files)
    assert not clash, clash  # "routes" is routes.csv; the route files' folder is "route_files"
    files.update(exports)
    return files
