"""Pages for one incident, maintenance or postmortem."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from sitegen import urls
from sitegen.model import ComponentStatus, Incident, IncidentStatus, Maintenance, Postmortem
from sitegen.status import (
    affected_components, incident_duration, incident_end, incident_start, is_open, maintenance_phase,
    maintenance_window,
)
from sitegen.views import labels
from sitegen.markup import plain_text
from sitegen.views.common import Link, Page, chrome, component_links, message_preview, preview
from sitegen.views.facts import SiteFacts
from sitegen.i18n import TimeView
from sitegen.views.labels import StatusLabel


@dataclass(frozen=True)
class StatusChange:
    at: TimeView
    status: StatusLabel


@dataclass(frozen=True)
class StatusPeriod:
    status: StatusLabel
    start: TimeView
    end: TimeView | None  # None while it lasts


@dataclass(frozen=True)
class ComponentHistory:
    """How one affected component's status changed over the incident: each stretch it was not operational."""

    component: Link
    periods: tuple[StatusPeriod, ...]


@dataclass(frozen=True)
class ComponentChange:
    component: str
    status: StatusLabel


@dataclass(frozen=True)
class UpdateView:
    anchor: str
    status: StatusLabel
    at: TimeView
    message: Markup
    next_update: TimeView | None
    changes: tuple[ComponentChange, ...]


@dataclass(frozen=True)
class IncidentView:
    impact: StatusLabel
    status: StatusLabel
    is_open: bool
    started: TimeView
    resolved: TimeView | None
    duration: str
    cause: str | None
    body: Markup | None
    postmortem: Link | None
    postmortem_pending: bool
    components: tuple[ComponentHistory, ...]
    components_anchor: str
    updates: tuple[UpdateView, ...]  # newest first


def incident_page(facts: SiteFacts, incident: Incident) -> Page:
    file = urls.file_of(urls.incident_page(incident.slug))
    zone = facts.config.timezone
    keys = urls.update_keys([entry.at for entry in incident.timeline])
    updates = tuple(
        UpdateView(
            anchor=urls.update_anchor(key),
            status=labels.incident_status(facts.words, entry.status),
            at=facts.words.time(entry.at, zone),
            message=facts.markdown.html(entry.message),
            next_update=facts.words.time(entry.next_update, zone) if entry.next_update else None,
            changes=tuple(
                ComponentChange(facts.components[c].name, labels.component_status(facts.words, s)) for c, s in entry.components.items()
            ),
        )
        for key, entry in zip(keys, incident.timeline)
    )
    postmortem = facts.postmortem_of.get(incident.slug)
    end = incident_end(incident)
    view = IncidentView(
        impact=labels.impact(facts.words, incident.impact),
        status=labels.incident_status(facts.words, incident.timeline[-1].status),
        is_open=is_open(incident),
        started=facts.words.time(incident_start(incident), zone),
        resolved=facts.words.time(end, zone) if end else None,
        duration=facts.words.duration(incident_duration(incident, facts.now)),
        cause=incident.cause,
        body=facts.markdown.document(incident.body) if incident.body else None,
        postmortem=Link(urls.relative(file, urls.postmortem_page(postmortem.slug)), postmortem.title) if postmortem else None,
        postmortem_pending=postmortem is None and incident.postmortem is not None,
        components=component_histories(facts, incident, file),
        components_anchor=urls.COMPONENTS_ANCHOR,
        updates=tuple(reversed(updates)),
    )
    latest = incident.timeline[-1]
    summary = message_preview(facts, facts.words.gettext(labels.INCIDENT_STATUS[latest.status]), latest.message)
    return Page(file, "incident.html", incident.title, chrome(facts, file, description=summary, article=True), view)


def component_histories(facts: SiteFacts, incident: Incident, file: str) -> tuple[ComponentHistory, ...]:
    """Each affected component's statuses from the start, through every change, to its recovery."""
    zone = facts.config.timezone
    start = incident_start(incident)
    current = dict(incident.components)
    changes: dict[str, list[StatusChange]] = {
        c: [StatusChange(facts.words.time(start, zone), labels.component_status(facts.words, s))] for c, s in current.items()
    }
    open_ = True
    for entry in incident.timeline:
        at = facts.words.time(entry.at, zone)
        for component, status in entry.components.items():
            if current.get(component) != status or not open_:
                changes.setdefault(component, []).append(StatusChange(at, labels.component_status(facts.words, status)))
            current[component] = status
        was_open, open_ = open_, entry.status is not IncidentStatus.RESOLVED
        if was_open and not open_:
            for component, status in current.items():
                if status is not ComponentStatus.OPERATIONAL:
                    changes[component].append(StatusChange(at, labels.component_status(facts.words, ComponentStatus.OPERATIONAL)))
        elif open_ and not was_open:
            for component, status in current.items():
                if component not in entry.components:
                    changes[component].append(StatusChange(at, labels.component_status(facts.words, status)))
    return tuple(
        ComponentHistory(link, status_periods(changes[c]))
        for c, link in zip(affected_components(incident), component_links(facts, affected_components(incident), file))
    )


