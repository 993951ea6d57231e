"""Reading another tool's files: a config in YAML, JSON or TOML, and Markdown documents whose front matter is
YAML between `---` lines, JSON or TOML after `---json`/`---toml` (Statusfy), or TOML between `+++` lines (Hugo)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.importers.records import Notes, Origin
from sitegen.source import SourceError, decode, parse_yaml

_FRONT = re.compile(r"\A(?P<open>---|\+\+\+)(?P<format>json|toml|yaml|yml)?[ \t]*\n(?P<front>.*?)^(?P=open)[ \t]*$\n?",
                    re.M | re.S)


@dataclass(frozen=True)
class SourceDocument:
    data: dict
    lines: dict  # field path -> line, for YAML front matter
    body: str
    body_line: int


def _toml(text: str, origin: Origin, notes: Notes) -> dict | None:
    try:
        import tomllib
    except ImportError:  # Python 3.10 has no TOML reader
        notes.warn(origin, "reading TOML needs Python 3.11 or later; not read")
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        notes.warn(origin, f"TOML error: {error}; not read")
        return None


def read_config(path: Path, notes: Notes) -> dict:
    """A config file's settings; {} (with a warning) when it cannot be read."""
    text = decode(path.read_bytes())
    if path.suffix == ".toml":
        return _toml(text, Origin(str(path)), notes) or {}
    try:
        data, _, _ = parse_yaml(text, 1)
    except SourceError as error:
        notes.warn(Origin(str(path), error.line), f"{error.message}; the settings are not read")
        return {}
    return data if isinstance(data, dict) else {}


def read_document(path: Path, notes: Notes) -> SourceDocument | None:
    """Front matter and body of a Markdown document; None (with a warning) when there is no readable front matter."""
    origin = Origin(str(path))
    try:
        text = decode(path.read_bytes())
    except SourceError as error:
        notes.warn(Origin(str(path), error.line), f"{error.message}; not imported")
        return None
    match = _FRONT.match(text)
    if not match:
        notes.warn(origin, "no front matter between '---' lines; not imported")
        return None
    body, body_line = text[match.end():], text.count("\n", 0, match.end()) + 1
    if match.group("open") == "+++" or match.group("format") == "toml":
        data: Any = _toml(match.group("front"), origin, notes)
        return None if data is None else SourceDocument(data, {}, body, body_line)
    try:
        data, lines, _ = parse_yaml(match.group("front"), 2)
    except SourceError as error:
        notes.warn(Origin(str(path), error.line), f"{error.message}; not imported")
        return None
    return SourceDocument(data if isinstance(data, dict) else {}, lines, body, body_line)
