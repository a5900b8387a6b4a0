"""Driver manifests: what a manifest says about a route, and writing them as HTML and PDF.

The HTML and PDF writers render the same labelled fields, built here once from a RouteSheet,
so the two formats cannot disagree. Paperwork fields we cannot know (GSTINs, CPCB
registration numbers, HSN code, driver, weights actually loaded, signatures) are blank lines
to fill in by hand: a manifest must never invent them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from magroute.export.i18n import (
    check_lang,
    format_clock,
    format_date,
    item_label,
    kind_label,
    localise_hours,
    magnet_label,
    site_type_label,
    t,
)
from magroute.export.sheets import (
    EWAY_BILL_THRESHOLD_INR,
    RouteSheet,
    StopSheet,
    TripSheet,
    route_file_stems,
)
from magroute.formatting import grouped, inr

# Stops on the road: the detail shows each as one line, not a table (a 6-day route has a dozen).
PAUSE_KINDS = ("break", "rest")

# Only contacts that look like a phone number become tel: links; anything else stays text.
_PHONE = re.compile(r"\+?[0-9][0-9 -]{5,}[0-9]")


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled line of a manifest."""

    label: str
    value: str = ""
    link: str = ""  # a URL the value opens (maps, tel:)
    blank: bool = False  # a line to fill in by hand
    tall: bool = False  # room for a signature
    alert: bool = False  # print it so it is not missed (an e-way bill is needed)


@dataclass(frozen=True, slots=True)
class OverviewRow:
    """One event of the route as a row of the overview table (cells in `overview_headings` order)."""

    kind: str  # the event kind (start, pickup, ...): writers style pauses and pickups apart
    cells: tuple[str, ...]
    pickup_id: str = ""  # pickups only: writers link the row to the pickup's detail


def overview_headings(lang: str) -> tuple[str, ...]:
    """Column headings of the overview; the last column is left empty for the driver's tick."""
    return ("#", t("day", lang), t("time", lang), t("what", lang), t("place", lang),
            t("pickup_id", lang), t("overview_kg", lang), t("done", lang))


def overview_rows(sheet: RouteSheet, lang: str) -> tuple[OverviewRow, ...]:
    """Every event of the route in order, one row each: the one-glance view before the detail."""
    return tuple(_overview_row(stop, lang) for stop in sheet.stops)


def _overview_row(stop: StopSheet, lang: str) -> OverviewRow:
    if stop.kind in PAUSE_KINDS:
        when = f"{_day_clock(stop.arrival, stop, lang)}–{_day_clock(stop.departure, stop, lang)}"
        place = stop.name or t("on_the_road", lang)  # a wait at the hub names the hub
    else:
        # The start has no arrival worth printing: the driver needs the time to leave.
        when = _day_clock(stop.departure if stop.kind == "start" else stop.arrival, stop, lang)
        place = stop.name or stop.place_id
    pickup = stop.kind == "pickup"
    # An unload of a route with several trips says which trip's load it is, as its detail does.
    what = stop_heading(stop, lang)[0] if stop.kind == "unload" else kind_label(stop.kind, lang)
    cells = (str(stop.number) if pickup else "", str(stop.day), when, what, place,
             stop.pickup_id, _kg(stop.gross_kg) if pickup else "", "")
    return OverviewRow(stop.kind, cells, stop.pickup_id)


def _day_clock(moment: datetime, stop: StopSheet, lang: str) -> str:
    """'14:05', or '06:00 (Day 2)' for a moment on another day than the stop's: the overview has a
    day column, so a plan day number reads better there than a date (a rest ends the next morning)."""
    if moment.date() == stop.date:
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M} ({t('day', lang)} {stop.day + (moment.date() - stop.date).days})"


def document_title(sheet: RouteSheet, lang: str) -> str:
    return f"{t('title', lang)} – {t('route', lang)} {sheet.route_id}"


def day_title(day: int, on: date, lang: str) -> str:
    return f"{t('day', lang)} {day} – {format_date(on, lang)}"


