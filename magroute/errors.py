"""The exception hierarchy. The CLI maps each class to one exit code, in one place."""

from __future__ import annotations

from dataclasses import dataclass


class MagrouteError(Exception):
    """Base class of every error magroute raises on purpose."""

    exit_code = 1


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

    exit_code = 2

    def __init__(self, problems: list[InputProblem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))


class TravelError(MagrouteError):
    """A travel matrix could not be built."""

    exit_code = 3


class NoSolutionError(MagrouteError):
    """The solver found no plan at all (not even one that serves nobody)."""

    exit_code = 4


class CheckError(MagrouteError):
    """An independent check found violations in a plan."""

    exit_code = 5
