"""What only a browser shows: accessibility, layout at phone width, dark mode, no-JS, local times, live reload."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # as the acceptance harness runs axe
PAGE_TYPES = {
    "home": "",
    "incident": "incidents/2026-10-14-api-outage/",
    "maintenance": "maintenance/2026-12-08-gateway-migration/",
    "postmortem": "postmortems/2026-10-14-api-outage/",
    "component": "components/api/",
    "history": "history/",
    "not-found": "404.html",
}
FULL_PAGES = {"full-home": "", "full-incident": "incidents/2026-11-26-api-outage/", "full-history": "history/",
              "full-subscribe": "subscribe/"}


@pytest.fixture(scope="module")
def example_url(built, serve):
    return serve(built("example", base_url="http://127.0.0.1/status/"))


@pytest.fixture(scope="module")
def full_url(built, serve):
    return serve(built("full"))


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_type_has_no_axe_violations(browser, example_url, full_url, screenshots, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    failures = {}
    for name, path in list(PAGE_TYPES.items()) + [(k, v) for k, v in FULL_PAGES.items()]:
        base = full_url if name.startswith("full-") else example_url
        response = page.goto(base + path)
        assert response.status == 200, name
        page.screenshot(path=str(screenshots / f"{name}-{width}-{scheme}.png"), full_page=True)
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    context.close()
    assert not failures


def test_without_javascript_the_status_and_timeline_are_there(browser, full_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(full_url)
    assert "Major outage" in page.inner_text(".banner")
    assert "API requests failing" in page.inner_text("main")
    assert "Next update by" in page.inner_text("main")
    page.goto(full_url + "incidents/2026-11-26-api-outage/")
    updates = page.locator(".timeline > li")
    assert updates.count() == 2
    assert "Identified" in updates.nth(0).inner_text()
    assert page.locator("time[datetime='2026-11-26T11:42:00Z']").first.inner_text() == "26 Nov 2026, 12:42 CET"
    context.close()


def test_with_javascript_times_are_shown_in_the_readers_zone(browser, full_url):
    context = browser.new_context(timezone_id="America/New_York", locale="en-US")
    page = context.new_page()
    page.goto(full_url + "incidents/2026-11-26-api-outage/")
    element = page.locator("time[datetime='2026-11-26T11:42:00Z']").first
    # The page's language (en-GB) sets the format: the site's pattern and 24-hour clock, in the reader's zone.
    assert element.inner_text() == "26 Nov 2026, 06:42 GMT-5"
    assert "ago" in element.get_attribute("title") and "12:42 CET" in element.get_attribute("title")
    context.close()


# "Dec 8, 2026, 6:30 AM GMT+5:30" (en), "8 Dec 2026, 06:30 GMT+5:30" (en-GB): the page language's own pattern.
TIME_PATTERN = re.compile(r"(?:\d{1,2} \S+ \d{4}|\S+ \d{1,2}, \d{4}), \d{1,2}:\d{2}(?:\s[AP]M)? (\S+)")


@pytest.mark.parametrize("site", ["example", "full"])
def test_with_javascript_every_time_on_a_page_shows_the_same_zone_in_one_format(browser, example_url, full_url, site):
    context = browser.new_context(timezone_id="Asia/Kolkata", locale="de-DE")
    page = context.new_page()
    base = example_url if site == "example" else full_url
    paths = ["", "history/", PAGE_TYPES["incident"] if site == "example" else FULL_PAGES["full-incident"]]
    for path in paths:
        page.goto(base + path)
        texts = page.locator("time").all_inner_texts()
        assert len(texts) > 2, path
        zones = set()
        for text in texts:
            match = TIME_PATTERN.fullmatch(text)
            assert match, (path, text)
            zones.add(match.group(1))
        assert zones == {"GMT+5:30"}, (path, zones)
        # Times the site writes into sentences are <time> elements too: none is left in the site's zone
        # (what authors wrote in messages, bodies and causes is theirs).
        generated = page.evaluate("""() => { const main = document.querySelector('main').cloneNode(true);
            main.querySelectorAll('.msg, .body, dd').forEach(e => { if (!e.querySelector('time')) e.remove(); });
            return main.innerText; }""")
        assert " UTC" not in generated and " CET" not in generated, (path, generated)
    context.close()


def test_no_request_leaves_the_site(browser, example_url):
    context = browser.new_context()
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    for path in PAGE_TYPES.values():
        page.goto(example_url + path)
    assert hosts == {"127.0.0.1"}
    context.close()


def test_keyboard_reaches_the_skip_link_then_navigation(browser, example_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(example_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(example_url)
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"
    summary = page.locator("details.group > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.group").first.get_attribute("open") is None
    context.close()


def test_the_page_reloads_when_the_status_api_changes(browser, built, serve, tmp_path):
    import shutil

    out = tmp_path / "site"
    shutil.copytree(built("full"), out)
    url = serve(out)
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()
    page.goto(url)
    page.evaluate("window.stillHere = true")
    page.clock.run_for(61_000)
    assert page.evaluate("window.stillHere === true"), "reloaded although nothing changed"
    status_file = out / "api" / "v2" / "status.json"
    status = json.loads(status_file.read_text())
    status["status"]["indicator"] = "minor"
    status_file.write_text(json.dumps(status))
    with page.expect_navigation():
        page.clock.run_for(61_000)
    assert page.evaluate("window.stillHere === undefined")
    context.close()


def test_nothing_scrolls_sideways_at_320_px(browser, example_url, full_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for name, path in list(PAGE_TYPES.items()) + list(FULL_PAGES.items()):
        page.goto((full_url if name.startswith("full-") else example_url) + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    context.close()


def test_print_keeps_the_status_and_drops_the_navigation(browser, full_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(full_url)
    page.emulate_media(media="print")
    assert page.locator("nav[aria-label='Site']").is_hidden()
    assert page.locator(".banner").is_visible()
    context.close()
