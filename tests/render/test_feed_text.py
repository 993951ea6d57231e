"""Feeds read as a subscriber reads them: feedparser, then the entry's HTML reduced to text by a real parser."""

from __future__ import annotations

import json

import feedparser
import lxml.html
import pytest
from tests.helpers import NOW, REPO, SITES

from sitegen.build import build_site


def entry_text(html: str) -> str:
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content()


def site_tree(name: str):
    return build_site(REPO if name == "example" else SITES / name, NOW).tree


@pytest.mark.parametrize("name", ["example", "full"])
def test_every_feed_entry_reads_as_clean_text_naming_its_components(name):
    result = build_site(REPO if name == "example" else SITES / name, NOW)
    tree, names = result.tree, {c.id: c.name for c in result.site.config.components}
    feeds = [path for path in tree if path.endswith((".atom", ".rss"))]
    assert "feed.atom" in feeds and "history.rss" in feeds and any(p.startswith("components/") for p in feeds)
    checked = 0
    for path in feeds:
        feed = feedparser.parse(tree[path])
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        component = path.split("/")[1] if path.startswith("components/") else None
        for entry in feed.entries:
            html = entry.content[0].value if path.endswith(".atom") else entry.description
            text = entry_text(html)
            for leak in ("<", "&lt;", "&amp;", "&gt;"):
                assert leak not in text, (path, entry.title, text)
            assert "Components: " in text, (path, entry.title, text)
            if component:
                assert names[component] in text, (path, entry.title, text)
            checked += 1
    assert checked > 20
    for item in json.loads(tree["feed.json"])["items"]:
        text = entry_text(item["content_html"])
        assert "<" not in text and "&lt;" not in text
        assert all(names[c] in text for c in item["tags"]), (item["title"], text)
        plain = item["content_text"]
        assert "<" not in plain and "&lt;" not in plain and "&amp;" not in plain
        assert all(names[c] in plain for c in item["tags"])


def test_content_text_keeps_paragraphs_apart():
    item = json.loads(site_tree("minimal")["feed.json"])["items"][0]
    message, components = item["content_text"].rsplit("\n\n", 1)
    assert components == "Components: API (operational)"
    assert "rolled back the gateway deploy" in message
