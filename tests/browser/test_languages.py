"""Pages in other languages, as a reader's browser shows them: right-to-left ones mirrored and accessible, the
page script writing times in the page's language, nothing sideways at phone width."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_pages import axe_violations
from tests.helpers import full_site_in

PAGES = {"home": "", "incident": "incidents/2026-11-26-api-outage/", "history": "history/",
         "component": "components/api/", "subscribe": "subscribe/"}


@pytest.fixture(scope="module")
def url_in(serve, tmp_path_factory):
    urls = {}

    def start(language: str) -> str:
        if language not in urls:
            urls[language] = serve(full_site_in(language, tmp_path_factory.mktemp(f"browser-{language}"))[1])
        return urls[language]

    return start


@pytest.mark.parametrize("language", ["ar", "he"])
@pytest.mark.parametrize("width", [375, 1280])
def test_right_to_left_pages_mirror_and_pass_axe(browser, url_in, screenshots, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = {}
    for name, path in PAGES.items():
        page.goto(url_in(language) + path)
        page.screenshot(path=str(screenshots / f"{language}-{name}-{width}.png"), full_page=True)
        assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{language} {name} scrolls sideways by {overflow}px at {width}px"
        if violations := axe_violations(page):
            failures[name] = violations
        if name == "incident":
            # The timeline's line and dots stand on the right, where a right-to-left reader starts.
            line = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.timeline'));
                return [s.borderRightWidth, s.borderLeftWidth]; }""")
            assert line == ["3px", "0px"]
        if name == "home":
            # Open incident cards carry their impact edge on the right; the day bars run from the right (oldest)
            # to the left (today), as the legend under them says.
            edge = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.card'));
                return [parseFloat(s.borderRightWidth), parseFloat(s.borderLeftWidth)]; }""")
            assert edge[0] > edge[1]
            first, last = page.evaluate("""() => { const bars = document.querySelectorAll('.bars')[0].children;
                return [bars[0].getBoundingClientRect().x, bars[bars.length - 1].getBoundingClientRect().x]; }""")
            assert first > last
    context.close()
    assert not failures, failures


@pytest.mark.parametrize("language, reader_zone, expected", [
    ("de", "Europe/Berlin", r"\d{1,2}\. \S+ \d{4}, \d{2}:\d{2} MEZ"),
    ("ja", "Asia/Tokyo", r"\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2} JST"),
])
def test_the_page_script_writes_times_in_the_pages_language(browser, url_in, language, reader_zone, expected):
    context = browser.new_context(timezone_id=reader_zone, locale="en-US")  # the reader's browser speaks English
    page = context.new_page()
    page.goto(url_in(language) + PAGES["incident"])
    texts = page.locator("time").all_inner_texts()
    assert texts and all(re.fullmatch(expected, text) for text in texts), texts
    context.close()


@pytest.mark.parametrize("language", ["de", "ja", "ar"])
def test_screenshots_of_the_home_page_for_the_note(browser, url_in, screenshots, language):
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(url_in(language))
        page.screenshot(path=str(screenshots / f"{language}-home-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.lang") == language
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        context.close()
