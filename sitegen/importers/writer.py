"""Write an imported history into a site folder: new files for what is new, nothing overwritten without force.

Each written document starts with a `# sitegen import: KEY` comment naming its source record, so that a second
import finds the file again (even renamed) and writes nothing twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from sitegen.config import CONFIG_FILE, config_from_document
from sitegen.content import build_site_model
from sitegen.errors import Problems
from sitegen.field_table import COMPONENT, INCIDENT, MAINTENANCE, POSTMORTEM, SITE
from sitegen.importers.records import ImportedIncident, ImportedMaintenance, ImportedSite, ImportFailure
from sitegen.model import Component, SiteConfig
from sitegen.scaffold import slugify, timeline_event
from sitegen.source import KINDS, SourceError, content_files, decode, parse_document, parse_yaml, Document
from sitegen.writer import front_matter, sequence_item, yaml_document

MARK = "sitegen import: "
_MARK_LINE = re.compile(r"^# " + re.escape(MARK) + r"(.+)$", re.M)
PLACEHOLDER_URL = "https://example.org/status/"


@dataclass(frozen=True)
class Change:
    path: str  # relative to the site folder
    text: str
    action: str  # create | overwrite | unchanged | kept (differs; --force overwrites) | extend (site.yml)


def plan(imported: ImportedSite, root: Path, force: bool) -> list[Change]:
    """Every file the import touches, with what it does to each; checked as a whole site before anything is written."""
    existing_yml = root / CONFIG_FILE
    if existing_yml.is_file():
        site_text = decode(existing_yml.read_bytes())
        config = _config(site_text)
        ids, site_change = _extend_components(site_text, config, imported.components)
    else:
        ids = {c.id: c.id for c in imported.components}
        site_change = Change(CONFIG_FILE, _site_yml(imported), "create")
        config = _config(site_change.text)
    zone = config.timezone
    found = _imported_files(root)
    taken = {kind: {p.stem for k, p in content_files(root, Problems()) if k == kind} for kind in KINDS}
    changes = [site_change]
    for incident in sorted(imported.incidents, key=lambda i: (i.timeline[0].at, i.key)):
        path = found.get(incident.key) or _free(taken, "incident", incident.timeline[0].at.astimezone(zone),
                                                  incident.title)
        slug = Path(path).stem
        postmortem_path = None
        if incident.postmortem:
            postmortem_path = found.get(incident.key + " postmortem") or _free(taken, "postmortem", None, slug)
        changes.append(_change(root, path, _incident_text(incident, ids, postmortem_path), force))
        if incident.postmortem and postmortem_path:
            changes.append(_change(root, postmortem_path, _postmortem_text(incident, slug), force))
    for maintenance in sorted(imported.maintenances, key=lambda m: (m.start, m.key)):
        path = found.get(maintenance.key) or _free(taken, "maintenance", maintenance.start.astimezone(zone),
                                                     maintenance.title)
        changes.append(_change(root, path, _maintenance_text(maintenance, ids), force))
    _check(root, changes)
    return changes


def write(root: Path, changes: list[Change]) -> None:
    (root / "content" / "incidents").mkdir(parents=True, exist_ok=True)  # a site has it, even if empty
    for change in changes:
        if change.action in ("create", "overwrite", "extend"):
            path = root / change.path
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.import")
            temporary.write_text(change.text, encoding="utf-8")
            temporary.replace(path)


# -- site.yml --------------------------------------------------------------------------------------------------
def _config(text: str) -> SiteConfig:
    problems = Problems()
    try:
        data, lines, raw = parse_yaml(text, 1)
    except SourceError as error:
        raise ImportFailure(f"{CONFIG_FILE}:{error.line}: {error.message}") from None
    config = config_from_document(Document(CONFIG_FILE, "config", "site", data or {}, lines, raw), problems)
    if config is None or problems.errors:
        raise ImportFailure("; ".join(str(p) for p in problems.errors) or f"{CONFIG_FILE} is not usable")
    return config


def _component_fields(component: Component) -> dict:
    return {"id": component.id, "name": component.name, "group": component.group,
            "description": component.description or None}


def _site_yml(imported: ImportedSite) -> str:
    base_url = imported.base_url
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        base_url = PLACEHOLDER_URL
    fields = {
        "title": imported.title, "base_url": base_url if base_url.endswith("/") else base_url + "/",
        "description": imported.description or None, "language": imported.language,
        "timezone": imported.timezone, "feed_id": urlsplit(base_url).hostname,
        "components": [_component_fields(c) for c in imported.components],
    }
    comments = ["Written by `sitegen import`; edit it freely (a later import only adds components)."]
    if base_url == PLACEHOLDER_URL:
        comments.append("base_url is a placeholder: set it to the address the site is served from.")
    return yaml_document(SITE, fields, comments)


def _extend_components(text: str, config: SiteConfig, components: tuple[Component, ...]):
    """Map source components onto the site's (by id, then by name); append the missing ones to site.yml."""
    by_name = {c.name.casefold(): c.id for c in config.components}
    known = {c.id for c in config.components}
    ids, missing = {}, []
    for component in components:
        if component.id in known:
            ids[component.id] = component.id
        elif component.name.casefold() in by_name:
            ids[component.id] = by_name[component.name.casefold()]
        else:
            new_id, number = component.id, 1
            while new_id in known:
                number += 1
                new_id = f"{component.id}-{number}"
            known.add(new_id)
            ids[component.id] = new_id
            missing.append(replace(component, id=new_id))
    if not missing:
        return ids, Change(CONFIG_FILE, text, "unchanged")
    return ids, Change(CONFIG_FILE, _append_components(text, missing), "extend")


