"""The bundled Noto Sans Devanagari, cut down to one page's characters, as inline @font-face rules.

A phone or PC without a Devanagari font shows a Hindi manifest as empty boxes, so the HTML page
carries its own font: a subset holding only the characters it shows, as a base64 WOFF data: URL,
which keeps the page one self-contained file that opens offline. The OFL (fonts/OFL.txt) allows
subsetting and embedding; the subset keeps every name record, copyright and licence included, and
is served under its own family name, so it never shadows a Noto font the reader has installed.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

FONTS_DIR = Path(__file__).parent / "fonts"
FAMILY = "MagrouteDevanagari"

# What the face is used for: Devanagari and its extensions, the joiners that steer conjunct
# forming, the rupee sign and the dotted circle shapers give a stray vowel sign as base. Everything
# else (Latin, digits, spaces) keeps the reader's system sans.
_RANGES = ((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0x200C, 0x200D), (0x20B9, 0x20B9), (0x25CC, 0x25CC),
           (0xA8E0, 0xA8FF))
UNICODE_RANGE = ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in _RANGES)
# Only letters of the script call for the font: a ₹ on an English page is drawn well enough
# by the system font.
_SCRIPT = ((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0xA8E0, 0xA8FF))
# Always in the subset: the dotted circle that shapers give as base to a vowel sign with no
# consonant (mistyped or hostile text), so such a sign shows on a dotted circle, not on a box.
# (A sign right after a space still gets a box: Chrome hides from the shaper every glyph outside
# the face's unicode-range, and putting the space in the range would move Latin text's spaces.)
ALWAYS = "\u25cc"

# (CSS font-weight, file): bold covers the page's 600 and 700 (th, headings, alerts).
FACES = ((400, "NotoSansDevanagari-Regular.ttf"), (700, "NotoSansDevanagari-Bold.ttf"))


def _within(ch: str, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a <= ord(ch) <= b for a, b in ranges)


def needed_chars(text: str) -> str:
    """The characters of `text` the embedded face must hold, sorted; "" when `text` has no
    Devanagari letter (then nothing is embedded)."""
    chars = set(text)
    if not any(_within(c, _SCRIPT) for c in chars):
        return ""
    return "".join(sorted({c for c in chars if _within(c, _RANGES)} | set(ALWAYS)))


def font_face_css(text: str) -> str:
    """@font-face rules of FAMILY covering the Devanagari of `text`; "" if it has none."""
    chars = needed_chars(text)
    if not chars:
        return ""
    rules = []
    for weight, filename in FACES:
        data = base64.b64encode(subset_woff(filename, chars)).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; '
                     f"font-weight: {weight}; font-display: block; unicode-range: {UNICODE_RANGE}; "
                     f'src: url(data:font/woff;base64,{data}) format("woff"); }}')
    return "\n".join(rules)


@lru_cache(maxsize=64)
def subset_woff(filename: str, chars: str) -> bytes:
    """WOFF subset of a bundled font holding `chars` with everything needed to shape them.

    Cached because a plan writes one manifest per route, mostly with the same labels, and a cut
    takes 0.2-0.4 s. WOFF (zlib), not WOFF2: WOFF2 needs the `brotli` package, which magroute does
    not depend on, and every browser that shapes Devanagari reads WOFF.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    # All GSUB/GPOS features and the glyphs they reach (layout_closure is on by default):
    # half forms, conjuncts (क्ष, त्र), nukta forms and the widths of the pre-base sign ि are glyphs
    # with no character of their own, so a cmap-only cut would leave the browser unable to shape.
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # copyright, licence and the font's own names stay, as the OFL asks
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.flavor = "woff"
    with TTFont(FONTS_DIR / filename) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=chars)
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)  # applies `flavor`; font.save alone writes a bare TTF
    return out.getvalue()
