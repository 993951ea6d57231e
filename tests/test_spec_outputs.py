"""site.md lines read off a built site: RSS guids are not permalinks, every page names its feeds, the widget is small."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html


def test_rss_guids_are_tag_ids_marked_as_not_permalinks(built):
    out = built("minimal")
    for feed in ("feed.rss", "history.rss", "components/api/feed.rss"):
        guids = lxml.etree.parse(str(out / feed)).findall(".//item/guid")
        assert guids, feed
        for guid in guids:
            assert guid.get("isPermaLink") == "false" and guid.text.startswith("tag:example.org,"), feed


def test_every_page_links_its_feeds(built):
    out = built("full")
    pages = [p for p in out.rglob("*.html") if p.relative_to(out).as_posix() != "embed/index.html"]  # a frame
    assert len(pages) > 15
    for page in pages:
        feeds = lxml.html.parse(str(page)).xpath("//head/link[@rel='alternate']")
        types = {link.get("type") for link in feeds}
        assert {"application/atom+xml", "application/rss+xml"} <= types, page
        for link in feeds:
            target = (page.parent / link.get("href")).resolve() if not link.get("href").startswith("http") else None
            assert target is None or target.is_file(), (page, link.get("href"))


def test_the_widget_script_is_small_and_loads_nothing_else(built):
    script = (built("full") / "embed" / "status.js").read_text()
    assert len(script.encode()) < 4096  # the README says 3.8 KB
    assert not re.search(r"\bimport\b|require\(|https?://", script.replace('src=".../embed/status.js"', ""))
