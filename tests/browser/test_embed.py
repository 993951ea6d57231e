"""The status widget on someone else's page: a banner during an outage, nothing when all is well, no harm when down."""

from __future__ import annotations

import socket
import threading
from datetime import datetime, timezone
from functools import partial
from http.server import ThreadingHTTPServer

import pytest

from tests.browser.conftest import QuietHandler

OPERATIONAL = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)  # the example site has nothing open then
HOST_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Acme app</title>
<script src="{script}" async></script></head>
<body><h1>Acme app</h1><button id="work" onclick="this.textContent = 'clicked'">Work</button>
<script>document.addEventListener("sitegen:status", function (e) {{ document.body.dataset.seen = e.detail.indicator; }});</script>
</body></html>"""


@pytest.fixture
def host_page(tmp_path):
    """A page of another site (its own loopback port) that includes the widget from `script`."""
    servers = []

    def start(script: str) -> str:
        folder = tmp_path / f"host{len(servers)}"
        folder.mkdir()
        (folder / "index.html").write_text(HOST_PAGE.format(script=script), encoding="utf-8")
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()


def open_page(browser, url: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, errors


def test_another_origin_shows_the_outage_and_can_dismiss_it(browser, built, serve, host_page, screenshots):
    status = serve(built("full"))
    page, errors = open_page(browser, host_page(status + "embed/status.js"))
    banner = page.locator("[data-sitegen-status]")
    banner.wait_for(timeout=5000)
    assert banner.get_attribute("data-sitegen-status") == "critical"
    text = banner.locator("p").inner_text()
    assert text.startswith("Major System Outage: API requests failing and 1 more"), text
    assert banner.get_by_role("link", name="View status").get_attribute("href") == "https://example.com/status/"
    assert page.locator("iframe").count() == 0  # the relay frame is gone once it has spoken
    page.set_viewport_size({"width": 375, "height": 300})
    page.screenshot(path=str(screenshots / "embed-banner-375.png"))
    banner.get_by_role("button", name="Dismiss this notice").click()
    assert page.locator("[data-sitegen-status]").count() == 0
    page.reload()
    page.wait_for_function("document.body.dataset.seen === 'critical'")
    assert page.locator("[data-sitegen-status]").count() == 0  # dismissed for this status, in this tab
    assert errors == []


def test_nothing_shows_while_all_is_operational(browser, built, serve, host_page):
    status = serve(built("example", now=OPERATIONAL))
    page, errors = open_page(browser, host_page(status + "embed/status.js"))
    page.wait_for_function("document.body.dataset.seen === 'none'", timeout=5000)
    assert page.locator("[data-sitegen-status]").count() == 0
    assert errors == []


def test_on_the_status_sites_own_origin_it_reads_the_api_directly(browser, built, serve):
    status = serve(built("full"))
    served_root = built("full").parent / "served"
    (served_root / "app.html").write_text(HOST_PAGE.format(script="status/embed/status.js"), encoding="utf-8")
    page, errors = open_page(browser, status.replace("/status/", "/app.html"))
    page.locator("[data-sitegen-status]").wait_for(timeout=5000)
    assert page.locator("iframe").count() == 0
    assert errors == []


def test_an_unreachable_status_site_leaves_the_host_page_working(browser, host_page):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page, errors = open_page(browser, host_page(f"http://127.0.0.1:{port}/status/embed/status.js"))
    page.get_by_role("button", name="Work").click()
    assert page.locator("#work").inner_text() == "clicked"
    page.wait_for_timeout(500)
    assert page.locator("[data-sitegen-status]").count() == 0
    assert errors == []


def test_the_bar_page_reads_without_javascript(browser, built, serve):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(built("full")) + "embed/")
    assert page.locator(".bar").inner_text().startswith("Major System Outage: API requests failing and 1 more")
    context.close()
