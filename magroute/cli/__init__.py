"""The magroute command line: thin typer commands over library functions."""

from __future__ import annotations

import sys

import typer

from magroute.cli import bench, check, plan, receive, travel, validate
from magroute.cli.options import console_err
from magroute.errors import MagrouteError

app = typer.Typer(
    name="magroute",
    help="Plan truck tours that collect end-of-life rare-earth magnets across India.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
app.command("plan")(plan.plan)
app.command("check")(check.check)
app.command("validate")(validate.validate)
app.command("travel")(travel.travel)
app.command("receive")(receive.receive)
app.command("bench")(bench.bench)


def main() -> None:
    """Console entry point: map magroute errors to one clear message and an exit code."""
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
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(130)
        raise
    sys.exit(code if isinstance(code, int) else 0)
