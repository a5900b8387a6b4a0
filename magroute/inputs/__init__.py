"""Input files -> domain objects, every problem reported at once in one `InputError`.

Problems name the file, the row (header = row 0, first data row = row 1; see `table`), the column
(for TOML files the table header and key, e.g. "[types.ace] payload_kg"), the value and what
would be valid.
"""

from magroute.inputs.fleet import read_fleet
from magroute.inputs.hubs import read_hubs
from magroute.inputs.problem import (
    check_inputs,
    filter_sites,
    load_problem,
    scenario_yield_params,
    validate_scenario,
)
from magroute.inputs.scenario_read import load_scenario
from magroute.inputs.scenario_write import scenario_to_toml, with_inputs
from magroute.inputs.sites import read_sites
from magroute.inputs.yields import read_yield_params

__all__ = [
    "filter_sites",
    "load_problem",
    "load_scenario",
    "read_fleet",
    "read_hubs",
    "read_sites",
    "read_yield_params",
    "scenario_to_toml",
    "scenario_yield_params",
    "check_inputs",
    "validate_scenario",
    "with_inputs",
]
