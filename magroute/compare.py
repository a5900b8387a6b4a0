"""compare_scenarios: several scenario files planned alike, set side by side.

    scenario files -> every file validated, names checked (all problems at once)
        -> each planned by `pipeline.run_scenario` into OUT/<name>/ (a complete plan folder),
           all with one seed, time limit and iteration limit; `jobs` at once in processes
        -> optionally its net value sampled under uncertain yields (OUT/<name>/samples.*)
        -> each folder's summary.json (and samples.json) READ BACK -> the comparison table
        -> OUT/comparison.csv, comparison.md and the charts (PNG)

The table is built from the files, so it equals them by construction. Nothing here prints;
the CLI and the tests call it.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from magroute.analysis.compare import ComparisonRow, comparison_table
from magroute.analysis.sampling import net_values, plan_cost_inr, sample_values, spread
from magroute.domain.scenario import Scenario, SupplySettings
from magroute.errors import InputError, InputProblem
from magroute.export.charts import write_charts
from magroute.export.compare_files import (
    COMPARISON_CSV,
    COMPARISON_MD,
    FIXED_COLUMNS,
    write_comparison_csv,
    write_comparison_md,
)
from magroute.export.plan_dir import SUMMARY_JSON
from magroute.export.tables import write_csv
from magroute.formatting import grouped
from magroute.inputs import (
    load_scenario,
    scenario_to_toml,
    scenario_yield_params,
    validate_scenario,
)
from magroute.pipeline import RunResult, run_scenario

# Light outputs per scenario folder: the map and the per-route files, no PDFs or workbooks.
COMPARE_FORMATS = ("map", "geojson")
SAMPLES_CSV = "samples.csv"
SAMPLES_JSON = "samples.json"
SAMPLE_COLUMNS = ("sample", "value_inr", "net_value_inr")

# (event, scenario name, done, total): "start" and "done" per scenario, then "write" once.
CompareProgress = Callable[[str, str, int, int], None]
# _common: a setting's value given on the command line, and its value in the scenario files
# (two types: the iteration limit may be None in a file, where None given means "not given").
Given = TypeVar("Given")
Value = TypeVar("Value")


@dataclass(frozen=True)
class ScenarioRun:
    """One scenario's plan folder, as `compare_scenarios` left it."""

    name: str
    path: Path  # the scenario file
    out_dir: Path
    violations: int  # check violations of its plan (0: the check passed)
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class CompareResult:
    runs: tuple[ScenarioRun, ...]  # in the order the files were given
    summaries: dict[str, dict]  # name -> its summary.json, as read back
    samples: dict[str, dict]  # name -> its samples.json (empty without --samples)
    rows: list[ComparisonRow]
    files: dict[str, Path]  # comparison.csv, comparison.md and the charts
    seed: int
    time_limit_s: float
    iteration_limit: int | None
    workers: int  # search processes per scenario
    notes: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.runs]


@dataclass(frozen=True)
class _Job:
    """What one worker needs to plan one scenario (picklable)."""

    path: Path
    out_dir: Path
    seed: int
    time_limit_s: float
    iteration_limit: int | None
    workers: int
    samples: int
    formats: tuple[str, ...]


