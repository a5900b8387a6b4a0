"""The plan folder: the name of every file in it, writing it whole or not at all, reading it back.

`plan`, `night`, `replan` and `compare` write one; `check`, `export`, `explain`, `receive`,
`replan` and `compare` read one. Its layout:

    routes.csv unserved.csv summary.json routes.geojson   the plan itself (`write_plan`)
    linehaul.csv                                          trunk trips of consolidation hubs
    pickups.csv plan.xlsx map.html routes/ manifests/     driver and planner outputs (`write_exports`)
    scenario.toml inputs/                                 the scenario and its inputs, copied so the
                                                          folder can be checked on its own (with
                                                          [supply] the learnt supply.csv too)
    requests.csv queue-next.csv                           `night` and `replan`: each request's
                                                          outcome, and the next night's queue
    explain.csv                                           `magroute explain`
    receipts.csv receipt-routes.csv receipt-trips.csv     `magroute receive`, with a material
    passports.jsonl                                       passport per received lot

Each format has its own module (`tables`, `summary`, `geojson`, ...) that writes and reads one
file at a path it is given; this module alone knows the names and puts them together.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from magroute.analysis.kpis import PlanKpis
from magroute.domain.pickup import PlannedPickup
from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.domain.scenario import Scenario
from magroute.domain.supply import SupplyEstimate
from magroute.errors import InputError, InputProblem
from magroute.export.atomic_folder import clear_leftovers, swap_in, temp_name
from magroute.export.driver_files import ROUTE_FORMATS, write_route_files
from magroute.export.geojson import LegGeometry, straight_line, write_routes_geojson
from magroute.export.html_map import write_plan_map
from magroute.export.i18n import check_lang
from magroute.export.linehaul import write_linehaul_csv
from magroute.export.manifests import write_manifests
from magroute.export.pickups import read_pickup_ledger, write_pickups_csv
from magroute.export.sheets import route_sheets
from magroute.export.summary import read_plan_meta, write_summary_json
from magroute.export.tables import read_routes, read_unserved, write_routes_csv, write_unserved_csv
from magroute.export.xlsx import write_plan_xlsx
from magroute.inputs import load_problem, load_scenario, scenario_to_toml
from magroute.inputs.sites import write_sites
from magroute.inputs.supply import write_estimates

ROUTES_CSV = "routes.csv"
UNSERVED_CSV = "unserved.csv"
SUMMARY_JSON = "summary.json"
ROUTES_GEOJSON = "routes.geojson"
LINEHAUL_CSV = "linehaul.csv"
PICKUPS_CSV = "pickups.csv"
PLAN_XLSX = "plan.xlsx"
MAP_HTML = "map.html"
ROUTES_DIR = "routes"
MANIFESTS_DIR = "manifests"
SCENARIO_COPY = "scenario.toml"
INPUTS_DIR = "inputs"
SUPPLY_CSV = "supply.csv"  # in inputs/: the learnt supply the plan was made with
REQUESTS_OUT = "requests.csv"
QUEUE_NEXT = "queue-next.csv"
EXPLAIN_CSV = "explain.csv"
RECEIPTS_CSV = "receipts.csv"
RECEIPT_ROUTES_CSV = "receipt-routes.csv"
RECEIPT_TRIPS_CSV = "receipt-trips.csv"
PASSPORTS_JSONL = "passports.jsonl"

EXPORT_FORMATS = ("pickups", "xlsx", "map", "gpx", "kml", "geojson", "manifest")
Progress = Callable[[str, int, int], None]  # (what, done, total)
WHAT_IT_IS = "a folder written by `magroute plan`, `night` or `replan`"


# ---------------------------------------------------------------- writing


def write_folder(final: Path, write: Callable[[Path], dict[str, Path]]) -> dict[str, Path]:
    """Let `write` fill a temporary folder beside `final`, then rename it to `final` in one
    step; an existing `final` is replaced only once the new folder is complete, so a crash or
    Ctrl-C never leaves half a plan. Returns the written files' paths under `final`.

    An existing `final` must be empty or a plan folder: replacing a folder of other files
    (a typo such as `--out .`) would delete them.
    """
    final = Path(final)
    clear_leftovers(final)  # of a writer killed earlier: its previous folder goes back first
    check_out_dir(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(final, "tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        files = write(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap_in(tmp, final)
    return {k: final / p.relative_to(tmp) for k, p in files.items()}


def check_out_dir(final: Path) -> None:
    """Raise an `InputError` unless `final` may receive a plan (called before a long search
    too, so the user hears it at once): it must be new, empty or an earlier plan folder."""
    final = Path(final)
    if not final.exists():
        return
    if not final.is_dir():
        raise InputError([InputProblem(str(final), "exists and is not a folder",
                                       expected="a new folder for the plan")])
    if any(final.iterdir()) and not is_plan_dir(final):
        raise InputError([InputProblem(
            str(final), "exists and is not a plan folder (it has no scenario.toml or "
            "routes.csv), so writing the plan there would replace its files",
            expected="a new or empty folder, or an earlier plan folder to replace")])


def is_plan_dir(folder: Path) -> bool:
    """True if `folder` looks like a plan folder (ours to replace)."""
    return (folder / SCENARIO_COPY).is_file() or (folder / ROUTES_CSV).is_file()


def write_plan(
    problem: Problem,
    plan: Plan,
    kpis: PlanKpis,
    out_dir: Path | str,
    *,
    extra: dict[str, Any] | None = None,
    leg_geometry: LegGeometry = straight_line,
    formats: Sequence[str] = EXPORT_FORMATS,
    lang: str = "en",
    progress: Progress | None = None,
) -> dict[str, Path]:
    """Write routes.csv, unserved.csv, summary.json and routes.geojson (with consolidation
    hubs linehaul.csv) into `out_dir` (created if needed), then the driver and planner outputs
    named in `formats` (`write_exports`; `formats=()` for the core tables only). Returns
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
    """Write the driver and planner outputs named in `formats` into `out_dir`:

        pickups.csv            the pickup ledger (one row per pickup ID)
        plan.xlsx              Summary sheet, one sheet per route, Unserved
        map.html               the whole plan on an offline map
        routes/<route>.gpx|.kml|.geojson   per route, for phones and navigators
        manifests/<route>.<lang>.html|.pdf the driver's manifest with the consignment fields

    All are pure functions of (problem, plan, KPIs, leg lines) through `export.sheets`.
    Returns {output: path}, where the per-route outputs give their folder ("route_files",
    "manifests")."""
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
            write_manifests(sheets, out / MANIFESTS_DIR, lang=lang, plan_name=title,
                            generated=generated)
            files["manifests"] = out / MANIFESTS_DIR
        else:
            write_route_files(sheets, out / ROUTES_DIR, title=title, formats=route_formats)
            files["route_files"] = out / ROUTES_DIR
    if progress:
        progress("done", len(steps), len(steps))
    return files


