"""Travel distances and durations between points, behind one protocol."""

from magroute.travel.great_circle import GreatCircleSource
from magroute.travel.matrices import TravelMatrices, TravelSource, travel_source_for
from magroute.travel.road_graph import RoadGraphSource

__all__ = [
    "GreatCircleSource", "RoadGraphSource", "TravelMatrices", "TravelSource", "travel_source_for",
]
