"""Progress while the solver searches (elapsed time, best objective, sites served) and while
the outputs are written.

On a terminal a live bar; in a log (nightly batch, CI) a plain line at most every 10 seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from magroute.formatting import inr

LOG_EVERY_S = 10.0

SearchUpdate = Callable[[float, float, int], None]  # elapsed s, best objective in INR, served
ExportUpdate = Callable[[str, int, int], None]  # step, outputs done, outputs in all


@contextmanager
def search_progress(console: Console, time_limit_s: float, enabled: bool = True
                    ) -> Iterator[SearchUpdate | None]:
    """Yields a callback(elapsed_s, objective_inr, served) for the solver, or None."""
    if not enabled:
        yield None
    elif console.is_terminal:
        with _live_bar(console, time_limit_s) as update:
            yield update
    else:
        yield _log_lines(console, time_limit_s)


@contextmanager
def _live_bar(console: Console, time_limit_s: float) -> Iterator[SearchUpdate]:
    bar = Progress(
        TextColumn("[bold]searching"),
        BarColumn(),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task("search", total=time_limit_s, info="building the model...")

        def update(elapsed: float, objective_inr: float, served: int) -> None:
            bar.update(task, completed=min(elapsed, time_limit_s),
                       info=f"{served} sites served, objective {inr(objective_inr)}")
            bar.refresh()

        yield update


def _log_lines(console: Console, time_limit_s: float) -> SearchUpdate:
    last = [-LOG_EVERY_S]

    def update(elapsed: float, objective_inr: float, served: int) -> None:
        now = time.monotonic()
        if now - last[0] >= LOG_EVERY_S:
            last[0] = now
            console.print(f"searching: {elapsed:5.0f} s of {time_limit_s:.0f} s, {served} sites "
                          f"served, objective {inr(objective_inr)}", highlight=False)

    return update


@contextmanager
def export_progress(console: Console, enabled: bool = True) -> Iterator[ExportUpdate | None]:
    """Yields a callback(step, done, total) for `export.write_exports`: one line per output
    (PDF manifests of a large plan take a while)."""
    if not enabled:
        yield None
        return
    started = time.monotonic()

    def update(step: str, done: int, total: int) -> None:
        if step != "done":
            console.print(f"writing {step} ({done + 1}/{total}, {time.monotonic() - started:.0f} s)",
                          highlight=False, style="dim")

    yield update
