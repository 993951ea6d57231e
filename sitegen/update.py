"""`sitegen update`: append one timeline entry to an incident without rewriting anything else in its file;
`sitegen new postmortem`: start a draft postmortem and point its incident at it, the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from sitegen.atomic import ChangedError, locked, replace_file
from sitegen.content import build_site_model
from sitegen.errors import Problems
from sitegen.field_table import ENTRY, INCIDENT
from sitegen.model import ComponentStatus, IncidentStatus, Site
from sitegen.content import PENDING
from sitegen.scaffold import ScaffoldError, check_written, new_postmortem
from sitegen.source import Document, decode, parse_document, split_front_matter
from sitegen.status import is_open
from sitegen.i18n import ENGLISH
from sitegen.writer import field_lines, sequence_item


@dataclass(frozen=True)
class Update:
    status: IncidentStatus
    message: str
    at: datetime
    next_update: str | datetime | None = None  # a duration such as 20m, or a time
    components: tuple[tuple[str, ComponentStatus], ...] = ()
    cause: str | None = None


def incident_file(root: Path, site: Site, slug: str) -> Path:
    incident = next((i for i in site.incidents if i.slug == slug), None)
    if incident is None:
        raise ScaffoldError(f"no incident '{slug}' in content/incidents/")
    return root / incident.source.path


def check_update(site: Site, slug: str, update: Update, reopen: bool) -> None:
    """Refuse, before touching the file, what would make the incident wrong."""
    incident = next(i for i in site.incidents if i.slug == slug)
    last = incident.timeline[-1]
    if update.at < last.at:
        zone = site.config.timezone
        raise ScaffoldError(f"--at {ENGLISH.time(update.at, zone).text} is earlier than the last entry "
                            f"({ENGLISH.time(last.at, zone).text}); "
                            "entries are kept oldest first")
    if not is_open(incident) and not reopen:
        raise ScaffoldError(f"'{slug}' is resolved; add --reopen to post to it again")
    known = {c.id for c in site.config.components}
    unknown = [c for c, _ in update.components if c not in known]
    if unknown:
        raise ScaffoldError(f"unknown component {', '.join(unknown)}; site.yml defines {', '.join(sorted(known))}")


def _front_matter(original: bytes) -> tuple[list[str], dict, int, str]:
    """The file's lines, its top-level keys (name -> key and value nodes), the index of the front matter's first
    line, and what to write the file back with (byte-order mark, line ending)."""
    text = decode(original)
    front, front_line, _, _ = split_front_matter(text)
    root = yaml.compose(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    keys = {key.value: (key, value) for key, value in root.value}
    return text.split("\n"), keys, front_line - 1, "\r\n" if b"\r\n" in original else "\n"


def _encode(original: bytes, lines: list[str], newline: str) -> bytes:
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    return (bom + newline.join(lines)).encode("utf-8")


def append_entry(original: bytes, update: Update) -> bytes:
    """The file with the entry appended to `timeline` (and `cause` set); every other byte stays as it was."""
    lines, keys, offset, newline = _front_matter(original)
    if "timeline" not in keys or not isinstance(keys["timeline"][1], yaml.SequenceNode):
        raise ScaffoldError("the incident has no timeline list to append to")
    sequence = keys["timeline"][1]
    if sequence.flow_style or not sequence.value:
        raise ScaffoldError("the timeline is written in [flow] style; append the entry by hand")
    last_item = sequence.value[-1]
    end = last_item.end_mark
    insert_at = offset + end.line + (1 if end.column else 0)  # the line after the last entry's last line
    while insert_at - 1 > offset and not lines[insert_at - 1].strip():
        insert_at -= 1  # keep blank lines that followed the entry after the new one
    first_item = sequence.value[0]
    item_line = lines[offset + first_item.start_mark.line]
    dash = item_line.rfind("-", 0, first_item.start_mark.column)
    entry = sequence_item(ENTRY, {
        "at": update.at, "status": update.status, "message": update.message, "next_update": update.next_update,
        "components": dict(update.components) or None,
    }, dash, first_item.start_mark.column)
    lines[insert_at:insert_at] = entry
    if update.cause is not None:
        lines = _set_field(lines, keys, offset, "cause", update.cause)
    return _encode(original, lines, newline)


def set_field(original: bytes, name: str, value: Any) -> bytes:
    """The incident file with a top-level field set to `value`, written in the field's declared form; every other
    byte stays as it was."""
    lines, keys, offset, newline = _front_matter(original)
    if "timeline" not in keys:
        raise ScaffoldError("the file has no timeline to place the field before")
    return _encode(original, _set_field(lines, keys, offset, name, value), newline)


def _set_field(lines: list[str], keys: dict, offset: int, name: str, value: Any) -> list[str]:
    """Replace the value of a top-level field (all its lines), or add it just before `timeline:`."""
    new = field_lines(INCIDENT[name], value)
    if name in keys:
        key, node = keys[name]
        first = offset + key.start_mark.line
        last = offset + node.end_mark.line - (0 if node.end_mark.column else 1)
        last = max(first, last)
        while last > first and not lines[last].strip():
            last -= 1
        return lines[:first] + new + lines[last + 1:]
    timeline_key = keys["timeline"][0]
    at = offset + timeline_key.start_mark.line
    return lines[:at] + new + lines[at:]


def post_update(root: Path, site: Site, slug: str, update: Update, reopen: bool = False) -> Path:
    """Check the update, append it, check the whole file again, and only then replace it in one step.

    Concurrent updates of one file take turns, each appending to what the one before wrote; the checks
    use the file as it is when this one's turn comes, not as it was when the command started.
    """
    path = incident_file(root, site, slug)
    postmortems = _postmortem_documents(root, site)  # read once: both checks below need them
    with locked(path):
        original = path.read_bytes()
        check_update(_as_written(root, site, path, original, postmortems) or site, slug, update, reopen)
        changed = append_entry(original, update)
        problems = Problems()
        if _as_written(root, site, path, changed, postmortems, problems) is None or problems.errors:
            raise ScaffoldError("the update would break the file: " + "; ".join(str(p) for p in problems.errors))
        try:
            replace_file(path, changed, original)
        except ChangedError as error:
            raise ScaffoldError(str(error)) from None
    return path


def start_postmortem(root: Path, site: Site, slug: str, at: datetime) -> Path:
    """Write a draft postmortem of the incident and set the incident's `postmortem:` to it; one per incident."""
    path = incident_file(root, site, slug)
    incident = next(i for i in site.incidents if i.slug == slug)
    existing = next((p.slug for p in site.postmortems if p.incident == slug), None)
    if existing is None and incident.postmortem not in (None, PENDING):
        existing = incident.postmortem
    if existing:
        raise ScaffoldError(f"incident '{slug}' already has postmortem '{existing}' "
                            f"(content/postmortems/{existing}.md); edit that one")
    with locked(path):
        original = path.read_bytes()
        draft = new_postmortem(root, site, slug, at)
        try:
            check_written(root, site, draft, "postmortem")
            changed = set_field(original, "postmortem", draft.stem)
            problems = Problems()
            documents = [parse_document(p.relative_to(root).as_posix(), kind, p.stem, data, problems)
                         for p, kind, data in ((path, "incident", changed), (draft, "postmortem", draft.read_bytes()))]
            build_site_model(site.config, [d for d in documents if d is not None], problems)
            if problems.errors:
                raise ScaffoldError("linking the postmortem would break the incident: "
                                    + "; ".join(str(p) for p in problems.errors))
            replace_file(path, changed, original)
        except (ScaffoldError, ChangedError) as error:
            draft.unlink(missing_ok=True)
            raise ScaffoldError(str(error)) from None
    return draft
def _postmortem_documents(root: Path, site: Site) -> list[Document]:
    """The site's postmortems as documents, so that an incident read again is linked to them as in a build."""
    return [d for p in site.postmortems if (d := parse_document(
        p.source.path, "postmortem", Path(p.source.path).stem, (root / p.source.path).read_bytes(), Problems()))]


def _as_written(root: Path, site: Site, path: Path, data: bytes, postmortems: list[Document],
                problems: Problems | None = None) -> Site | None:
    """The site with this incident read from `data`; its problems (only this file's) go to `problems`."""
    found = Problems()
    shown = path.relative_to(root).as_posix()
    document = parse_document(shown, "incident", path.stem, data, found)
    fresh = build_site_model(site.config, [document, *postmortems], found) if document else None
    mine = [p for p in found.errors if p.path == shown]
    if problems is not None:
        problems.extend(mine)
    return None if mine or fresh is None else fresh
