"""Statuspage: files saved from a page's public API v2 (summary, components, incidents, scheduled maintenances,
from any number of dates) and its history.atom, whose entry ids the imported incidents keep."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import feedparser

from sitegen.fields import parse_timestamp
from sitegen.importers import labels
from sitegen.importers.records import (
    ImportedIncident, ImportedMaintenance, ImportedPostmortem, ImportedSite, Notes, Origin, unique_ids,
)
from sitegen.importers.zones import source_zone
from sitegen.model import (
    STATUS_FOR_IMPACT, Component, ComponentStatus, Impact, IncidentStatus, MaintenancePhase, MaintenanceUpdate,
    TimelineEntry,
)
from sitegen.urls import slug

_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
# One update in a history.atom entry's HTML: <p><small>Jun 5, 17:25 UTC</small><br><strong>Label</strong> - text</p>
_ATOM_UPDATE = re.compile(r"<p>\s*<small>(?P<when>.*?)</small>\s*(?:<br\s*/?>)?\s*<strong>(?P<label>.*?)</strong>"
                          r"\s*-?\s*", re.S)
_ATOM_TIME = re.compile(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s*(?:(\d{4})\s*[-,]?\s*)?(\d{1,2}):(\d\d)\s*"
                        r"([A-Za-z]+)?")


@dataclass
class _Saved:
    """Everything read from the saved files, deduplicated by Statuspage's own ids (the newest copy wins)."""

    page: dict
    components: dict[str, dict]  # code -> component object (groups included)
    incidents: dict[str, tuple[dict, Origin]]
    maintenances: dict[str, tuple[dict, Origin]]
    atom: dict[str, tuple[Any, Origin]]  # incident code (from the entry's link) -> feedparser entry


def read_statuspage(source: Path, zone_name: str | None, notes: Notes) -> ImportedSite:
    saved = _read_files(source, notes)
    zone = source_zone(zone_name, saved.page.get("time_zone"), "the page's time_zone", notes, Origin(str(source)))
    components, by_code = _components(saved)
    if not components:
        name = saved.page.get("name") or "Service"
        components = [Component(slug(name, "service"), name)]
        notes.warn(Origin(str(source)), f"no summary.json or components.json among the files; one component, "
                   f"'{name}', stands for the whole page")
    incidents, maintenances = [], []
    for code, (data, origin) in sorted(saved.incidents.items()):
        atom = saved.atom.pop(code, None)
        incident = _incident(data, origin, by_code, components, notes, atom[0].get("id") if atom else None)
        if incident:
            incidents.append(incident)
    for code, (data, origin) in sorted(saved.maintenances.items()):
        saved.atom.pop(code, None)
        maintenance = _maintenance(data, origin, by_code, components, notes)
        if maintenance:
            maintenances.append(maintenance)
    for code, (entry, origin) in sorted(saved.atom.items()):
        record = _from_atom(code, entry, origin, zone, components, notes)
        (maintenances if isinstance(record, ImportedMaintenance) else incidents).append(record)
    if saved.incidents and not any(i.atom_id for i in incidents):
        notes.warn(Origin(str(source), 1), "no history.atom among the files: imported incidents keep no feed ids, "
                   "so subscribers of the old history feed will see them again")
    page = saved.page
    return ImportedSite(
        title=page.get("name") or "Status", base_url=page.get("url") or "", components=tuple(components),
        incidents=tuple(incidents), maintenances=tuple(maintenances), timezone=str(zone),
    )


def _read_files(source: Path, notes: Notes) -> _Saved:
    saved = _Saved({}, {}, {}, {}, {})
    files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
    for path in files:
        shown = str(path)
        if path.suffix in (".atom", ".xml"):
            _read_atom(path, saved, notes)
            continue
        if path.suffix != ".json":
            continue
        text = path.read_text(encoding="utf-8-sig")
        try:
            document = json.loads(text)
        except ValueError as error:
            notes.warn(Origin(shown, getattr(error, "lineno", 1)), f"not JSON ({error}); file skipped")
            continue
        lines = _lines_of(text, r'"id"\s*:\s*"([^"]+)"')
        if isinstance(document, list):  # an export of incidents rather than an API document
            document = {"incidents": document}
        if not isinstance(document, dict):
            notes.warn(Origin(shown), "expected a Statuspage API document (an object); file skipped")
            continue
        if isinstance(document.get("page"), dict) and _newer(document["page"], saved.page):
            saved.page = document["page"]
        for component in document.get("components") or []:  # a page's own list outranks an incident's copy
            if isinstance(component, dict) and component.get("id"):
                saved.components[component["id"]] = component
        for key in ("incidents", "scheduled_maintenances"):
            for item in document.get(key) or []:
                if not isinstance(item, dict) or not item.get("id"):
                    continue
                target = saved.maintenances if item.get("scheduled_for") else saved.incidents
                origin = Origin(shown, lines.get(item["id"], 1))
                known = target.get(item["id"])
                if known is None or _newer(item, known[0]):
                    target[item["id"]] = (_merged_updates(item, known[0] if known else None), origin)
                else:
                    target[item["id"]] = (_merged_updates(known[0], item), known[1])
                for component in item.get("components") or []:
                    if isinstance(component, dict) and component.get("id"):
                        saved.components.setdefault(component["id"], component)
    return saved


