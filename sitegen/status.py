"""Derived facts: what is open, what is broken, which phase a maintenance is in. Pure functions of (model, now)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Iterable

from sitegen.i18n import N_
from sitegen.model import (
    ComponentStatus, Impact, Incident, IncidentStatus, MailingList, Maintenance, MaintenancePhase, Site,
    TimelineEntry,
)

ACTIVE_PHASES = (MaintenancePhase.IN_PROGRESS, MaintenancePhase.VERIFYING)
_INDICATOR_FOR_STATUS = {
    ComponentStatus.DEGRADED_PERFORMANCE: Impact.MINOR,
    ComponentStatus.PARTIAL_OUTAGE: Impact.MAJOR,
    ComponentStatus.MAJOR_OUTAGE: Impact.CRITICAL,
}


# -- publishing -------------------------------------------------------------------------------------
def published(site: Site, now: datetime) -> Site:
    """The site as readers may see it at `now`: entries later than now are left out, and so is
    every document none of whose entries is published yet."""
    incidents = []
    for incident in site.incidents:
        timeline = tuple(entry for entry in incident.timeline if entry.at <= now)
        if timeline:
            incidents.append(incident if len(timeline) == len(incident.timeline) else replace(incident, timeline=timeline))
    maintenances = []
    for maintenance in site.maintenances:
        timeline = tuple(update for update in maintenance.timeline if update.at <= now)
        if timeline or not maintenance.timeline:
            maintenances.append(replace(maintenance, timeline=timeline))
    visible = {incident.slug for incident in incidents}
    postmortems = tuple(
        p for p in site.postmortems if p.published_at <= now and p.incident in visible and not p.draft
    )
    return replace(site, incidents=tuple(incidents), maintenances=tuple(maintenances), postmortems=postmortems)


def written_times(site: Site) -> list[tuple[str, int, datetime]]:
    """Every written time that publishes something, with its file and line: timeline entries, maintenance
    updates, postmortems."""
    dated = [(i.source.path, e.source.line, e.at) for i in site.incidents for e in i.timeline]
    dated += [(m.source.path, u.source.line, u.at) for m in site.maintenances for u in m.timeline]
    dated += [(p.source.path, p.source.line, p.published_at) for p in site.postmortems]
    return dated


# -- incidents --------------------------------------------------------------------------------------
def incident_start(incident: Incident) -> datetime:
    return incident.started_at or incident.timeline[0].at


def is_open(incident: Incident) -> bool:
    return incident.timeline[-1].status is not IncidentStatus.RESOLVED


def incident_end(incident: Incident) -> datetime | None:
    """When the incident was (last) resolved; None while it is open."""
    return None if is_open(incident) else incident.timeline[-1].at


def incident_duration(incident: Incident, now: datetime) -> timedelta:
    return (incident_end(incident) or now) - incident_start(incident)


def latest_update(incident: Incident) -> TimelineEntry:
    return incident.timeline[-1]


def affected_components(incident: Incident) -> list[str]:
    """Every component the incident ever lists, in the order it first lists them."""
    ids = list(incident.components)
    for entry in incident.timeline:
        ids.extend(c for c in entry.components if c not in ids)
    return ids


def statuses_after(incident: Incident, entry_count: int) -> dict[str, ComponentStatus]:
    """The incident's component statuses as its first `entry_count` entries leave them (entries merge)."""
    statuses = dict(incident.components)
    for entry in incident.timeline[:entry_count]:
        statuses.update(entry.components)
    return statuses


@dataclass(frozen=True)
class Segment:
    """A stretch of time during which an incident held a component at a status worse than operational."""

    component: str
    status: ComponentStatus
    start: datetime
    end: datetime


def incident_segments(incident: Incident, now: datetime) -> list[Segment]:
    """The incident's effect on each component over time; an open incident runs up to `now`."""
    segments: list[Segment] = []
    statuses = dict(incident.components)
    since, open_ = incident_start(incident), True

    def close(until: datetime) -> None:
        if open_ and until > since:
            segments.extend(
                Segment(component, status, since, until)
                for component, status in statuses.items()
                if status is not ComponentStatus.OPERATIONAL
            )

    for entry in incident.timeline:
        close(entry.at)
        statuses.update(entry.components)
        since, open_ = max(since, entry.at), entry.status is not IncidentStatus.RESOLVED
    close(now)
    return segments


# -- maintenance ------------------------------------------------------------------------------------
def maintenance_window(maintenance: Maintenance, at: datetime | None = None) -> tuple[datetime, datetime]:
    """The window in force at `at` (or after every written update): reschedules move it from their entry on."""
    start, end = maintenance.scheduled_start, maintenance.scheduled_end
    for update in maintenance.timeline:
        if at is not None and update.at > at:
            break
        start, end = update.scheduled_start or start, update.scheduled_end or end
    return start, end


