"""A route's driver manifest as one self-contained, printable HTML page.

No scripts, no external fonts, styles or images: the page opens offline on a phone and prints
on A4. A page with Devanagari carries its own font, a subset of the bundled Noto Sans Devanagari
(webfont.py), because a reader without one would see empty boxes. Every piece of text, attribute
values included, goes through `html.escape`, because site names and contacts come from planners'
files and may hold markup.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from magroute.export.i18n import check_lang, t
from magroute.export.manifests import (
    PAUSE_KINDS,
    Field,
    consignment_fields,
    day_title,
    document_title,
    header_fields,
    overview_headings,
    overview_rows,
    pause_fields,
    stop_fields,
    stop_heading,
    trip_fields,
    trip_starts,
    trip_title,
)
from magroute.export.sheets import RouteSheet, StopSheet, TripSheet
from magroute.export.webfont import FAMILY, font_face_css

# System fonts that hold Devanagari on Windows (Nirmala UI, Mangal), macOS/iOS (Kohinoor,
# Devanagari Sangam), Linux (Noto, Lohit) and Android (its sans-serif falls back to Noto).
FONT_STACK = ('"Noto Sans", "Noto Sans Devanagari", "Nirmala UI", "Mangal", "Kohinoor Devanagari", '
              '"Devanagari Sangam MN", "Lohit Devanagari", "Segoe UI", Roboto, Arial, sans-serif')
# With an embedded face it comes first: its unicode-range holds only Devanagari, so Latin text
# still falls through to the system fonts, and Devanagari never to a font the reader may lack.
EMBEDDED_FONT_STACK = f'"{FAMILY}", {FONT_STACK}'

_CSS = """
* { box-sizing: border-box; }
body { font-size: 11pt; line-height: 1.35; margin: 1.2em auto; max-width: 60em;
       padding: 0 0.8em; color: #111; }
h1 { font-size: 1.5em; margin: 0 0 0.2em; }
h2 { font-size: 1.15em; background: #1f3b5a; color: #fff; padding: 0.3em 0.5em; margin: 1.4em 0 0.6em; }
section.trip { border: 2px solid #2d6a4f; margin: 0.9em 0; }
section.trip h2 { background: #2d6a4f; margin: 0; }
h3 { font-size: 1.05em; margin: 0; padding: 0.3em 0.5em; background: #dde6ef; }
h3 .pid { font-family: monospace; font-size: 1.05em; margin: 0 0.5em; }
.meta, .note { color: #444; font-size: 0.92em; }
article { border: 1px solid #9aa9b8; margin: 0 0 0.9em; }
article.rest h3, article.break h3 { background: #f3ecd9; }
article.start h3, article.unload h3, article.end h3 { background: #e3eee0; }
table { border-collapse: collapse; width: 100%; }
th, td { border-top: 1px solid #ccd5de; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { font-weight: 600; color: #333; background: #f6f8fa; }
table.fields th { width: 34%; }
td { white-space: pre-line; overflow-wrap: anywhere; }
td.blank { height: 2.1em; }
td.tall { height: 3.6em; }
caption { text-align: left; font-weight: 700; padding: 0.4em 0.5em 0.2em; border-top: 2px solid #9aa9b8; }
caption span { font-weight: 400; color: #444; }
.alert { font-weight: 700; color: #8a1c1c; }
table.overview { font-size: 0.85em; }
table.overview th { background: #dde6ef; vertical-align: bottom; }
table.overview td { padding: 0.15em 0.4em; }
table.overview tbody tr:nth-child(even) td { background: #f3f5f8; }
table.overview tr.break td, table.overview tr.rest td { color: #555; }
table.overview td.pid { font-family: monospace; }
table.overview td.num { text-align: right; }
table.overview td.done::before { content: ""; display: inline-block; width: 0.95em; height: 0.95em;
                                 border: 1.5px solid #333; vertical-align: middle; }
p.pause { border: 1px solid #9aa9b8; background: #f3ecd9; margin: 0 0 0.9em; padding: 0.3em 0.5em; }
p.pause .kind { font-weight: 700; }
a { color: #0b4f9c; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  @page { size: A4; margin: 12mm; }
  h2 { break-after: avoid; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  article, tr, p.pause { break-inside: avoid; }
  h3, th, p.pause, table.overview td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def manifest_html(sheet: RouteSheet, *, lang: str = "en", plan_name: str = "",
                  generated: datetime | None = None) -> str:
    """The manifest of one route as an HTML document (a string)."""
    check_lang(lang)
    title = document_title(sheet, lang)
    meta = []
    if plan_name:
        meta.append(f"{t('plan', lang)}: {plan_name}")
    if generated is not None:
        meta.append(f"{t('generated', lang)}: {generated:%d-%m-%Y %H:%M}")
    body = [
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(" · ".join(meta))}</p>' if meta else "",
        "</header>",
        '<section class="summary">',
        _table(header_fields(sheet, lang)),
        f'<p class="note">{_e(t("estimates_note", lang))} {_e(t("fill_by_hand", lang))}</p>',
        "</section>",
        _overview(sheet, lang),
    ]
    trips = trip_starts(sheet)
    for day, on, stops in sheet.days:
        body.append(f'<section class="day"><h2>{_e(day_title(day, on, lang))}</h2>')
        for s in stops:
            if s.seq in trips:
                body.append(_trip(trips[s.seq], lang))
            body.append(_stop(sheet, s, lang))
        body.append("</section>")
    # The font follows the text, not `lang`: an English page may name a site in Devanagari.
    faces = font_face_css(title + "".join(body))
    stack = EMBEDDED_FONT_STACK if faces else FONT_STACK
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{faces}\nbody {{ font-family: {stack}; }}{_CSS}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>", "</html>", "",
    ]
    return "\n".join(p for p in parts if p)


def write_manifest_html(sheet: RouteSheet, path: Path | str, *, lang: str = "en",
                        plan_name: str = "", generated: datetime | None = None) -> Path:
    """Write `manifest_html` of the sheet to `path` (UTF-8); returns the path."""
    path = Path(path)
    path.write_text(manifest_html(sheet, lang=lang, plan_name=plan_name, generated=generated),
                    encoding="utf-8")
    return path


def _overview(sheet: RouteSheet, lang: str) -> str:
    """Every event in one table, before the day-by-day detail; a pickup's ID links to its detail.
    The header row is a <thead>, which browsers repeat on each printed page."""
    heads = "".join(f'<th scope="col">{_e(h)}</th>' for h in overview_headings(lang))
    rows = [f'<section class="overview"><h2>{_e(t("overview", lang))}</h2>', '<table class="overview">',
            f"<thead><tr>{heads}</tr></thead>", "<tbody>"]
    for row in overview_rows(sheet, lang):
        number, day, when, what, place, pid, kg, _ = (_e(c) for c in row.cells)
        if row.pickup_id:
            pid = f'<a href="#{_e(row.pickup_id)}">{pid}</a>'
        rows.append(f'<tr class="{_e(row.kind)}"><td class="num">{number}</td><td class="num">{day}</td>'
                    f'<td>{when}</td><td>{what}</td><td>{place}</td><td class="pid">{pid}</td>'
                    f'<td class="num">{kg}</td><td class="done"></td></tr>')
    rows.append("</tbody></table></section>")
    return "\n".join(rows)


def _pause(stop: StopSheet, lang: str) -> str:
    """A break or rest as one line; both navigation links stay clickable."""
    parts = []
    for f in pause_fields(stop, lang):
        text = _e(f.value)
        if f.link:
            text = f'<a href="{_e(f.link)}">{text}</a>'
        parts.append(f'<span class="kind">{_e(f.label)}</span> {text}' if f.label else text)
    return f'<p class="stop pause {_e(stop.kind)}">{" · ".join(parts)}</p>'


def _trip(trip: TripSheet, lang: str) -> str:
    """A trip's heading and its load, before the trip's first stop."""
    return "\n".join((f'<section class="trip" id="trip-{trip.trip}">',
                       f'<h2 class="trip">{_e(trip_title(trip, lang))}</h2>',
                       _table(trip_fields(trip, lang)), "</section>"))


def _stop(sheet: RouteSheet, stop: StopSheet, lang: str) -> str:
    if stop.kind in PAUSE_KINDS:
        return _pause(stop, lang)
    kind, pid, name = stop_heading(stop, lang)
    anchor = f' id="{_e(stop.pickup_id)}"' if stop.pickup_id else ""
    heading = "".join((f'<span class="kind">{_e(kind)}</span>',
                       f' <span class="pid">{_e(pid)}</span>' if pid else "",
                       f' <span class="name">{_e(name)}</span>' if name else ""))
    parts = [f'<article class="stop {_e(stop.kind)}"{anchor}>', f"<h3>{heading}</h3>",
             _table(stop_fields(sheet, stop, lang))]
    if stop.kind == "pickup":
        caption = (f"{_e(t('consignment', lang))} {_e(stop.pickup_id)} "
                   f"<span>({_e(t('consignment_for', lang))})</span>")
        parts.append(_table(consignment_fields(sheet, stop, lang), caption=caption))
    parts.append("</article>")
    return "\n".join(parts)


def _table(fields: tuple[Field, ...], *, caption: str = "") -> str:
    """Label/value rows; `caption` is markup already escaped by the caller."""
    rows = ['<table class="fields">' + (f"<caption>{caption}</caption>" if caption else "")]
    for f in fields:
        if f.blank:
            cls = "blank tall" if f.tall else "blank"
            rows.append(f'<tr><th scope="row">{_e(f.label)}</th><td class="{cls}"></td></tr>')
            continue
        value = _e(f.value) or "–"
        if f.link:
            value = f'<a href="{_e(f.link)}">{value}</a>'
        cls = ' class="alert"' if f.alert else ""
        rows.append(f'<tr><th scope="row">{_e(f.label)}</th><td{cls}>{value}</td></tr>')
    rows.append("</table>")
    return "\n".join(rows)


def _e(text: str) -> str:
    return escape(text, quote=True)
