"""run_scenario end to end on the mini data set with the road network."""

import json

import mini_data

from magroute.pipeline import check_plan_dir, run_scenario


def test_a_site_far_from_every_road_is_named_in_the_notes_and_still_planned(tmp_path):
    mini = mini_data.write_mini(tmp_path)
    # Kavaratti, Lakshadweep: an island hundreds of km from the national highways.
    mini.replace("sites.csv", "26.9124,75.7873", "10.5669,72.6420")
    mini.replace("mini.toml", 'source = "great_circle"', 'source = "road_graph"')
    mini.replace("mini.toml", "time_limit_s = 5", "time_limit_s = 2")
    result = run_scenario(mini.scenario, tmp_path / "plan")
    (note,) = [n for n in result.plan.notes if "road network" in n]
    assert "S003" in note and "S001" not in note
    summary = json.loads((tmp_path / "plan" / "summary.json").read_text())
    assert note in summary["plan"]["notes"]
    assert {s.site_id for s in result.problem.sites} == \
        set(result.plan.served_site_ids) | {u.site_id for u in result.plan.unserved}
    assert result.violations == [] and check_plan_dir(tmp_path / "plan").violations == []
