import dataclasses

import pytest
from factories import make_problem, make_site

from magroute.domain import Range, Site, WeeklyHours


def test_duplicate_site_ids_rejected():
    with pytest.raises(ValueError, match="duplicate site ids: A"):
        make_problem([make_site("A", 28.6, 77.3), make_site("A", 28.7, 77.3)])


def test_site_outside_india_rejected():
    with pytest.raises(ValueError, match="outside India"):
        make_site("X", 51.5, -0.1)


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
