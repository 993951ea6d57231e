"""`sitegen update`: append one timeline entry to an incident without rewriting anything else in its file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from sitegen.atomic import ChangedError, locked, replace_file
from sitegen.content import build_site_model
from sitegen.errors import Problems
from sitegen.model import ComponentStatus, IncidentStatus, Site
from sitegen.scaffold import ScaffoldError, yaml_text, yaml_time
from sitegen.source import decode, parse_document, split_front_matter
from sitegen.status import is_open


@dataclass(frozen=True)
class Update:
    status: IncidentStatus
    message: str
    at: datetime
    next_update: str | None = None  # a duration such as 20m, or a time, as the author wrote it
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
        raise ScaffoldError(f"--at {yaml_time(update.at)} is earlier than the last entry ({yaml_time(last.at)}); "
                            "entries are kept oldest first")
    if not is_open(incident) and not reopen:
        raise ScaffoldError(f"'{slug}' is resolved; add --reopen to post to it again")
    known = {c.id for c in site.config.components}
    unknown = [c for c, _ in update.components if c not in known]
    if unknown:
        raise ScaffoldError(f"unknown component {', '.join(unknown)}; site.yml defines {', '.join(sorted(known))}")


def append_entry(original: bytes, update: Update) -> bytes:
    """The file with the entry appended to `timeline` (and `cause` set); every other byte stays as it was."""
    text = decode(original)
    newline = "\r\n" if b"\r\n" in original else "\n"
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    front, front_line, _, _ = split_front_matter(text)
    lines = text.split("\n")
    root = yaml.compose(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    keys = {key.value: (key, value) for key, value in root.value}
    if "timeline" not in keys or not isinstance(keys["timeline"][1], yaml.SequenceNode):
        raise ScaffoldError("the incident has no timeline list to append to")
    sequence = keys["timeline"][1]
    if sequence.flow_style or not sequence.value:
        raise ScaffoldError("the timeline is written in [flow] style; append the entry by hand")
    offset = front_line - 1  # index of the front matter's first line in `lines`
    last_item = sequence.value[-1]
    end = last_item.end_mark
    insert_at = offset + end.line + (1 if end.column else 0)  # the line after the last entry's last line
    while insert_at - 1 > offset and not lines[insert_at - 1].strip():
        insert_at -= 1  # keep blank lines that followed the entry after the new one
    first_item = sequence.value[0]
    item_line = lines[offset + first_item.start_mark.line]
    dash = item_line.rfind("-", 0, first_item.start_mark.column)
    indent, key_indent = " " * dash, " " * first_item.start_mark.column
    entry = [f"{indent}-{' ' * (len(key_indent) - len(indent) - 1)}at: {yaml_time(update.at)}",
             f"{key_indent}status: {update.status.value}", f"{key_indent}message: {yaml_text(update.message)}"]
    if update.next_update:
        entry.append(f"{key_indent}next_update: {update.next_update}")
    if update.components:
        entry.append(f"{key_indent}components:")
        entry += [f"{key_indent}  {component}: {status.value}" for component, status in update.components]
    lines[insert_at:insert_at] = entry
    if update.cause is not None:
        lines = _set_cause(lines, keys, offset, update.cause)
    return (bom + newline.join(lines)).encode("utf-8")


def _set_cause(lines: list[str], keys: dict, offset: int, cause: str) -> list[str]:
    """Replace the value of a top-level `cause:` (all its lines), or add one just before `timeline:`."""
    new = f"cause: {yaml_text(cause)}"
    if "cause" in keys:
        key, value = keys["cause"]
        first = offset + key.start_mark.line
        last = offset + value.end_mark.line - (0 if value.end_mark.column else 1)
        last = max(first, last)
        while last > first and not lines[last].strip():
            last -= 1
        return lines[:first] + [new] + lines[last + 1:]
    timeline_key = keys["timeline"][0]
    at = offset + timeline_key.start_mark.line
    return lines[:at] + [new] + lines[at:]


def post_update(root: Path, site: Site, slug: str, update: Update, reopen: bool = False) -> Path:
    """Check the update, append it, check the whole file again, and only then replace it in one step.

    Concurrent updates of one file take turns, each appending to what the one before wrote; the checks
    use the file as it is when this one's turn comes, not as it was when the command started.
    """
    path = incident_file(root, site, slug)
    with locked(path):
        original = path.read_bytes()
        check_update(_as_written(root, site, path, original) or site, slug, update, reopen)
        changed = append_entry(original, update)
        problems = Problems()
        if _as_written(root, site, path, changed, problems) is None or problems.errors:
            raise ScaffoldError("the update would break the file: " + "; ".join(str(p) for p in problems.errors))
        try:
            replace_file(path, changed, original)
        except ChangedError as error:
            raise ScaffoldError(str(error)) from None
    return path


def _as_written(root: Path, site: Site, path: Path, data: bytes, problems: Problems | None = None) -> Site | None:
    """The site with this incident read from `data`; its problems (only this file's) go to `problems`."""
    found = Problems()
    shown = path.relative_to(root).as_posix()
    document = parse_document(shown, "incident", path.stem, data, found)
    reviews = [d for p in site.postmortems if (d := parse_document(
        p.source.path, "postmortem", Path(p.source.path).stem, (root / p.source.path).read_bytes(), Problems()))]
    fresh = build_site_model(site.config, [document, *reviews], found) if document else None
    mine = [p for p in found.errors if p.path == shown]
    if problems is not None:
        problems.extend(mine)
    return None if mine or fresh is None else fresh
