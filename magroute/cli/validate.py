"""magroute validate SCENARIO"""

from __future__ import annotations

import typer

from magroute.cli.options import ScenarioArg, console
from magroute.inputs import validate_scenario


def validate(scenario: ScenarioArg) -> None:
    """Check a scenario and its input files without planning; list every problem at once.

    Each problem names the file, row and column and says what would be valid.
    Exit code 0 when the inputs are clean, 2 otherwise.
    """
    problems = validate_scenario(scenario)
    if not problems:
        console.print(f"[green]OK[/]: {scenario} and its inputs are valid")
        return
    for p in problems:
        console.print(f"  - {p}", highlight=False, markup=False)
    console.print(f"[red]{len(problems)} problem{'s' if len(problems) != 1 else ''}[/] "
                  f"in {scenario}")
    raise typer.Exit(2)
