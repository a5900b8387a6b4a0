"""Plan folders written whole or not at all, and checkable on their own."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from magroute.domain.problem import Problem
from magroute.inputs.sites import write_sites
from magroute.pipeline import copy_scenario


def write_folder(final: Path, write: Callable[[Path], dict[str, Path]]) -> dict[str, Path]:
    """Let `write` fill a temporary folder beside `final`, then rename it to `final` in one
    step; an existing `final` is replaced only once the new folder is complete. Returns the
    written files' paths under `final`."""
    tmp = final.parent / f".{final.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    files = write(tmp)
    if final.exists():
        old = final.parent / f".{final.name}.old-{os.getpid()}"
        os.replace(final, old)
        os.replace(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, final)
    return {k: final / p.relative_to(tmp) for k, p in files.items()}


def copy_inputs(folder: Path, scenario, problem: Problem, item_ids: Sequence[str],
                sites_name: str) -> dict[str, Path]:
    """The scenario and its inputs copied into `folder`, with the sites as this plan saw them
    (declared items, must-collect, allowed days), so `magroute check` works on the folder."""
    sites = write_sites(folder / sites_name, problem.sites, item_ids)
    files = copy_scenario(dataclasses.replace(scenario, sites_path=sites), folder)
    sites.unlink()
    return files
