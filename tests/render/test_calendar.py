from __future__ import annotations

from datetime import datetime, timezone

from tests.helpers import NOW, SITES
from icalendar import Calendar

from sitegen.build import build_site


def events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_one_event_per_maintenance_with_uid_sequence_and_status():
    tree = build_site(SITES / "full", NOW).tree
    found = events(tree["maintenance.ics"])
    assert set(found) == {
        "maintenance-2026-11-26-db-maintenance@example.com", "maintenance-2026-12-03-search-reindex@example.com",
        "maintenance-2026-11-15-cdn-cancelled@example.com", "maintenance-2026-11-01-web-deploy@example.com",
    }
    reindex = found["maintenance-2026-12-03-search-reindex@example.com"]
    assert reindex["DTSTART"].dt == datetime(2026, 12, 3, 2, tzinfo=timezone.utc)
    assert reindex["DTEND"].dt == datetime(2026, 12, 3, 4, tzinfo=timezone.utc)
    assert int(reindex["SEQUENCE"]) == 1
    assert str(reindex["STATUS"]) == "CONFIRMED"
    cancelled = found["maintenance-2026-11-15-cdn-cancelled@example.com"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 1
    assert int(found["maintenance-2026-11-26-db-maintenance@example.com"]["SEQUENCE"]) == 0
    assert b"\r\n" in tree["maintenance.ics"]


def test_component_calendars_hold_their_maintenance():
    tree = build_site(SITES / "full", NOW).tree
    assert set(events(tree["components/search/maintenance.ics"])) == {
        "maintenance-2026-12-03-search-reindex@example.com"}
    assert events(tree["components/api/maintenance.ics"]) == {}


def test_a_reschedule_raises_the_sequence_and_keeps_the_uid(site_dir):
    root = site_dir("full")
    file = root / "content" / "maintenance" / "2026-12-03-search-reindex.md"
    file.write_text(file.read_text().replace("---\n", "", 1).rsplit("---", 1)[0].join(["---\n", """  - at: 2026-11-25T09:00:00Z
    status: scheduled
    message: Moved again.
    scheduled_start: 2026-12-04T02:00:00Z
    scheduled_end: 2026-12-04T03:00:00Z
---
"""]))
    tree = build_site(root, NOW).tree
    event = events(tree["maintenance.ics"])["maintenance-2026-12-03-search-reindex@example.com"]
    assert int(event["SEQUENCE"]) == 2
    assert event["DTSTART"].dt == datetime(2026, 12, 4, 2, tzinfo=timezone.utc)
