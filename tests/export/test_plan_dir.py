"""The plan folder is written whole or not at all, never over someone else's files, and read
back through the input readers' problem reports."""

import dataclasses

import pytest

from magroute.errors import InputError
from magroute.export.plan_dir import (
    PICKUPS_CSV,
    ROUTES_CSV,
    SUMMARY_JSON,
    check_out_dir,
    read_pickups,
    read_plan,
    read_summary,
    require_plan_dir,
    write_folder,
    write_plan,
)


def _writer(problem, plan, kpis):
    return lambda folder: write_plan(problem, plan, kpis, folder, formats=("pickups",))


def test_a_new_folder_appears_complete_and_reads_back(solved, tmp_path):
    problem, plan, kpis = solved
    final = tmp_path / "night" / "plan"
    files = write_folder(final, _writer(problem, plan, kpis))
    assert all(p.is_file() and p.is_relative_to(final) for p in files.values())
    assert read_plan(final, problem) == plan
    assert [p.name for p in final.parent.iterdir()] == ["plan"]  # no temporary folder left


def test_a_failed_write_leaves_the_earlier_plan_untouched(solved, tmp_path):
    problem, plan, kpis = solved
    final = tmp_path / "plan"
    write_folder(final, _writer(problem, plan, kpis))
    before = {p.name: p.read_bytes() for p in final.iterdir() if p.is_file()}

    def crash(folder):
        write_plan(problem, plan, kpis, folder, formats=())
        raise KeyboardInterrupt  # Ctrl-C halfway

    with pytest.raises(KeyboardInterrupt):
        write_folder(final, crash)
    assert {p.name: p.read_bytes() for p in final.iterdir() if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]


def test_an_earlier_plan_is_replaced_whole(solved, tmp_path):
    problem, plan, kpis = solved
    final = tmp_path / "plan"
    write_folder(final, _writer(problem, plan, kpis))
    (final / "receipts.csv").write_text("of the old plan\n", encoding="utf-8")
    write_folder(final, lambda folder: write_plan(problem, plan, kpis, folder, formats=()))
    assert not (final / "receipts.csv").exists() and not (final / PICKUPS_CSV).exists()
    assert (final / ROUTES_CSV).is_file()


def test_a_folder_of_other_files_is_refused_before_anything_is_written(solved, tmp_path):
    problem, plan, kpis = solved
    (tmp_path / "thesis.docx").write_text("years of work", encoding="utf-8")
    for attempt in (lambda: check_out_dir(tmp_path),
                    lambda: write_folder(tmp_path, _writer(problem, plan, kpis))):
        with pytest.raises(InputError, match="is not a plan folder"):
            attempt()
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.docx"]
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="exists and is not a folder"):
        check_out_dir(tmp_path / "a-file")


def test_reading_a_folder_that_is_not_a_plan_names_what_is_missing(tmp_path):
    with pytest.raises(InputError, match="folder not found"):
        require_plan_dir(tmp_path / "nope")
    with pytest.raises(InputError, match="not a plan folder: it has no scenario.toml"):
        require_plan_dir(tmp_path)
    problems = []
    assert read_pickups(tmp_path, problems) is None
    assert problems[0].file == PICKUPS_CSV and "no pickup ledger" in problems[0].message


def test_a_broken_summary_is_an_input_problem(tmp_path):
    assert read_summary(tmp_path) is None
    (tmp_path / SUMMARY_JSON).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON object"):
        read_summary(tmp_path)
    (tmp_path / SUMMARY_JSON).write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the file"):
        read_summary(tmp_path)


def test_a_plan_that_serves_nobody_reads_back(solved, tmp_path):
    """Empty tables are valid plan files (the input readers reject empty site lists)."""
    problem, plan, kpis = solved
    nobody = dataclasses.replace(plan, routes=(), unserved=())
    write_plan(problem, nobody, kpis, tmp_path, formats=())
    assert read_plan(tmp_path, problem) == nobody
