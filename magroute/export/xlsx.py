"""plan.xlsx: the plan as a dispatcher's workbook: a Summary sheet, one sheet per route and the
unserved sites with their reasons.

Text cells are always stored as text (never as formulas): openpyxl would write a string
starting with ``=`` as a formula, so every string cell is forced to the string type, and one
that a spreadsheet would read as a formula also gets Excel's quote-prefix flag (how Excel
itself marks text typed with a leading apostrophe). The text itself is kept exactly.
Times are local (the plan's time zone; spreadsheets have none) as real date-times.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from magroute.analysis.kpis import PlanKpis
from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.export.sheets import RouteSheet
from magroute.export.summary import summary_rows
from magroute.formatting import FORMULA_STARTS

TIME_FORMAT = "yyyy-mm-dd hh:mm"
ROUTE_HEADER = ("Seq", "Day", "Trip", "Kind", "Pickup ID", "Site ID", "Name", "Address / PIN",
                "Opening hours", "Arrival", "Service start", "Departure", "Window opens",
                "Window closes", "Items to collect", "Expected kg", "Expected magnet kg",
                "Expected value INR", "Load after kg", "Leg km", "Contact", "Google Maps",
                "By-products INR", "Purchase INR", "E-way bill")
ROUTES_HEADER = ("Route", "Vehicle", "Type", "Pickups", "Trips", "km", "Start", "End", "Expected kg",
                 "Expected magnet kg", "Expected value INR", "By-products INR", "Purchase INR",
                 "E-way bill", "Sheet")
# "Expected value INR" of an unserved site is its prize: magnets + by-products - purchase, >= 0.
UNSERVED_HEADER = ("Site ID", "Name", "Type", "City", "State", "PIN", "Reason",
                   "Expected value INR", "Binding rule", "Break-even value INR")
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE5F0")


def write_plan_xlsx(problem: Problem, plan: Plan, kpis: PlanKpis,
                    sheets: tuple[RouteSheet, ...], path: Path | str) -> Path:
    """Write the workbook; returns the path."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    names = _sheet_names([f"{s.route_id} {s.vehicle_id}" for s in sheets])
    _summary(summary, kpis, sheets, names)
    for sheet, name in zip(sheets, names, strict=True):
        _route(wb.create_sheet(name), sheet)
    _unserved(wb.create_sheet("Unserved"), problem, plan)
    path = Path(path)
    wb.save(path)
    return path