def _append_components(text: str, components: list[Component]) -> str:
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    node = next((v for k, v in root.value if k.value == "components"), None)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        names = ", ".join(c.name for c in components)
        raise ImportFailure(f"{CONFIG_FILE}: add the components {names} by hand (its components list is not a "
                            "block list the import can append to)")
    lines = text.split("\n")
    end = node.value[-1].end_mark
    at = end.line + (1 if end.column else 0)
    first = node.value[0].start_mark
    dash = lines[first.line].rfind("-", 0, first.column)
    # Back over blank lines and over comments left of the items: those introduce what follows the list.
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")
                      and len(lines[at - 1]) - len(lines[at - 1].lstrip()) <= dash):
        at -= 1
    lines[at:at] = [line for c in components
                    for line in sequence_item(COMPONENT, _component_fields(c), dash, first.column)]
    return "\n".join(lines)


# -- content ---------------------------------------------------------------------------------------------------
def _imported_files(root: Path) -> dict[str, str]:
    """The source key of every document an earlier import wrote -> its path."""
    found = {}
    for _, path in content_files(root, Problems()):  # odd entries are reported when the result is checked
        with path.open(encoding="utf-8", errors="replace") as file:
            head = "".join(file.readline() for _ in range(4))
        match = _MARK_LINE.search(head)
        if match:
            found.setdefault(match.group(1).strip(), path.relative_to(root).as_posix())
    return found


def _free(taken: dict[str, set[str]], kind: str, day, title: str) -> str:
    stem = f"{day:%Y-%m-%d}-{slugify(title)}" if day else title
    candidate, number = stem, 1
    while candidate in taken[kind]:
        number += 1
        candidate = f"{stem}-{number}"
    taken[kind].add(candidate)
    return f"content/{KINDS[kind]}/{candidate}.md"


def _change(root: Path, path: str, text: str, force: bool) -> Change:
    target = root / path
    if not target.exists():
        return Change(path, text, "create")
    if decode(target.read_bytes()) == text:
        return Change(path, text, "unchanged")
    return Change(path, text, "overwrite" if force else "kept")


def _mark(key: str) -> str:
    return MARK + " ".join(key.split())


def _incident_text(incident: ImportedIncident, ids: dict[str, str], postmortem_path: str | None) -> str:
    def statuses(mapping):
        return {ids.get(c, c): s for c, s in mapping.items()}

    fields = {
        "title": incident.title, "impact": incident.impact, "components": statuses(incident.components),
        "started_at": incident.started_at, "atom_id": incident.atom_id,
        "postmortem": Path(postmortem_path).stem if postmortem_path else None,
        "timeline": [{"at": e.at, "status": e.status, "message": e.message,
                      "components": statuses(e.components) or None} for e in incident.timeline],
    }
    return front_matter(INCIDENT, fields, [_mark(incident.key)], incident.body)


def _postmortem_text(incident: ImportedIncident, slug: str) -> str:
    postmortem = incident.postmortem
    assert postmortem is not None
    fields = {
        "title": postmortem.title, "incident": slug, "published_at": postmortem.published_at,
        "timeline": [{"at": e.at, "event": timeline_event(e)} for e in incident.timeline],
    }
    return front_matter(POSTMORTEM, fields, [_mark(incident.key + " postmortem")], postmortem.body)


def _maintenance_text(maintenance: ImportedMaintenance, ids: dict[str, str]) -> str:
    fields = {
        "title": maintenance.title, "components": list(dict.fromkeys(ids.get(c, c) for c in maintenance.components)),
        "scheduled_start": maintenance.start, "scheduled_end": maintenance.end,
        "timeline": [{"at": p.at, "status": p.status, "message": p.message or None} for p in maintenance.timeline]
        or None,
    }
    return front_matter(MAINTENANCE, fields, [_mark(maintenance.key)], maintenance.body)


def _check(root: Path, changes: list[Change]) -> None:
    """The site as it will be after the import must load without errors; else say what and write nothing."""
    problems = Problems()
    config = _config(changes[0].text)
    planned = {c.path: c for c in changes[1:] if c.action != "kept"}
    documents = []
    for kind, path in content_files(root, Problems()):
        shown = path.relative_to(root).as_posix()
        if shown not in planned:
            document = parse_document(shown, kind, path.stem, path.read_bytes(), Problems())
            if document:
                documents.append(document)
    kinds = {folder: kind for kind, folder in KINDS.items()}
    for change in planned.values():
        folder = change.path.split("/")[1]
        document = parse_document(change.path, kinds[folder], Path(change.path).stem, change.text.encode(), problems)
        if document:
            documents.append(document)
    build_site_model(config, documents, problems)
    mine = [p for p in problems.errors if p.path in planned]
    if mine:
        raise ImportFailure("the imported files would not pass `sitegen check`:\n" + "\n".join(map(str, mine)))

