"""write_plan writes the four files of a plan folder and read_plan reads the plan back."""

from magroute.export import read_plan, write_plan


def test_write_plan_writes_four_files_that_read_back(solved, tmp_path):
    problem, plan, kpis = solved
    files = write_plan(problem, plan, kpis, tmp_path / "new" / "dir", formats=())
    assert {k: p.name for k, p in files.items()} == {
        "routes": "routes.csv", "unserved": "unserved.csv", "summary": "summary.json",
        "geojson": "routes.geojson"}
    assert all(p.is_file() and p.parent == tmp_path / "new" / "dir" for p in files.values())
    assert read_plan(tmp_path / "new" / "dir", problem) == plan


def test_write_plan_writes_every_driver_and_planner_output_by_default(plan_dir, solved):
    out, files = plan_dir
    problem, plan, _ = solved
    assert {"pickups", "xlsx", "map", "manifests", "route_files"} <= set(files)
    n = len(plan.routes)
    for pattern in ("*.gpx", "*.kml", "*.geojson"):
        assert len(list((out / "routes").glob(pattern))) == n
    assert len(list((out / "manifests").glob("*.en.pdf"))) == n
    assert len(list((out / "manifests").glob("*.en.html"))) == n
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    assert read_plan(out, problem) == plan
