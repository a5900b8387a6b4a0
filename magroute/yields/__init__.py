"""Items held at a site -> expected recoverable magnet kg -> expected value in INR."""

from magroute.yields.model import site_yield

__all__ = ["site_yield"]
