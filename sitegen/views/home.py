"""The home page: banner, grouped components with uptime bars, open incidents, maintenance, recent days.

Its size must not grow with the number of components or the length of the history: above COMPACT_ABOVE
components, each group shows one row of day bars, its affected components open and the operational ones folded
into a summary; a few open incidents get full cards and the rest one line each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from sitegen import urls
from sitegen.model import Component, ComponentStatus, Incident, IncidentStatus, Maintenance, MaintenancePhase
from sitegen.status import (
    ACTIVE_PHASES, incident_duration, incident_start, latest_update, maintenance_phase, maintenance_window,
    statuses_after, worst,
)
from sitegen.views import labels
from sitegen.views.common import HistoryItem, Link, Page, chrome, component_links, incident_item, maintenance_item
from sitegen.views.facts import SiteFacts
from sitegen.i18n import N_, TimeView
from sitegen.views.labels import StatusLabel

RECENT_DAYS = 14
COMPACT_ABOVE = 30  # components; above this the home page shows bars per group, not per component
CARD_COMPONENTS = 3  # components an open-incident card names; the incident page lists them all
FULL_CARDS = 5  # open incidents shown as full cards, newest first; the rest are listed one line each
RECENT_PER_DAY = 8  # items a recent day lists; the rest are in the history
BANNER_WORDS = {
    ComponentStatus.OPERATIONAL: N_("All systems operational"),
    ComponentStatus.UNDER_MAINTENANCE: N_("Scheduled maintenance in progress"),
    ComponentStatus.DEGRADED_PERFORMANCE: N_("Some systems are degraded"),
    ComponentStatus.PARTIAL_OUTAGE: N_("Partial outage"),
    ComponentStatus.MAJOR_OUTAGE: N_("Major outage"),
}
# While components are operational but an incident is open, the headline names the incident's status.
INCIDENT_HEADLINE = {
    IncidentStatus.INVESTIGATING: N_("Incident: investigating"),
    IncidentStatus.IDENTIFIED: N_("Incident: identified"),
    IncidentStatus.MONITORING: N_("Incident: monitoring"),
    IncidentStatus.RESOLVED: N_("Incident: resolved"),
}
DEFAULT_GROUP = N_("Other components")  # on a compact home page, the group of components that have none


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
class StatusMembers:
    """The members of a group at one status, as a compact home page lists them."""

    status: StatusLabel
    components: tuple[Link, ...]


@dataclass(frozen=True)
class ComponentGroup:
    name: str | None  # None for components outside any group (on a compact page they get a default group)
    status: StatusLabel
    components: tuple[ComponentRow, ...]  # every member; empty on a compact page
    affected: tuple[StatusMembers, ...] = ()  # compact page: the members not operational, worst status first
    operational: tuple[Link, ...] = ()  # compact page: the members folded into the summary line
    members: int = 0  # compact page: how many components the group has
    uptime: UptimeBar | None = None  # compact page: the group's day bars


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
    components: tuple[Link, ...]  # at most CARD_COMPONENTS
    more_components: int  # how many affected components the card does not name (the incident page lists them)
    components_href: str
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
    label: str  # a day in the site's zone: a heading, not a <time> that the page script would convert
    items: tuple[HistoryItem, ...]  # at most RECENT_PER_DAY
    more: int = 0  # items of the day left to the history


@dataclass(frozen=True)
class HomeView:
    banner: Banner
    groups: tuple[ComponentGroup, ...]
    compact: bool  # bars per group, operational components folded
    open_incidents: tuple[IncidentCard, ...]
    more_open_incidents: tuple[HistoryItem, ...]  # beyond FULL_CARDS, one line each
    active_maintenance: tuple[MaintenanceCard, ...]
    upcoming_maintenance: tuple[MaintenanceCard, ...]
    recent: tuple[RecentDay, ...]
    subscribe: Subscribe
    uptime_days: int


def home_page(facts: SiteFacts) -> Page:
    file = "index.html"
    compact = sum(1 for c in facts.config.components if not c.retired) > COMPACT_ABOVE
    view = HomeView(
        banner=banner(facts),
        groups=compact_groups(facts, file) if compact else component_groups(facts, file),
        compact=compact,
        open_incidents=tuple(incident_card(facts, i, file) for i in facts.open_incidents[:FULL_CARDS]),
        more_open_incidents=tuple(incident_item(facts, i, file) for i in facts.open_incidents[FULL_CARDS:]),
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
    return Page(file, "index.html", facts.config.title,
                chrome(facts, file, description=facts.words.gettext(facts.description)), view)


def banner(facts: SiteFacts) -> Banner:
    """The words follow the worst current status, and never say 'operational' while an incident is open."""
    overall, open_count, words = facts.overall, len(facts.open_incidents), facts.words
    icon = labels.COMPONENT_ICON[overall]
    if open_count == 1:
        detail = words.gettext("We are working on 1 open incident: %(title)s.", title=facts.open_incidents[0].title)
    elif open_count:
        detail = words.ngettext("We are working on %(count)s open incident.", "We are working on %(count)s open incidents.",
                                open_count)
    elif overall is ComponentStatus.UNDER_MAINTENANCE:
        detail = words.gettext("Planned work is under way; see the maintenance below.")
    else:
        detail = words.gettext("No known issues right now.")
    if overall is ComponentStatus.OPERATIONAL and open_count:
        status = latest_update(facts.open_incidents[0]).status
        return Banner("incident", "●", words.gettext(INCIDENT_HEADLINE[status]), detail)
    return Banner(overall.value, icon, words.gettext(BANNER_WORDS[overall]), detail)


def uptime_bar(facts: SiteFacts, component: Component) -> UptimeBar:
    words = facts.words
    days = []
    for day in facts.bar_days:
        down = facts.downtime.day(component.id, day)
        incidents = facts.incidents_on.get((component.id, day), ())
        titles = words.gettext("; ").join(i.title for i in incidents)
        if down >= 30:
            level = "major"
        elif down > 0:
            level = "minor"
        else:
            level = "note" if incidents else "ok"
        if down > 0:
            label = words.gettext("%(day)s: %(duration)s of downtime", day=words.day(day), duration=words.minutes(down))
        else:
            label = words.gettext("%(day)s: no downtime", day=words.day(day))
        if titles:
            label = words.gettext("%(day)s; %(incidents)s", day=label, incidents=titles)
        days.append(DayBar(level, label))
    percent = words.percent(facts.downtime.uptime(component.id, facts.bar_days))
    summary = words.ngettext("%(percent)s uptime over the last day", "%(percent)s uptime over the last %(count)s days",
                             len(facts.bar_days), percent=percent)
    return bar_frame(facts, tuple(days), summary, percent)


def bar_frame(facts: SiteFacts, days: tuple[DayBar, ...], summary: str, percent: str) -> UptimeBar:
    words = facts.words
    return UptimeBar(days=days, percent=percent, summary=summary,
                     first_day=words.ngettext("%(count)s day ago", "%(count)s days ago", len(facts.bar_days)),
                     last_day=words.gettext("Today"))


def grouped(facts: SiteFacts, default_group: str | None = None) -> list[tuple[str | None, list[Component]]]:
    """Components in display order; a group stands where its first member does. Retired ones are left off.
    Without `default_group`, each ungrouped component stands alone."""
    ordered: list[tuple[str | None, list[Component]]] = []
    members: dict[str, list[Component]] = {}
    for component in facts.config.components:
        if component.retired:
            continue
        group = component.group or default_group
        if group is None:
            ordered.append((None, [component]))
        elif group in members:
            members[group].append(component)
        else:
            members[group] = [component]
            ordered.append((group, members[group]))
    return ordered


def group_uptime_bar(facts: SiteFacts, components: list[Component]) -> UptimeBar:
    """One bar a day for a group: its level is the worst member's, its label counts the members with downtime."""
    words = facts.words
    days = []
    for day in facts.bar_days:
        downs = [facts.downtime.day(c.id, day) for c in components]
        longest, hit = max(downs), sum(1 for d in downs if d > 0)
        if longest > 0:
            level = "major" if longest >= 30 else "minor"
        else:
            level = "note" if any((c.id, day) in facts.incidents_on for c in components) else "ok"
        if hit:
            label = words.ngettext(
                "%(day)s: %(count)s of %(members)s components with downtime, the longest %(duration)s",
                "%(day)s: %(count)s of %(members)s components with downtime, the longest %(duration)s",
                hit, day=words.day(day), members=words.number(len(components)), duration=words.minutes(longest))
        else:
            label = words.gettext("%(day)s: no downtime", day=words.day(day))
        days.append(DayBar(level, label))
    percent = words.percent(sum(facts.downtime.uptime(c.id, facts.bar_days) for c in components) / len(components))
    return bar_frame(facts, tuple(days), words.gettext("%(percent)s average uptime", percent=percent), percent)


