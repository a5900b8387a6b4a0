"""export.atomic_folder: a folder replaced in one step, and what a killed writer leaves behind."""

from __future__ import annotations

import subprocess
import sys

from magroute.export import atomic_folder
from magroute.export.atomic_folder import clear_leftovers, swap_in, temp_name


def folder(path, text):
    path.mkdir()
    (path / "routes.csv").write_text(text)
    return path


def test_swap_in_replaces_the_folder_and_leaves_nothing_beside_it(tmp_path):
    final = folder(tmp_path / "plan", "old")
    swap_in(folder(temp_name(final, "tmp"), "new"), final)
    assert (final / "routes.csv").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]


def test_swap_in_exchanges_in_one_step_on_linux(tmp_path, monkeypatch):
    renames = []
    monkeypatch.setattr(atomic_folder.os, "replace", lambda *a: renames.append(a))
    final = folder(tmp_path / "plan", "old")
    swap_in(folder(tmp_path / "new", "new"), final)
    assert renames == [] and (final / "routes.csv").read_text() == "new"


def test_without_the_exchange_call_two_renames_do_it(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic_folder, "_renameat2", lambda: None)
    final = folder(tmp_path / "plan", "old")
    swap_in(folder(tmp_path / "new", "new"), final)
    assert (final / "routes.csv").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]


def dead_pid():
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_a_previous_folder_stranded_between_two_renames_goes_back(tmp_path):
    # A writer killed after moving the old folder aside and before moving the new one in.
    pid = dead_pid()
    folder(tmp_path / f".plan.old-{pid}", "previous")
    folder(tmp_path / f".plan.tmp-{pid}", "half")
    final = tmp_path / "plan"
    clear_leftovers(final)
    assert (final / "routes.csv").read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]


def test_the_folders_of_a_writer_still_running_are_left_alone(tmp_path):
    mine = folder(temp_name(tmp_path / "plan", "tmp"), "being written")
    other = folder(tmp_path / ".plans.tmp-1", "another folder's")  # only NAME's own leftovers
    clear_leftovers(tmp_path / "plan")
    assert mine.exists() and other.exists()
