"""Link previews and browser chrome: og/twitter tags, a favicon per overall status, robots.txt, no canonical on 404."""

from __future__ import annotations

import lxml.html

from sitegen.build import build_site
from tests.helpers import NOW, REPO, SITES

OG = ("og:title", "og:description", "og:url", "og:type")


def meta(page, name: str) -> str | None:
    found = page.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    return found[0] if found else None


def test_every_page_has_link_preview_tags_and_404_has_no_url_of_its_own():
    tree = build_site(REPO, NOW).tree
    pages = [path for path in tree if path.endswith(".html") and path != "embed/index.html"]  # a frame, noindex
    assert len(pages) > 15
    for path in pages:
        page = lxml.html.fromstring(tree[path])
        assert meta(page, "twitter:card") == "summary", path
        assert meta(page, "og:title") == page.findtext(".//h1").strip() or path == "index.html", path
        assert meta(page, "og:description"), path
        if path == "404.html":
            assert not page.xpath("//link[@rel='canonical']") and meta(page, "og:url") is None
            continue
        assert all(meta(page, name) for name in OG), path
        assert meta(page, "og:url") == page.xpath("//link[@rel='canonical']/@href")[0]
        assert meta(page, "og:url") == "https://parcelwise.github.io/status/" + path.removesuffix("index.html")
    incident = lxml.html.fromstring(tree["incidents/2026-11-24-csv-export/index.html"])
    assert meta(incident, "og:type") == "article"
    # The message starts with its status: the preview does not say it twice.
    assert meta(incident, "og:description").startswith("Resolved. From 10:10 to 10:38 UTC, CSV exports")


def test_an_open_incident_previews_its_status_and_latest_update_the_home_page_the_overall_status():
    tree = build_site(SITES / "full", NOW).tree
    incident = lxml.html.fromstring(tree["incidents/2026-11-26-api-outage/index.html"])
    description = meta(incident, "og:description")
    assert description.startswith("Identified · ") and "\n" not in description and len(description) <= 201
    home = lxml.html.fromstring(tree["index.html"])
    assert meta(home, "og:description") == meta(home, "description")
    assert "outage" in meta(home, "og:description").lower(), meta(home, "og:description")


def test_the_favicon_shows_the_overall_status_and_changes_with_it():
    calm, outage = build_site(SITES / "minimal", NOW).tree, build_site(SITES / "full", NOW).tree
    assert calm["favicon.svg"] != outage["favicon.svg"]
    assert b"#1a7f37" in calm["favicon.svg"] and b"#b3261e" in outage["favicon.svg"]
    for tree in (calm, outage):
        page = lxml.html.fromstring(tree["incidents/" + next(p.split("/")[1] for p in tree if p.startswith("incidents/")) + "/index.html"])
        icon = page.xpath("//link[@rel='icon']/@href")[0]
        assert icon.startswith("../../favicon.svg?v=")
        touch = page.xpath("//link[@rel='apple-touch-icon']/@href")[0]
        assert tree[touch.removeprefix("../../").split("?")[0]].startswith(b"\x89PNG")
    # 404.html is served at any depth and host: its icon is inline, like its style.
    assert lxml.html.fromstring(outage["404.html"]).xpath("//link[@rel='icon']/@href")[0].startswith("data:image/svg+xml,")
    icon_of = lambda tree: lxml.html.fromstring(tree["index.html"]).xpath("//link[@rel='icon']/@href")[0]
    assert icon_of(calm) != icon_of(outage)  # a new URL, so browsers fetch the new icon


def test_robots_txt_names_the_sitemap():
    tree = build_site(SITES / "full", NOW).tree
    lines = tree["robots.txt"].decode().splitlines()
    assert "User-agent: *" in lines and "Sitemap: https://example.com/status/sitemap.xml" in lines