def stop_heading(stop: StopSheet, lang: str) -> tuple[str, str, str]:
    """(kind and number, pickup ID, place name) of a stop; parts may be empty."""
    kind = kind_label(stop.kind, lang)
    if stop.kind == "pickup":
        return f"{kind} {stop.number}", stop.pickup_id, stop.name
    if stop.kind == "unload" and stop.n_trips > 1:  # every trip ends with an unload and its slip
        kind += " · " + t("trip_of", lang).format(trip=stop.trip, trips=stop.n_trips)
    return kind, "", stop.name


def trip_starts(sheet: RouteSheet) -> dict[int, TripSheet]:
    """{seq of a trip's first stop: the trip} for a route of several trips, where writers put
    the trip's heading and `trip_fields`; empty for a route of one trip (its header says it all)."""
    if sheet.n_trips < 2:
        return {}
    return {trip.stops[0].seq: trip for trip in sheet.trips}


def trip_title(trip: TripSheet, lang: str) -> str:
    return t("trip_heading", lang).format(trip=trip.trip, trips=trip.n_trips)


def eway_text(pickups: tuple[StopSheet, ...], lang: str) -> str:
    """Which of these pickups need an e-way bill: each pickup is one consignment (one seller,
    one invoice), tested on its own purchase value, never a truck's whole load."""
    limit = inr(EWAY_BILL_THRESHOLD_INR)
    needed = ", ".join(str(s.number) for s in pickups if s.eway_bill_needed)
    return (t("eway_needed", lang).format(pickups=needed, limit=limit) if needed
            else t("eway_not_needed", lang).format(limit=limit))


def trip_fields(trip: TripSheet, lang: str) -> tuple[Field, ...]:
    """One trip's load, before its stops: when it leaves and unloads, what it should bring in,
    what its sellers are paid and which of its consignments need an e-way bill."""
    unload = trip.unload
    on = trip.leaves.date()
    back = format_clock(unload.arrival, lang, on=on) if unload is not None else "–"
    return (
        Field(t("trip_time", lang), f"{_when(trip.leaves, lang)} – {back}"),
        Field(t("pickups", lang), str(len(trip.pickups))),
        Field(t("expected_kg", lang), _kg(trip.gross_kg)),
        Field(t("expected_magnet_kg", lang), grouped(trip.magnet_kg, 2)),
        Field(t("expected_value", lang), inr(trip.value_inr)),
        Field(t("expected_purchase", lang), inr(trip.purchase_inr)),
        Field(t("eway_bill", lang), eway_text(trip.pickups, lang), alert=trip.eway_bill_needed),
    )


def header_fields(sheet: RouteSheet, lang: str) -> tuple[Field, ...]:
    """Route, vehicle, driver blanks, hubs and totals for the top of the manifest."""
    eway = eway_text(sheet.pickups, lang)
    trips = (Field(t("trips", lang), str(sheet.n_trips)),) if sheet.n_trips > 1 else ()
    vehicle_id = sheet.vehicle_id if sheet.vehicle_type in ("", sheet.vehicle_id) \
        else f"{sheet.vehicle_id} ({sheet.vehicle_type})"
    return (
        Field(t("route", lang), sheet.route_id),
        Field(t("vehicle", lang), sheet.vehicle_label),
        Field(t("vehicle_id", lang), vehicle_id),
        Field(t("vehicle_class", lang), sheet.vehicle_class),
        Field(t("capacity", lang), _kg(sheet.capacity_kg)),
        Field(t("driver_name", lang), blank=True),
        Field(t("driver_phone", lang), blank=True),
        Field(t("registration", lang), blank=True),
        Field(t("start_hub", lang), _named(sheet.start_hub_name, sheet.start_hub)),
        Field(t("end_hub", lang), _named(sheet.end_hub_name, sheet.end_hub, sheet.end_hub_pincode)),
        Field(t("route_time", lang), f"{_when(sheet.start, lang)} – {_when(sheet.end, lang)}"),
        *trips,
        Field(t("distance", lang), grouped(sheet.distance_km, 0)),
        Field(t("pickups", lang), str(len(sheet.pickups))),
        Field(t("expected_kg", lang), _kg(sheet.gross_kg)),
        Field(t("expected_magnet_kg", lang), grouped(sheet.magnet_kg, 2)),
        Field(t("expected_value", lang), inr(sheet.value_inr)),
        Field(t("expected_purchase", lang), inr(sheet.purchase_inr)),
        Field(t("eway_bill", lang), eway, alert=sheet.eway_bill_needed),
        Field(t("documents", lang), t("documents_list", lang)),
    )


