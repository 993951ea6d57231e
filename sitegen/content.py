"""Turn parsed documents into the validated model, with the checks that span documents."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePosixPath
from typing import Iterable

from sitegen.config import read_audit_settings
from sitegen.errors import Problems, did_you_mean
from sitegen.field_table import ENTRY, INCIDENT, MAINTENANCE, MAINTENANCE_ENTRY, POSTMORTEM, POSTMORTEM_EVENT
from sitegen.fields import MISSING, Reader
from sitegen.model import (
    STATUS_FOR_IMPACT, ComponentStatus, Impact, Incident, Maintenance, MaintenanceUpdate, Postmortem, PostmortemEvent,
    Site, SiteConfig, Source, TimelineEntry,
)
from sitegen.source import KINDS, Document

PENDING = "pending"


def build_site_model(config: SiteConfig, documents: Iterable[Document], problems: Problems) -> Site:
    """Validate every document against the contract and the configuration; problems are recorded, not raised."""
    component_ids = [c.id for c in config.components]
    incidents: list[tuple[Document, Incident]] = []
    maintenances: list[Maintenance] = []
    postmortems: list[tuple[Document, Postmortem]] = []
    first_file: dict[tuple[str, str], str] = {}
    for document in documents:
        key = (document.kind, document.slug)
        if key in first_file:
            problems.error(
                document.path, 1, "", f"the slug '{document.slug}' is also used by {first_file[key]}; "
                "a slug names one page, so rename one of the files"
            )
            continue
        first_file[key] = document.path
        read = Reader(document, problems, config.timezone)
        if document.kind == "incident":
            incident = _incident(read, component_ids)
            if incident:
                incidents.append((document, incident))
        elif document.kind == "maintenance":
            maintenance = _maintenance(read, component_ids)
            if maintenance:
                maintenances.append(maintenance)
        else:
            postmortem = _postmortem(read)
            if postmortem:
                postmortems.append((document, postmortem))
    _link_postmortems(incidents, postmortems, problems)
    return Site(
        config=config,
        incidents=tuple(incident for _, incident in incidents),
        maintenances=tuple(maintenances),
        postmortems=tuple(postmortem for _, postmortem in postmortems),
    )


def _source(read: Reader, path: tuple = ()) -> Source:
    return Source(read.document.path, read.line(path))


def _component_id(read: Reader, path: tuple, value: str, known: list[str]) -> bool:
    if value in known:
        return True
    hint = did_you_mean(value, known, "site.yml defines " + ", ".join(known))
    read.error(path, f"unknown component '{value}'; {hint}")
    return False


def _status_map(read: Reader, path: tuple, known: list[str]) -> dict[str, ComponentStatus]:
    """A `components:` mapping of component id -> status (a STATUS_MAP field, or a COMPONENTS one as a mapping)."""
    value = read.value(path)
    if not isinstance(value, dict):
        read.error(path, "expected a mapping of component id to status, such as {api: operational}")
        return {}
    statuses = {}
    for component_id in value:
        status = read.choice(path + (component_id,), ComponentStatus, required=True)
        if _component_id(read, path + (component_id,), component_id, known) and status:
            statuses[component_id] = status
    return statuses


def _incident(read: Reader, known: list[str]) -> Incident | None:
    read.mapping((), INCIDENT)
    title = read.field((), INCIDENT["title"])
    impact = read.field((), INCIDENT["impact"])
    components = _incident_components(read, known, impact)
    timeline = _timeline(read, known)
    started_at = read.field((), INCIDENT["started_at"])
    if started_at and timeline and started_at > timeline[0].at:
        read.error(("started_at",), "is after the first timeline entry; impact cannot begin after it was reported")
    postmortem = read.field((), INCIDENT["postmortem"])  # `pending` is an identifier too
    audit = read_audit_settings(read, ("audit",), INCIDENT["audit"].table)
    cause, email_sent_at, credits, communicator, atom_id = read.fields(
        (), INCIDENT, "cause", "email_sent_at", "credits", "communicator", "atom_id")
    if not (title and impact and components and timeline):
        return None
    return Incident(
        slug=read.document.slug,
        title=title,
        impact=impact,
        components=components,
        timeline=tuple(timeline),
        started_at=started_at,
        cause=cause,
        postmortem=postmortem,
        email_sent_at=email_sent_at,
        credits=credits,
        communicator=communicator,
        audit_ignore=audit.ignore,
        body=read.document.body,
        source=_source(read),
        atom_id=atom_id,
    )


def _incident_components(read: Reader, known: list[str], impact: Impact | None) -> dict[str, ComponentStatus]:
    value = read.value(("components",))
    if isinstance(value, list):
        default = STATUS_FOR_IMPACT[impact or Impact.MINOR]
        ids = read.identifier_list(("components",))
        if not ids:
            read.error(("components",), "needs at least one component id")
        return {
            component_id: default
            for index, component_id in enumerate(ids)
            if _component_id(read, ("components", index), component_id, known)
        }
    if isinstance(value, dict):
        statuses = _status_map(read, ("components",), known)
        if not value:
            read.error(("components",), "needs at least one component")
        return statuses
    if value is MISSING or value is None:
        read.error(("components",), "is required but missing")
    else:
        read.error(("components",), "expected a list of component ids or a mapping of id to status")
    return {}


def _timeline(read: Reader, known: list[str]) -> list[TimelineEntry]:
    timeline: list[TimelineEntry] = []
    previous: datetime | None = None
    for path in read.records((), INCIDENT["timeline"]):
        at, status, message = read.fields(path, ENTRY, "at", "status", "message")
        next_update = read.time_or_duration_after(path + ("next_update",), at)
        components = _status_map(read, path + ("components",), known) if "components" in read.value(path) else {}
        _check_order(read, path, at, previous)
        if at and next_update and next_update <= at:
            read.error(path + ("next_update",), "must be later than the entry's own time")
        previous = at or previous
        if at and status and message:
            timeline.append(TimelineEntry(at, status, message, next_update, components, _source(read, path)))
    return timeline


def _check_order(read: Reader, path: tuple, at: datetime | None, previous: datetime | None) -> None:
    """Entries are oldest first; equal times keep their file order."""
    if at and previous and at < previous:
        read.error(path + ("at",), f"{at.isoformat()} is earlier than the entry before it; list entries oldest first")


def _maintenance(read: Reader, known: list[str]) -> Maintenance | None:
    read.mapping((), MAINTENANCE)
    title = read.field((), MAINTENANCE["title"])
    ids = read.field((), MAINTENANCE["components"])
    components = tuple(i for n, i in enumerate(ids) if _component_id(read, ("components", n), i, known))
    start = read.field((), MAINTENANCE["scheduled_start"])
    end = read.field((), MAINTENANCE["scheduled_end"])
    if start and end and end <= start:
        read.error(("scheduled_end",), "must be after scheduled_start")
    timeline = _maintenance_timeline(read, start, end)
    if not (title and components and start and end and end > start):
        return None
    return Maintenance(read.document.slug, title, components, start, end, tuple(timeline), read.document.body,
                       _source(read))


def _maintenance_timeline(read: Reader, start: datetime | None, end: datetime | None) -> list[MaintenanceUpdate]:
    timeline: list[MaintenanceUpdate] = []
    previous: datetime | None = None
    for path in read.records((), MAINTENANCE["timeline"]):
        at, status, new_start, new_end = read.fields(path, MAINTENANCE_ENTRY, "at", "status", "scheduled_start",
                                                     "scheduled_end")
        start, end = new_start or start, new_end or end
        if (new_start or new_end) and start and end and end <= start:
            read.error(path + ("scheduled_end" if new_end else "scheduled_start",),
                       "moves the window so that its end is not after its start")
        _check_order(read, path, at, previous)
        previous = at or previous
        if at and status:
            message = read.field(path, MAINTENANCE_ENTRY["message"]) or ""
            timeline.append(MaintenanceUpdate(at, status, message, new_start, new_end, _source(read, path)))
    return timeline


def _postmortem(read: Reader) -> Postmortem | None:
    read.mapping((), POSTMORTEM)
    title, incident, published_at = read.fields((), POSTMORTEM, "title", "incident", "published_at")
    events = []
    for path in read.records((), POSTMORTEM["timeline"]):
        at, event = read.fields(path, POSTMORTEM_EVENT, "at", "event")
        if at and event:
            events.append(PostmortemEvent(at, event))
    action_items = tuple(read.field((), POSTMORTEM["action_items"]))
    if not (title and incident and published_at and events):
        return None
    return Postmortem(read.document.slug, title, incident, published_at, tuple(events), action_items,
                      read.document.body, _source(read), bool(read.field((), POSTMORTEM["draft"])))


def _link_postmortems(
    incidents: list[tuple[Document, Incident]], postmortems: list[tuple[Document, Postmortem]], problems: Problems
) -> None:
    """A postmortem reviews an incident that exists, each incident has at most one, and the links agree.

    A link to a file that failed to load is not reported again: that file's own errors say what is wrong.
    """
    broken = {(PurePosixPath(p.path).parts[1:2], PurePosixPath(p.path).stem) for p in problems.errors}
    incident_slugs = {incident.slug for _, incident in incidents}
    reviewer: dict[str, str] = {}
    for document, postmortem in postmortems:
        line = document.line_of(("incident",))
        if ((KINDS["incident"],), postmortem.incident) in broken:
            continue
        if postmortem.incident not in incident_slugs:
            problems.error(document.path, line, "incident", f"no incident '{postmortem.incident}' in content/incidents/")
        elif postmortem.incident in reviewer:
            problems.error(document.path, line, "incident",
                           f"incident '{postmortem.incident}' already has postmortem '{reviewer[postmortem.incident]}'")
        else:
            reviewer[postmortem.incident] = postmortem.slug
    reviews = {postmortem.slug: postmortem.incident for _, postmortem in postmortems}
    for document, incident in incidents:
        named = incident.postmortem
        if named is None or named == PENDING:
            continue
        line = document.line_of(("postmortem",))
        if ((KINDS["postmortem"],), named) in broken:
            continue
        if named not in reviews:
            problems.error(document.path, line, "postmortem",
                           f"no postmortem '{named}' in content/postmortems/; write it or say 'pending'")
        elif reviews[named] != incident.slug:
            problems.error(document.path, line, "postmortem",
                           f"postmortem '{named}' reviews incident '{reviews[named]}', not this one")
