"""magroute validate SCENARIO"""

from __future__ import annotations

from magroute.cli.options import ScenarioArg, console
from magroute.errors import InputError
from magroute.inputs import validate_scenario


def validate(scenario: ScenarioArg) -> None:
    """Check a scenario and its input files without planning; list every problem at once.

    Each problem names the file, row and column and says what would be valid; the list goes
    to standard error, as `plan` reports it. Exit code 0 when the inputs are clean, 2 otherwise.
    """
    problems = validate_scenario(scenario)
    if not problems:
        console.print(f"[green]OK[/]: {scenario} and its inputs are valid")
        return
    raise InputError(problems)
