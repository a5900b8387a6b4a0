"""Reading tables: unreadable files, row numbering, GeoPackage/GeoJSON points."""

from __future__ import annotations

import pytest

from magroute.errors import InputError
from magroute.inputs import read_hubs, read_sites

ITEMS = ("desktop_hdd", "ceiling_fan")


def site_problems(path):
    with pytest.raises(InputError) as info:
        read_sites(path, ITEMS)
    return info.value.problems


def test_missing_file(tmp_path):
    [p] = site_problems(tmp_path / "nowhere" / "sites.csv")
    assert p.file == "sites.csv"
    assert "file not found" in p.message and "nowhere" in p.message


def test_binary_garbage(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfa" * 20)
    [p] = site_problems(path)
    assert p.file == "sites.csv"
    assert "cannot read" in p.message
    assert "UTF-8 CSV" in p.expected


def test_empty_file(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("")
    [p] = site_problems(path)
    assert "cannot read" in p.message


def test_header_only(mini):
    mini.write("hubs.csv", mini.path("hubs.csv").read_text().splitlines()[0] + "\n")
    with pytest.raises(InputError) as info:
        read_hubs(mini.path("hubs.csv"))
    [p] = info.value.problems
    assert p.file == "hubs.csv" and "no data rows" in p.message


def test_ragged_row_names_the_line(mini):
    mini.replace("sites.csv", "S002,", "S002,extra,")
    [p] = site_problems(mini.path("sites.csv"))
    assert "cannot read" in p.message and "line 3" in p.message


def test_blank_lines_do_not_shift_row_numbers(mini):
    text = mini.path("sites.csv").read_text()
    lines = text.splitlines()
    # header, S001, blank, S002, blank, S003: S003 is on file line 6, so row 5
    mini.write("sites.csv", "\n".join([lines[0], lines[1], "", lines[2], "", lines[3]]) + "\n")
    mini.set_cell("sites.csv", 5, "lat", "0")
    [p] = site_problems(mini.path("sites.csv"))
    assert (p.row, p.column) == (5, "lat")
    assert len(read_sites(mini.path("sites.csv"), None, problems=[])) == 2


def test_duplicate_column_in_header(mini):
    mini.replace("sites.csv", ",contact\n", ",city\n")
    [p] = site_problems(mini.path("sites.csv"))
    assert (p.column, p.message) == ("city", "column appears twice in the header")


def test_text_is_not_coerced(mini):
    mini.set_cell("sites.csv", 1, "site_id", "007")
    mini.set_cell("sites.csv", 2, "pincode", "NA")
    sites = read_sites(mini.path("sites.csv"), ITEMS)
    assert sites[0].site_id == "007" and sites[1].pincode == "NA"


def test_byte_order_mark_is_ignored(mini):
    path = mini.path("sites.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_sites(path, ITEMS)[0].site_id == "S001"


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson"])
def test_points_file_takes_lat_lon_from_geometry(mini, tmp_path, suffix):
    gpd = pytest.importorskip("geopandas")
    import pandas as pd

    df = pd.read_csv(mini.path("sites.csv"), dtype=str, keep_default_na=False)
    gdf = gpd.GeoDataFrame(
        # numbers stored as numbers, as a GIS would write them
        df.drop(columns=["lat", "lon"]).assign(gross_weight_kg=df.gross_weight_kg.astype(float)),
        geometry=gpd.points_from_xy(df.lon.astype(float), df.lat.astype(float)),
        crs="EPSG:4326",
    )
    path = tmp_path / f"sites{suffix}"
    gdf.to_file(path)
    sites = read_sites(path, ITEMS)
    assert [s.site_id for s in sites] == ["S001", "S002", "S003"]
    assert sites[0].lat == pytest.approx(28.665) and sites[0].lon == pytest.approx(77.27)
    assert sites[0].gross_weight_kg == 90.0 and sites[0].pincode == "110053"


def test_points_file_in_a_projected_crs_is_reprojected(mini, tmp_path):
    gpd = pytest.importorskip("geopandas")
    import pandas as pd

    df = pd.read_csv(mini.path("sites.csv"), dtype=str, keep_default_na=False)
    gdf = gpd.GeoDataFrame(
        df.drop(columns=["lat", "lon"]),
        geometry=gpd.points_from_xy(df.lon.astype(float), df.lat.astype(float)),
        crs="EPSG:4326",
    ).to_crs(32643)  # UTM 43N, metres
    path = tmp_path / "sites.gpkg"
    gdf.to_file(path)
    sites = read_sites(path, ITEMS)
    assert sites[2].lat == pytest.approx(26.9124) and sites[2].lon == pytest.approx(75.7873)


def test_points_file_bad_feature_is_named_by_row(mini, tmp_path):
    gpd = pytest.importorskip("geopandas")
    import pandas as pd

    df = pd.read_csv(mini.path("sites.csv"), dtype=str, keep_default_na=False)
    gdf = gpd.GeoDataFrame(
        df.drop(columns=["lat", "lon"]),
        geometry=gpd.points_from_xy(df.lon.astype(float), df.lat.astype(float) + [0, 0, 40]),
        crs="EPSG:4326",
    )
    path = tmp_path / "sites.gpkg"
    gdf.to_file(path)
    [p] = site_problems(path)
    assert (p.file, p.row, p.column) == ("sites.gpkg", 3, "lat")


def test_unreadable_geopackage(tmp_path):
    path = tmp_path / "sites.gpkg"
    path.write_bytes(b"not a database" * 10)
    [p] = site_problems(path)
    assert p.file == "sites.gpkg" and "cannot read" in p.message
