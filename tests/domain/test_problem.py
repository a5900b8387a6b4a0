import dataclasses

import pytest
from factories import make_problem, make_site

from magroute.domain import Range, Site, WeeklyHours


def test_duplicate_site_ids_rejected():
    with pytest.raises(ValueError, match="duplicate site ids: A"):
        make_problem([make_site("A", 28.6, 77.3), make_site("A", 28.7, 77.3)])


def test_site_off_the_globe_rejected():
    # Whether a point lies in the network's region (India, or a scenario's own outline) is the
    # readers' check (inputs/region.py); the domain only refuses what is no coordinate at all.
    with pytest.raises(ValueError, match="not a point in decimal degrees"):
        make_site("X", 95.0, 77.3)
    assert make_site("L", 51.5, -0.1).lat == 51.5


def test_negative_weight_rejected():
    with pytest.raises(ValueError, match="negative gross weight"):
        Site("X", "x", "scrap_yard", 28.6, 77.3, WeeklyHours.parse("Mon", "09:00", "10:00"),
             (), -1.0)


def test_domain_objects_are_frozen():
    site = make_site("A", 28.6, 77.3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.lat = 0.0  # type: ignore[misc]


def test_range_must_be_ordered():
    with pytest.raises(ValueError):
        Range(1.0, 2.0, 3.0)
