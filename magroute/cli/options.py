"""Option aliases shared by commands, and the consoles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from magroute.bundled import bundled_scenarios, find_scenario

# soft_wrap: never break a long message (file, row, column...) across lines when piped.
console = Console(soft_wrap=True)
console_err = Console(stderr=True, soft_wrap=True)



def scenario_path(path: Path) -> Path:
    """A scenario argument: a file, or the name of a bundled scenario (e.g. ncr-daily)."""
    return find_scenario(path)


def scenario_paths(paths: list[Path]) -> list[Path]:
    return [find_scenario(p) for p in paths]


SCENARIO_HELP = ("Scenario TOML file (input paths inside are relative to it), or the name of a "
                 f"bundled scenario: {', '.join(bundled_scenarios())}.")
ScenarioArg = Annotated[
    Path, typer.Argument(help=SCENARIO_HELP, callback=scenario_path, show_default=False),
]
PlanDirArg = Annotated[
    Path, typer.Argument(help="A plan folder written by `magroute plan`.", show_default=False)
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the plan into.")]
TimeLimitOpt = Annotated[
    float | None,
    typer.Option("--time-limit", "-t", help="Search time in seconds (default: the scenario's).",
                 min=0.1),
]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Random seed (default: scenario's).")]
DateOpt = Annotated[
    datetime | None,
    typer.Option("--date", formats=["%Y-%m-%d"],
                 help="First day of the plan, YYYY-MM-DD (default: the scenario's start_date)."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]


class Lang(StrEnum):
    en = "en"
    hi = "hi"


LangOpt = Annotated[Lang, typer.Option(
    "--lang", help="Language of the driver manifests: en (English) or hi (Hindi).")]
