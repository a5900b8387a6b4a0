"""A live progress line while the solver searches: elapsed time, best value, sites served."""

from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def search_progress(console: Console, time_limit_s: float, enabled: bool = True):
    """Yields a callback(elapsed_s, objective_inr, served) for the solver."""
    if not enabled:
        yield None
        return
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
                       info=f"{served} sites served, objective ₹{objective_inr:,.0f}")
            bar.refresh()

        yield update