def copy_scenario(scenario: Scenario, out_dir: Path,
                  supply: tuple[SupplyEstimate, ...] = ()) -> dict[str, Path]:
    """Copy the scenario and its input files into the plan folder so it can be checked alone.

    With [supply], `supply` is the learnt supply the plan was made with (`Problem.supply`):
    written to inputs/supply.csv, which the copy's [supply] names instead of the history
    database, so later weigh-ins do not change what the folder's plan is checked against."""
    inputs = out_dir / INPUTS_DIR
    inputs.mkdir(exist_ok=True)
    copied: dict[str, Any] = {}
    if scenario.supply.learns:
        estimates = write_estimates(inputs / SUPPLY_CSV, supply)
        copied["supply"] = dataclasses.replace(scenario.supply, history=None,
                                               estimates=estimates)
    for field in ("sites_path", "fleet_path", "yields_path", "hubs_path", "bans_path",
                  "entry_charges_path"):
        src = getattr(scenario, field)
        if src is None:
            continue
        dst = inputs / src.name
        shutil.copyfile(src, dst)
        copied[field] = dst
    outline = scenario.region.outline
    if outline is not None:  # a user's own region; a shapefile's sidecar files are not copied
        shutil.copyfile(outline, inputs / outline.name)
        copied["region"] = dataclasses.replace(scenario.region, outline=inputs / outline.name)
    # The comparison is recorded in summary.json; the copy must not depend on another file.
    alone = dataclasses.replace(scenario.consolidation, compare_with=None)
    local = dataclasses.replace(scenario, path=out_dir / SCENARIO_COPY, consolidation=alone,
                                **copied)
    path = out_dir / SCENARIO_COPY
    path.write_text(scenario_to_toml(local, relative_to=out_dir), encoding="utf-8")
    return {"scenario": path}


