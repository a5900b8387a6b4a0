"""Driver manifests (issue 5, deliverable 2): HTML and PDF, English and Hindi, hostile text harmless."""

import base64
import dataclasses
import io
import re
import shutil
import subprocess
import tomllib
import unicodedata
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import test_html_map
from factories import HOSTILE_HTML
from test_html_map import assert_offline_and_clean

from magroute.export.i18n import LANGS, item_label, kind_label, magnet_label, t
from magroute.export.manifest_html import manifest_html
from magroute.export.manifest_pdf import write_manifest_pdf
from magroute.export.manifests import PAUSE_KINDS, day_title, overview_headings, write_manifests
from magroute.export.sheets import route_sheets
from magroute.export.webfont import FAMILY, FONTS_DIR, UNICODE_RANGE

GENERATED = datetime(2026, 11, 22, 18, 0)
YIELDS_TOML = Path(__file__).parents[2] / "data" / "yields.toml"
DEVANAGARI = re.compile(r"[\u0900-\u097F]")

browser = test_html_map.browser  # the map test's chromium: Debian's, network blocked, module-scoped

# What the embedded face serves (webfont.UNICODE_RANGE), spelled out again to test it.
EMBEDDED = re.compile(r"[\u0900-\u097F\u1CD0-\u1CFF\u200C\u200D\u20B9\u25CC\uA8E0-\uA8FF]")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def pdf_text(path: Path) -> str:
    """pdftotext's reading of a PDF; poppler's complaints (e.g. 'No font in show') fail the test."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True)
    assert done.stderr == "", done.stderr
    return done.stdout


def squeeze(text: str) -> str:
    """Text compared without whitespace and in NFD: table cells wrap anywhere, and pdftotext puts
    a space after a shaped Devanagari pre-base vowel sign (पिकअप -> 'पि कअप') and may give a
    nukta letter decomposed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFD", text))


class _Page(HTMLParser):
    """Start tags (name, attrs) and the text nodes of an HTML page, entities resolved."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)

    def hrefs(self) -> set[str]:
        return {a["href"] for name, a in self.tags if name == "a" and a.get("href")}


class _Overview(HTMLParser):
    """The overview table of a manifest page: its heading cells and, per body row, the row's
    class, its cells' text and classes and the links in it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables = 0
        self.headings: list[str] = []
        self.rows: list[SimpleNamespace] = []
        self._row: SimpleNamespace | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("class") == "overview":
            self.tables += 1
            self._row = SimpleNamespace(kind=None, cells=[], classes=[], hrefs=[], heading=False)
        elif self._row is None:
            return
        elif tag == "tr":
            self._row = SimpleNamespace(kind=a.get("class"), cells=[], classes=[], hrefs=[], heading=False)
        elif tag in ("td", "th"):
            self._cell = []
            self._row.classes.append(a.get("class") or "")
            self._row.heading = tag == "th"
        elif tag == "a":
            self._row.hrefs.append(a["href"])

    def handle_endtag(self, tag):
        if self._row is None:
            return
        if tag == "table":
            self._row = None
        elif tag in ("td", "th"):
            self._row.cells.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr":
            if self._row.heading:
                self.headings = self._row.cells
            else:
                self.rows.append(self._row)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def assert_overview_lists_every_event(html: str, sheet, lang: str):
    """The overview table has one row per event of the route, in order, and links each pickup
    ID to that pickup's detail."""
    overview = _Overview(html)
    assert overview.tables == 1
    assert overview.headings == list(overview_headings(lang))
    assert [r.kind for r in overview.rows] == [s.kind for s in sheet.stops]
    anchors = {a["id"] for name, a in _Page(html).tags if name == "article" and a.get("id")}
    for row, stop in zip(overview.rows, sheet.stops, strict=True):
        number, day, when, what, place, pid, kg, done = row.cells
        kind = kind_label(stop.kind, lang)
        if stop.kind == "unload" and stop.n_trips > 1:  # which trip's load comes off here
            kind += " · " + t("trip_of", lang).format(trip=stop.trip, trips=stop.n_trips)
        assert (number, day, what, pid) == (str(stop.number) if stop.number else "", str(stop.day),
                                            kind, stop.pickup_id)
        assert done == "" and row.classes[-1] == "done"
        if stop.kind == "pickup":
            assert place == stop.name and kg and when.startswith(f"{stop.arrival:%H:%M}")
            assert row.hrefs == [f"#{stop.pickup_id}"] and stop.pickup_id in anchors
        elif stop.kind in PAUSE_KINDS:  # on the road, or waiting at the hub between trips
            assert place == (stop.name or t("on_the_road", lang)) and not kg
            assert re.fullmatch(rf"{stop.arrival:%H:%M}–{stop.departure:%H:%M}( \(.+ \d+\))?", when)
        else:
            assert place == stop.name and not kg and not row.hrefs
    assert [r.cells[5] for r in overview.rows if r.cells[5]] == [s.pickup_id for s in sheet.pickups]


