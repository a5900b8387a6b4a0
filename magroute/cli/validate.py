"""magroute validate SCENARIO"""

from __future__ import annotations

from rich.markup import escape

from magroute.cli.options import ScenarioArg, console, console_err
from magroute.errors import InputError
from magroute.inputs import check_inputs


def validate(scenario: ScenarioArg) -> None:
    """Check a scenario and its input files without planning; list every problem at once.

    Each problem names the file, row and column and says what would be valid; the list goes
    to standard error, as `plan` reports it. Values that are legal but unusual (a shop with
    50,000 drives, a fleet entry of 0 trucks, a ban row given twice) are listed as warnings and
    do not fail the check. Exit code 0 when the inputs are clean, 2 otherwise.
    """
    problems, warnings = check_inputs(scenario)
    for w in warnings:
        console_err.print(f"[yellow]warning[/]: {escape(str(w))}", highlight=False)
    if not problems:
        console.print(f"[green]OK[/]: {scenario} and its inputs are valid"
                      + (f" ({len(warnings)} warning(s))" if warnings else ""))
        return
    raise InputError(problems)
