"""`demo-data`: a synthetic night that the real readers accept, the same for the same seed."""

import filecmp

from magroute.batch.demo_data import write_demo_night
from magroute.inputs import load_problem, load_scenario, read_yield_params
from magroute.inputs.requests import read_requests


def test_a_big_night_reads_back_and_is_reproducible(tmp_path):
    night = write_demo_night(tmp_path / "a", 1500, seed=7)
    scenario = load_scenario(night.files["scenario"])
    problem = load_problem(scenario)
    assert len(problem.sites) == night.sites >= 1500 * 0.85 > 722  # town sites were added
    assert len(problem.vehicles) == night.trucks > 20
    site_ids = {s.site_id for s in problem.sites}
    params = read_yield_params(scenario.yields_path)
    requests = read_requests(night.files["requests"], site_ids, params.item_ids)
    assert len(requests) == 1500 == len({r.request_id for r in requests})
    assert len({r.site_id for r in requests}) >= 1500 * 0.85 - 1
    assert all(abs((r.ready_date - scenario.start_date).days) <= 2 for r in requests)
    again = write_demo_night(tmp_path / "b", 1500, seed=7)
    for name in ("sites", "requests", "fleet"):
        assert filecmp.cmp(night.files[name], again.files[name], shallow=False), name


def test_a_small_night_uses_bundled_sites_only(tmp_path):
    night = write_demo_night(tmp_path, 40, seed=1)
    assert night.sites == 722 and night.trucks == 20
