"""Making user text harmless in the files people open: spreadsheets, file names, inline JSON.

Site names, contacts and ids come from planners' files and may hold anything. XML and HTML
writers escape with the standard library (`xml.sax.saxutils`, `html`, ElementTree); this
module covers what those do not. Spreadsheet cells (`neutralise_cell`) are in
`magroute.formatting`, beside the readers that undo it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any


def safe_filename(text: str, *, max_len: int = 60) -> str:
    """A file-name stem from an id: ASCII letters, digits, ``-``, ``_`` and ``.`` only.

    Other characters become ``_``; no leading dot (hidden files, ``..``); never empty; reserved
    Windows device names get a trailing ``_``. Different ids can map to the same stem, so
    callers that need uniqueness add a number (`unique_filenames`).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", ascii_text)
    stem = re.sub(r"\.{2,}", ".", stem).strip("._ ")[:max_len]
    stem = stem.rstrip(".")
    if not stem:
        stem = "_"
    if stem.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                                      *(f"LPT{i}" for i in range(10))}:
        stem += "_"
    return stem


def unique_filenames(stems: list[str]) -> list[str]:
    """`stems` made distinct, in order (``_2``, ``_3`` ... on collisions, compared case-blind
    because some file systems are)."""
    out: list[str] = []
    taken: set[str] = set()
    for base in stems:
        stem, n = base, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}_{n}"
        taken.add(stem.lower())
        out.append(stem)
    return out


def json_for_script(data: Any) -> str:
    """JSON safe to place inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and the
    line separators are escaped, so no text can close the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text
