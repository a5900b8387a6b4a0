"""A route's driver manifest as an A4 PDF (fpdf2), in English or Hindi.

Same fields as the HTML manifest (`magroute.export.manifests`). Text is set in Noto Sans with
Noto Sans Devanagari as the fallback font, and HarfBuzz shaping is on: without it Devanagari
conjuncts and vowel signs come out as loose, misplaced glyphs. An overview table of every event
comes first; then each stop is a table whose heading repeats when it breaks across pages (rows
themselves never split), each break or rest a single line.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos

# The same field builders as manifest_html, through the module: one list of names to keep.
from magroute.export import manifests as mf
from magroute.export.i18n import check_lang, t
from magroute.export.sheets import RouteSheet, StopSheet

FONTS_DIR = Path(__file__).parent / "fonts"
FONT = "NotoSans"
FONT_DEVANAGARI = "NotoSansDevanagari"

# Devanagari, Bengali ... Malayalam, Devanagari Extended: scripts whose glyphs need shaping.
_COMPLEX_SCRIPT = re.compile("[\u0900-\u0DFF\uA8E0-\uA8FF]")
# Control characters from planners' files have no glyph (fpdf2 warns and drops them, and a tab
# would glue two words together): print a space instead. Newlines are line breaks and stay.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f\ufffe\uffff]")
_BODY_PT = 9
_LINE_MM = 4.6
_BLANK_MM = 8.0  # room to write a number by hand
_SIGNATURE_MM = 14.0
_LABEL_SHARE = 34  # % of the width for labels

# The overview is set small so a week's route fits a page or two. Column widths in mm of the
# 186 mm between the margins (fpdf2 takes them as shares): the time holds "15:30–06:00 (Day 2)"
# and the ID a whole pickup ID on one line; the place takes the rest and wraps.
_OVERVIEW_PT = 8
_OVERVIEW_LINE_MM = 3.6
_OVERVIEW_COLS = (6, 8, 29, 17, 66, 31, 19, 10)
_OVERVIEW_ALIGN = ("RIGHT", "RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "CENTER")
_ZEBRA = (243, 245, 248)
# The tick box: a square image, sized by the horizontal padding of its 10 mm column.
_TICK_BOX = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
             b'<rect x="0.5" y="0.5" width="9" height="9" fill="white" stroke="black" stroke-width="0.8"/>'
             b"</svg>")
_TICK_PADDING = (0.9, 3.4, 0.9, 3.4)
_PAUSE_COLS = (34, 26, 13, 27)  # % for kind and times, distance, Google Maps, geo:

_HEAD_FILL = {"pickup": (221, 230, 239), "rest": (243, 236, 217), "break": (243, 236, 217)}
_HUB_FILL = (227, 238, 224)
_DAY_FILL = (31, 59, 90)
_TRIP_FILL = (45, 106, 79)  # a trip's heading: green, apart from the days' blue
_LABEL = FontFace(emphasis="B", color=(50, 50, 50), fill_color=(246, 248, 250))
_LINK = FontFace(emphasis="U", color=(11, 79, 156))
_ALERT = FontFace(emphasis="B", color=(138, 28, 28))
_PAUSE_TEXT = FontFace(color=(85, 85, 85))
_HEADING = FontFace(emphasis="B")


class _ManifestPDF(FPDF):
    """FPDF with a footer naming the route and the page."""

    def __init__(self, footer_text: str, page_label: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self._footer_text = footer_text
        self._page_label = page_label

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(90)
        self.cell(0, 5, self._footer_text, align="L")
        self.set_x(self.l_margin)
        # {nb} is fpdf2's alias for the page count, filled in when the document is closed.
        self.cell(0, 5, self._page_label.format(page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0)

    def _render_styled_text_line(self, *args: Any, **kwargs: Any) -> bool:
        # Works around an fpdf2 2.8.9 bug (kin of py-pdf/fpdf2#1772): when a line's first glyph
        # comes from the fallback font (Devanagari) and no font is set on the page yet, fpdf2
        # sets the main font inside that line's own q/Q block but records it as set for the
        # page; the following lines then have no font and viewers drop them (poppler: "No font
        # in show"). Setting the font at page level first keeps fpdf2's bookkeeping true.
        # Private fpdf2 API: tests run pdftotext and fail on any such complaint.
        if self.page and self.current_font is not None and not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))
        return super()._render_styled_text_line(*args, **kwargs)


def write_manifest_pdf(sheet: RouteSheet, path: Path | str, *, lang: str = "en", plan_name: str = "",
                       generated: datetime | None = None) -> Path:
    """Write the manifest of one route as a PDF to `path`; returns the path."""
    check_lang(lang)
    title = _printable(mf.document_title(sheet, lang))
    footer = _printable(" · ".join(p for p in (title, plan_name, sheet.vehicle_id) if p))
    pdf = _ManifestPDF(footer_text=footer,
                       page_label=t("page", lang))
    _setup(pdf, title, lang, generated, shaping=lang != "en" or _needs_shaping(sheet, lang, plan_name))
    pdf.add_page()

    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    meta = [f"{t('plan', lang)}: {plan_name}" if plan_name else "",
            f"{t('generated', lang)}: {generated:%d-%m-%Y %H:%M}" if generated else ""]
    pdf.set_font(FONT, "", _BODY_PT)
    if any(meta):
        pdf.multi_cell(0, _LINE_MM, _printable(" · ".join(m for m in meta if m)),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _fields_table(pdf, mf.header_fields(sheet, lang), heading="")
    pdf.set_font(FONT, "", _BODY_PT - 0.5)
    pdf.multi_cell(0, _LINE_MM, f"{t('estimates_note', lang)} {t('fill_by_hand', lang)}",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # Internal links from the overview's pickup IDs to the pickups' detail, placed as those are written.
    links = {stop.pickup_id: pdf.add_link() for stop in sheet.pickups}
    _overview(pdf, sheet, lang, links)
    trips = mf.trip_starts(sheet)
    for day, on, stops in sheet.days:
        _day_heading(pdf, mf.day_title(day, on, lang))
        for stop in stops:
            if stop.seq in trips:  # a trip's heading and load before its first stop
                trip = trips[stop.seq]
                _day_heading(pdf, mf.trip_title(trip, lang), fill=_TRIP_FILL)
                _fields_table(pdf, mf.trip_fields(trip, lang), heading="")
                pdf.ln(3)
            if stop.kind in mf.PAUSE_KINDS:
                _pause(pdf, stop, lang)
            else:
                _stop(pdf, sheet, stop, lang, links.get(stop.pickup_id))
    pdf.output(str(path))
    return Path(path)


def _setup(pdf: FPDF, title: str, lang: str, generated: datetime | None, *, shaping: bool) -> None:
    pdf.add_font(FONT, "", FONTS_DIR / "NotoSans-Regular.ttf")
    pdf.add_font(FONT, "B", FONTS_DIR / "NotoSans-Bold.ttf")
    pdf.add_font(FONT_DEVANAGARI, "", FONTS_DIR / "NotoSansDevanagari-Regular.ttf")
    pdf.add_font(FONT_DEVANAGARI, "B", FONTS_DIR / "NotoSansDevanagari-Bold.ttf")
    pdf.set_fallback_fonts([FONT_DEVANAGARI])
    pdf.set_text_shaping(shaping)
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_creator("magroute")
    if generated is not None:
        pdf.set_creation_date(generated)
    pdf.alias_nb_pages()


def _needs_shaping(sheet: RouteSheet, lang: str, plan_name: str) -> bool:
    """Whether any text of the manifest is in a script that needs HarfBuzz (Devanagari and the
    other Indic scripts). Shaping makes fpdf2's line breaking about 3x slower, so Latin-only
    manifests go without it."""
    fields = [*mf.header_fields(sheet, lang)]
    for stop in sheet.stops:
        fields += mf.stop_fields(sheet, stop, lang)
        if stop.kind == "pickup":
            fields += mf.consignment_fields(sheet, stop, lang)
    texts = [plan_name, *(stop.name for stop in sheet.stops), *(f.value for f in fields)]
    return any(_COMPLEX_SCRIPT.search(text) for text in texts)


def _day_heading(pdf: FPDF, text: str, fill: tuple[int, int, int] = _DAY_FILL) -> None:
    # Keep a day's (or a trip's) heading on the page of its first stop.
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 11)
    pdf.set_fill_color(*fill)
    pdf.set_text_color(255)
    # fpdf2 annotates padding as whole numbers, but takes any length in mm.
    pdf.multi_cell(0, 7, text, fill=True, padding=(0.5, 2),  # type: ignore[arg-type]
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)
    pdf.set_fill_color(255)  # table cells without a fill colour of their own use the current one
    pdf.ln(2)


def _overview(pdf: FPDF, sheet: RouteSheet, lang: str, links: dict[str, int]) -> None:
    """Every event of the route, one zebra row each, the header row repeated on every page."""
    _day_heading(pdf, t("overview", lang))
    pdf.set_font(FONT, "", _OVERVIEW_PT)
    with pdf.table(col_widths=_OVERVIEW_COLS, text_align=_OVERVIEW_ALIGN, v_align="TOP",
                   line_height=_OVERVIEW_LINE_MM, padding=(0.9, 1), repeat_headings=1,
                   headings_style=FontFace(emphasis="B", fill_color=(221, 230, 239)),
                   borders_layout="HORIZONTAL_LINES", cell_fill_mode=TableCellFillMode.ROWS,
                   cell_fill_color=_ZEBRA) as table:
        heads = table.row()
        for text in mf.overview_headings(lang):
            heads.cell(_printable(text))
        for row in mf.overview_rows(sheet, lang):
            cells = table.row(style=_PAUSE_TEXT if row.kind in mf.PAUSE_KINDS else None)
            for text in row.cells[:5]:
                cells.cell(_printable(text))
            cells.cell(_printable(row.pickup_id), link=links.get(row.pickup_id),
                       style=_LINK if row.pickup_id else None)
            cells.cell(_printable(row.cells[6]))
            cells.cell(img=_TICK_BOX, padding=_TICK_PADDING)
    pdf.ln(2)


def _pause(pdf: FPDF, stop: StopSheet, lang: str) -> None:
    """A break or rest as one shaded line: kind and times, distance, both navigation links."""
    pdf.set_font(FONT, "", _BODY_PT)
    fill = _HEAD_FILL[stop.kind]
    with pdf.table(col_widths=_PAUSE_COLS, first_row_as_headings=False, line_height=_LINE_MM,
                   text_align="LEFT", v_align="TOP", padding=(1, 1.5), borders_layout="NONE",
                   cell_fill_mode=TableCellFillMode.ALL, cell_fill_color=fill) as table:
        row = table.row()
        for i, f in enumerate(mf.pause_fields(stop, lang)):
            text = _printable(f"{f.label}  {f.value}" if f.label else f.value)
            row.cell(text, link=f.link or None, style=_LINK if f.link else _HEADING if i == 0 else None)
    pdf.ln(2)


def _stop(pdf: FPDF, sheet: RouteSheet, stop: StopSheet, lang: str, link: int | None = None) -> None:
    kind, pid, name = mf.stop_heading(stop, lang)
    heading = "  ·  ".join(p for p in (kind, pid, name) if p)
    fill = _HEAD_FILL.get(stop.kind, _HUB_FILL)
    # A stop's heading and its first rows belong together; start a new page rather than orphan them.
    if pdf.will_page_break(35):
        pdf.add_page()
    if link is not None:
        pdf.set_link(link, y=pdf.y, page=pdf.page)
    _fields_table(pdf, mf.stop_fields(sheet, stop, lang), heading=heading, fill=fill)
    if stop.kind == "pickup":
        if pdf.will_page_break(30):
            pdf.add_page()
        _fields_table(pdf, mf.consignment_fields(sheet, stop, lang), fill=(236, 236, 236),
                      heading=f"{t('consignment', lang)}  ·  {pid}\n({t('consignment_for', lang)})")
    pdf.ln(3)


def _fields_table(pdf: FPDF, fields: tuple[mf.Field, ...], *, heading: str,
                  fill: tuple[int, int, int] = (221, 230, 239)) -> None:
    """Label/value rows, the heading (if any) spanning both columns and repeated on a new page."""
    pdf.set_font(FONT, "", _BODY_PT)
    with pdf.table(col_widths=(_LABEL_SHARE, 100 - _LABEL_SHARE), first_row_as_headings=bool(heading),
                   headings_style=FontFace(emphasis="B", size_pt=_BODY_PT + 1, fill_color=fill),
                   line_height=_LINE_MM, text_align="LEFT", v_align="TOP", padding=(1, 1.5),
                   borders_layout="HORIZONTAL_LINES", cell_fill_mode=TableCellFillMode.NONE,
                   repeat_headings=1 if heading else 0) as table:
        if heading:
            table.row().cell(_printable(heading), colspan=2)
        for f in fields:
            height = _SIGNATURE_MM if f.tall else _BLANK_MM if f.blank else None
            row = table.row(min_height=height)
            row.cell(_printable(f.label), style=_LABEL)
            if f.blank:
                row.cell("")
            elif f.link:
                row.cell(_printable(f.value) or "–", style=_LINK, link=f.link)
            else:
                row.cell(_printable(f.value) or "–", style=_ALERT if f.alert else None)


def _printable(text: str) -> str:
    return _CONTROL.sub(" ", text)