def _newer(item: dict, other: dict) -> bool:
    return str(item.get("updated_at") or "") >= str(other.get("updated_at") or "")


def _merged_updates(item: dict, older: dict | None) -> dict:
    """An incident saved on several dates: the newest copy, with any update only an older copy still has."""
    if not older:
        return item
    ids = {u.get("id") for u in item.get("incident_updates") or []}
    extra = [u for u in older.get("incident_updates") or [] if u.get("id") not in ids]
    return {**item, "incident_updates": [*(item.get("incident_updates") or []), *extra]}


def _lines_of(text: str, pattern: str) -> dict[str, int]:
    """The line where each value matched by `pattern` (its first group) first appears."""
    lines: dict[str, int] = {}
    line, position = 1, 0
    for match in re.finditer(pattern, text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match.group(1), line)
    return lines


def _read_atom(path: Path, saved: _Saved, notes: Notes) -> None:
    data = path.read_bytes()
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        notes.warn(Origin(str(path)), f"not an Atom feed ({feed.get('bozo_exception')}); file skipped")
        return
    if not saved.page:  # the feed names the page when no API document does
        title = re.sub(r"\s*-\s*Incident History$", "", feed.feed.get("title") or "")
        saved.page = {"name": title or None, "url": feed.feed.get("link")}
    lines = _lines_of(data.decode("utf-8", "replace"), r'href="[^"]*/([^"/]+)/?"')
    for entry in feed.entries:
        code = (entry.get("link") or "").rstrip("/").rsplit("/", 1)[-1]
        if not code or not entry.get("id"):
            continue
        origin = Origin(str(path), lines.get(code, 1))
        known = saved.atom.get(code)
        if known is None or (entry.get("updated") or "") >= (known[0].get("updated") or ""):
            saved.atom[code] = (entry, origin)


def _components(saved: _Saved) -> tuple[list[Component], dict[str, str]]:
    """Components in the page's order, with their groups' names; group objects become groups, not components."""
    objects = sorted(saved.components.values(), key=lambda c: (c.get("position") is None, c.get("position") or 0))
    groups = {c["id"]: c.get("name") or "" for c in objects if c.get("group") is True}
    members = [c for c in objects if c.get("group") is not True]
    ids = unique_ids([c.get("name") or c["id"] for c in members])
    components = [
        Component(i, c.get("name") or c["id"], groups.get(c.get("group_id") or "") or None,
                        c.get("description") or "")
        for i, c in zip(ids, members)
    ]
    return components, {c["id"]: i for i, c in zip(ids, members)}


def _time(value: Any) -> datetime | None:
    return parse_timestamp(value, timezone.utc) if isinstance(value, str) and value.strip() else None


