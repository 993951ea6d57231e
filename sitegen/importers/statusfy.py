"""Statusfy: a site folder whose config lists system ids and locales, whose locales/*.json name the systems, and
whose content/*.md (and content/<locale>/*.md) hold incidents with `::: update LABEL | TIME` blocks."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from sitegen.fields import parse_timestamp
from sitegen.importers import labels
from sitegen.importers.files import read_config, read_document
from sitegen.importers.labels import settle
from sitegen.importers.records import ImportedIncident, ImportedMaintenance, ImportedSite, Notes, Origin
from sitegen.importers.zones import source_zone
from sitegen.model import (
    Component, ComponentStatus, Impact, IncidentStatus, MaintenancePhase, MaintenanceUpdate, TimelineEntry,
)
from sitegen.source import decode

CONFIG_NAMES = ("config.yml", "config.yaml", "config.json", "config.toml", "config.js")
DEFAULT_SYSTEMS = ["api", "cdn", "dns", "site-delivery"]  # Statusfy's own default when the config names none
UPDATE = re.compile(r"^:::\s*update\s+(?P<label>.*?)\s+\|\s+(?P<at>\S.*?)\s*\n(?P<text>.*?)^:::\s*$", re.M | re.S)
SEVERITY = {
    "major-outage": (Impact.CRITICAL, ComponentStatus.MAJOR_OUTAGE),
    "partial-outage": (Impact.MAJOR, ComponentStatus.PARTIAL_OUTAGE),
    "degraded-performance": (Impact.MINOR, ComponentStatus.DEGRADED_PERFORMANCE),
}


def read_statusfy(source: Path, zone_name: str | None, notes: Notes) -> ImportedSite:
    config = _config(source, notes)
    # Statusfy reads times with dayjs.utc: a time without an offset is UTC unless --timezone says otherwise.
    zone = source_zone(zone_name, None, "Statusfy's dayjs.utc (it has no zone setting)", notes)
    if not zone_name:
        notes.zone = "UTC (Statusfy reads such times as UTC)"
    default = str(config.get("defaultLocale") or "en")
    locales = [str(l.get("code")) for l in config.get("locales") or [] if isinstance(l, dict) and l.get("code")]
    content = config.get("content") if isinstance(config.get("content"), dict) else {}
    systems = [str(s) for s in content.get("systems") or DEFAULT_SYSTEMS]
    names = _system_names(source, default, notes)
    components = [Component(s, names.get(s, {}).get("title") or s, None,
                                  names.get(s, {}).get("description") or "") for s in systems]
    folder = source / str(content.get("dir") or "content")
    incidents, maintenances, seen = [], [], set()
    for locale in [default] + [l for l in locales if l != default]:
        base = folder if locale == default else folder / locale
        for path in sorted(base.glob("*.md")) if base.is_dir() else []:
            if path.name.lower() == "readme.md":
                continue
            record = _incident(path, zone, components, notes, locale, default, seen)
            if isinstance(record, ImportedMaintenance):
                maintenances.append(record)
            elif record:
                incidents.append(record)
    return ImportedSite(
        title=str(config.get("title") or "Status"), base_url=str(config.get("baseUrl") or ""),
        components=tuple(components), incidents=tuple(incidents), maintenances=tuple(maintenances),
        timezone=str(zone), description=str(config.get("description") or ""), language=default,
    )


def _config(source: Path, notes: Notes) -> dict:
    for name in CONFIG_NAMES:
        path = source / name
        if not path.is_file():
            continue
        if name.endswith(".js"):
            notes.warn(Origin(str(path)), "config.js is JavaScript: its title, baseUrl, locales and systems are read "
                       "by pattern; check them in site.yml")
            return _config_js(decode(path.read_bytes()))
        return read_config(path, notes)
    notes.warn(Origin(str(source / "config.js")), "no Statusfy config; Statusfy's default systems are used")
    return {}


def _config_js(text: str) -> dict:
    def string(key: str) -> str | None:
        match = re.search(rf"\b{key}\s*:\s*([\"'`])(.*?)\1", text)
        return match.group(2) if match else None

    systems = re.search(r"\bsystems\s*:\s*\[(.*?)\]", text, re.S)
    return {
        "title": string("title"), "description": string("description"), "baseUrl": string("baseUrl"),
        "defaultLocale": string("defaultLocale"),
        "locales": [{"code": c} for c in re.findall(r"\bcode\s*:\s*[\"'`]([^\"'`]+)", text)],
        "content": {"systems": re.findall(r"[\"'`]([^\"'`]+)[\"'`]", systems.group(1))} if systems else {},
    }


def _system_names(source: Path, locale: str, notes: Notes) -> dict[str, dict]:
    path = source / "locales" / f"{locale}.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except ValueError as error:
        notes.warn(Origin(str(path), getattr(error, "lineno", 1)), f"not JSON ({error}); system names not read")
        return {}
    items = (data.get("systems") or {}).get("items") if isinstance(data, dict) else None
    return {k: v for k, v in (items or {}).items() if isinstance(v, dict)}


def _time(value: Any, zone: tzinfo) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone) if value.tzinfo is None else value
    return parse_timestamp(value, zone) if isinstance(value, str) and value.strip() else None


def _incident(path: Path, zone: tzinfo, components: list[Component], notes: Notes, locale: str, default: str,
              seen: set[str]):
    read = read_document(path, notes)
    if read is None:
        return None
    data, lines, body, body_line = read.data, read.lines, read.body, read.body_line
    shown = str(path)

    def where(key: str) -> Origin:
        return Origin(shown, lines.get((key,), 1))

    identity = str(data.get("id") or path.stem)
    if locale == default and identity in seen:
        notes.warn(Origin(shown, lines.get(("id",), 1)), f"id '{identity}' is also another incident's; this one is "
                   "imported under its file name")
        identity = path.stem
    elif locale != default:
        if identity in seen or path.stem in seen:
            notes.warn(Origin(shown), f"the '{locale}' translation is not imported (a sitegen site has one language); "
                       f"the '{default}' text is")
            return None
        notes.warn(Origin(shown), f"only a '{locale}' version exists; imported from it")
    seen.update({identity, path.stem})
    title = str(data.get("title") or path.stem)
    start = _time(data.get("date"), zone)
    if start is None:
        notes.warn(where("date"), f"incident '{title}' has no readable date; not imported")
        return None
    ids = _systems(data.get("affectedsystems"), components, where("affectedsystems"), notes)
    updates, general = _updates(body, body_line, zone, shown, notes)
    summary = "\n\n".join(t for t in (str(data.get("description") or "").strip(), general) if t)
    if general and str(data.get("description") or "").strip() == general:
        summary = general
    severity = str(data.get("severity") or "").strip()
    key = f"statusfy incident {identity}"
    modified = _time(data.get("modified"), zone)
    if severity == "under-maintenance":
        return _maintenance(key, title, ids, data, start, modified, updates, summary, Origin(shown, 1), zone, notes)
    if severity not in SEVERITY:
        notes.warn(where("severity"), f"severity '{severity}' is not one Statusfy defines; read as partial-outage")
    impact, status = SEVERITY.get(severity, SEVERITY["partial-outage"])
    timeline: list[TimelineEntry] = []
    current = IncidentStatus.INVESTIGATING
    for at, label, text, line in updates or [(start, "", summary, body_line)]:
        current, keep = labels.map_label(label, current, Origin(shown, line), notes)
        message = labels.update_message(label, keep, text, current, Origin(shown, line), notes)
        timeline.append(TimelineEntry(at, current, message))
    resolved = data.get("resolved") is True
    timeline = settle(timeline, resolved, modified if resolved else None, Origin(shown, 1), notes, "modified")
    return ImportedIncident(key, title, impact, {i: status for i in ids}, tuple(timeline), Origin(shown, 1),
                            started_at=start if start < timeline[0].at else None,
                            body=summary if updates else "")


def _systems(value: Any, components: list[Component], origin: Origin, notes: Notes) -> list[str]:
    ids = [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]
    known = {c.id for c in components}
    for system in ids:
        if system not in known:
            components.append(Component(system, system))
            known.add(system)
            notes.warn(origin, f"system '{system}' is not in the config's systems; added as a component")
    if not ids:
        notes.warn(origin, "affects no system; it lists every component")
        ids = [c.id for c in components]
    return list(dict.fromkeys(ids))


def _updates(body: str, body_line: int, zone: tzinfo, shown: str, notes: Notes):
    """(time, label, text, line) of each `::: update` block, oldest first, and the general content around them."""
    updates, general, last = [], [], 0
    for match in UPDATE.finditer(body):
        general.append(body[last:match.start()])
        last = match.end()
        line = body_line + body.count("\n", 0, match.start())
        at = parse_timestamp(match.group("at"), zone)
        if at is None:
            notes.warn(Origin(shown, line), f"'{match.group('at')}' is not a time; the update is not imported")
            continue
        updates.append((at, match.group("label").strip(), match.group("text").strip(), line))
    general.append(body[last:])
    updates.sort(key=lambda u: u[0])
    return updates, "\n\n".join(part.strip() for part in general if part.strip())


def _maintenance(key: str, title: str, ids: list[str], data: dict, start: datetime, modified: datetime | None,
                 updates: list, summary: str, origin: Origin, zone: tzinfo, notes: Notes) -> ImportedMaintenance:
    scheduled = _time(data.get("scheduled"), zone)
    duration = data.get("duration")
    if scheduled and isinstance(duration, (int, float)) and duration > 0:
        window = (scheduled, scheduled + timedelta(minutes=float(duration)))
    else:
        end = max([u[0] for u in updates] + ([modified] if modified else []), default=start)
        window = (start, end if end > start else start + timedelta(hours=1))
        notes.warn(origin, f"maintenance '{title}' has no scheduled and duration; its window is taken as "
                   f"{window[0].isoformat()} to {window[1].isoformat()}")
    phases = []
    for at, label, text, line in updates or [(start, "", summary, origin.line)]:
        phase = labels.maintenance_phase(label) if label else None
        if label and (phase is None or not labels.is_exact(label, phase)):
            notes.label(Origin(origin.path, line), label, (phase or MaintenancePhase.SCHEDULED).value)
            text = f"**{label}** - {text}"
        phases.append(MaintenanceUpdate(at, phase or MaintenancePhase.SCHEDULED, text))
    return ImportedMaintenance(key, title, tuple(ids), window[0].astimezone(timezone.utc),
                               window[1].astimezone(timezone.utc), tuple(phases), origin,
                               summary if updates else "")
