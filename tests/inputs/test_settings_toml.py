"""The scenario sections that map onto settings dataclasses take their keys, types, defaults
and bounds from the fields: a new field is a new key, documented and checked, with no reader
or writer code of its own."""

import dataclasses
import re
from pathlib import Path

import pytest

from magroute.domain import limits
from magroute.domain.scenario import (
    CollectionTarget,
    RegionSettings,
    RoadSettings,
    SiteFilter,
    SolveSettings,
    SupplySettings,
    TravelSettings,
    VisitFrequency,
    setting,
)
from magroute.errors import InputProblem
from magroute.inputs.settings_toml import read_section, section_doc, section_keys
from magroute.inputs.tomlfile import TomlTable

REPO = Path(__file__).resolve().parents[2]
SECTIONS = {"sites": SiteFilter, "travel": TravelSettings, "travel.road": RoadSettings,
            "solver": SolveSettings, "visits": VisitFrequency, "target": CollectionTarget,
            "supply": SupplySettings, "region": RegionSettings}


def _documented() -> str:
    """README's scenario example and docs/scenarios.md (the analysts' sections)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return (text[text.index("[inputs]"):text.index("**`sites.csv`**")]
            + (REPO / "docs" / "scenarios.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("header", SECTIONS)
def test_every_setting_is_a_key_of_its_section_and_is_documented(header):
    example = _documented()
    keys = section_keys(SECTIONS[header])
    assert keys == tuple(f.name for f in dataclasses.fields(SECTIONS[header]))
    for key in keys:
        assert re.search(rf"\b{key}\b", example), f"[{header}] {key} is not documented"


@pytest.mark.parametrize("cls", [SolveSettings, VisitFrequency, RoadSettings, SiteFilter,
                                 SupplySettings, RegionSettings])
def test_a_section_written_from_its_fields_reads_back_equal(cls, tmp_path):
    changed = {SolveSettings: {"time_limit_s": 7.5, "workers": 2, "strategy": "ortools-gls"},
               VisitFrequency: {"every_days": 14},
               RoadSettings: {"cache_dir": tmp_path / "cache", "access_kmh": 30.0,
                              "speeds_kmh": (("nh", 50.0),)},
               SiteFilter: {"states": ("Delhi",), "site_types": ("scrap_yard",)},
               SupplySettings: {"history": tmp_path / "runs" / "history.sqlite",
                                "risk": "p10", "prior_visits": 3.5},
               RegionSettings: {"outline": tmp_path / "nepal.geojson", "buffer_km": 2.5}}[cls]
    obj = dataclasses.replace(cls(), **changed)
    doc = section_doc(obj, base=tmp_path)
    problems: list[InputProblem] = []
    special = {"speeds_kmh": lambda t, k: tuple((c, float(v)) for c, v in t.data[k].items())}
    got = read_section(TomlTable("s.toml", f"[{cls.__name__}]", doc, problems), cls,
                       base=tmp_path, special=special)
    assert problems == [] and got == obj


def test_bounds_and_types_come_from_the_fields(tmp_path):
    problems: list[InputProblem] = []
    t = TomlTable("s.toml", "[solver]", {"time_limit_s": 0, "seed": -1, "strategy": "fast",
                                         "workers": 1.5, "wrokers": 2}, problems)
    assert read_section(t, SolveSettings, base=tmp_path) is None
    by_key = {p.column: p for p in problems}
    assert set(by_key) == {"[solver] time_limit_s", "[solver] seed", "[solver] strategy",
                           "[solver] workers", "[solver] wrokers"}
    assert by_key["[solver] time_limit_s"].expected == limits.TIME_LIMIT_S.expected()
    assert by_key["[solver] seed"].expected == \
        "a whole number from 0 to 2,147,483,647 (the solvers' seed range)"
    assert "ortools-gls" in by_key["[solver] strategy"].expected
    assert "did you mean 'workers'" in by_key["[solver] wrokers"].message


def test_a_new_field_is_a_new_checked_key_with_nothing_else_to_write(tmp_path):
    @dataclasses.dataclass(frozen=True)
    class Knobs:
        lanes: int = setting(2, minimum=1)
        note: str = ""

    problems: list[InputProblem] = []
    good = TomlTable("s.toml", "[knobs]", {"lanes": 3}, problems)
    assert read_section(good, Knobs, base=tmp_path) == Knobs(3) and problems == []
    bad = TomlTable("s.toml", "[knobs]", {"lanes": 0, "note": 5}, problems)
    assert read_section(bad, Knobs, base=tmp_path) is None
    assert [p.column for p in problems] == ["[knobs] lanes", "[knobs] note"]
    assert section_doc(Knobs(3), base=tmp_path, changed_only=True) == {"lanes": 3}


def test_a_required_setting_is_reported_when_missing(tmp_path):
    problems: list[InputProblem] = []
    t = TomlTable("s.toml", "[target]", {"note": "plant plan"}, problems)
    assert read_section(t, CollectionTarget, base=tmp_path) is None
    assert [(p.column, p.message) for p in problems] == [
        ("[target] ndfeb_t_per_year", "required key is missing")]
