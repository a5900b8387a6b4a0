"""Travel distances and durations between points, behind one protocol."""

from magroute.travel.great_circle import GreatCircleSource
from magroute.travel.matrices import TravelMatrices, TravelSource, travel_source_for

__all__ = ["GreatCircleSource", "TravelMatrices", "TravelSource", "travel_source_for"]