@pytest.fixture(scope="module")
def written(solved, tmp_path_factory):
    """{lang: (sheets, files)} for the shared multi-day plan."""
    problem, plan, _ = solved
    sheets = route_sheets(problem, plan)
    out = tmp_path_factory.mktemp("manifests")
    return {lang: (sheets, write_manifests(sheets, out, lang=lang, plan_name="night 1",
                                           generated=GENERATED)) for lang in LANGS}


@needs_pdftotext
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text_holds_every_pickup_id_and_site_name(solved, written, lang):
    problem, plan, _ = solved
    sheets, files = written[lang]
    names = {s.site_id: s.name for s in problem.sites}
    assert [p.name for p in files["manifest_pdf"]] == [f"{s.route_id}-{s.vehicle_id}.{lang}.pdf"
                                                       for s in sheets]
    seen = set()
    for sheet, path in zip(sheets, files["manifest_pdf"], strict=True):
        text = squeeze(pdf_text(path))
        for stop in sheet.pickups:
            assert stop.pickup_id in text
            assert squeeze(names[stop.place_id]) in text
            seen.add(stop.place_id)
        assert squeeze(t("weight_loaded", lang)) in text
    assert seen == set(plan.served_site_ids)


@needs_pdftotext
def test_hindi_pdf_has_devanagari_labels(written):
    _, files = written["hi"]
    raw = pdf_text(files["manifest_pdf"][0])
    # Words without a pre-base vowel sign come out of pdftotext in their typed order.
    assert "वास्तव में लादा गया" in raw and "हस्ताक्षर" in raw and "प्रेषक" in raw
    assert squeeze("पिकअप आईडी") in squeeze(raw)
    assert "Pickup ID" not in raw


@pytest.mark.parametrize("lang", LANGS)
def test_html_shows_every_stop_with_both_navigation_links(written, lang):
    sheets, files = written[lang]
    for sheet, path in zip(sheets, files["manifest_html"], strict=True):
        page = _Page(path.read_text(encoding="utf-8"))
        assert ("html", {"lang": lang}) in page.tags
        for stop in sheet.stops:
            assert {stop.google_maps_url, stop.geo_uri} <= page.hrefs()
        for stop in sheet.pickups:
            assert stop.pickup_id in page.texts and stop.name in page.texts
        assert t("weight_loaded", lang) in page.texts and t("signature_driver", lang) in page.texts
        assert sheet.vehicle_label in page.texts
        # self-contained: no scripts, no external styles, fonts or images
        assert page.count("script") == page.count("link") == page.count("img") == 0
        assert all(not v.startswith(("http", "//")) for _, a in page.tags for k, v in a.items()
                   if k in ("src", "href") and v and v not in (s.google_maps_url for s in sheet.stops))