def compare_scenarios(
    paths: Sequence[Path | str],
    out_dir: Path | str,
    *,
    seed: int | None = None,
    time_limit_s: float | None = None,
    iteration_limit: int | None = None,
    samples: int = 0,
    jobs: int = 1,
    progress: CompareProgress | None = None,
    formats: Sequence[str] = COMPARE_FORMATS,
    with_declared: bool = False,
) -> CompareResult:
    """Plan every scenario with the same seed and limits and compare them.

    Parameters
    ----------
    paths
        Scenario TOML files; their `name`s must differ (each writes OUT/<name>/).
    seed, time_limit_s, iteration_limit
        For every scenario. None: the files' own; where the files disagree, the first file's
        (said in `notes`).
    samples
        With n > 0, each plan's net value under n sampled yields (`analysis.sampling`), written
        to OUT/<name>/samples.csv and samples.json and shown as P10/P50/P90.
    jobs
        Scenarios planned at once, each in its own process with cores // jobs search workers;
        1 plans them one after another, each search on every core.
    with_declared
        Beside each scenario with [supply], the same scenario without it, named
        NAME-declared: learnt against declared supply on the same history.

    Raises
    ------
    InputError
        Every problem of every file, and every duplicate or unusable name, before any search.
    """
    scenario_paths = [Path(p) for p in paths]
    if not scenario_paths:
        raise ValueError("no scenario to compare")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if samples < 0:
        raise ValueError(f"samples must be >= 0, got {samples}")
    scenarios = _validated(scenario_paths)
    out = Path(out_dir)
    if with_declared:
        twins = _declared_twins(scenarios, out / TWINS_DIR)
        if twins:
            scenario_paths += twins
            scenarios = _validated(scenario_paths)
    notes: list[str] = []
    seed = _common(scenarios, seed, "seed", lambda s: s.solve.seed, "--seed", notes)
    time_limit_s = _common(scenarios, time_limit_s, "time limit", lambda s: s.solve.time_limit_s,
                           "--time-limit", notes)
    iteration_limit = _common(scenarios, iteration_limit, "iteration limit",
                              lambda s: s.solve.iteration_limit, "--iterations", notes)
    slots = min(jobs, len(scenario_paths))
    workers = max(1, _cores() // slots)
    out.mkdir(parents=True, exist_ok=True)
    todo = [_Job(p, out / s.name, seed, time_limit_s, iteration_limit, workers, samples,
                 tuple(formats)) for p, s in zip(scenario_paths, scenarios, strict=True)]
    runs = _run_all(todo, [s.name for s in scenarios], slots, progress)

    if progress:
        progress("write", "", len(runs), len(runs))
    # The table is read back from the files each run wrote, never from memory.
    summaries = {r.name: _read_json(r.out_dir / SUMMARY_JSON) for r in runs}
    sampled = {r.name: _read_json(r.out_dir / SAMPLES_JSON) for r in runs} if samples else {}
    rows = comparison_table(summaries, sampled)
    names = [r.name for r in runs]
    limit = "none" if iteration_limit is None else f"{grouped(iteration_limit, 0)}"
    notes.insert(0, f"every scenario planned with seed {seed}, time limit {time_limit_s:g} s, "
                    f"iteration limit {limit}")
    if samples:
        notes.append(f"net value P10/P50/P90 over {grouped(samples, 0)} sampled yields per plan "
                     f"(seed {seed}); the plans and their costs are fixed")
    notes += [f"{r.name}: {r.violations} check violation(s); run `magroute check` on its folder"
              for r in runs if r.violations]
    files = {
        "csv": write_comparison_csv(rows, names, out / COMPARISON_CSV),
        "md": write_comparison_md(rows, names, out / COMPARISON_MD, notes=notes),
    }
    files.update(write_charts(summaries, sampled, {r.name: r.out_dir for r in runs}, out))
    return CompareResult(tuple(runs), summaries, sampled, rows, files, seed, time_limit_s,
                         iteration_limit, workers, tuple(notes))


TWINS_DIR = "declared-scenarios"  # OUT/declared-scenarios/NAME-declared.toml


def _declared_twins(scenarios: list[Scenario], folder: Path) -> list[Path]:
    """A scenario file NAME-declared without [supply] for each scenario with it."""
    out = []
    for s in scenarios:
        if not s.supply.learns:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        twin = dataclasses.replace(s, name=f"{s.name}-declared", supply=SupplySettings())
        path = folder / f"{twin.name}.toml"
        path.write_text(scenario_to_toml(twin, relative_to=folder), encoding="utf-8")
        out.append(path)
    return out


def _validated(paths: list[Path]) -> list[Scenario]:
    """Every file validated and loaded, names distinct and usable as folder names; one
    InputError with every problem of every file otherwise."""
    problems: list[InputProblem] = []
    scenarios: list[Scenario | None] = []
    for path in paths:
        found = validate_scenario(path)
        problems += [p for p in found if p not in problems]  # shared data files: once
        scenarios.append(None if found else load_scenario(path))
    first: dict[str, Path] = {}
    for path, s in zip(paths, scenarios, strict=True):
        if s is None:
            continue
        if s.name in first:
            again = Path(first[s.name]).resolve() == path.resolve()
            problems.append(InputProblem(
                str(path), "scenario file given twice" if again else
                f"scenario name {s.name!r} is also the name of {first[s.name]}",
                column="name", value=s.name,
                expected="a different name in each scenario file (each is planned into "
                         "OUT/<name>/)"))
        elif s.name in (".", "..") or Path(s.name).name != s.name or "\\" in s.name \
                or s.name in FIXED_COLUMNS:
            problems.append(InputProblem(
                str(path), "scenario name cannot name its plan folder", column="name",
                value=s.name, expected="a name without / or \\, not '.', '..', "
                                       + ", ".join(FIXED_COLUMNS)))
        first.setdefault(s.name, path)
    if problems:
        raise InputError(problems)
    return [s for s in scenarios if s is not None]


def _common(scenarios: list[Scenario], override: Given | None, what: str,
            get: Callable[[Scenario], Value], option: str, notes: list[str]) -> Given | Value:
    """The override, else the files' common value, else the first file's (with a note)."""
    if override is not None:
        return override
    values = [get(s) for s in scenarios]
    if any(v != values[0] for v in values):
        given = ", ".join(f"{Path(s.path).name} {v}" for s, v in zip(scenarios, values,
                                                                        strict=True))
        notes.append(f"the scenario files give different {what}s ({given}): every scenario "
                     f"used the first file's, {values[0]} (set it with {option})")
    return values[0]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
        else os.cpu_count() or 1


def _run_all(todo: list[_Job], names: list[str], slots: int,
             progress: CompareProgress | None) -> list[ScenarioRun]:
    """Run the jobs (`slots` at once in processes, or here when 1); results in `todo` order."""
    total = len(todo)
    done: dict[int, ScenarioRun] = {}
    if slots == 1:
        for i, job in enumerate(todo):
            if progress:
                progress("start", names[i], len(done), total)
            done[i] = plan_one(job)
            if progress:
                progress("done", names[i], len(done), total)
        return [done[i] for i in range(total)]
    with cf.ProcessPoolExecutor(max_workers=slots) as pool:
        futures = {}
        for i, job in enumerate(todo):
            futures[pool.submit(plan_one, job)] = i
            if progress and i < slots:
                progress("start", names[i], 0, total)
        try:
            for fut in cf.as_completed(futures):
                i = futures[fut]
                done[i] = fut.result()  # a failed scenario fails the comparison
                if progress:
                    progress("done", names[i], len(done), total)
                    started = slots + len(done) - 1
                    if started < total:
                        progress("start", names[started], len(done), total)
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return [done[i] for i in range(total)]


def plan_one(job: _Job) -> ScenarioRun:
    """One scenario: planned into its folder, and its net value sampled if asked for (runs in
    a worker process)."""
    out = job.out_dir  # replaced whole by run_scenario: no samples of an earlier run stay
    result = run_scenario(job.path, out, seed=job.seed, time_limit_s=job.time_limit_s,
                          iteration_limit=job.iteration_limit, workers=job.workers,
                          baseline=False, formats=job.formats)
    files = dict(result.files)
    if job.samples:
        files.update(write_samples(result, job.samples, job.seed, out))
    return ScenarioRun(result.scenario.name, job.path, out, len(result.violations), files)


def write_samples(result: RunResult, n: int, seed: int, out_dir: Path) -> dict[str, Path]:
    """samples.csv (sample, value_inr, net_value_inr) and samples.json (the spread of each)."""
    params = scenario_yield_params(result.scenario)  # with its [prices] factors
    values = sample_values(result.problem, result.plan, params, n, seed)
    nets = net_values(values, plan_cost_inr(result.kpis, result.plan))
    csv_path = write_csv(out_dir / SAMPLES_CSV, SAMPLE_COLUMNS, (
        {"sample": k, "value_inr": round(float(v), 2), "net_value_inr": float(net)}
        for k, (v, net) in enumerate(zip(values, nets, strict=True), start=1)))
    data = {"n": n, "seed": seed, "value_inr": spread(values, seed=seed),
            "net_value_inr": spread(nets, seed=seed),
            "model": "split triangular on (low, high), mode and median at expected: price "
                     "per magnet type per sample; "
                     "recovery per site; share with magnets and magnet kg per item per site "
                     "and item; costs fixed"}
    json_path = out_dir / SAMPLES_JSON
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"samples_csv": csv_path, "samples_json": json_path}


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
