"""How much the whole-problem searches would have gained had they carried on: the yardstick for the
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


@dataclass(frozen=True)
class WholeCurve:
    """cost(t) = cost(end) - per_log x ln(t / end), fitted to one measured span that ended at
    `end`. Positions count from the start of the search, in seconds or (with an iteration
    limit) iterations."""

    per_log: float  # gain per unit of ln(position); 0 when the searches gained nothing
    end: float  # where the measured span ended, and the plan stands

    @classmethod
    def measured(cls, gain: float, span: tuple[float, float]) -> WholeCurve:
        """The curve of searches that gained `gain` over `span`."""
        start, end = span
        if start <= 0 or end <= start or gain <= 0:
            return cls(0.0, end)
        return cls(gain / math.log(end / start), end)

    def gain_after(self, duration: float) -> float:
        """What the searches would gain in `duration` more, from where the span ended."""
        if duration <= 0 or self.per_log <= 0:
            return 0.0
        return self.per_log * math.log1p(duration / self.end)
