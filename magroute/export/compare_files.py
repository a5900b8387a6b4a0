"""comparison.csv and comparison.md: the scenario comparison table (`analysis.compare`).

comparison.csv keeps every value exactly as summary.json (or samples.json) has it: a float is
written as JSON writes it (its shortest repr), an integer as an integer, a missing field as an
empty cell. comparison.md is for people: numbers rounded per row, with Indian digit grouping
(12,34,567), as the CLI's other tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from magroute.analysis.compare import ComparisonRow, Number
from magroute.export.tables import write_csv
from magroute.formatting import grouped

COMPARISON_CSV = "comparison.csv"
COMPARISON_MD = "comparison.md"
FIXED_COLUMNS = ("key", "label", "unit")


def raw_cell(value: Number) -> str:
    """The CSV cell of a value: str() of the number (JSON's text for it), '' for None."""
    return "" if value is None else str(value)


def write_comparison_csv(rows: Sequence[ComparisonRow], scenarios: Sequence[str],
                         path: Path | str) -> Path:
    """key, label, unit, then one column per scenario (named by the scenario)."""
    clash = set(scenarios) & set(FIXED_COLUMNS)
    if clash:
        raise ValueError(f"scenario name(s) {', '.join(sorted(clash))} clash with the columns "
                         f"{', '.join(FIXED_COLUMNS)}")
    columns = (*FIXED_COLUMNS, *scenarios)
    return write_csv(Path(path), columns, (
        {"key": r.key, "label": r.label, "unit": r.unit,
         **{name: raw_cell(r.values.get(name)) for name in scenarios}} for r in rows))


def format_cell(value: Number, decimals: int) -> str:
    """A number for people: `decimals` places, Indian grouping; '' for a missing value."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return grouped(value, 0)
    return grouped(value, decimals)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def comparison_markdown(rows: Sequence[ComparisonRow], scenarios: Sequence[str]) -> str:
    """The table as GitHub-flavoured Markdown: KPI, unit, one right-aligned column per scenario."""
    lines = [
        "| KPI | unit | " + " | ".join(_md(s) for s in scenarios) + " |",
        "|:--|:--|" + "--:|" * len(scenarios),
    ]
    for r in rows:
        cells = [format_cell(r.values.get(s), r.decimals) for s in scenarios]
        lines.append(f"| {_md(r.label)} | {_md(r.unit)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_comparison_md(rows: Sequence[ComparisonRow], scenarios: Sequence[str],
                        path: Path | str, *, notes: Sequence[str] = ()) -> Path:
    """comparison.md: a title, the table and the run's notes (same seed, time limit, ...)."""
    path = Path(path)
    text = "# Scenario comparison\n\n" + comparison_markdown(rows, scenarios)
    if notes:
        text += "\n" + "".join(f"- {_md(n)}\n" for n in notes)
    path.write_text(text, encoding="utf-8")
    return path
