"""cState: a Hugo site whose config.yml lists systems and categories and whose content/issues/*.md hold one issue
each, updates newest first as `*Label* - text {{< track "TIME" >}}`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone, tzinfo
from pathlib import Path
from typing import Any

from sitegen.fields import parse_timestamp
from sitegen.importers import labels
from sitegen.importers.files import read_config, read_document
from sitegen.importers.labels import settle
from sitegen.importers.records import ImportedIncident, ImportedMaintenance, ImportedSite, Notes, Origin, unique_ids
from sitegen.importers.zones import source_zone
from sitegen.model import (
    Component, ComponentStatus, Impact, IncidentStatus, MaintenancePhase, MaintenanceUpdate, TimelineEntry,
)
from sitegen.urls import slug

CONFIG_NAMES = ("config.yml", "config.yaml", "hugo.yml", "hugo.yaml", "config.toml", "hugo.toml")
TRACK = re.compile(r"\{\{[<%]\s*track\s+\"([^\"]+)\"\s*[>%]\}\}")
# `*Label* - text`, `**Label** - text` or `_Label_ - text` opening a paragraph; a label alone heads a section.
LABEL = re.compile(r"^(\*\*|\*|__|_)(?P<label>[^*_\n]+?)\1\s*(?P<dash>[-–—:])?\s*")
BREAK = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
SEVERITY = {
    "down": (Impact.CRITICAL, ComponentStatus.MAJOR_OUTAGE),
    "disrupted": (Impact.MAJOR, ComponentStatus.PARTIAL_OUTAGE),
    "notice": (Impact.NONE, ComponentStatus.DEGRADED_PERFORMANCE),
}


@dataclass
class _Update:
    label: str
    text: str
    line: int
    at_text: str | None = None  # as its track shortcode gives it
    at: datetime | None = None


@dataclass
class _Body:
    updates: list[_Update] = field(default_factory=list)  # as written: newest first
    free: list[str] = field(default_factory=list)  # paragraphs that are no update: summary, post-mortem


def read_cstate(source: Path, zone_name: str | None, notes: Notes) -> ImportedSite:
    config, config_path = _config(source, notes)
    params = config.get("params") if isinstance(config.get("params"), dict) else {}
    zone = source_zone(zone_name, config.get("timeZone") or config.get("timezone"), f"{config_path} timeZone",
                       notes, Origin(config_path))
    systems = [s for s in params.get("systems") or [] if isinstance(s, dict) and s.get("name")]
    names = [str(s["name"]) for s in systems]
    components = [
        Component(i, str(s["name"]), str(s["category"]) if s.get("category") else None,
                        str(s.get("description") or ""))
        for i, s in zip(unique_ids(names), systems)
    ]
    incidents, maintenances = [], []
    folder = source / "content" / "issues"
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        if path.name.startswith("_"):
            continue
        record = _issue(source, path, zone, components, notes)
        if isinstance(record, ImportedMaintenance):
            maintenances.append(record)
        elif record:
            incidents.append(record)
    description = params.get("description")
    return ImportedSite(
        title=str(config.get("title") or "Status"), base_url=str(config.get("baseURL") or config.get("baseurl") or ""),
        components=tuple(components), incidents=tuple(incidents), maintenances=tuple(maintenances),
        timezone=str(zone), description=str(description or ""),
        language=str(config.get("languageCode") or config.get("defaultContentLanguage") or "en"),
    )


def _config(source: Path, notes: Notes) -> tuple[dict, str]:
    for name in CONFIG_NAMES:
        path = source / name
        if path.is_file():
            return read_config(path, notes), str(path)
    notes.warn(Origin(str(source / "config.yml")), "no config.yml or config.toml; no systems, categories or time "
               "zone come from it")
    return {}, str(source / "config.yml")


def _when(value: Any, zone: tzinfo) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone) if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime.combine(value, time(), zone)
    if isinstance(value, str) and value.strip():
        return parse_timestamp(value, zone)
    return None


def _paragraphs(body: str, first_line: int) -> list[tuple[str, int]]:
    """(text, first line) of each paragraph; a thematic break is an empty paragraph."""
    paragraphs, lines, start = [], [], first_line
    for number, line in enumerate(body.split("\n"), start=first_line):
        if line.strip() and not BREAK.match(line):
            if not lines:
                start = number
            lines.append(line)
            continue
        if lines:
            paragraphs.append(("\n".join(lines), start))
            lines = []
        if BREAK.match(line):
            paragraphs.append(("", number))
    if lines:
        paragraphs.append(("\n".join(lines), start))
    return paragraphs


def _split(body: str, first_line: int) -> _Body:
    """Paragraphs into updates and free text: an update opens with `*Label* -` (or is a paragraph holding a track
    time) and runs on until its track time, a thematic break or the next update."""
    result, current = _Body(), None
    for text, line in _paragraphs(body, first_line):
        if not text:
            current = None
            continue
        match = LABEL.match(text)
        if match and match.group("dash"):
            current = _Update(match.group("label").strip(), text[match.end():], line)
            result.updates.append(current)
        elif TRACK.search(text) and current is None:
            current = _Update("", text, line)
            result.updates.append(current)
        elif current is not None:
            current.text += "\n\n" + text
        else:
            result.free.append(text)
            continue
        found = TRACK.search(current.text)
        if found:
            current.at_text = found.group(1)
            current.text = TRACK.sub("", current.text).strip()
            current = None
    return result


def _issue(source: Path, path: Path, zone: tzinfo, components: list[Component], notes: Notes):
    shown = str(path)
    read = read_document(path, notes)
    if read is None:
        return None
    data, lines, body, body_line = read.data, read.lines, read.body, read.body_line

    def where(key: str) -> Origin:
        return Origin(shown, lines.get((key,), 1))

    title = str(data.get("title") or path.stem)
    start = _when(data.get("date"), zone)
    if start is None:
        notes.warn(where("date"), f"issue '{title}' has no readable date; not imported")
        return None
    resolved_when = _when(data.get("resolvedWhen"), zone)
    resolved = data.get("resolved") is True or str(data.get("resolved")).lower() == "true"
    severity = str(data.get("severity") or "").strip().lower()
    informational = data.get("informational") is True
    ids = _affected(data.get("affected"), components, where("affected"), notes)
    parsed = _split(body, body_line)
    key = f"cstate issue {path.relative_to(source).with_suffix('').as_posix()}"
    if severity == "notice" and resolved_when and resolved_when > start and not informational:
        return _maintenance(key, title, ids or [c.id for c in components], start, resolved_when, parsed,
                            Origin(shown, 1), zone, notes)
    if informational or not severity:
        if not informational:
            notes.warn(where("severity"), f"issue '{title}' has no severity; imported as an incident of no impact")
        impact, status = Impact.NONE, ComponentStatus.OPERATIONAL
        if not ids:
            ids = [c.id for c in components]
            notes.warn(Origin(shown, 1), f"'{title}' affects no system; it lists every component as operational "
                       "(sitegen needs at least one)")
    else:
        if severity not in SEVERITY:
            notes.warn(where("severity"), f"severity '{severity}' is not down, disrupted or notice; read as disrupted")
        impact, status = SEVERITY.get(severity, SEVERITY["disrupted"])
        if not ids:
            ids = [c.id for c in components]
            notes.warn(where("affected"), f"'{title}' affects no system; it lists every component")
    timeline = _timeline(parsed, start, resolved, resolved_when, shown, zone, notes,
                         always_resolved=informational)
    free = "\n\n".join(parsed.free) if parsed.updates else ""
    return ImportedIncident(key, title, impact, {i: status for i in ids}, tuple(timeline), Origin(shown, 1),
                            body=free)


def _affected(value: Any, components: list[Component], origin: Origin, notes: Notes) -> list[str]:
    names = value if isinstance(value, list) else [value] if isinstance(value, str) and value else []
    by_name = {c.name.casefold(): c.id for c in components}
    ids = []
    for name in map(str, names):
        if name.casefold() not in by_name:
            component = Component(slug(name, "component"), name)
            while component.id in {c.id for c in components}:
                component = Component(component.id + "-2", name)
            components.append(component)
            by_name[name.casefold()] = component.id
            notes.warn(origin, f"'{name}' is not one of config.yml's systems; added as a component")
        ids.append(by_name[name.casefold()])
    return list(dict.fromkeys(ids))


def _times(updates: list[_Update], start: datetime, end: datetime | None, zone: tzinfo, shown: str,
           notes: Notes, report: bool = True) -> list[_Update]:
    """Oldest first, each with a time: its track time, else the issue's date (first), resolvedWhen (last, when
    resolved) or the time of the update before it, as reported."""
    ordered = updates[::-1]
    for update in ordered:
        text = update.at_text
        update.at = parse_timestamp(text, zone) if text else None
        if text and update.at is None:
            notes.warn(Origin(shown, update.line), f"'{text}' is not a time; the update is placed by its position")
    for index, update in enumerate(ordered):
        if update.at is not None:
            continue
        if index == 0:
            update.at, why = start, "the issue's date"
        elif index == len(ordered) - 1 and end:
            update.at, why = end, "resolvedWhen"
        else:
            update.at, why = ordered[index - 1].at, "the time of the update before it"
        if report:
            notes.warn(Origin(shown, update.line), f"update has no {{{{< track >}}}} time; placed at {why} "
                       f"({update.at.isoformat()})")
    return sorted(ordered, key=lambda u: u.at)


def _timeline(parsed: _Body, start: datetime, resolved: bool, resolved_when: datetime | None, shown: str,
              zone: tzinfo, notes: Notes, always_resolved: bool = False) -> list[TimelineEntry]:
    updates = parsed.updates or [_Update("", "\n\n".join(parsed.free), 1)]
    timeline: list[TimelineEntry] = []
    status = IncidentStatus.INVESTIGATING
    for update in _times(updates, start, resolved_when if resolved else None, zone, shown, notes,
                         report=bool(parsed.updates)):
        origin = Origin(shown, update.line)
        status, keep = labels.map_label(update.label, status, origin, notes)
        message = labels.update_message(update.label, keep, update.text, status, origin, notes, mark="*")
        timeline.append(TimelineEntry(update.at, status, message))
    if always_resolved:
        timeline[-1] = TimelineEntry(timeline[-1].at, IncidentStatus.RESOLVED, timeline[-1].message)
    return settle(timeline, resolved, resolved_when, Origin(shown, 1), notes, "resolvedWhen")


def _maintenance(key: str, title: str, ids: list[str], start: datetime, end: datetime, parsed: _Body,
                 origin: Origin, zone: tzinfo, notes: Notes) -> ImportedMaintenance:
    phases = []
    updates = parsed.updates or [_Update("", "\n\n".join(parsed.free), origin.line)]
    for update in _times(updates, start, None, zone, origin.path, notes, report=bool(parsed.updates)):
        phase = labels.maintenance_phase(update.label) if update.label else None
        keep = bool(update.label) and (phase is None or not labels.is_exact(update.label, phase))
        if keep:
            notes.label(Origin(origin.path, update.line), update.label, (phase or MaintenancePhase.SCHEDULED).value)
        text = update.text.strip()
        message = f"*{update.label}* - {text}" if keep else text
        phases.append(MaintenanceUpdate(update.at, phase or MaintenancePhase.SCHEDULED, message))
    body = "\n\n".join(parsed.free) if parsed.updates else ""
    return ImportedMaintenance(key, title, tuple(ids), start.astimezone(timezone.utc), end.astimezone(timezone.utc),
                               tuple(phases), origin, body)
