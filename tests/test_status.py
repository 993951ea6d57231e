from datetime import datetime, timedelta, timezone

from tests.helpers import NOW, incident

from sitegen import status
from sitegen.model import ComponentStatus, Impact, MaintenancePhase


def at(hour: int, minute: int = 0, day: int = 26) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc)


def test_open_resolved_start_end_duration(site_dir, load):
    site = load(site_dir("full"))
    by_slug = {i.slug: i for i in site.incidents}
    cdn = by_slug["2026-11-20-cdn-outage"]
    assert not status.is_open(cdn)
    assert status.incident_start(cdn) == datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
    assert status.incident_end(cdn) == datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    assert status.incident_duration(cdn, NOW) == timedelta(hours=1)
    search = by_slug["2026-11-25-search-slow"]
    assert status.is_open(search)
    assert status.incident_duration(search, NOW) == NOW - datetime(2026, 11, 25, 17, 0, tzinfo=timezone.utc)


def test_an_entry_after_resolved_reopens_and_the_end_moves(site_dir, load):
    site = load(site_dir("full"))
    web = next(i for i in site.incidents if i.slug == "2026-11-10-web-reopened")
    assert status.incident_end(web) == datetime(2026, 11, 10, 9, 45, tzinfo=timezone.utc)
    segments = status.incident_segments(web, NOW)
    assert [(s.start.minute, s.end.minute) for s in segments] == [(0, 10), (30, 45)]


def test_future_entries_are_not_published(site_dir, load):
    full = load(site_dir("full"))
    site = status.published(full, NOW)
    api = next(i for i in site.incidents if i.slug == "2026-11-26-api-outage")
    assert api.timeline[-1].at == at(11, 42)
    early = status.published(full, at(11, 23))
    assert "2026-11-26-api-outage" not in {i.slug for i in early.incidents}


def test_component_status_is_the_worst_over_incidents_and_maintenance(site_dir, load):
    site = status.published(load(site_dir("full")), NOW)
    statuses = status.component_statuses(site, NOW)
    assert statuses["api"] is ComponentStatus.MAJOR_OUTAGE
    assert statuses["web"] is ComponentStatus.OPERATIONAL  # recovered by the 11:42 entry
    assert statuses["db"] is ComponentStatus.UNDER_MAINTENANCE
    assert statuses["search"] is ComponentStatus.DEGRADED_PERFORMANCE
    assert statuses["cdn"] is ComponentStatus.OPERATIONAL
    assert status.overall_status(statuses.values()) is ComponentStatus.MAJOR_OUTAGE
    assert status.indicator(statuses.values(), status.open_incidents(site)) is Impact.CRITICAL


def test_maintenance_phases_follow_the_clock_unless_written(site_dir, load):
    site = load(site_dir("full"))
    by_slug = {m.slug: m for m in site.maintenances}
    db = by_slug["2026-11-26-db-maintenance"]
    assert status.maintenance_phase(db, at(10)) is MaintenancePhase.SCHEDULED
    assert status.maintenance_phase(db, at(12)) is MaintenancePhase.IN_PROGRESS
    assert status.maintenance_phase(db, at(13)) is MaintenancePhase.COMPLETED
    cdn = by_slug["2026-11-15-cdn-cancelled"]
    assert status.maintenance_phase(cdn, datetime(2026, 11, 15, 1, 30, tzinfo=timezone.utc)) is MaintenancePhase.CANCELLED
    reindex = by_slug["2026-12-03-search-reindex"]
    assert status.maintenance_window(reindex) == (
        datetime(2026, 12, 3, 2, tzinfo=timezone.utc), datetime(2026, 12, 3, 4, tzinfo=timezone.utc))
    assert status.maintenance_phase(reindex, datetime(2026, 12, 1, 2, 30, tzinfo=timezone.utc)) is MaintenancePhase.SCHEDULED
    assert status.window_changes(reindex) == 1


def test_a_written_verifying_entry_wins_over_the_clock(write_site, load):
    root = write_site({"content/maintenance/m.md": """\
        ---
        title: m
        components: [api]
        scheduled_start: 2026-11-26T10:00:00Z
        scheduled_end: 2026-11-26T11:00:00Z
        timeline:
          - at: 2026-11-26T10:50:00Z
            status: verifying
        ---
    """})
    maintenance = load(root).maintenances[0]
    assert status.maintenance_phase(maintenance, at(12)) is MaintenancePhase.VERIFYING


def test_an_open_incident_whose_components_recovered_still_never_reads_operational(write_site, load):
    site = load(write_site(incident("x", """
        title: x
        impact: none
        components: {api: degraded_performance}
        timeline:
          - at: 2026-11-26T10:00:00Z
            status: monitoring
            message: m
            components: {api: operational}
    """)))
    published = status.published(site, NOW)
    statuses = status.component_statuses(published, NOW)
    level = status.indicator(statuses.values(), status.open_incidents(published))
    words = status.status_description(level, status.overall_status(statuses.values()), 1)
    assert "All Systems Operational" not in words
