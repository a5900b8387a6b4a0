"""The magroute command line: thin typer commands over library functions."""

from __future__ import annotations

import sys

import typer

from magroute.cli import (
    bench,
    check,
    compare,
    demo_data,
    explain,
    export,
    night,
    plan,
    receive,
    replan,
    runs,
    sites,
    travel,
    validate,
)
from magroute.cli.options import console_err
from magroute.errors import INTERRUPTED, MagrouteError, exit_code, exit_code_help

app = typer.Typer(
    name="magroute",
    help="Plan truck tours that collect end-of-life rare-earth magnets across India.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    epilog="**Exit codes** (every command): " + "; ".join(
        line.strip().replace("  ", " ", 1) for line in exit_code_help().splitlines())
    + ". Add `--debug` anywhere to see the traceback of an error.",
)
app.command("plan")(plan.plan)
app.command("check")(check.check)
app.command("compare")(compare.compare)
app.command("validate")(validate.validate)
app.command("travel")(travel.travel)
app.command("night")(night.night)
app.command("replan")(replan.replan)
app.add_typer(runs.app, name="runs")
app.command("export")(export.export)
app.command("receive")(receive.receive)
app.command("sites")(sites.sites)
app.command("explain")(explain.explain)
app.command("bench")(bench.bench)
app.command("demo-data")(demo_data.demo_data)


def main() -> None:
    """Console entry point: the one place that turns errors into a message and an exit code
    (the table is `magroute.errors.EXIT_CODES`)."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        code = app(standalone_mode=False)
    except MagrouteError as exc:
        if debug:
            raise
        console_err.print("error:", style="bold red", end=" ")
        console_err.print(str(exc), highlight=False, markup=False)
        sys.exit(exit_code(exc))
    except typer.Exit as exc:  # --help and the like: typer's own clean exits
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        console_err.print("interrupted")
        sys.exit(INTERRUPTED)
    except Exception as exc:  # usage errors and the like
        # Click's (or, since typer 0.2x, typer's vendored copy's) ClickException and Abort,
        # matched by shape so that neither package layout is assumed.
        show = getattr(exc, "show", None)
        status = getattr(exc, "exit_code", None)
        if callable(show) and isinstance(status, int):
            show()
            sys.exit(status)
        if type(exc).__name__ == "Abort":
            sys.exit(INTERRUPTED)
        raise
    sys.exit(code if isinstance(code, int) else 0)
