"""The driver manifest's words in English and Hindi (``--lang en|hi``).

Drivers and site staff across north India read Hindi more readily than English, so every
label, event kind, weekday, item and magnet type of the manifest has a Devanagari version.
Ids, codes and brand names (GSTIN, CPCB, HSN, NdFeB, Google Maps, PK-... pickup IDs) stay
in Latin script, as they are printed on Indian forms. Digits stay Western Arabic (as on
e-way bills and invoices).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path

LANGS = ("en", "hi")

# key -> (English, Hindi), kept in a data file beside this module for translators.
_WORDS = tomllib.loads((Path(__file__).with_name("i18n.toml")).read_text(encoding="utf-8"))
_LABELS: dict[str, tuple[str, str]] = {k: (en, hi) for k, (en, hi) in _WORDS["labels"].items()}
# The bundled item categories of data/yields.toml; English as labelled there.
_ITEMS: dict[str, tuple[str, str]] = {k: (en, hi) for k, (en, hi) in _WORDS["items"].items()}

# Monday first, as datetime.weekday() counts.
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "hi": ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"),
}
_WEEKDAYS_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "hi": ("सोम", "मंगल", "बुध", "गुरु", "शुक्र", "शनि", "रवि"),
}
_DAY_TOKEN = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")


def check_lang(lang: str) -> str:
    """`lang` if it is one the manifest speaks; ValueError naming the valid ones otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unknown manifest language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str) -> str:
    """The label `key` in `lang` (KeyError for an unknown key: a typo in our code)."""
    return _LABELS[key][LANGS.index(check_lang(lang))]


def item_label(item_id: str, lang: str) -> str:
    """An item category's name; unknown (user-defined) items show their id, underscores as spaces."""
    i = LANGS.index(check_lang(lang))
    known = _ITEMS.get(item_id)
    return known[i] if known else item_id.replace("_", " ")


def magnet_label(magnet_type: str, lang: str) -> str:
    known = _LABELS.get(f"magnet_{magnet_type}")
    return known[LANGS.index(check_lang(lang))] if known else magnet_type.replace("_", " ")


def site_type_label(site_type: str, lang: str) -> str:
    known = _LABELS.get(f"site_{site_type}")
    return known[LANGS.index(check_lang(lang))] if known else site_type.replace("_", " ")


def kind_label(kind: str, lang: str) -> str:
    """A route event kind (start, pickup, break, rest, unload, end) as a driver reads it."""
    known = _LABELS.get(f"kind_{kind}")
    return known[LANGS.index(check_lang(lang))] if known else kind


def weekday_name(day: date, lang: str, *, short: bool = False) -> str:
    names = _WEEKDAYS_SHORT if short else _WEEKDAYS
    return names[check_lang(lang)][day.weekday()]


def format_date(day: date, lang: str) -> str:
    """'Monday 23-11-2026' / 'सोमवार 23-11-2026' (day first, as Indian forms write dates)."""
    return f"{weekday_name(day, lang)} {day:%d-%m-%Y}"


def format_clock(moment: datetime | None, lang: str, *, on: date | None = None) -> str:
    """'14:05'; with the short weekday and date when the moment falls on another day than `on`."""
    if moment is None:
        return "–"
    if on is not None and moment.date() != on:
        return f"{weekday_name(moment.date(), lang, short=True)} {moment:%d-%m} {moment:%H:%M}"
    return f"{moment:%H:%M}"


def localise_hours(hours: str, lang: str) -> str:
    """Opening hours as WeeklyHours prints them ('Mon,Wed 10:00-19:00') with local day names
    and a space after each comma, so long day lists can wrap."""
    check_lang(lang)
    short = dict(zip(_WEEKDAYS_SHORT["en"], _WEEKDAYS_SHORT[lang], strict=True))
    return re.sub(r",(?=\S)", ", ", _DAY_TOKEN.sub(lambda m: short[m.group(1)], hours))