def copy_inputs(folder: Path, scenario: Scenario, problem: Problem, item_ids: Sequence[str],
                sites_name: str) -> dict[str, Path]:
    """The scenario and its inputs copied into `folder`, with the sites as this plan saw them
    (declared items, must-collect, allowed days), so `magroute check` works on the folder."""
    sites = write_sites(folder / sites_name, problem.sites, item_ids)
    files = copy_scenario(dataclasses.replace(scenario, sites_path=sites), folder, problem.supply)
    sites.unlink()
    return files


# ---------------------------------------------------------------- reading back


def read_plan(plan_dir: Path | str, problem: Problem) -> Plan:
    """Read a plan written by `write_plan` (routes.csv, unserved.csv, optional summary.json).

    Times are converted to the problem's time zone. Raises `InputError` listing every problem
    found: missing files or columns, cells that do not parse, rows of a route that disagree,
    gaps in `seq`, and site ids the problem does not know.
    """
    plan_dir = Path(plan_dir)
    problems: list[InputProblem] = []
    routes = read_routes(plan_dir / ROUTES_CSV, problem, problems)
    unserved = read_unserved(plan_dir / UNSERVED_CSV, problem, problems)
    meta = read_plan_meta(plan_dir / SUMMARY_JSON, problems)
    if problems or routes is None or unserved is None:
        raise InputError(problems)
    return Plan(routes, unserved, **meta)


def read_summary(plan_dir: Path) -> dict[str, Any] | None:
    """summary.json as written (None without one; an `InputError` if it is not a JSON object)."""
    path = Path(plan_dir) / SUMMARY_JSON
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError([InputProblem(SUMMARY_JSON, f"cannot read the file: {exc}",
                                       expected="a JSON object")]) from exc
    if not isinstance(data, dict):
        raise InputError([InputProblem(SUMMARY_JSON, "not a JSON object",
                                       expected="a JSON object")])
    return data


def require_plan_dir(plan_dir: Path) -> Path:
    """`plan_dir` if it is a plan folder with its scenario copy; otherwise one clear problem."""
    plan_dir = Path(plan_dir)
    if not plan_dir.is_dir():
        what = "is a file, not a folder" if plan_dir.exists() else "folder not found"
        raise InputError([InputProblem(str(plan_dir), what, expected=WHAT_IT_IS)])
    if not (plan_dir / SCENARIO_COPY).is_file():
        raise InputError([InputProblem(
            str(plan_dir), f"not a plan folder: it has no {SCENARIO_COPY}", expected=WHAT_IT_IS)])
    return plan_dir


def load_plan_dir(plan_dir: Path, **scenario_overrides: Any) -> tuple[Scenario, Problem, Plan]:
    """A written plan folder read back: its scenario copy (with `load_scenario` overrides such
    as a time limit), the problem built from the inputs copied beside it, and the plan of its
    tables."""
    plan_dir = require_plan_dir(plan_dir)
    scenario = load_scenario(plan_dir / SCENARIO_COPY, **scenario_overrides)
    problem = load_problem(scenario)
    return scenario, problem, read_plan(plan_dir, problem)


def read_pickups(plan_dir: Path, problems: list[InputProblem]) -> tuple[PlannedPickup, ...] | None:
    """The folder's pickup ledger; None (with the problem recorded) when it has none."""
    path = Path(plan_dir) / PICKUPS_CSV
    if not path.is_file():
        problems.append(InputProblem(
            PICKUPS_CSV, f"no pickup ledger in {plan_dir}",
            expected=f"a plan folder written by `magroute plan` (or run `magroute export "
                     f"{plan_dir} --to pickups` first)"))
        return None
    return read_pickup_ledger(path, problems)
