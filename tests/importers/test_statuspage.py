"""Statuspage: saved API v2 documents from two dates plus history.atom, imported, checked, built and read back."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import feedparser

from sitegen.fields import parse_timestamp
from tests.importers.helpers import (
    FIXTURES, WARNING, built, by_title, import_ok, model, page_text, plain, run_import, snapshot,
)

SOURCE = FIXTURES / "statuspage"
ATOM = SOURCE / "2026-11-02" / "history.atom"


def _import(root, *extra):
    return import_ok("statuspage", root, *extra)


def _source_incidents():
    """Every incident update in the saved files, by incident id (the newest copy of each update)."""
    updates: dict[str, dict[str, dict]] = {}
    for path in sorted(SOURCE.rglob("incidents.json")):
        for incident in json.loads(path.read_text())["incidents"]:
            for update in incident["incident_updates"]:
                updates.setdefault(incident["name"], {})[update["id"]] = update
    return updates


def test_an_empty_folder_becomes_a_site_that_builds(tmp_path):
    root = tmp_path / "site"
    result = _import(root)
    assert "Read 4 incidents, 1 maintenances, 1 postmortems and 3 components" in result.stdout
    assert "America/Chicago (from the page's time_zone)" in result.stdout
    tree, site = built(root)
    assert [(c.name, c.group) for c in site.config.components] == [
        ("Storage API", "Core"), ("Metadata DB", "Core"), ("Console", None)]
    assert site.config.timezone.key == "America/Chicago"
    assert site.config.base_url == "https://status.larkspur.example/"
    assert sorted(i.title for i in site.incidents) == [
        "Console sign-in is slow", "Large uploads failing", "Metadata writes delayed",
        "New Year certificate renewal failed"]
    [maintenance] = site.maintenances
    assert (maintenance.components, maintenance.scheduled_start, maintenance.scheduled_end) == (
        ("metadata-db",), datetime(2026, 10, 20, 3, tzinfo=timezone.utc),
        datetime(2026, 10, 20, 5, tzinfo=timezone.utc))
    assert [u.status.value for u in maintenance.timeline] == ["scheduled", "in_progress", "completed"]
    [postmortem] = site.postmortems
    assert postmortem.incident == "2026-10-03-large-uploads-failing"
    assert "Configuration pushes now name their fleet." in page_text(tree, f"postmortems/{postmortem.slug}/index.html")


def test_every_update_keeps_its_text_and_its_instant_in_time_order(tmp_path):
    root = tmp_path / "site"
    _import(root)
    tree, site = built(root)
    incidents = by_title(site)
    for title, updates in _source_incidents().items():
        incident = incidents[title]
        text = page_text(tree, f"incidents/{incident.slug}/index.html")
        for update in updates.values():
            if update["body"]:
                assert plain(update["body"]) in text
        expected = sorted(parse_timestamp(u["display_at"], timezone.utc) for u in updates.values())
        assert [e.at for e in incident.timeline] == expected
    uploads = incidents["Large uploads failing"]
    assert [e.status.value for e in uploads.timeline] == ["investigating", "identified", "resolved"]
    assert uploads.started_at == datetime(2026, 10, 3, 13, 41, tzinfo=timezone.utc)
    assert uploads.components == {"storage-api": "partial_outage"}
    assert uploads.timeline[-1].components == {"storage-api": "operational"}
    # An update only the older copy still has is kept next to the newer copy's.
    assert len(incidents["Console sign-in is slow"].timeline) == 3


def test_an_open_incident_stays_open_and_takes_its_component_down(tmp_path):
    root = tmp_path / "site"
    _import(root)
    tree, site = built(root)
    console = next(i for i in site.incidents if i.title == "Console sign-in is slow")
    assert console.timeline[-1].status.value == "monitoring"
    summary = json.loads(tree["api/v2/summary.json"])
    assert {c["name"]: c["status"] for c in summary["components"]}["Console"] == "degraded_performance"
    assert [i["name"] for i in summary["incidents"]] == ["Console sign-in is slow"]


def test_an_incident_known_only_from_the_feed_keeps_its_updates_years_and_labels(tmp_path):
    root = tmp_path / "site"
    result = _import(root)
    site = model(root)
    renewal = next(i for i in site.incidents if i.title == "New Year certificate renewal failed")
    assert [e.at for e in renewal.timeline] == [
        datetime(2025, 12, 31, 23, 45, tzinfo=timezone.utc), datetime(2026, 1, 1, 0, 5, tzinfo=timezone.utc),
        datetime(2026, 1, 1, 0, 20, tzinfo=timezone.utc)]
    assert "Certificate reissued, propagating" in renewal.timeline[1].message
    assert "label 'Certificate reissued, propagating' kept in the message" in result.stdout
    assert 'href="https://larkspur.example"' in renewal.timeline[0].message


def test_subscribers_see_the_same_history_ids(tmp_path):
    root = tmp_path / "site"
    _import(root)
    tree, _ = built(root)
    old = feedparser.parse(ATOM.read_bytes())
    new = feedparser.parse(tree["history.atom"])
    assert not new.bozo
    old_ids = {e.id for e in old.entries if not e.link.endswith("/ddd4")}  # a maintenance: no history entry here
    assert {e.id for e in new.entries} == old_ids
    assert {e.id for e in feedparser.parse(tree["history.rss"]).entries} == old_ids
    # Each update entry in feed.atom is new to subscribers and has sitegen's own id.
    updates = feedparser.parse(tree["feed.atom"]).entries
    assert updates and not any(e.id in old_ids for e in updates)
    assert all(e.id.startswith("tag:status.larkspur.example,20") for e in updates)


def test_a_second_import_changes_nothing_and_edits_survive_until_forced(tmp_path):
    root = tmp_path / "site"
    _import(root)
    first = snapshot(root)
    again = _import(root)
    assert snapshot(root) == first
    assert "Files: 7 unchanged." in again.stdout
    edited = root / "content/incidents/2026-10-03-large-uploads-failing.md"
    edited.write_text(edited.read_text().replace("error 413", "error 413 (HTTP Payload Too Large)"))
    kept = _import(root)
    assert "kept (differs from the source; --force overwrites)" in kept.stdout
    assert "HTTP Payload Too Large" in edited.read_text()
    _import(root, "--force")
    assert snapshot(root) == first


def test_a_dry_run_prints_the_files_and_writes_nothing(tmp_path):
    root = tmp_path / "site"
    result = _import(root, "--dry-run")
    assert not root.exists()
    assert f"would write {root / 'content/incidents/2026-10-03-large-uploads-failing.md'}" in result.stdout
    assert "atom_id: \"tag:status.larkspur.example,2005:Incident/7001\"" in result.stdout


def test_what_cannot_be_mapped_is_reported_with_its_place(tmp_path):
    result = _import(tmp_path / "site")
    warnings = result.stderr.strip().splitlines()
    assert warnings and all(WARNING.match(line) for line in warnings)
    assert any("2026-11-02/api/v2/incidents.json:6: warning: incident 'Metadata writes delayed' names no component"
               in line for line in warnings)


def test_into_an_existing_site_it_maps_components_by_name_and_adds_only_what_is_new(tmp_path, write_site):
    from tests.helpers import incident

    root = write_site(incident("2026-09-01-own", """
        title: Our own incident
        impact: minor
        components: [api]
        timeline:
          - at: 2026-09-01T10:00:00Z
            status: resolved
            message: Written by hand before the import.
    """), site_yml=(
        "title: Larkspur\nbase_url: https://larkspur.example/status/\nfeed_id: larkspur.example\n"
        "components:\n  - id: api\n    name: Storage API\n  - id: web\n    name: Website\n"
    ))
    own = (root / "content/incidents/2026-09-01-own.md").read_bytes()
    result = _import(root)
    assert f"added components to {root / 'site.yml'}" in result.stdout
    site = model(root)
    assert [c.id for c in site.config.components] == ["api", "web", "metadata-db", "console"]
    uploads = next(i for i in site.incidents if i.title == "Large uploads failing")
    assert uploads.components == {"api": "partial_outage"}
    assert (root / "content/incidents/2026-09-01-own.md").read_bytes() == own
    assert "title: Larkspur\n" in (root / "site.yml").read_text()
    before = snapshot(root)
    _import(root)
    assert snapshot(root) == before


def test_a_history_feed_alone_is_enough_and_keeps_its_ids(tmp_path):
    result = run_import("statuspage", str(ATOM), "--site", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert "one component, 'Larkspur Cloud Status', stands for the whole page" in result.stderr
    tree, site = built(tmp_path / "site")
    assert [c.name for c in site.config.components] == ["Larkspur Cloud Status"]
    assert site.config.base_url == "https://status.larkspur.example/"
    assert len(site.incidents) == 4 and len(site.maintenances) == 1
    [drill] = site.maintenances
    assert [u.status.value for u in drill.timeline] == ["completed"]
    assert (drill.scheduled_start, drill.scheduled_end) == (  # from the entry's "THIS IS A SCHEDULED EVENT" line
        datetime(2026, 10, 20, 3, tzinfo=timezone.utc), datetime(2026, 10, 20, 5, tzinfo=timezone.utc))
    old = {e.id for e in feedparser.parse(ATOM.read_bytes()).entries if not e.link.endswith("/ddd4")}
    assert {e.id for e in feedparser.parse(tree["history.atom"]).entries} == old


def test_a_broken_site_yml_stops_the_import_before_anything_is_written(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.yml").write_text("title: Broken\ncomponents: []\n")
    result = run_import("statuspage", str(SOURCE), "--site", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: site.yml:")
    assert sorted(p.name for p in root.rglob("*")) == ["site.yml"]


def test_new_components_go_at_the_end_of_the_list_whatever_follows_it(write_site):
    site_yml = (
        "title: Ex\nbase_url: https://ex.example/\nfeed_id: ex.example\ncomponents:\n"
        "    -   id: api\n        name: Storage API   # the API\n        description: >-\n          Folded\n"
        "          text\n\n# Thresholds\naudit:\n  max_update_gap: 30m\n"
    )
    root = write_site({}, site_yml=site_yml)
    _import(root)
    text = (root / "site.yml").read_text()
    assert text.startswith(site_yml.split("\n\n")[0] + "\n    -   id: metadata-db\n")
    assert text.endswith("\n\n# Thresholds\naudit:\n  max_update_gap: 30m\n")
    assert [c.id for c in model(root).config.components] == ["api", "metadata-db", "console"]


def test_a_feed_maintenance_window_across_midnight_and_the_new_year(tmp_path):
    feed = tmp_path / "history.atom"
    lead = "&lt;p&gt;THIS IS A SCHEDULED EVENT Dec 31, 23:00 - Jan 1, 01:00 UTC&lt;/p&gt;"
    update = ("&lt;p&gt;&lt;small&gt;Jan 1, 01:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Completed&lt;/strong&gt;"
              " - The move is done.&lt;/p&gt;")
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        '<id>tag:s.example,2005:/history</id><title>S - Incident History</title>'
        '<link rel="alternate" type="text/html" href="https://s.example"/><updated>2027-01-01T01:00:00Z</updated>'
        '<entry><id>tag:s.example,2005:Incident/9</id><published>2026-12-20T09:00:00Z</published>'
        '<updated>2027-01-01T01:00:00Z</updated><link rel="alternate" type="text/html" '
        'href="https://s.example/incidents/mv1"/><title>Data centre move</title>'
        f'<content type="html">{lead}{update}</content></entry></feed>')
    result = run_import("statuspage", str(feed), "--site", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    [move] = model(tmp_path / "site").maintenances
    assert (move.scheduled_start, move.scheduled_end) == (
        datetime(2026, 12, 31, 23, tzinfo=timezone.utc), datetime(2027, 1, 1, 1, tzinfo=timezone.utc))
    assert move.timeline[0].message == "The move is done."
