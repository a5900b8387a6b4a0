"""The real console entry point (`magroute.cli.main`), run in this process.

A subprocess per call costs two seconds of imports; the property tests (fuzz) call the CLI
hundreds of times. `main()` is what `python -m magroute` runs: it maps errors to exit codes and
prints one line per problem, so a test sees exactly what a user sees, traceback included."""

from __future__ import annotations

import contextlib
import io
import sys
import traceback
from dataclasses import dataclass

from magroute.cli import main


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str
    traceback: str | None  # an exception `main()` let through: what the user would see

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_main(*args: object) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["magroute", *map(str, args)]
    code, tb = 0, None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - a traceback is the finding, not a test error
        code, tb = 1, traceback.format_exc()
    finally:
        sys.argv = argv
    return Ran(code, out.getvalue(), err.getvalue(), tb)