def stop_fields(sheet: RouteSheet, stop: StopSheet, lang: str) -> tuple[Field, ...]:
    """What the driver needs at a stop: where, when, what to load, whom to call, how to get there.

    A break or rest is `pause_fields`, which writers print as one line, not as a table.
    """
    if stop.kind in PAUSE_KINDS:
        return pause_fields(stop, lang)
    on = stop.date
    nav = (Field(t("nav_google", lang), f"{stop.lat:.6f}, {stop.lon:.6f}", link=stop.google_maps_url),
           Field(t("nav_geo", lang), f"geo:{stop.lat:.6f},{stop.lon:.6f}", link=stop.geo_uri))
    leg = Field(t("leg_km", lang), grouped(stop.leg_km, 1))
    if stop.kind == "pickup":
        fields = [
            Field(t("pickup_id", lang), stop.pickup_id),
            Field(t("site", lang), stop.name),
            Field(t("site_type", lang), site_type_label(stop.site_type, lang)),
            Field(t("address", lang), stop.address),
            Field(t("contact", lang), stop.contact,
                  link=f"tel:{re.sub(r'[ -]', '', stop.contact)}" if _PHONE.fullmatch(stop.contact) else ""),
            Field(t("opening_hours", lang), localise_hours(stop.opening_hours, lang)),
            Field(t("window", lang), _span(stop.window_open, stop.window_close, lang, on)),
            Field(t("eta", lang), format_clock(stop.arrival, lang, on=on)),
            Field(t("loading", lang), _span(stop.service_start, stop.departure, lang, on)),
            Field(t("items", lang), items_text(stop, lang)),
            Field(t("expected_kg", lang), _kg(stop.gross_kg)),
            Field(t("expected_magnet_kg", lang), magnets_text(stop, lang)),
            Field(t("expected_value", lang), inr(stop.value_inr)),
            Field(t("expected_purchase", lang), inr(stop.purchase_inr)),
        ]
        if stop.must_collect:
            fields.append(Field(t("must_collect", lang), t("yes", lang)))
        return (*fields, leg, Field(t("load_after", lang), _kg(stop.load_kg)), *nav)
    hub = [Field(t("hub", lang), _named(stop.name, stop.place_id, stop.pincode)),
           Field(t("receiving_hours", lang), localise_hours(stop.opening_hours, lang))]
    if stop.kind == "start":
        return (*hub[:1], Field(t("departure", lang), format_clock(stop.departure, lang, on=on)), *nav)
    if stop.kind == "unload":
        return (*hub, Field(t("arrival", lang), format_clock(stop.arrival, lang, on=on)), leg,
                # What this trip brought in: each unload is weighed on its own slip.
                Field(t("expected_kg", lang), _kg(stop.unload_kg)),
                Field(t("weight_received", lang), blank=True),
                Field(t("signature_hub", lang), blank=True, tall=True), *nav)
    return (*hub[:1], Field(t("arrival", lang), format_clock(stop.arrival, lang, on=on)), leg, *nav)


def pause_fields(stop: StopSheet, lang: str) -> tuple[Field, ...]:
    """A break or rest as the parts of one line: kind with from–to and duration, the distance
    driven to it, and both navigation links (the geo: one shows the coordinates, for a printed copy)."""
    minutes = max(round((stop.departure - stop.arrival).total_seconds() / 60), 0)
    when = f"{_span(stop.arrival, stop.departure, lang, stop.date)} ({minutes // 60}:{minutes % 60:02d})"
    # Whole km from 10 km on: a highway stop's distance needs no decimals, a short hop does.
    km = grouped(stop.leg_km, 0 if stop.leg_km >= 10 else 1)
    # A wait at the hub (between two trips) says where it is instead of "0.0 km".
    where = t("at_hub", lang).format(hub=stop.name) if stop.name else \
        t("km_from_previous", lang).format(km=km)
    return (Field(kind_label(stop.kind, lang), when),
            Field("", where),
            Field("", t("google_maps", lang), link=stop.google_maps_url),
            Field("", f"geo:{stop.lat:.6f},{stop.lon:.6f}", link=stop.geo_uri))


