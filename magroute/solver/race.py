"""How much the whole-problem searches would gain from a given plan: the yardstick for the
first regional round of a large problem (hybrid.py), measured on the problem at hand.

A search's cost falls about with the logarithm of its running time: single PyVRP searches on
GH1000 RC1_10_1 and R1_10_1 (seeds 1-2, 7.5 s to 60 s) gained 5.8-11.7 thousand per doubling
of time while their gain per second fell 3 to 6.5-fold. So a gain per second measured early
says little about a later span. Further along, the log model over-promises (120 s: 2.9-6.4
thousand per doubling; from plans that regional rounds had taken far along the curve the
whole-problem searches gained 26 and 1,093 in 14 s where it promised 3,085 and 1,952), so
hybrid.py races only the first round (docs/engine.md, "The race")"""

from __future__ import annotations

import math
from dataclasses import dataclass

_MAX_EXPONENT = 50.0  # e^50: a plan so far ahead that the whole search gains nothing on it


@dataclass(frozen=True)
class WholeCurve:
    """cost(t) = cost_at_ref - per_log x ln(t / ref), fitted to one measured span. Positions
    count from the start of the search, in seconds or (with an iteration limit) iterations."""

    per_log: float  # gain per unit of ln(position); 0 when the searches gained nothing
    ref: float  # a position on the curve ...
    cost_at_ref: float  # ... and the plan's cost there

    @classmethod
    def measured(cls, gain: float, span: tuple[float, float], cost_at_end: float
                 ) -> WholeCurve:
        """The curve of searches that gained `gain` over `span` and ended at `cost_at_end`."""
        start, end = span
        if start <= 0 or end <= start or gain <= 0:
            return cls(0.0, max(end, 1e-9), cost_at_end)
        return cls(gain / math.log(end / start), end, cost_at_end)

    def position_of(self, cost: float) -> float:
        """Where on the curve the whole search would have reached `cost`."""
        if self.per_log <= 0:
            return math.inf
        ahead = (self.cost_at_ref - cost) / self.per_log
        return self.ref * math.exp(min(_MAX_EXPONENT, ahead))

    def gain_from(self, cost: float, duration: float) -> float:
        """What the whole-problem searches would gain in `duration` from a plan of `cost`."""
        at = self.position_of(cost)
        if duration <= 0 or math.isinf(at):
            return 0.0
        return self.per_log * math.log1p(duration / at)
