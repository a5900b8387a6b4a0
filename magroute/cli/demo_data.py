"""magroute demo-data --requests N --seed S --out DIR"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from magroute.batch.demo_data import write_demo_night
from magroute.cli.options import DateOpt, console
from magroute.formatting import grouped


def demo_data(
    requests: Annotated[int, typer.Option("--requests", "-n", min=1,
                                          help="How many pickup requests the queue holds.")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 1,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path(
        "runs/demo-data"),
    date: DateOpt = None,
) -> None:
    """Write a synthetic night: a site register, a pickup queue and a scenario over India.

    The register is the bundled sites plus, for big queues, sites placed at towns by
    population; the fleet of the bundled scenario is scaled with the queue. Try
    `magroute demo-data -n 5000 --out runs/q5000`.
    """
    night = write_demo_night(out, requests, seed=seed, first_day=date.date() if date else None)
    console.print(f"{grouped(night.requests, 0)} requests over {grouped(night.sites, 0)} sites, "
                  f"{night.trucks} trucks:")
    for name, path in night.files.items():
        console.print(f"  {escape(str(path))}  [dim]({name})[/]")