def status_periods(changes: list[StatusChange]) -> tuple[StatusPeriod, ...]:
    """Each change starts a stretch that the next one ends; operational stretches are not rows of the table."""
    ends = [c.at for c in changes[1:]] + [None]
    periods = [StatusPeriod(c.status, c.at, end) for c, end in zip(changes, ends)]
    # A component listed as operational throughout still gets its row.
    return tuple(p for p in periods if p.status.key != ComponentStatus.OPERATIONAL.value) or (periods[0],)


@dataclass(frozen=True)
class MaintenanceUpdateView:
    anchor: str
    status: StatusLabel
    at: TimeView
    message: Markup | None
    window: tuple[TimeView, TimeView] | None  # the new window, when this update moved it


@dataclass(frozen=True)
class MaintenanceView:
    phase: StatusLabel
    start: TimeView
    end: TimeView
    duration: str
    components: tuple[Link, ...]
    body: Markup | None
    updates: tuple[MaintenanceUpdateView, ...]  # newest first


def maintenance_page(facts: SiteFacts, maintenance: Maintenance) -> Page:
    file = urls.file_of(urls.maintenance_page(maintenance.slug))
    zone = facts.config.timezone
    start, end = maintenance_window(maintenance, facts.now)
    keys = urls.update_keys([u.at for u in maintenance.timeline])
    updates = []
    for key, update in zip(keys, maintenance.timeline):
        moved = None
        if update.scheduled_start or update.scheduled_end:
            new_start, new_end = maintenance_window(maintenance, update.at)
            moved = (facts.words.time(new_start, zone), facts.words.time(new_end, zone))
        updates.append(MaintenanceUpdateView(
            anchor=urls.update_anchor(key),
            status=labels.phase(facts.words, update.status),
            at=facts.words.time(update.at, zone),
            message=facts.markdown.html(update.message) if update.message else None,
            window=moved,
        ))
    view = MaintenanceView(
        phase=labels.phase(facts.words, maintenance_phase(maintenance, facts.now)),
        start=facts.words.time(start, zone),
        end=facts.words.time(end, zone),
        duration=facts.words.duration(end - start),
        components=component_links(facts, maintenance.components, file),
        body=facts.markdown.document(maintenance.body) if maintenance.body else None,
        updates=tuple(reversed(updates)),
    )
    summary = preview(view.phase.text, facts.words.gettext("%(start)s to %(end)s", start=view.start.text, end=view.end.text))
    return Page(file, "maintenance.html", maintenance.title, chrome(facts, file, description=summary, article=True), view)


@dataclass(frozen=True)
class PostmortemEventView:
    at: TimeView
    text: str


@dataclass(frozen=True)
class PostmortemView:
    incident: Link
    published: TimeView
    body: Markup | None
    timeline: tuple[PostmortemEventView, ...]
    action_items: tuple[str, ...]


def postmortem_page(facts: SiteFacts, postmortem: Postmortem) -> Page:
    file = urls.file_of(urls.postmortem_page(postmortem.slug))
    zone = facts.config.timezone
    incident = facts.incident_by_slug[postmortem.incident]
    view = PostmortemView(
        incident=Link(urls.relative(file, urls.incident_page(incident.slug)), incident.title),
        published=facts.words.time(postmortem.published_at, zone),
        body=facts.markdown.document(postmortem.body) if postmortem.body else None,
        timeline=tuple(PostmortemEventView(facts.words.time(e.at, zone), e.event) for e in postmortem.timeline),
        action_items=postmortem.action_items,
    )
    summary = preview(facts.words.gettext("The postmortem of %(incident)s", incident=incident.title),
                      plain_text(view.body) if view.body else "")
    return Page(file, "postmortem.html", postmortem.title, chrome(facts, file, description=summary, article=True), view)

