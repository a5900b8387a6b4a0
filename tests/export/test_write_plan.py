"""write_plan writes the four files of a plan folder and read_plan reads the plan back."""

from magroute.export import read_plan, write_plan


def test_write_plan_writes_four_files_that_read_back(solved, tmp_path):
    problem, plan, kpis = solved
    files = write_plan(problem, plan, kpis, tmp_path / "new" / "dir")
    assert {k: p.name for k, p in files.items()} == {
        "routes": "routes.csv", "unserved": "unserved.csv", "summary": "summary.json",
        "geojson": "routes.geojson"}
    assert all(p.is_file() and p.parent == tmp_path / "new" / "dir" for p in files.values())
    assert read_plan(tmp_path / "new" / "dir", problem) == plan
