"""The exception hierarchy and, in `EXIT_CODES`, the one table from error class to exit code.

Every failure a user can cause or must act on is a `MagrouteError` subclass raised where it
happens; `magroute.cli.main` prints its message on one line and exits with its code. Anything
else is a bug in magroute (exit 1, a traceback with `--debug`)."""

from __future__ import annotations

from dataclasses import dataclass


class MagrouteError(Exception):
    """Base class of every error magroute raises on purpose; `EXIT_CODES` gives its exit code."""


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One problem found in an input file: where it is and what would be valid."""

    file: str
    message: str
    row: int | None = None  # 1-based data row (header is row 0), as a spreadsheet shows it minus one
    column: str | None = None
    value: object = None
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (got {self.value!r})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class InputError(MagrouteError):
    """Bad input. Carries every problem found, not only the first."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = list(problems)
        n = len(self.problems)
        if n == 1:  # one line: "file, row 3, column 'lat': ..."
            super().__init__(str(self.problems[0]))
            return
        super().__init__(f"{n} problems in the input:\n" +
                         "\n".join(f"  - {p}" for p in self.problems))


class UsageError(MagrouteError):
    """The command asks for something that cannot be done as asked: an output folder that
    exists without --force, a night that is not in the history, an unknown solver."""


class TravelError(MagrouteError):
    """A travel matrix could not be built from readable inputs (e.g. a road network that
    connects none of the sites)."""


class NoSolutionError(MagrouteError):
    """The solver found no plan at all (not even one that serves nobody)."""


class CheckError(MagrouteError):
    """An independent check found violations in a plan (the plan is written all the same)."""


class ReceiptMismatch(MagrouteError):
    """What the hub weighed in differs from the plan (the reconciliation is written)."""


class PiecesFailed(MagrouteError):
    """Some pieces of a night failed; their requests are back in the queue."""


# (class, exit code, what it means): the one table, printed by `magroute --help` and in README.
EXIT_CODES: tuple[tuple[type[MagrouteError], int, str], ...] = (
    (InputError, 2, "bad input files: every problem, with file, row and column"),
    (UsageError, 2, "a request that cannot be done as asked (e.g. the output folder exists)"),
    (TravelError, 3, "no travel matrix could be built"),
    (NoSolutionError, 4, "the solver found no plan at all"),
    (CheckError, 5, "the independent check found violations (the plan is written)"),
    (ReceiptMismatch, 6, "the weigh-in differs from the plan (the reconciliation is written)"),
    (PiecesFailed, 7, "pieces of the night failed (their requests are re-queued)"),
)
OK, BUG, INTERRUPTED = 0, 1, 130


def exit_code(error: BaseException | None) -> int:
    """The exit code for `error` (0 for none): the first row of `EXIT_CODES` it is an
    instance of; 1 for anything else, a bug."""
    if error is None:
        return OK
    return next((code for cls, code, _ in EXIT_CODES if isinstance(error, cls)), BUG)


def exit_code_help() -> str:
    """The table as lines for `--help` and README."""
    rows = [(OK, "success"), *((code, text) for _, code, text in EXIT_CODES),
            (BUG, "an unexpected error: a bug in magroute (run with --debug for the traceback)"),
            (INTERRUPTED, "interrupted (Ctrl-C)")]
    return "\n".join(f"{code:>3}  {text}" for code, text in rows)
