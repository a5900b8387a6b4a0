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


def test_a_hostile_site_name_survives_every_format_harmlessly(hostile, tmp_path):
    """Issue 5, Safety: `=HYPERLINK("x")<script>` in every file `write_plan` writes."""
    import csv
    import json
    import zipfile
    from html.parser import HTMLParser
    from xml.etree import ElementTree

    import gpxpy
    from factories import HOSTILE_HTML, HOSTILE_NAME

    problem, plan, kpis = hostile
    write_plan(problem, plan, kpis, tmp_path)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.resolve().is_relative_to(tmp_path.resolve()) for p in files)
    suffixes = {p.suffix for p in files}
    assert {".csv", ".json", ".geojson", ".gpx", ".kml", ".html", ".pdf", ".xlsx"} <= suffixes

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.text.append(data)

    for p in files:
        if p.suffix == ".csv":  # no cell a spreadsheet would run
            with p.open(encoding="utf-8") as f:
                for cell in (c for row in csv.reader(f) for c in row):
                    assert not cell.startswith(("=", "@", "+")), (p.name, cell)
        elif p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                assert not any(b"<f>" in z.read(n) for n in z.namelist())
        elif p.suffix in (".json", ".geojson"):
            json.loads(p.read_text(encoding="utf-8"))  # strict JSON, names as data
        elif p.suffix == ".gpx":
            names = [w.name for w in gpxpy.parse(p.read_text(encoding="utf-8")).waypoints]
            assert any(HOSTILE_NAME in n for n in names)
        elif p.suffix == ".kml":
            ElementTree.parse(p)  # well-formed: the markup in names is escaped
            assert "<script>" not in p.read_text(encoding="utf-8")
        elif p.suffix == ".html":
            parser = Tags()
            parser.feed(p.read_text(encoding="utf-8"))
            assert "img" not in parser.tags, p.name
            own_scripts = 2 if p.name == "map.html" else 0  # the map's data and program
            assert parser.tags.count("script") == own_scripts, p.name
            if p.name != "map.html":  # the map builds its text in the browser
                text = "".join(parser.text)
                assert HOSTILE_NAME in text and HOSTILE_HTML in text, p.name
