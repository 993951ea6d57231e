"""Feeds through feedparser: one entry per update, stable ids, newest first, limits."""

from __future__ import annotations

import json

import feedparser
from tests.helpers import NOW, SITES

from sitegen.build import build_site


def parse(tree, path):
    feed = feedparser.parse(tree[path])
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_one_entry_per_published_update_and_postmortem(load):
    tree = build_site(SITES / "minimal", NOW).tree
    atom, rss = parse(tree, "feed.atom"), parse(tree, "feed.rss")
    assert atom.version == "atom10" and rss.version == "rss20"
    assert [e.title for e in atom.entries] == ["Resolved: Elevated API error rates", "Investigating: Elevated API error rates"]
    assert [e.id for e in atom.entries] == [e.id for e in rss.entries]
    assert atom.entries[1].id == "tag:example.org,2026-11-20:incident/2026-11-20-api-errors/20261120T100200Z"
    assert atom.entries[1].link == "https://example.org/status/incidents/2026-11-20-api-errors/#update-20261120T100200Z"
    assert atom.feed.updated == "2026-11-20T10:20:00+00:00"
    assert "rolled back the gateway deploy" in atom.entries[0].content[0].value
    assert "API (operational)" in atom.entries[0].content[0].value


def test_full_site_counts_and_limit():
    tree = build_site(SITES / "full", NOW).tree
    atom = parse(tree, "feed.atom")
    # 20 = feed_entries; the site has more updates than that.
    assert len(atom.entries) == 20
    times = [e.updated_parsed for e in atom.entries]
    assert times == sorted(times, reverse=True)
    titles = [e.title for e in atom.entries]
    assert "Postmortem: CDN outage in Europe" in titles
    assert not any("must not show" in e.content[0].value for e in atom.entries)  # unpublished entry
    history = parse(tree, "history.atom")
    assert len(history.entries) == 5
    reopened = next(e for e in history.entries if e.title == "Website login loop")
    assert reopened.id == "tag:example.com,2026-11-10:incident/2026-11-10-web-reopened"
    assert reopened.updated == "2026-11-10T09:45:00+00:00"
    content = reopened.content[0].value
    assert content.index("Safari users can sign in") < content.index("Some users are sent back")
    ids = [e.id for e in parse(tree, "feed.atom").entries]
    assert len(ids) == len(set(ids))


def test_equal_times_get_numbered_ids():
    tree = build_site(SITES / "full", NOW).tree
    ids = [e.id for e in parse(tree, "components/web/feed.atom").entries]
    assert "tag:example.com,2026-11-10:incident/2026-11-10-web-reopened/20261110T093000Z" in ids
    assert "tag:example.com,2026-11-10:incident/2026-11-10-web-reopened/20261110T093000Z-2" in ids


def test_component_feeds_hold_only_their_components():
    tree = build_site(SITES / "full", NOW).tree
    cdn = parse(tree, "components/cdn/feed.rss")
    assert cdn.entries and all("CDN" in e.title for e in cdn.entries)


def test_json_feed():
    tree = build_site(SITES / "minimal", NOW).tree
    feed = json.loads(tree["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://example.org/status/feed.json"
    assert [item["id"] for item in feed["items"]] == [e.id for e in parse(tree, "feed.atom").entries]
    assert feed["items"][0]["date_published"] == "2026-11-20T10:20:00Z"


def test_ids_survive_rebuilds_corrections_new_updates_and_domain_moves(site_dir):
    root = site_dir("minimal")
    paths = ["feed.atom", "feed.rss", "history.atom", "components/api/feed.atom"]

    def ids(tree):
        return {path: [e.id for e in parse(tree, path).entries] for path in paths}

    before = ids(build_site(root, NOW).tree)
    incident = root / "content" / "incidents" / "2026-11-20-api-errors.md"
    text = incident.read_text()
    text = text.replace("We are investigating elevated error rates", "We are investigating raised error rates")
    text = text.replace("---\n", "", 1).rsplit("---", 1)[0]
    text = "---\n" + text + """  - at: 2026-11-20T10:20:00Z
    status: resolved
    message: A note added at the same second as the resolution.
---
"""
    incident.write_text(text)
    site_yml = root / "site.yml"
    site_yml.write_text(site_yml.read_text().replace("https://example.org/status/", "https://status.example.net"))
    after = ids(build_site(root, NOW).tree)
    for path in paths:
        assert set(before[path]) <= set(after[path]), path
    added = set(after["feed.atom"]) - set(before["feed.atom"])
    assert added == {"tag:example.org,2026-11-20:incident/2026-11-20-api-errors/20261120T102000Z-2"}
    assert after["history.atom"] == before["history.atom"]


def test_phases_that_follow_from_the_clock_are_not_feed_entries():
    tree = build_site(SITES / "full", NOW).tree
    titles = [e.title for e in parse(tree, "components/db/feed.atom").entries]
    assert titles == ["Scheduled: Database maintenance"]  # in progress by the clock, but nobody wrote that


def test_a_document_with_no_published_entry_appears_nowhere(write_site):
    from tests.helpers import incident

    root = write_site(incident("2026-11-26-later", """
        title: Written ahead
        impact: minor
        components: [api]
        timeline:
          - at: 2026-11-26T13:00:00Z
            status: investigating
            message: Not yet.
    """))
    tree = build_site(root, NOW).tree
    assert not any("2026-11-26-later" in path for path in tree)
    assert not any(b"Written ahead" in data for data in tree.values())


def test_an_imported_atom_id_names_the_incident_in_history_feeds_only(write_site):
    from tests.helpers import incident

    root = write_site({
        **incident("2026-11-20-queue", """
            title: Queue backlog
            impact: minor
            components: [api]
            atom_id: tag:status.example.net,2005:Incident/881
            timeline:
              - at: 2026-11-20T09:00:00Z
                status: resolved
                message: The backlog drained.
        """),
        **incident("2026-11-21-own", """
            title: Written here
            impact: minor
            components: [web]
            timeline:
              - at: 2026-11-21T09:00:00Z
                status: resolved
                message: Fine again.
        """),
    })
    tree = build_site(root, NOW).tree
    history = {e.title: e.id for e in parse(tree, "history.atom").entries}
    assert history == {"Queue backlog": "tag:status.example.net,2005:Incident/881",
                       "Written here": "tag:example.org,2026-11-21:incident/2026-11-21-own"}
    assert {e.id for e in parse(tree, "history.rss").entries} == set(history.values())
    update_ids = [e.id for e in parse(tree, "feed.atom").entries]
    assert "tag:example.org,2026-11-20:incident/2026-11-20-queue/20261120T090000Z" in update_ids
