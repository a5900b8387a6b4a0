"""`magroute explain PLAN_DIR [SITE_ID]` through the real console entry point."""

import pytest
from test_cli import magroute
from test_cli import read_csv as rows


@pytest.fixture(scope="module")
def explained(tmp_path_factory):
    out = tmp_path_factory.mktemp("explain") / "ncr"
    r = magroute("plan", "scenarios/ncr-daily.toml", "--out", out, "--time-limit", "5", "-q",
                 "--seed", "2")
    assert r.returncode == 0, r.stderr + r.stdout
    r = magroute("explain", out)
    assert r.returncode == 0, r.stderr + r.stdout
    return out, r


def test_every_site_is_explained_and_unserved_csv_says_the_same(explained):
    out, r = explained
    every = {row["site_id"]: row for row in rows(out / "explain.csv")}
    unserved = rows(out / "unserved.csv")
    served = {row["site_id"] for row in rows(out / "routes.csv") if row["kind"] == "pickup"}
    assert set(every) == served | {u["site_id"] for u in unserved}
    assert "sites served" in r.stdout and "written:" in r.stdout
    for u in unserved:  # the plan's own explanation and the folder's agree to the paisa
        e = every[u["site_id"]]
        assert e["served"] == "no" and u["binding"] == e["binding"] != ""
        assert u["marginal_cost_inr"] == e["marginal_cost_inr"]
        assert u["break_even_value_inr"] == e["break_even_value_inr"]
    for site_id in served:
        e = every[site_id]
        assert e["served"] == "yes" and e["route_id"] and float(e["drop_saving_inr"]) > 0
    # Left out for their value: worth less than a detour (binding "value"), or than the site
    # they would displace on a full truck (a swap price, binding capacity or hours).
    priced = [u for u in unserved if u["break_even_value_inr"] and u["binding"] != "search"]
    assert priced, "the NCR plan leaves some yards out for their value"
    assert all(float(u["break_even_value_inr"]) > float(u["expected_value_inr"]) for u in priced)


def test_one_site_is_explained_in_words(explained):
    out, _ = explained
    site = next(row for row in rows(out / "unserved.csv")
                if row["break_even_value_inr"] and row["binding"] != "search")
    r = magroute("explain", out, site["site_id"])
    assert r.returncode == 0, r.stderr
    assert site["site_id"] in r.stdout and "break-even value" in r.stdout
    assert f"₹{float(site['break_even_value_inr']):,.0f}" in r.stdout


def test_an_unknown_site_is_an_input_error_naming_valid_ids(explained):
    out, _ = explained
    r = magroute("explain", out, "NOPE")
    assert r.returncode == 2 and "no such site" in r.stderr and "NOPE" in r.stderr
