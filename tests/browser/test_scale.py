"""The real-scale site in Chromium: accessible, nothing sideways, every affected component visible without JS."""

from __future__ import annotations

import pytest

from tests.browser.test_pages import axe_violations


@pytest.fixture(scope="module")
def large_url(real_scale, serve):
    return serve(real_scale[1])


@pytest.mark.parametrize("width", [375, 1280])
def test_the_real_scale_home_page_has_no_axe_violations(browser, large_url, screenshots, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(large_url)
    page.screenshot(path=str(screenshots / f"real-scale-home-{width}.png"), full_page=True)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_without_javascript_every_affected_component_is_visible_and_the_rest_one_click_away(browser, large_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(large_url)
    affected = page.locator("section.group h4 + ul.names a")
    assert affected.count() > 20
    assert all(affected.nth(n).is_visible() for n in range(affected.count()))
    folded = page.locator("details.fine").first
    assert folded.locator("a").first.is_hidden()
    folded.locator("summary").click()
    assert folded.locator("a").first.is_visible()
    context.close()


def test_a_long_title_and_many_components_fit_at_320_px(browser, real_scale, large_url):
    # The generator gives its first open incident a long title with a long URL in it.
    [long_title] = (real_scale[0] / "content" / "incidents").glob("*-open-000.md")
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ("", f"incidents/{long_title.stem}/"):
        page.goto(large_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert axe_violations(page) == [], path
    context.close()