def consignment_fields(sheet: RouteSheet, stop: StopSheet, lang: str) -> tuple[Field, ...]:
    """The data an e-way bill and an e-waste movement document need for one pickup.

    We know the parties' names and places, the expected weight and the expected purchase
    (invoice) value, the consignment's value for the e-way bill; the registrations, HSN code,
    documents' numbers and the weight actually loaded are filled in on site.
    """
    consignor = "\n".join(p for p in (stop.name, stop.address, stop.contact) if p)
    consignee = _named(sheet.end_hub_name, sheet.end_hub, sheet.end_hub_pincode)
    limit = inr(EWAY_BILL_THRESHOLD_INR)
    eway = t("eway_needed_consignment" if stop.eway_bill_needed
             else "eway_not_needed_consignment", lang).format(limit=limit)
    return (
        Field(t("consignor", lang), consignor),
        Field(f"{t('consignor', lang)}: {t('gstin', lang)}", blank=True),
        Field(f"{t('consignor', lang)}: {t('cpcb_registration', lang)}", blank=True),
        Field(t("consignee", lang), consignee),
        Field(f"{t('consignee', lang)}: {t('gstin', lang)}", blank=True),
        Field(f"{t('consignee', lang)}: {t('cpcb_registration', lang)}", blank=True),
        Field(t("description", lang), f"{t('goods', lang)}: {items_text(stop, lang)}"),
        Field(t("hsn", lang), blank=True),
        Field(t("expected_gross", lang), _kg(stop.gross_kg)),
        Field(t("value_expected", lang), inr(stop.purchase_inr)),
        Field(t("eway_bill", lang), eway, alert=stop.eway_bill_needed),
        Field(t("weight_loaded", lang), blank=True),
        Field(t("weighbridge_slip", lang), blank=True),
        Field(t("invoice_no", lang), blank=True),
        Field(t("eway_bill_no", lang), blank=True),
        Field(t("signature_site", lang), blank=True, tall=True),
        Field(t("signature_driver", lang), blank=True, tall=True),
    )


def items_text(stop: StopSheet, lang: str) -> str:
    return "; ".join(f"{item_label(item, lang)} × {count}" for item, count in stop.items) or "–"


def magnets_text(stop: StopSheet, lang: str) -> str:
    parts = "; ".join(f"{magnet_label(m, lang)} {grouped(kg, 2)}" for m, kg in stop.magnet_kg_by_type)
    total = grouped(stop.magnet_kg, 2)
    return f"{total} ({parts})" if len(stop.magnet_kg_by_type) > 1 else total


def write_manifests(sheets: tuple[RouteSheet, ...] | list[RouteSheet], folder: Path | str, *,
                    lang: str = "en", plan_name: str = "",
                    generated: datetime | None = None) -> dict[str, list[Path]]:
    """Write ``<stem>.<lang>.html`` and ``.pdf`` per route into `folder` (a plan folder's
    ``manifests/``).

    Returns {"manifest_html": [...], "manifest_pdf": [...]} in route order.
    """
    # Imported here: both writers import this module's fields, so a top-level import would cycle.
    from magroute.export.manifest_html import write_manifest_html
    from magroute.export.manifest_pdf import write_manifest_pdf

    check_lang(lang)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[Path]] = {"manifest_html": [], "manifest_pdf": []}
    for sheet, stem in zip(sheets, route_file_stems(sheets), strict=True):
        for kind, write in (("html", write_manifest_html), ("pdf", write_manifest_pdf)):
            out[f"manifest_{kind}"].append(write(sheet, folder / f"{stem}.{lang}.{kind}", lang=lang,
                                                 plan_name=plan_name, generated=generated))
    return out


def _kg(x: float) -> str:
    return grouped(x, 0 if abs(x - round(x)) < 0.05 else 1)


def _named(name: str, place_id: str, pincode: str = "") -> str:
    text = f"{name} ({place_id})" if name and place_id and name != place_id else (name or place_id)
    return f"{text}, PIN {pincode}" if pincode else text


def _when(moment: datetime, lang: str) -> str:
    return f"{format_date(moment.date(), lang)} {moment:%H:%M}"


def _span(a: datetime | None, b: datetime | None, lang: str, on: date) -> str:
    if a is None and b is None:
        return "–"
    return f"{format_clock(a, lang, on=on)} – {format_clock(b, lang, on=on)}"