def _status_of(value: Any, kind: type, origin: Origin, notes: Notes, what: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        notes.warn(origin, f"{what} '{value}' is not one sitegen knows; kept the status before it")
        return None


def _updates(item: dict) -> list[tuple[datetime, dict]]:
    timed = [(_time(u.get("display_at")) or _time(u.get("created_at")), u) for u in item.get("incident_updates") or []]
    return sorted(((at, u) for at, u in timed if at), key=lambda pair: (pair[0], str(pair[1].get("created_at"))))


def _component_statuses(update: dict, by_code: dict[str, str], origin: Origin, notes: Notes) -> dict:
    statuses = {}
    for affected in update.get("affected_components") or []:
        component = by_code.get(affected.get("code"))
        status = _status_of(affected.get("new_status"), ComponentStatus, origin, notes, "component status")
        if component and status:
            statuses[component] = status
    return statuses


def _everything(components: list[Component], origin: Origin, notes: Notes, what: str) -> dict:
    notes.warn(origin, f"{what} names no component; it lists every component as operational "
               "(sitegen needs at least one)")
    return {c.id: ComponentStatus.OPERATIONAL for c in components}


def _incident(item: dict, origin: Origin, by_code: dict[str, str], components: list[Component],
              notes: Notes, atom_id: str | None) -> ImportedIncident | None:
    title = item.get("name") or "Untitled incident"
    impact = _status_of(item.get("impact") or "none", Impact, origin, notes, "impact") or Impact.MINOR
    timeline: list[TimelineEntry] = []
    status = IncidentStatus.INVESTIGATING
    initial: dict[str, ComponentStatus] = {}
    for index, (at, update) in enumerate(_updates(item)):
        raw = update.get("status")
        if raw == "postmortem":
            status = IncidentStatus.RESOLVED
        else:
            status = _status_of(raw, IncidentStatus, origin, notes, "update status") or status
        changes = _component_statuses(update, by_code, origin, notes)
        for component, value in changes.items():
            initial.setdefault(component, value)
        message = (update.get("body") or "").strip()
        if not message:
            message = str(raw or status.value).capitalize() + "."
            notes.warn(origin, f"the {at.isoformat()} update of '{title}' has no text; its message is its status")
        timeline.append(TimelineEntry(at, status, message, components=changes if index else {}))
    if not timeline:
        notes.warn(origin, f"incident '{title}' has no updates; not imported")
        return None
    for listed in item.get("components") or []:
        component = by_code.get(listed.get("id") if isinstance(listed, dict) else None)
        if component:
            initial.setdefault(component, STATUS_FOR_IMPACT[impact])
    if not initial:
        initial = _everything(components, origin, notes, f"incident '{title}'")
    started = _time(item.get("started_at"))
    postmortem = None
    if item.get("postmortem_body"):
        postmortem = ImportedPostmortem(f"Postmortem: {title}",
                                        _time(item.get("postmortem_published_at")) or timeline[-1].at,
                                        item["postmortem_body"])
    elif item.get("status") == "postmortem":
        notes.warn(origin, f"'{title}' has a postmortem on Statuspage that the public API does not include; "
                   "copy it into content/postmortems/ by hand")
    return ImportedIncident(
        key=f"statuspage incident {item['id']}", title=title, impact=impact, components=initial,
        timeline=tuple(timeline), origin=origin, started_at=started if started and started < timeline[0].at else None,
        atom_id=atom_id, postmortem=postmortem,
    )


def _maintenance(item: dict, origin: Origin, by_code: dict[str, str], components: list[Component],
                 notes: Notes) -> ImportedMaintenance | None:
    title = item.get("name") or "Untitled maintenance"
    start, end = _time(item.get("scheduled_for")), _time(item.get("scheduled_until"))
    phases: list[MaintenanceUpdate] = []
    for at, update in _updates(item):
        phase = _status_of(update.get("status"), MaintenancePhase, origin, notes, "maintenance status")
        phases.append(MaintenanceUpdate(at, phase or (phases[-1].status if phases else MaintenancePhase.SCHEDULED),
                            (update.get("body") or "").strip()))
    if start is None:
        notes.warn(origin, f"maintenance '{title}' has no scheduled_for; not imported")
        return None
    if end is None or end <= start:
        notes.warn(origin, f"maintenance '{title}' ends no later than it starts; its window is set to one hour")
        end = start + timedelta(hours=1)
    ids = tuple(dict.fromkeys(by_code[c["id"]] for c in item.get("components") or []
                              if isinstance(c, dict) and c.get("id") in by_code))
    if not ids:
        ids = tuple(_everything(components, origin, notes, f"maintenance '{title}'"))
    return ImportedMaintenance(f"statuspage maintenance {item['id']}", title, ids, start, end, tuple(phases), origin)


def _feed_time(text: str, later: datetime, zone: tzinfo) -> datetime | None:
    """`Jun 5, 17:25 UTC` (a feed's time, often without a year) as the latest such instant no later than `later`."""
    when = _ATOM_TIME.search(text)
    if not when or when.group(1).lower()[:3] not in _MONTHS:
        return None
    month, day = _MONTHS[when.group(1).lower()[:3]], int(when.group(2))
    where = timezone.utc if (when.group(6) or "").upper() in ("UTC", "GMT", "Z") else zone
    year = int(when.group(3)) if when.group(3) else later.astimezone(where).year
    try:
        at = datetime(year, month, day, int(when.group(4)), int(when.group(5)), tzinfo=where)
        while not when.group(3) and at > later:
            year -= 1
            at = at.replace(year=year)
    except ValueError:  # 29 February of a year without one, or a time that is no time
        return None
    return at.astimezone(timezone.utc)


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _atom_updates(entry: Any, zone: tzinfo, origin: Origin,
                  notes: Notes) -> tuple[list[tuple[datetime, str, str]], str]:
    """(time, label, HTML text) of each update in an entry's content, oldest first, and the HTML before them.

    The content shows times without a year (`Jun 5, 17:25 UTC`); the year is the entry's, stepping back a year
    whenever a time would come after the newer update listed before it.
    """
    content = entry.get("content", [{}])[0].get("value", "") or entry.get("summary", "")
    matches = list(_ATOM_UPDATE.finditer(content))
    newest = _time(entry.get("updated")) or _time(entry.get("published")) or datetime.now(timezone.utc)
    updates, later = [], newest + timedelta(days=1)
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(content)
        text = re.sub(r"\s*</p>\s*$", "", content[match.end():end].strip())
        at = _feed_time(_plain(match.group("when")), later, zone)
        if at is None:
            notes.warn(origin, f"cannot read the time '{_plain(match.group('when'))}' of an update; update skipped")
            continue
        later = at
        updates.append((at, _plain(match.group("label")), text))
    lead = content[:matches[0].start()] if matches else ""
    return updates[::-1], lead.strip()


def _scheduled_window(lead: str, entry: Any, zone: tzinfo) -> tuple[datetime, datetime] | None:
    """The window a maintenance entry states before its updates: `THIS IS A SCHEDULED EVENT Oct 20, 03:00 - 05:00
    UTC`, or with a second date when it ends another day."""
    match = re.search(r"SCHEDULED EVENT\s*(.+?)\s+-\s+(.+)$", _plain(lead), re.I)
    if not match:
        return None
    ends_with_zone = re.search(r"([A-Za-z]+)\s*$", match.group(2))
    named = ends_with_zone.group(1) if ends_with_zone else ""
    # Announced first, so the window lies within the year after the entry was published.
    announced = _time(entry.get("published")) or _time(entry.get("updated")) or datetime.now(timezone.utc)
    later = announced + timedelta(days=365)
    start = _feed_time(f"{match.group(1)} {named}", later, zone)
    if start is None:
        return None
    second, same_day = match.group(2), not re.match(r"[A-Za-z]{3}", match.group(2))
    if same_day:  # only a time: the start's day, or the next when it is earlier than the start
        second = f"{start.astimezone(timezone.utc if named.upper() in ('UTC', 'GMT') else zone):%b %d}, {second}"
    end = _feed_time(second, start + timedelta(days=364), zone)  # the first such time after the start
    if end and same_day and end <= start:
        end += timedelta(days=1)
    return (start, end) if end and end > start else None


def _from_atom(code: str, entry: Any, origin: Origin, zone: tzinfo, components: list[Component],
               notes: Notes) -> ImportedIncident | ImportedMaintenance:
    """An incident known only from history.atom: its updates from the entry's HTML, no component statuses."""
    title = html.unescape(entry.get("title") or "Untitled incident")
    updates, lead = _atom_updates(entry, zone, origin, notes)
    window = _scheduled_window(lead, entry, zone) if lead else None
    published = _time(entry.get("published")) or _time(entry.get("updated"))
    if not updates:
        content = entry.get("content", [{}])[0].get("value", "") or title
        updates = [(published or datetime.now(timezone.utc), "Update", content)]
    phases = [labels.maintenance_phase(label) for _, label, _ in updates]
    # Maintenance when every label is a phase and one is a phase's own name ("Completed"; "Resolved" is an incident's).
    maintenance = None not in phases and any(labels.is_exact(label, p) for (_, label, _), p in zip(updates, phases))
    every = {c.id: ComponentStatus.OPERATIONAL for c in components}
    notes.warn(origin, f"'{title}' is only in history.atom, which names no components; "
               "it lists every component as operational")
    if maintenance:
        started = next((at for (at, _, _), p in zip(updates, phases) if p is MaintenancePhase.IN_PROGRESS), None)
        ended = next((at for (at, _, _), p in zip(updates, phases) if p is MaintenancePhase.COMPLETED), None)
        if window:
            start, end = window
        else:
            start = started or updates[0][0]
            end = ended if ended and ended > start else start + timedelta(hours=1)
            notes.warn(origin, f"the window of maintenance '{title}' is taken from its updates ({start.isoformat()} "
                       f"to {end.isoformat()}); its history.atom entry does not state it")
        written = tuple(MaintenanceUpdate(at, p, text) for (at, _, text), p in zip(updates, phases))
        return ImportedMaintenance(f"statuspage maintenance {code}", title, tuple(every), start, end, written, origin,
                                   body="" if window else lead)
    timeline, status = [], IncidentStatus.INVESTIGATING
    for at, label, text in updates:
        status, keep = labels.map_label(label, status, origin, notes)
        timeline.append(TimelineEntry(at, status, labels.update_message(label, keep, text, status, origin, notes)))
    return ImportedIncident(f"statuspage incident {code}", title, Impact.NONE, every, tuple(timeline), origin,
                            started_at=published if published and published < timeline[0].at else None,
                            body=lead, atom_id=entry.get("id"))
