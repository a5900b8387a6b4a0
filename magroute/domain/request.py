"""A pickup request: a site's call for collection, waiting in the nightly queue until served."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PickupRequest:
    """One row of the queue. Items and weight are what the site declared; when it declared
    none, the site register's inventory stands. `deferrals` counts the nights it was offered
    and not served (magroute writes it back into the queue it hands on)."""

    request_id: str
    site_id: str
    ready_date: date  # collectable from this day
    latest_date: date | None = None  # collect by this day (the last chance: must-collect)
    items: tuple[tuple[str, int], ...] = ()  # declared (item_id, count), non-zero only
    gross_kg: float | None = None  # declared scrap weight; None: from the items or the register
    must_collect: bool = False
    deferrals: int = 0
    last_reason: str = ""
    # Confirmed by phone that the material is there (True), said to be unconfirmed (False), or
    # not stated (None). Only learnt supply ([supply]) uses it.
    confirmed: bool | None = None

    def __post_init__(self) -> None:
        if not self.request_id:
            raise ValueError("a request needs a request_id")
        if not self.site_id:
            raise ValueError(f"request {self.request_id}: no site_id")
        if self.latest_date is not None and self.latest_date < self.ready_date:
            raise ValueError(f"request {self.request_id}: latest_date {self.latest_date} is "
                             f"before ready_date {self.ready_date}")
        if self.gross_kg is not None and self.gross_kg < 0:
            raise ValueError(f"request {self.request_id}: negative gross_kg")
        if any(n <= 0 for _, n in self.items):
            raise ValueError(f"request {self.request_id}: item counts must be positive")
        if self.deferrals < 0:
            raise ValueError(f"request {self.request_id}: negative deferrals")

    def passing(self, first_day: date) -> bool:
        """True when a plan starting `first_day` is its last chance: its latest date is that
        day or already past (the next night's plan would start after it)."""
        return self.latest_date is not None and self.latest_date <= first_day