def component_groups(facts: SiteFacts, file: str) -> tuple[ComponentGroup, ...]:
    return tuple(
        ComponentGroup(
            name,
            labels.component_status(facts.words, worst(facts.statuses[c.id] for c in components)),
            tuple(component_row(facts, c, file) for c in components),
        )
        for name, components in grouped(facts)
    )


def compact_groups(facts: SiteFacts, file: str) -> tuple[ComponentGroup, ...]:
    """Every group, ungrouped components in a default one: day bars per group, affected members listed worst
    first, operational ones folded into the summary (still links, still in the page)."""
    groups, words = [], facts.words
    for name, components in grouped(facts, words.gettext(DEFAULT_GROUP)):
        at: dict[ComponentStatus, list[str]] = defaultdict(list)
        for component in components:
            at[facts.statuses[component.id]].append(component.id)
        fine = at.pop(ComponentStatus.OPERATIONAL, [])
        groups.append(ComponentGroup(
            name=name,
            status=labels.component_status(words, worst(facts.statuses[c.id] for c in components)),
            components=(),
            affected=tuple(
                StatusMembers(labels.component_status(words, status), component_links(facts, at[status], file))
                for status in sorted(at, key=lambda s: -s.rank)
            ),
            operational=component_links(facts, fine, file),
            members=len(components),
            uptime=group_uptime_bar(facts, components),
        ))
    return tuple(groups)


