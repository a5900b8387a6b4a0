"""units: the range guard on every value scaled to a solver integer."""

from __future__ import annotations

import dataclasses
import math

import pytest
from factories import make_problem, make_site

from magroute import units
from magroute.errors import InputError
from magroute.solver.model_data import compile_model
from magroute.travel import GreatCircleSource


@pytest.mark.parametrize("value", [1e30, -1e30, math.inf, math.nan])
def test_scaling_refuses_what_no_int64_sum_holds(value):
    with pytest.raises(units.ScaleError, match="beyond what the solver can add up"):
        units.inr_to_units(value)
    with pytest.raises(units.ScaleError):
        units.load_kg_to_int(value)


def test_scaling_keeps_ordinary_values():
    assert units.inr_to_units(1500.5) == 15_005_000
    assert units.load_kg_to_int(12.2) == 13
    assert units.inr_to_units(units.MAX_UNITS / units.COST_UNITS_PER_INR) == units.MAX_UNITS


def test_compile_model_names_the_site_and_column_of_a_value_beyond_the_solver():
    # A site built in code, past the readers' limits: the guard of the last resort.
    sites = [make_site("A", 28.5, 77.5), make_site("B", 28.6, 77.6)]
    huge = dataclasses.replace(sites[0], gross_weight_kg=1e30)
    problem = make_problem([huge, sites[1]])
    matrices = GreatCircleSource().matrices(problem.points())
    with pytest.raises(InputError) as info:
        compile_model(problem, matrices, [0, 1])
    (p,) = info.value.problems
    assert p.column == "gross_weight_kg" and f"site {huge.site_id}" in p.message
