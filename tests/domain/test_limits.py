"""domain.limits: README's table of plausible ranges is the code's, and the bounds are sane."""

from __future__ import annotations

from pathlib import Path

from magroute.domain import limits

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_shows_the_ranges_the_readers_check():
    assert limits.limits_table() in README.read_text(encoding="utf-8")


def test_every_documented_range_is_a_range():
    for file, key, limit in limits.DOCUMENTED:
        assert limit.low < limit.high, (file, key)
        assert limit.why and limit.expected().startswith("a number"), (file, key)


def test_warning_bands_lie_inside_the_item_range():
    assert 0 < limits.SHOP_ITEMS_WARN < limits.YARD_ITEMS_WARN < limits.ITEMS.high


def test_the_largest_legal_site_value_stays_far_below_int64_when_scaled():
    from magroute import units

    assert limits.SITE_VALUE_INR.high * units.COST_UNITS_PER_INR <= units.MAX_UNITS
    # 10,000 sites at the limit still add up inside int64 (the objective is a sum).
    assert 10_000 * limits.SITE_VALUE_INR.high * units.COST_UNITS_PER_INR < 2**63