def maintenance_phase(maintenance: Maintenance, now: datetime) -> MaintenancePhase:
    """The clock decides, unless a written update at or before now says otherwise (`scheduled` only announces)."""
    written = [u.status for u in maintenance.timeline if u.at <= now and u.status is not MaintenancePhase.SCHEDULED]
    if written:
        return written[-1]
    start, end = maintenance_window(maintenance, now)
    if now < start:
        return MaintenancePhase.SCHEDULED
    return MaintenancePhase.IN_PROGRESS if now < end else MaintenancePhase.COMPLETED


def window_changes(maintenance: Maintenance) -> int:
    """How many times a written update moved the window: the calendar event's SEQUENCE."""
    changes, window = 0, (maintenance.scheduled_start, maintenance.scheduled_end)
    for update in maintenance.timeline:
        moved = (update.scheduled_start or window[0], update.scheduled_end or window[1])
        if moved != window:
            changes, window = changes + 1, moved
    return changes


# -- components and the whole site ------------------------------------------------------------------
def worst(statuses: Iterable[ComponentStatus]) -> ComponentStatus:
    return max(statuses, key=lambda status: status.rank, default=ComponentStatus.OPERATIONAL)


def component_statuses(site: Site, now: datetime) -> dict[str, ComponentStatus]:
    """Each component's status at `now` (on a published site): the worst over open incidents and active maintenance."""
    found: dict[str, list[ComponentStatus]] = {c.id: [] for c in site.config.components}
    for incident in open_incidents(site):
        for component, status in statuses_after(incident, len(incident.timeline)).items():
            found[component].append(status)
    for maintenance in site.maintenances:
        if maintenance_phase(maintenance, now) in ACTIVE_PHASES:
            for component in maintenance.components:
                found[component].append(ComponentStatus.UNDER_MAINTENANCE)
    return {component: worst(statuses) for component, statuses in found.items()}


def open_incidents(site: Site) -> list[Incident]:
    return [incident for incident in site.incidents if is_open(incident)]


def overall_status(statuses: Iterable[ComponentStatus]) -> ComponentStatus:
    return worst(statuses)


def indicator(statuses: Iterable[ComponentStatus], open_: Iterable[Incident]) -> Impact:
    """Statuspage's indicator: the worst of the open incidents' impact and of the component statuses."""
    levels = [_INDICATOR_FOR_STATUS.get(status, Impact.NONE) for status in statuses]
    levels += [incident.impact for incident in open_]
    return max(levels, key=lambda level: level.rank, default=Impact.NONE)


# Statuspage's words for the indicator. The API keeps them in English; pages translate them (they are messages).
OUTAGE_DESCRIPTIONS = {Impact.MINOR: N_("Minor Service Outage"), Impact.MAJOR: N_("Partial System Outage"),
                       Impact.CRITICAL: N_("Major System Outage")}
UNDER_MAINTENANCE = N_("Service Under Maintenance")
OPERATIONAL_WITH_INCIDENT = N_("Systems Operational; an incident is open")
ALL_OPERATIONAL = N_("All Systems Operational")
STATUS_DESCRIPTIONS = (*OUTAGE_DESCRIPTIONS.values(), UNDER_MAINTENANCE, OPERATIONAL_WITH_INCIDENT, ALL_OPERATIONAL)


def status_description(level: Impact, overall: ComponentStatus, open_count: int) -> str:
    """Statuspage's words for the indicator; never 'All Systems Operational' while an incident is open."""
    if level is not Impact.NONE:
        return OUTAGE_DESCRIPTIONS[level]
    if overall is ComponentStatus.UNDER_MAINTENANCE:
        return UNDER_MAINTENANCE
    if open_count:
        return OPERATIONAL_WITH_INCIDENT
    return ALL_OPERATIONAL


def last_change(site: Site) -> datetime | None:
    """The time of the newest published update, maintenance update or postmortem: when the page last changed."""
    times = [incident.timeline[-1].at for incident in site.incidents]
    times += [update.at for maintenance in site.maintenances for update in maintenance.timeline[-1:]]
    times += [postmortem.published_at for postmortem in site.postmortems]
    return max(times, default=None)


def lists_for(lists: tuple[MailingList, ...], components: tuple[str, ...]) -> list[MailingList]:
    """The mailing lists that carry news about any of `components` (a list for every component always does)."""
    return [m for m in lists if not m.components or set(m.components) & set(components)]
