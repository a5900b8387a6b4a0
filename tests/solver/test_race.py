import math

import pytest

from magroute.solver.race import WholeCurve


def test_a_span_of_the_same_ratio_gains_the_same():
    curve = WholeCurve.measured(gain=8_000, span=(9.0, 18.0))
    # from where the searches stopped, doubling the time again gains as much again ...
    assert curve.gain_after(18.0) == pytest.approx(8_000)
    # ... and a span as long as the measured one gains less, later on
    assert curve.gain_after(9.0) == pytest.approx(8_000 * math.log(1.5) / math.log(2))


def test_searches_that_gained_nothing_expect_nothing():
    for curve in (WholeCurve.measured(0.0, (9.0, 18.0)),
                  WholeCurve.measured(5.0, (0.0, 18.0)),  # no span to scale by
                  WholeCurve.measured(5.0, (18.0, 18.0))):
        assert curve.gain_after(10.0) == 0.0
