"""The words a driver reads for a stop: its title and its description, shared by GPX and KML.

Both formats are opened on phones and navigators that show a stop's name in a list and its
description when tapped, so the two must say the same thing; deriving it here once keeps them so.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from magroute.export.sheets import EWAY_BILL_THRESHOLD_INR, RouteSheet, StopSheet, TripSheet
from magroute.formatting import grouped

# XML 1.0 forbids C0 controls other than tab, LF and CR, U+FFFE/U+FFFF and lone surrogates: an
# escaping writer still emits them and every parser then rejects the whole file, so one stray
# byte in a planner's spreadsheet would cost a driver the route. They carry no meaning; drop them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (escaping is the writer's job)."""
    return _NOT_XML.sub("", text)


def coordinate(x: float) -> str:
    """A coordinate at full precision (shortest round-trip repr) but never in exponent form,
    which KML and GPX readers need not accept."""
    return format(Decimal(repr(float(x))), "f")


def clock(moment: datetime | None) -> str:
    """``Wed 25 Nov 09:00 IST``: what a driver reads; '' for None."""
    if moment is None:
        return ""
    return f"{moment:%a %d %b %H:%M} {moment.tzname() or ''}".rstrip()


def stop_title(stop: StopSheet) -> str:
    """The short name navigators list: ``3. <site>`` for the third pickup, ``Hub: <name> (start)``,
    ``Hub: <name> (unload 1 of 3)`` on a route of several trips, ``Rest Mon 23 Nov``. Rests and
    breaks carry their time because some navigators (Garmin) merge waypoints that share a name."""
    if stop.kind == "pickup":
        return xml_text(f"{stop.number}. {stop.name or stop.place_id}")
    if stop.kind == "unload" and stop.n_trips > 1:
        return xml_text(f"Hub: {stop.name or stop.place_id} (unload {stop.trip} of {stop.n_trips})")
    if stop.kind in ("start", "unload", "end"):
        return xml_text(f"Hub: {stop.name or stop.place_id} ({stop.kind})")
    if stop.kind == "rest":
        return f"Rest {stop.arrival:%a %d %b}"
    return f"{stop.kind.capitalize()} {stop.arrival:%a %H:%M}"


def stop_description(stop: StopSheet) -> str:
    """The facts of a stop, one per line: when, opening window, pickup ID, what to collect."""
    lines = [f"ETA: {clock(stop.arrival)}"]
    if stop.n_trips > 1:
        lines.append(f"Trip: {stop.trip} of {stop.n_trips}")
    if stop.service_start != stop.arrival:
        lines.append(f"Start service: {clock(stop.service_start)}")
    if stop.departure != stop.arrival:
        lines.append(f"Leave: {clock(stop.departure)}")
    if stop.window_open is not None and stop.window_close is not None:
        lines.append(f"Window: {clock(stop.window_open)} - {clock(stop.window_close)}")
    if stop.opening_hours:
        lines.append(f"Opening hours: {stop.opening_hours}")
    if stop.kind == "pickup":
        lines.append(f"Pickup ID: {stop.pickup_id}")
        if stop.must_collect:
            lines.append("MUST COLLECT")
        items = ", ".join(f"{item} x {count}" for item, count in stop.items)
        lines.append(f"Collect: {items or '-'}")
        lines.append(f"Expected: {grouped(stop.gross_kg, 0)} kg gross, "
                     f"{grouped(stop.magnet_kg, 1)} kg magnets, INR {grouped(stop.value_inr, 0)}")
        lines.append(f"Purchase (invoice): INR {grouped(stop.purchase_inr, 0)}"
                     + (" - e-way bill needed" if stop.eway_bill_needed else ""))
    if stop.address:
        lines.append(f"Address: {stop.address}")
    if stop.contact:
        lines.append(f"Contact: {stop.contact}")
    if stop.kind == "unload":
        lines.append(f"Unload: {grouped(stop.unload_kg, 0)} kg expected (this trip's load); "
                     f"weigh it on the hub weighbridge")
    if stop.kind in ("pickup", "unload"):
        lines.append(f"Load after stop: {grouped(stop.load_kg, 0)} kg")
    return xml_text("\n".join(lines))


def route_title(sheet: RouteSheet, title: str = "") -> str:
    """``R03 lcv14-01 (14 ft truck)``, after `title` when one is given."""
    name = f"{sheet.route_id} {sheet.vehicle_id} ({sheet.vehicle_label})"
    return xml_text(f"{title}: {name}" if title else name)


def route_description(sheet: RouteSheet) -> str:
    lines = [
        f"From {sheet.start_hub_name or sheet.start_hub}, leave {clock(sheet.start)}",
        f"Unload at {sheet.end_hub_name or sheet.end_hub}, arrive {clock(sheet.end)}",
        f"{len(sheet.pickups)} pickups, {grouped(sheet.distance_km, 1)} km",
        f"Expected: {grouped(sheet.gross_kg, 0)} kg gross, {grouped(sheet.magnet_kg, 1)} kg magnets,"
        f" INR {grouped(sheet.value_inr, 0)}",
    ]
    if sheet.n_trips > 1:
        lines.append(f"{sheet.n_trips} trips, unloading at the hub after each:")
        lines += [trip_line(trip) for trip in sheet.trips]
    if sheet.eway_bill_needed:
        lines.append(f"E-way bill needed for pickup {_numbers(sheet.eway_pickups)} (a "
                     f"consignment's purchase value over INR {grouped(EWAY_BILL_THRESHOLD_INR, 0)})")
    return xml_text("\n".join(lines))


def _numbers(pickups: tuple[StopSheet, ...]) -> str:
    return ", ".join(str(s.number) for s in pickups)


def trip_title(sheet: RouteSheet, trip: TripSheet, title: str = "") -> str:
    """``R03 lcv14-01 (14 ft truck), trip 2 of 3``: the name of one trip's line."""
    return xml_text(f"{route_title(sheet, title)}, trip {trip.trip} of {trip.n_trips}")


def trip_line(trip: TripSheet) -> str:
    """One trip in a line: ``Trip 2 of 3: leave Tue 24 Nov 14:00 IST, unload Tue 24 Nov 16:47 IST;
    2 pickups, 600 kg, INR 60,000 (e-way bill for pickup 3)``: a consignment (one pickup) whose
    purchase value is over the threshold needs one."""
    unload = trip.unload
    back = f", unload {clock(unload.arrival)}" if unload is not None else ""
    eway = f" (e-way bill for pickup {_numbers(trip.eway_pickups)})" \
        if trip.eway_bill_needed else ""
    return xml_text(f"Trip {trip.trip} of {trip.n_trips}: leave {clock(trip.leaves)}{back}; "
                    f"{len(trip.pickups)} pickups, {grouped(trip.gross_kg, 0)} kg, "
                    f"INR {grouped(trip.value_inr, 0)}{eway}")
