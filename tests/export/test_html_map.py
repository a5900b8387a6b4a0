"""map.html in a real headless Chromium with every network request blocked (issue 5, deliverable 4).

The browser is Debian's chromium (the test setup installs it), driven by Playwright's Python API;
Playwright's own browser downloads are not used. No chromium is a failure, not a skip: the
acceptance test of the offline map is this file.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from magroute.analysis import compute_kpis
from magroute.domain.plan import Unserved
from magroute.export.html_map import (
    PALETTE,
    plan_map_data,
    plan_map_html,
    route_color,
    route_dash,
    write_plan_map,
)
from magroute.export.sheets import route_sheets
from magroute.formatting import inr

CHROMIUM = Path(os.environ.get("MAGROUTE_CHROMIUM", "/usr/bin/chromium"))
SVG_NS = "http://www.w3.org/2000/svg"  # the one URL map.js may contain: a name, never fetched
VIEWPORT = {"width": 1200, "height": 800}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Debian chromium not found at {CHROMIUM}: the map acceptance test needs it "
                    f"(`apt-get install chromium`, or set MAGROUTE_CHROMIUM to its path)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package `playwright` is needed to drive chromium "
                    "(`pip install playwright`; its own browser downloads are not needed)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox",  # tests run as root in containers
            "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves ...
            "--proxy-server=http://127.0.0.1:9",  # ... and any fetch goes to a dead proxy
            "--disable-gpu",
        ])
        yield b
        b.close()


def open_offline(browser, path: Path, ready: str | None = None):
    """Open `path` with all network blocked (waiting for the `ready` selector if given);
    returns the page and what it tried and logged."""
    url = path.resolve().as_uri()
    log = SimpleNamespace(requests=[], blocked=[], errors=[])
    context = browser.new_context(viewport=VIEWPORT, service_workers="block", offline=True)

    def guard(route):
        if route.request.url == url:
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.goto(url)
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=15_000)
    return page, log


def open_map(browser, path: Path):
    return open_offline(browser, path, "body[data-map-ready]")


def assert_offline_and_clean(log, url: str):
    assert log.blocked == [], f"the map tried to fetch {log.blocked}"
    assert set(log.requests) <= {url}, log.requests
    assert log.errors == []


def colour_pixels(png: bytes, hex_colour: str, tol: int = 10) -> int:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(n for n, rgb in img.getcolors(img.width * img.height)
               if all(abs(a - b) <= tol for a, b in zip(rgb, want, strict=True)))


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    return len(img.getcolors(img.width * img.height))


def write(tmp_path, problem, plan, kpis, name="map.html") -> tuple[Path, tuple]:
    sheets = route_sheets(problem, plan)
    return write_plan_map(problem, plan, sheets, kpis, tmp_path / name), sheets


# ---------------------------------------------------------------- without a browser


def test_the_file_needs_nothing_from_the_network(solved):
    problem, plan, kpis = solved
    text = plan_map_html(problem, plan, route_sheets(problem, plan), kpis)
    assert text.startswith("<!DOCTYPE html>")
    rest = text.replace(SVG_NS, "")
    assert not re.search(r"https?:|//cdn|@import|<link\b|<iframe\b|\bsrc\s*=", rest, re.I)
    assert "default-src 'none'" in text  # the CSP forbids any fetch the test did not think of
    assert text.count("<script") == 2  # the JSON data and our program, both inline


def test_map_data_has_every_route_stop_and_unserved_site(solved):
    problem, plan, kpis = solved
    data = plan_map_data(problem, plan, route_sheets(problem, plan), kpis, title="Night of 23 Nov")
    assert data["title"] == "Night of 23 Nov"
    assert [r["id"] for r in data["routes"]] == [r.route_id for r in plan.routes]
    assert [r["color"] for r in data["routes"]] == [route_color(i) for i in range(len(plan.routes))]
    assert route_dash(0) == "" != route_dash(len(PALETTE))  # a 17th route is dashed, not a twin
    pickups = [s for s in data["stops"] if s["kind"] == "pickup"]
    assert len(pickups) == len(plan.served_site_ids)
    assert len(data["unserved"]) == len(plan.unserved) > 0
    reasons = {u.reason for u in plan.unserved}
    assert {dict(u["rows"])["Not served"] for u in data["unserved"]} == reasons
    popup = {dict(u["rows"])["Site ID"]: dict(u["rows"]) for u in data["unserved"]}
    near = next(u for u in plan.unserved if u.site_id == "NEAR")  # worth less than its detour
    assert popup["NEAR"]["Binding rule"] == "value"
    assert popup["NEAR"]["Served from a value of"] == inr(near.break_even_value_inr)
    assert popup["HEAVY"]["Binding rule"] == "capacity"  # no truck carries it at any value
    assert "Served from a value of" not in popup["HEAVY"]
    assert len(data["states"]) == 36 and all(s["rings"] for s in data["states"])
    for r, route in zip(data["routes"], plan.routes, strict=True):
        first, last = route.events[0], route.events[-1]
        assert r["track"][:2] == [round(first.lon, 4), round(first.lat, 4)]
        assert r["track"][-2:] == [round(last.lon, 4), round(last.lat, 4)]


def test_user_text_cannot_end_the_data_script(hostile, tmp_path):
    problem, plan, kpis = hostile
    text = write(tmp_path, problem, plan, kpis)[0].read_text(encoding="utf-8")
    assert text.count("<script") == 2 and "<img" not in text and "<b>" not in text
    assert "\\u003cimg src=x onerror=" in text


# ---------------------------------------------------------------- in chromium


def test_map_draws_every_route_offline(browser, solved, tmp_path):
    problem, plan, kpis = solved
    path, sheets = write(tmp_path, problem, plan, kpis)
    page, log = open_map(browser, path)

    route_ids = page.eval_on_selector_all("path.route", "ps => ps.map(p => p.dataset.routeId)")
    assert route_ids == [r.route_id for r in plan.routes] and route_ids
    assert page.locator(".stop[data-kind=pickup]").count() == len(plan.served_site_ids)
    pauses = sum(1 for s in sheets for e in s.stops if e.kind in ("break", "rest"))
    assert page.locator(".stop.pause").count() == pauses
    assert page.locator(".unserved").count() == len(plan.unserved)
    assert page.locator(".hub").count() == len(problem.hubs)
    assert page.locator("path.state").count() == 36
    assert page.locator("#routes input[type=checkbox]").count() == len(plan.routes)

    png = page.screenshot(path=str(tmp_path / "map.png"))
    assert distinct_colours(png) > 50
    for i in range(len(plan.routes)):
        assert colour_pixels(png, route_color(i)) > 30, f"route {i} is not visible"
    assert_offline_and_clean(log, path.resolve().as_uri())


def test_clicks_open_popups_and_legend_hides_routes(browser, solved, tmp_path):
    problem, plan, kpis = solved
    path, sheets = write(tmp_path, problem, plan, kpis)
    page, log = open_map(browser, path)

    # Jaipur stands alone on the map: a real click on its marker must reach it.
    jai = next((sheet, s) for sheet in sheets for s in sheet.pickups if s.place_id == "JAI")
    marker = page.locator(".stop[data-kind=pickup]").nth(
        [s.place_id for sheet in sheets for s in sheet.pickups].index("JAI"))
    marker.click()
    assert page.locator("#popup").is_visible()
    assert page.text_content("#popup-title") == jai[1].name
    rows = page.inner_text("#popup-rows")
    assert jai[1].pickup_id in rows and "₹" in rows and f"{jai[1].arrival:%H:%M}" in rows
    page.keyboard.press("Escape")
    assert not page.locator("#popup").is_visible()

    # an unserved site's popup says why (dispatched: it sits close to the hub at this zoom)
    names = {s.site_id: s.name for s in problem.sites}
    page.locator(".unserved").nth(0).dispatch_event("click")
    assert page.text_content("#popup-title") == names[plan.unserved[0].site_id]
    assert plan.unserved[0].reason in page.inner_text("#popup-rows")

    # the legend's checkbox hides a route with its stops; zoom buttons change the view
    first = plan.routes[0].route_id
    page.locator("#routes input[type=checkbox]").nth(0).uncheck()
    assert not page.locator(f'path.route[data-route-id="{first}"]').is_visible()
    box = page.get_attribute("#svg", "viewBox")
    page.click("#zoom-in")
    # Playwright's own assertion polls without eval(): a string predicate (wait_for_function)
    # needs 'unsafe-eval', which the map's CSP rightly forbids (it failed once on a clean run).
    from playwright.sync_api import expect
    expect(page.locator("#svg")).not_to_have_attribute("viewBox", box)
    page.click("#fit")
    assert_offline_and_clean(log, path.resolve().as_uri())


def test_hostile_names_stay_text(browser, hostile, tmp_path):
    problem, plan, kpis = hostile
    path, sheets = write(tmp_path, problem, plan, kpis)
    own_scripts = path.read_text(encoding="utf-8").count("<script")
    page, log = open_map(browser, path)

    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == own_scripts
    assert page.locator("img, b, iframe, object").count() == 0
    assert page.text_content(".vehicle") == "14 ft <b>truck</b> & co"

    shown = []
    stops = page.locator(".stop[data-kind=pickup]")
    for i in range(stops.count()):
        stops.nth(i).click()  # a real click: the sites are apart and away from the hub
        shown.append(page.text_content("#popup-title"))
        assert "<img" not in page.inner_html("#popup-title")  # escaped in the DOM, not markup
    # verbatim: '=HYPERLINK("x")<script>' and '<img src=x onerror=...>Ram & Sons ...' (conftest)
    assert set(shown) == {s.name for s in problem.sites}
    assert any("<img src=x onerror=" in name for name in shown)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == own_scripts
    assert page.locator("img").count() == 0
    assert_offline_and_clean(log, path.resolve().as_uri())


def test_a_plan_without_routes_still_draws(browser, solved, tmp_path):
    problem, plan, _ = solved
    values = {y.site_id: y.value_inr.expected for y in problem.yields}
    empty = dataclasses.replace(plan, routes=(), unserved=tuple(
        Unserved(s.site_id, "no truck available", values[s.site_id]) for s in problem.sites))
    path, _ = write(tmp_path, problem, empty, compute_kpis(problem, empty))
    page, log = open_map(browser, path)
    assert page.locator("path.route").count() == 0
    assert page.locator(".unserved").count() == len(problem.sites)
    assert "No routes" in page.inner_text("#routes")
    assert distinct_colours(page.screenshot()) > 20
    assert_offline_and_clean(log, path.resolve().as_uri())
