"""The home page: banner, grouped components with uptime bars, open incidents, maintenance, recent days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from sitegen import urls
from sitegen.model import Component, ComponentStatus, Incident, Maintenance, MaintenancePhase
from sitegen.status import (
    ACTIVE_PHASES, incident_duration, incident_start, latest_update, maintenance_phase, maintenance_window,
    statuses_after, worst,
)
from sitegen.views import labels
from sitegen.views.common import HistoryItem, Link, Page, chrome, component_links, incident_item, maintenance_item
from sitegen.views.facts import SiteFacts
from sitegen.views.labels import StatusLabel, TimeView

RECENT_DAYS = 14
BANNER_WORDS = {
    ComponentStatus.OPERATIONAL: "All systems operational",
    ComponentStatus.UNDER_MAINTENANCE: "Scheduled maintenance in progress",
    ComponentStatus.DEGRADED_PERFORMANCE: "Some systems are degraded",
    ComponentStatus.PARTIAL_OUTAGE: "Partial outage",
    ComponentStatus.MAJOR_OUTAGE: "Major outage",
}


@dataclass(frozen=True)
class Banner:
    key: str
    icon: str
    headline: str
    detail: str


@dataclass(frozen=True)
class DayBar:
    level: str  # ok | note (an incident, no downtime) | minor (under 30 min down) | major
    label: str


@dataclass(frozen=True)
class UptimeBar:
    days: tuple[DayBar, ...]
    percent: str
    summary: str
    first_day: str
    last_day: str


@dataclass(frozen=True)
class ComponentRow:
    id: str
    name: str
    href: str
    description: str
    status: StatusLabel
    uptime: UptimeBar


@dataclass(frozen=True)
class ComponentGroup:
    name: str | None  # None for components outside any group
    status: StatusLabel
    components: tuple[ComponentRow, ...]


@dataclass(frozen=True)
class IncidentCard:
    title: str
    href: str
    impact: StatusLabel
    status: StatusLabel
    message: Markup
    at: TimeView
    update_href: str
    next_update: TimeView | None
    components: tuple[Link, ...]
    started: TimeView
    duration: str


@dataclass(frozen=True)
class MaintenanceCard:
    title: str
    href: str
    phase: StatusLabel
    start: TimeView
    end: TimeView
    components: tuple[Link, ...]
    message: Markup | None


@dataclass(frozen=True)
class Subscribe:
    atom: str
    rss: str
    json: str
    calendar: str
    webcal: str
    badge: str
    api: str
    email: bool  # whether the site has a mailing list


@dataclass(frozen=True)
class RecentDay:
    label: str
    day: str  # ISO date for <time>
    items: tuple[HistoryItem, ...]


@dataclass(frozen=True)
class HomeView:
    banner: Banner
    groups: tuple[ComponentGroup, ...]
    open_incidents: tuple[IncidentCard, ...]
    active_maintenance: tuple[MaintenanceCard, ...]
    upcoming_maintenance: tuple[MaintenanceCard, ...]
    recent: tuple[RecentDay, ...]
    subscribe: Subscribe
    uptime_days: int


def home_page(facts: SiteFacts) -> Page:
    file = "index.html"
    view = HomeView(
        banner=banner(facts),
        groups=component_groups(facts, file),
        open_incidents=tuple(incident_card(facts, i, file) for i in facts.open_incidents),
        active_maintenance=tuple(
            maintenance_card(facts, m, file) for m in reversed(facts.maintenances)
            if maintenance_phase(m, facts.now) in ACTIVE_PHASES
        ),
        upcoming_maintenance=tuple(
            maintenance_card(facts, m, file) for m in reversed(facts.maintenances)
            if maintenance_phase(m, facts.now) is MaintenancePhase.SCHEDULED
        ),
        recent=recent_days(facts, file),
        subscribe=subscribe(facts),
        uptime_days=facts.config.uptime_days,
    )
    return Page(file, "index.html", facts.config.title, chrome(facts, file), view)


def banner(facts: SiteFacts) -> Banner:
    """The words follow the worst current status, and never say 'operational' while an incident is open."""
    overall, open_count = facts.overall, len(facts.open_incidents)
    icon = labels.COMPONENT_ICON[overall]
    if open_count == 1:
        detail = f"We are working on 1 open incident: {facts.open_incidents[0].title}."
    elif open_count:
        detail = f"We are working on {open_count} open incidents."
    elif overall is ComponentStatus.UNDER_MAINTENANCE:
        detail = "Planned work is under way; see the maintenance below."
    else:
        detail = "No known issues right now."
    if overall is ComponentStatus.OPERATIONAL and open_count:
        status = latest_update(facts.open_incidents[0]).status
        return Banner("incident", "●", f"Incident: {labels.INCIDENT_STATUS[status].lower()}", detail)
    return Banner(overall.value, icon, BANNER_WORDS[overall], detail)


def uptime_bar(facts: SiteFacts, component: Component) -> UptimeBar:
    days = []
    for day in facts.bar_days:
        down = facts.downtime.day(component.id, day)
        incidents = facts.incidents_on.get((component.id, day), ())
        titles = "; ".join(i.title for i in incidents)
        if down >= 30:
            level = "major"
        elif down > 0:
            level = "minor"
        else:
            level = "note" if incidents else "ok"
        words = f"{labels.minutes_text(down)} of downtime" if down > 0 else "no downtime"
        days.append(DayBar(level, f"{labels.day_text(day)}: {words}" + (f"; {titles}" if titles else "")))
    percent = labels.percent_text(facts.downtime.uptime(component.id, facts.bar_days))
    count = len(facts.bar_days)
    return UptimeBar(
        days=tuple(days),
        percent=percent,
        summary=f"{percent} uptime over the last {count} days",
        first_day=f"{count} days ago",
        last_day="Today",
    )


def component_groups(facts: SiteFacts, file: str) -> tuple[ComponentGroup, ...]:
    """Components in display order; a group stands where its first member does. Retired ones are left off."""
    ordered: list[tuple[str | None, list[Component]]] = []
    members: dict[str, list[Component]] = {}
    for component in facts.config.components:
        if component.retired:
            continue
        if component.group is None:
            ordered.append((None, [component]))
        elif component.group in members:
            members[component.group].append(component)
        else:
            members[component.group] = [component]
            ordered.append((component.group, members[component.group]))
    return tuple(
        ComponentGroup(
            name,
            labels.component_status(worst(facts.statuses[c.id] for c in components)),
            tuple(component_row(facts, c, file) for c in components),
        )
        for name, components in ordered
    )


def component_row(facts: SiteFacts, component: Component, file: str) -> ComponentRow:
    return ComponentRow(
        id=component.id,
        name=component.name,
        href=urls.relative(file, urls.component_page(component.id)),
        description=component.description,
        status=labels.component_status(facts.statuses[component.id]),
        uptime=uptime_bar(facts, component),
    )


def incident_card(facts: SiteFacts, incident: Incident, file: str) -> IncidentCard:
    zone = facts.config.timezone
    latest = latest_update(incident)
    page = urls.relative(file, urls.incident_page(incident.slug))
    key = urls.update_keys([e.at for e in incident.timeline])[-1]
    current = statuses_after(incident, len(incident.timeline))
    return IncidentCard(
        title=incident.title,
        href=page,
        impact=labels.impact(incident.impact),
        status=labels.incident_status(latest.status),
        message=facts.markdown.html(latest.message),
        at=labels.time_view(latest.at, zone),
        update_href=f"{page}#{urls.update_anchor(key)}",
        next_update=labels.time_view(latest.next_update, zone) if latest.next_update else None,
        components=component_links(facts, [c for c, s in current.items() if s is not ComponentStatus.OPERATIONAL]
                                   or list(current), file),
        started=labels.time_view(incident_start(incident), zone),
        duration=labels.duration_text(incident_duration(incident, facts.now)),
    )


def maintenance_card(facts: SiteFacts, maintenance: Maintenance, file: str) -> MaintenanceCard:
    zone = facts.config.timezone
    start, end = maintenance_window(maintenance, facts.now)
    latest = next((u for u in reversed(maintenance.timeline) if u.message), None)
    return MaintenanceCard(
        title=maintenance.title,
        href=urls.relative(file, urls.maintenance_page(maintenance.slug)),
        phase=labels.phase(maintenance_phase(maintenance, facts.now)),
        start=labels.time_view(start, zone),
        end=labels.time_view(end, zone),
        components=component_links(facts, maintenance.components, file),
        message=facts.markdown.html(latest.message) if latest else None,
    )


def recent_days(facts: SiteFacts, file: str) -> tuple[RecentDay, ...]:
    """The last 14 local days, newest first; a quiet day has no items (the page says so)."""
    days = [facts.today - timedelta(days=n) for n in range(RECENT_DAYS)]
    first = days[-1]
    items: dict[date, list[HistoryItem]] = {day: [] for day in days}
    for incident in facts.incidents:
        item = incident_item(facts, incident, file)
        if item.day < first:
            break  # newest first: everything further is older
        items[item.day].append(item)
    for maintenance in facts.maintenances:
        if maintenance_phase(maintenance, facts.now) is MaintenancePhase.SCHEDULED:
            continue
        item = maintenance_item(facts, maintenance, file)
        if item.day in items:
            items[item.day].append(item)
    return tuple(
        RecentDay(labels.day_text(day), day.isoformat(), tuple(items[day])) for day in days
    )


def subscribe(facts: SiteFacts) -> Subscribe:
    calendar = facts.absolute("maintenance.ics")
    return Subscribe(
        atom="feed.atom", rss="feed.rss", json="feed.json", calendar="maintenance.ics",
        webcal=urls.webcal(calendar), badge="badge.svg", api="api/v2/summary.json",
        email=bool(facts.config.mailing_lists),
    )