def put(ws: Worksheet, row: int, col: int, value: object) -> None:
    """Write one cell safely: text stays text, datetimes lose their zone (kept local)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = TIME_FORMAT
    else:
        cell.value = value


def _table(ws: Worksheet, header: tuple[str, ...], rows: list[tuple], *, start_row: int = 1) -> None:
    for c, h in enumerate(header, start=1):
        put(ws, start_row, c, h)
        ws.cell(row=start_row, column=c).font = _BOLD
        ws.cell(row=start_row, column=c).fill = _HEAD_FILL
    for r, values in enumerate(rows, start=start_row + 1):
        for c, v in enumerate(values, start=1):
            put(ws, r, c, v)
    for c, h in enumerate(header, start=1):
        width = max([len(h)] + [len(str(v[c - 1])) for v in rows if v[c - 1] is not None])
        ws.column_dimensions[get_column_letter(c)].width = min(60, max(8, width + 2))


def _summary(ws: Worksheet, kpis: PlanKpis, sheets: tuple[RouteSheet, ...], names: list[str]) -> None:
    put(ws, 1, 1, f"magroute plan: {kpis.scenario}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    row = 3
    for label, value in summary_rows(kpis):
        put(ws, row, 1, label)
        put(ws, row, 2, value)
        row += 1
    ws.column_dimensions["A"].width = 34
    rows = [(s.route_id, s.vehicle_id, s.vehicle_label, len(s.pickups), s.n_trips,
             round(s.distance_km, 1), s.start, s.end, round(s.gross_kg, 1), round(s.magnet_kg, 3),
             round(s.value_inr, 2), round(s.byproduct_inr, 2), round(s.purchase_inr, 2), _eway(s),
             name) for s, name in zip(sheets, names, strict=True)]
    top = row + 1
    _table(ws, ROUTES_HEADER, rows, start_row=top)
    for i, name in enumerate(names, start=top + 1):
        cell = ws.cell(row=i, column=len(ROUTES_HEADER))
        cell.hyperlink = f"#'{name}'!A1"  # internal link; the name has no quote (see _sheet_names)
        cell.style = "Hyperlink"
    ws.freeze_panes = ws.cell(row=top + 1, column=1)


def _route(ws: Worksheet, sheet: RouteSheet) -> None:
    trips = f", {sheet.n_trips} trips (unloads at the hub)" if sheet.n_trips > 1 else ""
    put(ws, 1, 1, f"Route {sheet.route_id}: {sheet.vehicle_label} ({sheet.vehicle_id}), "
                  f"{sheet.start_hub_name or sheet.start_hub} to {sheet.end_hub_name or sheet.end_hub}"
                  f"{trips}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=12)
    rows = []
    for s in sheet.stops:
        rows.append((
            s.seq, s.day, s.trip, s.kind, s.pickup_id, s.place_id, s.name, s.address,
            s.opening_hours,
            s.arrival, s.service_start, s.departure, s.window_open, s.window_close,
            "; ".join(f"{n} x {i}" for i, n in s.items), round(s.gross_kg, 1) or None,
            round(s.magnet_kg, 3) or None, round(s.value_inr, 2) or None, round(s.load_kg, 1),
            round(s.leg_km, 3), s.contact, s.google_maps_url,
            round(s.byproduct_inr, 2) or None, round(s.purchase_inr, 2) or None,
            "needed" if s.eway_bill_needed else None))
    _table(ws, ROUTE_HEADER, rows, start_row=3)
    link_col = ROUTE_HEADER.index("Google Maps") + 1
    for r in range(4, 4 + len(rows)):
        cell = ws.cell(row=r, column=link_col)
        cell.hyperlink = cell.value
        cell.style = "Hyperlink"
    for col in range(ROUTE_HEADER.index("Arrival") + 1, ROUTE_HEADER.index("Window closes") + 2):
        ws.column_dimensions[get_column_letter(col)].width = 17
    ws.freeze_panes = "A4"


def _eway(sheet: RouteSheet) -> str:
    """Which pickups' consignments (each its own invoice) are worth more than the threshold:
    'needed: pickup 2, 5'; '' for none."""
    numbers = [str(s.number) for s in sheet.eway_pickups]
    return f"needed: pickup {', '.join(numbers)}" if numbers else ""


def _unserved(ws: Worksheet, problem: Problem, plan: Plan) -> None:
    sites = {s.site_id: s for s in problem.sites}
    rows = []
    for u in plan.unserved:
        s = sites.get(u.site_id)
        rows.append((u.site_id, s.name if s else "", s.site_type if s else "", s.city if s else "",
                     s.state if s else "", s.pincode if s else "", u.reason,
                     round(u.expected_value_inr, 2), u.binding,
                     None if u.break_even_value_inr is None
                     else round(u.break_even_value_inr, 2)))
    _table(ws, UNSERVED_HEADER, rows)
    ws.freeze_panes = "A2"


def _sheet_names(labels: list[str]) -> list[str]:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\'``, unique regardless of
    case, and not the names of the fixed sheets."""
    taken = {"summary", "unserved"}
    out = []
    for label in labels:
        base = "".join("_" if ch in "[]:*?/\\'" else ch for ch in label).strip() or "Route"
        base = base[:31]
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[:31 - len(suffix)] + suffix
        taken.add(name.lower())
        out.append(name)
    return out