@pytest.mark.parametrize("lang", LANGS)
def test_html_overview_lists_every_event_in_order(written, lang):
    sheets, files = written[lang]
    assert any(s.kind in PAUSE_KINDS for sheet in sheets for s in sheet.stops)
    for sheet, path in zip(sheets, files["manifest_html"], strict=True):
        html = path.read_text(encoding="utf-8")
        assert_overview_lists_every_event(html, sheet, lang)
        # right after the header block, before the first day
        assert html.index('<table class="overview">') < html.index(day_title(1, sheet.stops[0].date, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_html_breaks_and_rests_are_one_line_each_with_both_links(written, lang):
    sheets, files = written[lang]
    for sheet, path in zip(sheets, files["manifest_html"], strict=True):
        html = path.read_text(encoding="utf-8")
        pauses = [s for s in sheet.stops if s.kind in PAUSE_KINDS]
        lines = re.findall(r'<p class="stop pause (\w+)">(.*?)</p>', html)
        assert [kind for kind, _ in lines] == [s.kind for s in pauses]
        for stop, (_, line) in zip(pauses, lines, strict=True):
            page = _Page(line)
            assert page.hrefs() == {stop.google_maps_url, stop.geo_uri}
            assert page.texts[0] == kind_label(stop.kind, lang)
            assert f"{stop.arrival:%H:%M}" in line and f"{stop.departure:%H:%M}" in line
        # every other stop keeps its full table
        articles = [a for name, a in _Page(html).tags if name == "article"]
        assert len(articles) == len(sheet.stops) - len(pauses)


@needs_pdftotext
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_overview_lists_every_pickup_before_the_detail(written, lang):
    sheets, files = written[lang]
    for sheet, path in zip(sheets, files["manifest_pdf"], strict=True):
        text = squeeze(pdf_text(path))
        start = text.index(squeeze(t("overview", lang)))
        end = text.index(squeeze(day_title(1, sheet.stops[0].date, lang)))
        overview, detail = text[start:end], text[end:]
        # (pdftotext reads a table column by column, so the headings are checked one by one)
        assert all(squeeze(word) in overview for h in overview_headings(lang) for word in h.split())
        positions = [overview.find(s.pickup_id) for s in sheet.pickups]
        assert -1 not in positions and positions == sorted(positions)
        assert all(s.pickup_id in detail for s in sheet.pickups)
        assert overview.count(squeeze(t("on_the_road", lang))) == sum(s.kind in PAUSE_KINDS
                                                                      for s in sheet.stops)


def test_manifest_flags_the_eway_bill_and_leaves_paperwork_blank(written):
    sheets, _ = written["en"]
    for sheet in sheets:
        page = _Page(manifest_html(sheet, lang="en"))
        flagged = [a for name, a in page.tags if name == "td" and a.get("class") == "alert"]
        assert bool(flagged) == sheet.eway_bill_needed
        blanks = [a for name, a in page.tags if name == "td" and "blank" in (a.get("class") or "")]
        # driver, phone, registration; hub receipt (2); 11 per pickup, none invented
        assert len(blanks) == 3 + 2 + 11 * len(sheet.pickups)
        assert not re.search(r"\b\d{2}[A-Z]{5}\d{4}[A-Z]\dZ\w\b", "".join(page.texts))  # no GSTIN


@needs_pdftotext
@pytest.mark.parametrize("lang", LANGS)
def test_hostile_text_is_harmless_in_every_format(hostile, tmp_path, lang):
    problem, plan, _ = hostile
    sheets = route_sheets(problem, plan)
    files = write_manifests(sheets, tmp_path / "manifests", lang=lang, plan_name="<b>plan</b>")
    folder = (tmp_path / "manifests").resolve()
    for path in files["manifest_html"] + files["manifest_pdf"]:
        assert path.resolve().parent == folder
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", path.name), path.name
    page = _Page(files["manifest_html"][0].read_text(encoding="utf-8"))
    assert page.count("script") == page.count("img") == page.count("b") == 0
    assert {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "section", "table",
            "caption", "thead", "tbody", "tr", "th", "td", "a", "h2", "article", "h3", "span"} \
        >= {n for n, _ in page.tags}
    names = [s.name for s in problem.sites]
    assert any("<script>" in n for n in names) and any("<img" in n for n in names)
    assert all(n in page.texts for n in names)
    # in the overview, too, as text: once there and once in the detail
    assert all(page.texts.count(n) >= 2 for n in names)
    assert_overview_lists_every_event(files["manifest_html"][0].read_text(encoding="utf-8"), sheets[0], lang)
    assert "14 ft <b>truck</b> & co" in page.texts
    assert all(not a["href"].lower().startswith(("javascript", "data")) for n, a in page.tags if n == "a")
    text = squeeze(pdf_text(files["manifest_pdf"][0]))
    assert all(squeeze(n) in text for n in names)


@needs_pdftotext
@pytest.mark.parametrize("lang,rests", [("en", False), ("hi", True)])
def test_pdf_renders_a_long_route(solved, tmp_path, lang, rests):
    """54 stops on one route (Hindi: every other one a rest, to keep the test quick): tables
    break across pages and every pickup stays readable."""
    problem, plan, _ = solved
    sheet = route_sheets(problem, plan)[0]
    pickup, rest = sheet.pickups[0], next(s for s in sheet.stops if s.kind == "rest")
    stops = []
    for i in range(52):
        if rests and i % 2:
            stops.append(dataclasses.replace(rest, seq=i + 1))
        else:
            n = len(stops) + 1
            stops.append(dataclasses.replace(pickup, seq=i + 1, number=n, name=f"Kabadi {n}",
                                             pickup_id=f"PK-20261123-R01-{n:02d}"))
    long = dataclasses.replace(sheet, stops=(sheet.stops[0], *stops, sheet.stops[-1]))
    path = write_manifest_pdf(long, tmp_path / "long.pdf", lang=lang)
    text = squeeze(pdf_text(path))
    # each pickup in the overview and in the detail
    assert all(text.count(s.pickup_id) >= 2 and f"{squeeze(s.name)}" in text for s in long.pickups)
    assert squeeze(t("page", lang).format(page=2, pages="")) in text
    # the overview's 54 rows run onto a second page, which repeats its header row
    overview = text[:text.index(squeeze(day_title(1, long.stops[0].date, lang)))]
    assert overview.count(squeeze(t("pickup_id", lang))) >= 2
    assert_overview_lists_every_event(manifest_html(long, lang=lang), long, lang)


def test_unknown_language_is_a_clear_error(written, tmp_path):
    sheets, _ = written["en"]
    for call in (lambda: write_manifests(sheets, tmp_path / "manifests", lang="fr"),
                 lambda: manifest_html(sheets[0], lang="fr"),
                 lambda: write_manifest_pdf(sheets[0], tmp_path / "x.pdf", lang="fr")):
        with pytest.raises(ValueError, match=r"'fr'.*en, hi"):
            call()
    assert not (tmp_path / "manifests").exists() and not (tmp_path / "x.pdf").exists()


def test_every_bundled_item_and_magnet_type_has_both_labels():
    data = tomllib.loads(YIELDS_TOML.read_text(encoding="utf-8"))
    for item_id, item in data["items"].items():
        assert item_label(item_id, "en") == item["label"]
        assert DEVANAGARI.search(item_label(item_id, "hi")), item_id
    for magnet in data["magnet_types"]:
        assert magnet_label(magnet, "hi") != magnet.replace("_", " ")
    assert item_label("old_crt_yoke", "hi") == "old crt yoke"


# ---------------------------------------------------------------- the embedded Devanagari font


def font_faces(html: str) -> list[dict[str, str]]:
    """The page's @font-face rules as {descriptor: value}."""
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    return [{k: v.strip() for k, v in re.findall(r"([\w-]+)\s*:\s*((?:url\([^)]*\)|[^;])*)", body)}
            for body in re.findall(r"@font-face\s*\{(.*?)\}", style, re.S)]


def embedded_font(face: dict[str, str]):
    from fontTools.ttLib import TTFont

    data = re.fullmatch(r'url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\) format\("woff"\)', face["src"])
    return TTFont(io.BytesIO(base64.b64decode(data.group(1))))


def assert_no_external_references(html: str):
    page = _Page(html)
    for name, attrs in page.tags:
        if name in ("link", "script", "img"):
            assert not re.match(r"\s*(https?:)?//", attrs.get("src") or attrs.get("href") or ""), attrs
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert "@import" not in style
    assert all(u.startswith("data:") for u in re.findall(r"url\(\s*['\"]?([^'\")\s]*)", style))
    assert not re.search(r"https?://", re.sub(r"url\(data:[^)]*\)", "", style))


def test_html_embeds_a_devanagari_subset_only_when_the_page_has_devanagari(written):
    from fontTools.ttLib import TTFont

    sheets, _ = written["en"]
    english = manifest_html(sheets[0], lang="en")
    assert not DEVANAGARI.search(english)
    assert "@font-face" not in english and FAMILY not in english
    assert_no_external_references(english)

    hindi = manifest_html(sheets[0], lang="hi")
    assert_no_external_references(hindi)
    faces = font_faces(hindi)
    # exactly one family, in the two weights the page uses (400 text; 600/700 th and headings)
    assert [(f["font-family"], f["font-weight"]) for f in faces] == [(f'"{FAMILY}"', "400"),
                                                                      (f'"{FAMILY}"', "700")]
    assert all(f["unicode-range"] == UNICODE_RANGE for f in faces)
    assert re.search(rf'body \{{ font-family: "{FAMILY}", "Noto Sans",', hindi)

    shown = {c for c in "".join(_Page(hindi).texts) if EMBEDDED.match(c)}
    for face, source in zip(faces, ("Regular", "Bold"), strict=True):
        font = embedded_font(face)
        original = TTFont(FONTS_DIR / f"NotoSansDevanagari-{source}.ttf")
        assert font.flavor == "woff"
        # every Devanagari character on the page and nothing else (the dotted circle excepted)
        assert {chr(c) for c in font.getBestCmap()} == shown | {"\u25cc"}
        # the OFL's name records (copyright, licence) and every layout feature survive the cut
        for name_id in (0, 1, 13, 14):
            assert font["name"].getDebugName(name_id) == original["name"].getDebugName(name_id)
        for table in ("GSUB", "GPOS"):
            tags = {r.FeatureTag for r in font[table].table.FeatureList.FeatureRecord}
            assert tags == {r.FeatureTag for r in original[table].table.FeatureList.FeatureRecord}
        # conjunct and vowel-sign glyphs with no character of their own are kept
        assert len(font.getGlyphOrder()) > 3 * len(shown)
        assert_shapes_like(font, original, ["प्रेषक", "हस्ताक्षर", "किग्रा", "वज़न", "क्षमता", "पत्र"])


def assert_shapes_like(font, original, words):
    """HarfBuzz (the shaper Chrome uses) gives the subset the same glyphs and positions as the
    whole font: conjuncts, nukta forms and the pre-base ि need glyphs the cmap does not name."""
    import uharfbuzz as hb

    def shape(ttfont, word):
        out = io.BytesIO()
        ttfont.flavor = None
        ttfont.save(out)
        hb_font = hb.Font(hb.Face(out.getvalue()))
        buf = hb.Buffer()
        buf.add_str(word)
        buf.guess_segment_properties()
        hb.shape(hb_font, buf, {})
        names = [ttfont.getGlyphOrder()[i.codepoint] for i in buf.glyph_infos]
        return names, [(p.x_advance, p.x_offset, p.y_offset) for p in buf.glyph_positions]

    for word in words:
        cut, whole = shape(font, word), shape(original, word)
        assert cut[1] == whole[1] and ".notdef" not in cut[0], (word, cut, whole)


def test_an_english_page_naming_a_site_in_devanagari_gets_the_font(hostile):
    problem, plan, _ = hostile
    html = manifest_html(route_sheets(problem, plan)[0], lang="en")
    assert "ई-कचरा" in HOSTILE_HTML and "ई-कचरा" in html
    faces = font_faces(html)
    assert {f["font-family"] for f in faces} == {f'"{FAMILY}"'}
    # the name's letters, and the ₹ of the values: once the face is in, it serves its whole range
    shown = {c for c in "".join(_Page(html).texts) if EMBEDDED.match(c)}
    assert shown == {c for c in HOSTILE_HTML if EMBEDDED.match(c)} | {"₹"}
    assert {chr(c) for c in embedded_font(faces[0]).getBestCmap()} == shown | {"\u25cc"}
    assert_no_external_references(html)


def open_manifest(browser, path: Path):
    """A manifest has no script to wait for: open it with all network blocked."""
    return test_html_map.open_offline(browser, path)


def ink_pixels(png: bytes) -> int:
    from PIL import Image

    return sum(1 for v in Image.open(io.BytesIO(png)).convert("L").tobytes() if v < 100)


def test_hindi_html_draws_devanagari_with_its_own_font_offline(browser, written):
    """Chromium here has no Devanagari font at all: without the embedded one every label is boxes."""
    _, files = written["hi"]
    path = files["manifest_html"][0]
    page, log = open_manifest(browser, path)

    faces = page.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].map(f => [f.family.replaceAll('"', ''), f.weight, f.status]); }""")
    # (document.fonts.check() would not do: it says true for a family nobody declared, too)
    assert faces == [[FAMILY, "400", "loaded"], [FAMILY, "700", "loaded"]]

    # The font each label is really drawn with, as Chromium reports it (family = the font's own).
    label = t("consignor", "hi")  # प्रेषक: a conjunct and a vowel sign
    page.evaluate("""label => { document.querySelector('p.note').dataset.probe = 'note';
        [...document.querySelectorAll('th')].find(th => th.textContent === label).dataset.probe = 'th'; }""",
                  label)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    cdp.send("CSS.enable")
    for probe, weight in (("th", "Bold"), ("note", "Regular")):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"[data-probe={probe}]"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        ours = [f for f in fonts if f["isCustomFont"]]
        assert [(f["familyName"], f["postScriptName"]) for f in ours] == [
            ("Noto Sans Devanagari", f"NotoSansDevanagari-{weight}")], fonts
        assert ours[0]["glyphCount"] > 0
        # no Devanagari fell back: the system fonts drew at most the spaces and punctuation
        text = page.text_content(f"[data-probe={probe}]")
        others = sum(f["glyphCount"] for f in fonts if not f["isCustomFont"])
        assert others <= sum(1 for c in text if not EMBEDDED.match(c)), fonts
        if probe == "th":
            assert others == 0 and ours[0]["glyphCount"] < len(label)  # प्र shaped: no bare virama

    png = page.locator("[data-probe=th]").screenshot()
    assert ink_pixels(png) > 40, "the label drew nothing"
    assert_offline_and_clean(log, path.resolve().as_uri())
