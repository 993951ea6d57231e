"""`sitegen new`: write a dated incident, maintenance or postmortem that passes `sitegen check` as it stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sitegen.atomic import create_file
from sitegen.model import STATUS_FOR_IMPACT, ComponentStatus, Impact, IncidentStatus, MaintenancePhase, Site
from sitegen.content import build_site_model
from sitegen.errors import Problems
from sitegen.field_table import INCIDENT, MAINTENANCE, POSTMORTEM
from sitegen.source import KINDS, Document, parse_document
from sitegen.status import incident_start
from sitegen.urls import slug
from sitegen.writer import Comment, front_matter


class ScaffoldError(ValueError):
    """The request cannot make a valid file; the message says why."""


def slugify(title: str) -> str:
    return "-".join(slug(title, "incident").split("-")[:8])


def free_path(root: Path, kind: str, stem: str) -> Path:
    """content/<kind>/<stem>.md, or -2, -3, ... when that slug is taken anywhere under the folder."""
    folder = root / "content" / KINDS[kind]
    taken = {p.stem for p in folder.rglob("*.md")} if folder.is_dir() else set()
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return folder / f"{candidate}.md"


@dataclass(frozen=True)
class ComponentChoice:
    id: str
    status: ComponentStatus | None  # None: the status that follows from the impact


def parse_component(text: str) -> ComponentChoice:
    """`api=major_outage` or `api`."""
    component, _, status = text.partition("=")
    if not status:
        return ComponentChoice(component.strip(), None)
    try:
        return ComponentChoice(component.strip(), ComponentStatus(status.strip()))
    except ValueError:
        choices = ", ".join(s.value for s in ComponentStatus)
        raise ScaffoldError(f"'{status}' is not a component status; use one of {choices}") from None


def check_components(site: Site, ids: list[str]) -> None:
    known = [c.id for c in site.config.components]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ScaffoldError(f"unknown component {', '.join(unknown)}; site.yml defines {', '.join(known)}")
    if not ids:
        raise ScaffoldError("name at least one --component")


def new_incident(root: Path, site: Site, title: str, impact: Impact, components: list[ComponentChoice],
                 at: datetime, message: str | None, next_update: str | datetime | None,
                 started_at: datetime | None = None) -> Path:
    check_components(site, [c.id for c in components])
    stem = f"{at.astimezone(site.config.timezone):%Y-%m-%d}-{slugify(title)}"
    # Acknowledge before you understand: the first post names the symptom and promises the next update.
    words = message or f"We are investigating: {title}."
    gap = next_update or f"{int(site.config.audit.max_update_gap.total_seconds() // 60)}m"
    text = front_matter(INCIDENT, {
        "title": title, "impact": impact,
        "components": {c.id: c.status or STATUS_FOR_IMPACT[impact] for c in components},
        "started_at": started_at or at, "cause": Comment("cause: the one honest sentence about the cause, once you know it"),
        "communicator": Comment("communicator: the one person who posts the updates while others fix "
                                "(owed by major and critical)"),
        "timeline": [{"at": at, "status": IncidentStatus.INVESTIGATING, "message": words, "next_update": gap}],
    })
    return _write(root, "incident", stem, text)


def new_maintenance(root: Path, site: Site, title: str, components: list[str], start: datetime, end: datetime,
                    at: datetime, message: str | None) -> Path:
    check_components(site, components)
    if end <= start:
        raise ScaffoldError("--end must be after --start")
    stem = f"{start.astimezone(site.config.timezone):%Y-%m-%d}-{slugify(title)}"
    words = message or f"We will carry out {title[:1].lower() + title[1:]}."
    text = front_matter(MAINTENANCE, {
        "title": title, "components": components, "scheduled_start": start, "scheduled_end": end,
        "timeline": [{"at": at, "status": MaintenancePhase.SCHEDULED, "message": words}],
    })
    return _write(root, "maintenance", stem, text)


POSTMORTEM_SECTIONS = (
    ("Summary", "What happened, in two or three sentences a customer understands."),
    ("Impact", "Who was affected, how, and for how long: numbers, regions, features."),
    ("Root cause", "The chain of events and conditions that let it happen, without blame."),
    ("Resolution", "What you did to restore service, and when."),
    ("What we change", "The changes that keep it from happening again."),
)


POSTMORTEM_PLACEHOLDER = "Review this incident's timeline with the team."  # never quoted to customers


def new_postmortem(root: Path, site: Site, incident_slug: str, at: datetime) -> Path:
    """A draft (published nowhere until `draft: true` goes) with the incident's timeline and the usual sections."""
    incident = next((i for i in site.incidents if i.slug == incident_slug), None)
    if incident is None:
        raise ScaffoldError(f"no incident '{incident_slug}' in content/incidents/")
    start = incident_start(incident)
    events = [(start, "Customer impact begins.")] if start < incident.timeline[0].at else []
    events += [(e.at, timeline_event(e)) for e in incident.timeline]
    # Each section carries its guidance as an HTML comment: invisible on the page, there while writing.
    sections = "\n".join(f"## {name}\n\n<!-- {hint} -->\n" for name, hint in POSTMORTEM_SECTIONS)
    text = front_matter(POSTMORTEM, {
        "title": "Postmortem: " + incident.title, "incident": incident.slug, "published_at": at,
        "draft_note": Comment("a draft is on no page, in no feed, in no email: remove `draft: true` to publish"),
        "draft": True,
        "timeline": [{"at": t, "event": text} for t, text in events],
        "action_items": [Comment("one line per change, with its owner or due date"), POSTMORTEM_PLACEHOLDER],
    }, body=sections)
    return _write(root, "postmortem", incident.slug, text)


def timeline_event(entry) -> str:
    """A postmortem timeline event from an incident's entry, on one line: `Identified: We found …`, but not
    `Resolved: Resolved. …` when the message already names its status."""
    line = " ".join(entry.message.split())
    status = entry.status.value
    return line if line.lower().startswith(status) else f"{status.capitalize()}: {line}"


def _write(root: Path, kind: str, stem: str, text: str) -> Path:
    """Write a new file under a free name, whole or not at all; never over an existing file, even one that
    another `new` wrote a moment ago."""
    while True:
        path = free_path(root, kind, stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            create_file(path, text.encode("utf-8"))
            return path
        except FileExistsError:
            continue


def check_written(root: Path, site: Site, path: Path, kind: str) -> None:
    """Validate a file `new` wrote, with the site's configuration and incidents; remove it if it is wrong."""
    problems = Problems()
    document = parse_document(path.relative_to(root).as_posix(), kind, path.stem, path.read_bytes(), problems)
    if document is not None:
        build_site_model(site.config, [document, *incident_documents(root, site, kind)], problems)
    mine = [p for p in problems.errors if p.path == path.relative_to(root).as_posix()]
    if mine:
        path.unlink()
        raise ScaffoldError("; ".join(str(p) for p in mine))


def incident_documents(root: Path, site: Site, kind: str) -> list[Document]:
    """A postmortem is checked against the incident it reviews; other kinds stand alone."""
    if kind != "postmortem":
        return []
    problems = Problems()
    found = [parse_document(i.source.path, "incident", Path(i.source.path).stem,
                            (root / i.source.path).read_bytes(), problems) for i in site.incidents]
    return [d for d in found if d is not None]

