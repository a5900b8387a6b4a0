"""The one place where real-valued quantities become the integers OR-Tools needs.

OR-Tools routing works on int64 only. Money is scaled to COST_UNITS_PER_INR (1e-4 INR), so a
driver cost of 150 INR/h becomes 417 units per second with 0.08 % rounding error; distances are
integer metres, durations integer seconds, loads integer kilograms (rounded up, so a truck is never
overloaded by rounding).
"""

from __future__ import annotations

import math
import warnings

COST_UNITS_PER_INR = 10_000
SECONDS_PER_HOUR = 3600
METRES_PER_KM = 1000
# Relative error above which scaling a coefficient warns instead of passing silently.
_MAX_RELATIVE_ERROR = 0.005
# The largest integer a coefficient may become. OR-Tools and PyVRP add coefficients in int64
# (9.2e18): a plan's objective is a sum over thousands of sites and arcs, and 2**53 is also the
# last integer a float64 holds exactly. The input limits (`domain.limits`) keep real values far
# below it; this is the last guard, for products of legal values.
MAX_UNITS = 2**53


class ScalingWarning(UserWarning):
    """A coefficient lost noticeable precision when scaled to an integer."""


class ScaleError(ValueError):
    """A value that cannot become a solver integer: not finite, or beyond MAX_UNITS."""

    def __init__(self, what: str, value: float):
        self.what, self.value = what, value
        super().__init__(f"{what} of {value:.6g} is beyond what the solver can add up "
                         f"(at most {MAX_UNITS:.3g} units)")


def _in_range(value: float, what: str) -> float:
    if not (math.isfinite(value) and abs(value) <= MAX_UNITS):
        raise ScaleError(what, value)
    return value


def _scaled(value: float, what: str) -> int:
    out = round(_in_range(value, what))
    if value and abs(out - value) / abs(value) > _MAX_RELATIVE_ERROR:
        warnings.warn(
            f"{what}: {value:.6g} rounds to {out} ({abs(out - value) / abs(value):.1%} off)",
            ScalingWarning,
            stacklevel=3,
        )
    return out


def inr_to_units(inr: float) -> int:
    """Money in INR -> integer cost units."""
    return _scaled(inr * COST_UNITS_PER_INR, "INR amount")


def units_to_inr(units: int | float) -> float:
    return units / COST_UNITS_PER_INR


def inr_per_km_to_units_per_m(inr_per_km: float) -> int:
    return _scaled(inr_per_km * COST_UNITS_PER_INR / METRES_PER_KM, "cost per km")


def inr_per_hour_to_units_per_s(inr_per_hour: float) -> int:
    return _scaled(inr_per_hour * COST_UNITS_PER_INR / SECONDS_PER_HOUR, "cost per hour")


def load_kg_to_int(kg: float) -> int:
    """Loads are rounded up so that integer capacity checks never hide an overload."""
    return math.ceil(_in_range(kg, "load in kg") - 1e-9)


def duration_to_int(seconds: float) -> int:
    """Service and travel times are whole seconds; a time no solver integer holds is refused."""
    return round(_in_range(seconds, "time in seconds"))


def km(metres: int | float) -> float:
    return metres / METRES_PER_KM


def hours(seconds: int | float) -> float:
    return seconds / SECONDS_PER_HOUR
