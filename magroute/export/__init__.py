"""Write a plan to files, one format per module; `plan_dir` puts them in a folder and reads
it back."""

from magroute.export.geojson import (
    LegGeometry,
    routes_feature_collection,
    straight_line,
    write_routes_geojson,
)
from magroute.export.plan_dir import (
    EXPORT_FORMATS,
    ROUTES_CSV,
    ROUTES_GEOJSON,
    SUMMARY_JSON,
    UNSERVED_CSV,
    read_plan,
    write_exports,
    write_plan,
)
from magroute.export.summary import summary_rows, write_summary_json
from magroute.export.tables import (
    ROUTE_COLUMNS,
    UNSERVED_COLUMNS,
    write_routes_csv,
    write_unserved_csv,
)

__all__ = [
    "EXPORT_FORMATS",
    "LegGeometry",
    "ROUTES_CSV",
    "ROUTES_GEOJSON",
    "ROUTE_COLUMNS",
    "SUMMARY_JSON",
    "UNSERVED_COLUMNS",
    "UNSERVED_CSV",
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
