from datetime import datetime, timezone

from tests.helpers import incident

from sitegen.model import ComponentStatus, IncidentStatus

BERLIN_SITE = """\
title: T
base_url: https://example.org/
feed_id: example.org
timezone: Europe/Berlin
components:
  - {id: api, name: API}
  - {id: web, name: Web}
"""


def test_list_form_components_take_the_status_that_follows_from_impact(write_site, load):
    files = {}
    for slug, impact in [("a", "minor"), ("b", "major"), ("c", "critical"), ("d", "none")]:
        files.update(incident(slug, f"""
            title: {slug}
            impact: {impact}
            components: [api, web]
            timeline:
              - at: 2026-11-01T10:00:00Z
                status: investigating
                message: m
        """))
    site = load(write_site(files))
    statuses = {i.slug: i.components["api"] for i in site.incidents}
    assert statuses == {
        "a": ComponentStatus.DEGRADED_PERFORMANCE, "b": ComponentStatus.PARTIAL_OUTAGE,
        "c": ComponentStatus.MAJOR_OUTAGE, "d": ComponentStatus.DEGRADED_PERFORMANCE,
    }


def test_naive_timestamps_are_read_in_the_site_timezone(write_site, load):
    site = load(write_site(incident("x", """
        title: x
        impact: minor
        components: [api]
        timeline:
          - at: 2026-11-01 10:00
            status: investigating
            message: m
            next_update: 2026-11-01T10:30
    """), BERLIN_SITE))
    entry = site.incidents[0].timeline[0]
    assert entry.at == datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    assert entry.next_update == datetime(2026, 11, 1, 9, 30, tzinfo=timezone.utc)


def test_next_update_as_a_duration_counts_from_the_entry(write_site, load):
    site = load(write_site(incident("x", """
        title: x
        impact: minor
        components: [api]
        timeline:
          - at: 2026-11-01T10:00:00Z
            status: investigating
            message: m
            next_update: 20m
    """)))
    assert site.incidents[0].timeline[0].next_update == datetime(2026, 11, 1, 10, 20, tzinfo=timezone.utc)


def test_entries_carry_component_changes_and_html_and_unicode_survive(write_site, load):
    site = load(write_site(incident("x", """
        title: "Störung: 接続エラー"
        impact: major
        components: {api: major_outage}
        timeline:
          - at: 2026-11-01T10:00:00Z
            status: investigating
            message: "<b>Bold</b> update"
          - at: 2026-11-01T10:00:00Z
            status: identified
            message: same time, file order kept
            components: {api: degraded_performance, web: degraded_performance}
    """)))
    found = site.incidents[0]
    assert found.title == "Störung: 接続エラー"
    assert [e.status for e in found.timeline] == [IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED]
    assert found.timeline[1].components == {
        "api": ComponentStatus.DEGRADED_PERFORMANCE, "web": ComponentStatus.DEGRADED_PERFORMANCE,
    }


def test_an_8_kb_body_is_kept_whole(write_site, load):
    body = ("A long paragraph of incident detail. " * 230).strip()
    files = incident("x", """
        title: x
        impact: minor
        components: [api]
        timeline:
          - at: 2026-11-01T10:00:00Z
            status: resolved
            message: m
    """)
    files["content/incidents/x.md"] += body + "\n"
    site = load(write_site(files))
    assert len(site.incidents[0].body) > 8000


def test_sample_sites_load_without_errors(site_dir, load):
    for name in ("minimal", "full", "example"):
        assert load(site_dir(name)).incidents
