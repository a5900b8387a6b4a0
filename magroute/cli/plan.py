"""magroute plan SCENARIO --out DIR"""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from rich.table import Table

from magroute.cli.options import (
    DateOpt,
    Lang,
    LangOpt,
    OutOpt,
    QuietOpt,
    ScenarioArg,
    SeedOpt,
    TimeLimitOpt,
    console,
    console_err,
)
from magroute.cli.progress import export_progress, search_progress
from magroute.errors import CheckError, MagrouteError
from magroute.export import summary_rows
from magroute.formatting import grouped, inr
from magroute.inputs import load_scenario
from magroute.pipeline import run_scenario


def plan(
    scenario: ScenarioArg,
    out: OutOpt = Path("runs/plan"),
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = None,
    date: DateOpt = None,
    quiet: QuietOpt = False,
    lang: LangOpt = Lang.en,
) -> None:
    """Plan pickups for a scenario and write routes, unserved sites and a summary to --out.

    Validates every input first (all problems at once), searches for the plan with the most
    expected magnet value net of trucking cost, checks it independently and writes routes.csv,
    unserved.csv, summary.json, routes.geojson (legs along the roads with the road network)
    and a copy of the scenario with its inputs; with consolidation hubs also linehaul.csv, and
    with `[consolidation] compare_with` it plans that baseline too and prints both side by side.

    For drivers and planners it also writes map.html (the whole plan, works offline),
    plan.xlsx, pickups.csv (the pickup ledger for `magroute receive`), routes/ (GPX, KML and
    GeoJSON per route) and manifests/ (HTML and PDF per route in --lang). `magroute export`
    writes them again, e.g. in another language.
    """
    start = date.date() if date else None
    limit = (time_limit or _scenario_time_limit(scenario)) * _searches(scenario)
    with search_progress(console_err, limit, enabled=not quiet) as cb, \
            export_progress(console_err, enabled=not quiet) as on_export:
        result = run_scenario(scenario, out, start_date=start, time_limit_s=time_limit,
                              seed=seed, progress=cb, lang=lang.value,
                              export_progress=on_export)
    table = Table(title=f"magroute plan: {result.scenario.name}", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for label, value in summary_rows(result.kpis):
        table.add_row(label, value)
    console.print(table)
    if result.comparison:
        console.print(comparison_table(result.comparison))
    for note in result.plan.notes:
        console.print(f"[yellow]note[/]: {escape(note)}")
    if not result.violations:
        console.print("[green]check passed[/]: every route respects the model")
    print_outputs(out, result.files)
    if result.violations:
        raise CheckError(f"{len(result.violations)} check violations (run `magroute check {out}`)")


def print_outputs(out: Path, files: dict[str, Path]) -> None:
    console.print(f"Outputs in [bold]{escape(str(out))}[/]:")
    for name, path in files.items():
        what = OUTPUT_LABELS.get(name)
        console.print(f"  {escape(str(path))}" + (f"  [dim]({what})[/]" if what else ""))


OUTPUT_LABELS = {
    "map": "open in a browser, works offline",
    "xlsx": "planner workbook",
    "pickups": "pickup ledger, for `magroute receive`",
    "route_files": "GPX, KML and GeoJSON per route",
    "manifests": "driver manifests, HTML and PDF",
}


def comparison_table(c: dict) -> Table:
    t = Table(title=f"{c['scenario']} beside {c['baseline']}")
    t.add_column("KPI", style="bold")
    t.add_column(c["scenario"], justify="right")
    t.add_column(c["baseline"], justify="right")
    for row in c["rows"]:
        t.add_row(row["kpi"].replace("_", " ").replace(" inr", ""),
                  *(_cell(row["kpi"], v) for v in (row["this"], row["baseline"])))
    return t


def _cell(kpi: str, v: float | None) -> str:
    if v is None:
        return "–"
    if "_inr" in kpi:
        return inr(v, 2 if "per_" in kpi else 0)
    return f"{grouped(v, 0)}" if isinstance(v, int) else f"{grouped(v, 1)}"


def _searches(path: Path) -> int:
    """2 when the scenario is compared with a baseline (both are planned), else 1."""
    try:
        return 2 if load_scenario(path).consolidation.compare_with is not None else 1
    except MagrouteError:
        return 1


def _scenario_time_limit(path: Path) -> float:
    """The scenario's time limit for the progress bar; input problems are reported by the run."""
    try:
        return load_scenario(path).solve.time_limit_s
    except MagrouteError:
        return 60.0
