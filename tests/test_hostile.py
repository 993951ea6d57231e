"""Hostile text in any field is escaped or sanitised wherever it lands."""

from __future__ import annotations

import json
import posixpath

import lxml.html
from lxml import etree
import pytest
from tests.helpers import NOW
from tests.hostile import hostile_files

from sitegen.build import build_site


@pytest.fixture
def hostile_tree(write_site):
    files, site_yml = hostile_files()
    return build_site(write_site(files, site_yml), NOW).tree


def test_html_pages_carry_no_script_handler_or_javascript_link(hostile_tree):
    pages = [p for p in hostile_tree if p.endswith(".html")]
    assert len(pages) >= 6
    for path in pages:
        document = lxml.html.fromstring(hostile_tree[path])
        scripts = document.xpath("//script")
        for script in scripts:  # only the site's own scripts, named relatively or from base_url
            src = script.get("src", "").split("?")[0]
            own = src.removeprefix("https://example.org/status/") if src.startswith("https:") else \
                posixpath.normpath(posixpath.join(posixpath.dirname(path), src))
            assert own in hostile_tree, f"{path}: {src}"
        assert all(not (s.text or "").strip() for s in scripts), path
        for element in document.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), f"{path}: {element.tag} {name}"
                if name in ("href", "src"):
                    assert not value.strip().lower().startswith("javascript:"), f"{path}: {value}"
        assert not document.xpath("//img"), path


def test_hostile_text_is_still_shown_as_text(hostile_tree):
    document = lxml.html.fromstring(hostile_tree["incidents/2026-11-25-evil/index.html"])
    assert "<script>alert(1)</script>" in document.text_content()
    assert "gnp.exe" in document.text_content()
    assert "\u202e" not in hostile_tree["incidents/2026-11-25-evil/index.html"].decode()  # no right-to-left override


def test_json_stays_valid_and_escaped(hostile_tree):
    for path in [p for p in hostile_tree if p.endswith(".json")]:
        text = hostile_tree[path].decode("utf-8")
        assert "<script" not in text
        json.loads(text)
    summary = json.loads(hostile_tree["api/v2/summary.json"])
    assert summary["page"]["name"].startswith("<script>")


def test_feeds_and_calendar_parse(hostile_tree):
    import feedparser
    from icalendar import Calendar

    for path in ("feed.atom", "feed.rss", "history.atom", "history.rss", "components/api/feed.atom"):
        feed = feedparser.parse(hostile_tree[path])
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries
        # Read the HTML exactly as we wrote it (feedparser would sanitise it again).
        xml = etree.fromstring(hostile_tree[path])
        for content in xml.xpath("//*[local-name()='content' or local-name()='description' or local-name()='encoded']"):
            if not (content.text or "").strip():
                continue
            fragment = lxml.html.fragment_fromstring(content.text, create_parent="div")
            assert not fragment.xpath(".//script | .//img"), path
            assert not [a for e in fragment.iter() for a in e.attrib if a.startswith("on")], path
            assert "javascript:" not in " ".join(fragment.xpath(".//@href")), path
    calendar = Calendar.from_ical(hostile_tree["maintenance.ics"])
    event = next(iter(calendar.walk("VEVENT")))
    assert "<script>" in str(event["SUMMARY"])  # text in a calendar is shown as text
    badge = etree.fromstring(hostile_tree["components/api/badge.svg"])
    assert not badge.xpath("//*[local-name()='script']")