def component_row(facts: SiteFacts, component: Component, file: str) -> ComponentRow:
    return ComponentRow(
        id=component.id,
        name=component.name,
        href=urls.relative(file, urls.component_page(component.id)),
        description=component.description,
        status=labels.component_status(facts.words, facts.statuses[component.id]),
        uptime=uptime_bar(facts, component),
    )


def incident_card(facts: SiteFacts, incident: Incident, file: str) -> IncidentCard:
    zone, words = facts.config.timezone, facts.words
    latest = latest_update(incident)
    page = urls.relative(file, urls.incident_page(incident.slug))
    key = urls.update_keys([e.at for e in incident.timeline])[-1]
    current = statuses_after(incident, len(incident.timeline))
    named = [c for c, s in current.items() if s is not ComponentStatus.OPERATIONAL] or list(current)
    return IncidentCard(
        title=incident.title,
        href=page,
        impact=labels.impact(words, incident.impact),
        status=labels.incident_status(words, latest.status),
        message=facts.markdown.html(latest.message),
        at=words.time(latest.at, zone),
        update_href=f"{page}#{urls.update_anchor(key)}",
        next_update=words.time(latest.next_update, zone) if latest.next_update else None,
        components=component_links(facts, named[:CARD_COMPONENTS], file),
        more_components=max(0, len(named) - CARD_COMPONENTS),
        components_href=f"{page}#{urls.COMPONENTS_ANCHOR}",
        started=words.time(incident_start(incident), zone),
        duration=words.duration(incident_duration(incident, facts.now)),
    )


def maintenance_card(facts: SiteFacts, maintenance: Maintenance, file: str) -> MaintenanceCard:
    zone, words = facts.config.timezone, facts.words
    start, end = maintenance_window(maintenance, facts.now)
    latest = next((u for u in reversed(maintenance.timeline) if u.message), None)
    return MaintenanceCard(
        title=maintenance.title,
        href=urls.relative(file, urls.maintenance_page(maintenance.slug)),
        phase=labels.phase(words, maintenance_phase(maintenance, facts.now)),
        start=words.time(start, zone),
        end=words.time(end, zone),
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
    return tuple(RecentDay(facts.words.day(day), tuple(items[day][:RECENT_PER_DAY]),
                           max(0, len(items[day]) - RECENT_PER_DAY)) for day in days)


def subscribe(facts: SiteFacts) -> Subscribe:
    calendar = facts.absolute("maintenance.ics")
    return Subscribe(
        atom="feed.atom", rss="feed.rss", json="feed.json", calendar="maintenance.ics",
        webcal=urls.webcal(calendar), badge="badge.svg", api="api/v2/summary.json",
        email=bool(facts.config.mailing_lists),
    )
