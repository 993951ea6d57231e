"""maintenance.ics (RFC 5545, with icalendar): one event per maintenance, site-wide and per component."""

from __future__ import annotations

from datetime import timezone

from icalendar import Calendar, Event

from sitegen import urls
from sitegen.escaping import calendar_text, uri
from sitegen.markup import plain_text
from sitegen.model import Maintenance, MaintenancePhase
from sitegen.output import OutputTree
from sitegen.status import maintenance_window, window_changes
from sitegen.views.facts import SiteFacts


def render_calendars(facts: SiteFacts) -> OutputTree:
    maintenances = sorted(facts.maintenances, key=lambda m: m.slug)
    words, site = facts.words, facts.config.title
    tree = {"maintenance.ics": calendar(facts, maintenances, words.gettext("%(site)s: maintenance", site=site))}
    for component in facts.config.components:
        mine = [m for m in maintenances if component.id in m.components]
        tree[urls.component_page(component.id) + "maintenance.ics"] = calendar(
            facts, mine, words.gettext("%(site)s: %(component)s maintenance", site=site, component=component.name)
        )
    return tree


def calendar(facts: SiteFacts, maintenances: list[Maintenance], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//sitegen//status maintenance//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_text(name))
    for maintenance in maintenances:
        cal.add_component(event(facts, maintenance))
    return cal.to_ical()


def event(facts: SiteFacts, maintenance: Maintenance) -> Event:
    """A stable UID; SEQUENCE counts the window's moves (and the cancellation) written in the timeline."""
    start, end = maintenance_window(maintenance)
    cancelled = any(u.status is MaintenancePhase.CANCELLED for u in maintenance.timeline)
    # DTSTAMP is the last written change, not the build time, so that rebuilds are identical.
    stamp = maintenance.timeline[-1].at if maintenance.timeline else start
    words = facts.words
    names = words.join([facts.components[c].name for c in maintenance.components])
    latest = next((u.message for u in reversed(maintenance.timeline) if u.message), "")
    description = plain_text(facts.markdown.html(latest)) if latest else ""
    item = Event()
    item.add("uid", calendar_text(f"maintenance-{maintenance.slug}@{facts.config.feed_id}"))
    item.add("dtstamp", stamp.astimezone(timezone.utc))
    item.add("last-modified", stamp.astimezone(timezone.utc))
    item.add("dtstart", start.astimezone(timezone.utc))
    item.add("dtend", end.astimezone(timezone.utc))
    item.add("sequence", window_changes(maintenance) + (1 if cancelled else 0))
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("summary", calendar_text(words.gettext("Maintenance: %(title)s", title=maintenance.title)))
    components = words.gettext("Components: %(components)s", components=names)
    item.add("description", calendar_text(f"{description}\n\n{components}".strip()))
    item.add("url", uri(facts.absolute(urls.maintenance_page(maintenance.slug))))
    item.add("transp", "TRANSPARENT")
    return item
