import math

import pytest

from magroute.solver.race import WholeCurve


def test_a_span_of_the_same_ratio_gains_the_same():
    curve = WholeCurve.measured(gain=8_000, span=(9.0, 18.0), cost_at_end=480_000)
    # from where the searches stopped, doubling the time again gains as much again ...
    assert curve.gain_from(480_000, 18.0) == pytest.approx(8_000)
    # ... and a span as long as the measured one gains less, later on
    assert curve.gain_from(480_000, 9.0) == pytest.approx(8_000 * math.log(1.5) / math.log(2))


def test_a_plan_the_regions_improved_sits_further_along_the_curve():
    curve = WholeCurve.measured(gain=8_000, span=(9.0, 18.0), cost_at_end=480_000)
    assert curve.position_of(480_000) == pytest.approx(18.0)
    assert curve.position_of(472_000) == pytest.approx(36.0)  # one doubling's gain ahead
    assert curve.gain_from(472_000, 36.0) == pytest.approx(8_000)
    assert curve.gain_from(472_000, 14.0) < curve.gain_from(480_000, 14.0)


def test_searches_that_gained_nothing_expect_nothing():
    for curve in (WholeCurve.measured(0.0, (9.0, 18.0), 100.0),
                  WholeCurve.measured(5.0, (0.0, 18.0), 100.0),  # no span to scale by
                  WholeCurve.measured(5.0, (18.0, 18.0), 100.0)):
        assert curve.gain_from(100.0, 10.0) == 0.0


def test_a_plan_far_ahead_of_the_curve_expects_no_gain_and_no_overflow():
    curve = WholeCurve.measured(gain=1.0, span=(1.0, 2.0), cost_at_end=10_000.0)
    assert curve.gain_from(0.0, 60.0) == pytest.approx(0.0, abs=1e-6)
