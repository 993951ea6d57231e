"""Find content files, split off their front matter and parse its YAML, keeping the line of every field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import frontmatter
import yaml

from sitegen.errors import FieldPath, Problems

try:  # libyaml makes composing ~10x faster; the pure-Python loader gives the same nodes.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

KINDS = {"incident": "incidents", "maintenance": "maintenance", "postmortem": "postmortems"}
SLUG = re.compile(r"[a-z0-9-]+")
_BOUNDARY = frontmatter.YAMLHandler.FM_BOUNDARY
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_SCALARS = yaml.constructor.SafeConstructor()
# Embedding, override and isolate controls can make "exe.png" read as "gnp.exe"; text on a status page needs none.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


@dataclass(frozen=True)
class Document:
    """One parsed file: its data plus, for every field path, the line it was written on."""

    path: str  # relative to the site root, as shown in messages
    kind: str
    slug: str
    data: Any
    lines: dict[FieldPath, int] = field(repr=False)
    raw: dict[FieldPath, str] = field(repr=False)  # source text of non-string scalars
    body: str = ""
    body_line: int = 0

    def line_of(self, path: FieldPath) -> int:
        """The line of `path`, else of its nearest parent that was written (a missing key's mapping)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def raw_text(self, path: FieldPath) -> str | None:
        return self.raw.get(path)


class SourceError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def decode(data: bytes) -> str:
    """UTF-8 text with a byte-order mark dropped and CRLF/CR line ends made LF."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            line, f"the file is not UTF-8: byte 0x{data[error.start]:02x} at column {column}; save it as UTF-8"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, first_line: int) -> tuple[Any, dict[FieldPath, int], dict[FieldPath, str]]:
    """Parse YAML whose first line is line `first_line` of its file; return data, field lines, raw scalars."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        raise SourceError(line, f"YAML syntax error: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise SourceError(first_line, f"YAML syntax error: {error}") from None
    lines: dict[FieldPath, int] = {(): first_line}
    raw: dict[FieldPath, str] = {}
    if node is None:
        return None, lines, raw
    lines[()] = first_line + node.start_mark.line
    return _construct(node, (), first_line, lines, raw), lines, raw


def _construct(node: yaml.Node, path: FieldPath, offset: int, lines: dict, raw: dict) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(offset + key_node.start_mark.line, "a key must be a plain name")
            # The key's source text, so that `no:` or `2026:` stay the names the author wrote.
            key = key_node.value
            if key in result:
                raise SourceError(offset + key_node.start_mark.line, f"'{key}' is given twice")
            lines[path + (key,)] = offset + key_node.start_mark.line
            result[key] = _construct(value_node, path + (key,), offset, lines, raw)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = offset + item.start_mark.line
            items.append(_construct(item, path + (index,), offset, lines, raw))
        return items
    if node.tag == _STR_TAG:
        return node.value
    raw[path] = node.value
    if node.tag == _TIMESTAMP_TAG:
        return node.value  # read later, in the site timezone, by fields.timestamp
    return _SCALARS.construct_object(node, deep=True)


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Return (front matter, its first line, body, the body's first line)."""
    if not text.strip():
        raise SourceError(1, "the file is empty; expected YAML front matter between '---' lines")
    opening = _BOUNDARY.match(text)
    if not opening:
        raise SourceError(1, "expected the file to start with a '---' line opening the front matter")
    closing = _BOUNDARY.search(text, opening.end())
    if not closing:
        raise SourceError(1, "the front matter opened on line 1 has no closing '---' line")
    front_line = text.count("\n", 0, opening.end()) + 1
    body_start = text.find("\n", closing.start())
    body_start = len(text) if body_start < 0 else body_start + 1
    body_line = text.count("\n", 0, body_start) + 1
    return text[opening.end() : closing.start()], front_line, text[body_start:], body_line


def read_document(root: Path, file: Path, kind: str, problems: Problems) -> Document | None:
    """Parse one content file; record a located problem and return None when it cannot be read."""
    return parse_document(file.relative_to(root).as_posix(), kind, file.stem, file.read_bytes(), problems)


def parse_document(shown: str, kind: str, slug: str, data: bytes, problems: Problems) -> Document | None:
    """Parse a content file's bytes (also used to check an edit before it is written)."""
    try:
        text = decode(data)
        front, front_line, body, body_line = split_front_matter(text)
        data, lines, raw = parse_yaml(front, front_line)
    except SourceError as error:
        problems.error(shown, error.line, "", error.message)
        return None
    if not isinstance(data, dict):
        problems.error(shown, lines[()], "", "the front matter must be a mapping of fields such as 'title: ...'")
        return None
    if not SLUG.fullmatch(slug):
        problems.error(
            shown, 1, "", f"the file name '{slug}' must be a slug of lower-case letters, digits and '-', "
            "such as 2026-11-26-api-errors.md"
        )
        return None
    return Document(shown, kind, slug, data, lines, raw, body.translate(BIDI_CONTROLS).strip("\n"), body_line)


def read_config_document(root: Path, file: Path, problems: Problems) -> Document | None:
    """Parse site.yml as a Document of kind 'config'."""
    shown = file.relative_to(root).as_posix()
    if not file.is_file():
        problems.error(shown, 0, "", "site.yml is missing; every site needs one (see `sitegen init`)")
        return None
    try:
        text = decode(file.read_bytes())
        if not text.strip():
            raise SourceError(1, "the file is empty; expected the site configuration (title, base_url, components)")
        data, lines, raw = parse_yaml(text, 1)
    except SourceError as error:
        problems.error(shown, error.line, "", error.message)
        return None
    if not isinstance(data, dict):
        problems.error(shown, lines[()], "", "site.yml must be a mapping of settings such as 'title: ...'")
        return None
    return Document(shown, "config", "site", data, lines, raw)


def content_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every (kind, file) under content/, sorted so that builds are deterministic."""
    for kind, folder in KINDS.items():
        base = root / "content" / folder
        if not base.is_dir():
            continue
        for file in sorted(base.rglob("*.md")):
            if not any(part.startswith(".") for part in file.relative_to(base).parts):
                yield kind, file


def read_documents(root: Path, problems: Problems) -> list[Document]:
    """Read every content file of the site at `root`."""
    if not (root / "content" / "incidents").is_dir():
        problems.error("content/incidents", 0, "", "the folder is missing; create it (it may be empty)")
    documents = []
    for kind, file in content_files(root):
        document = read_document(root, file, kind, problems)
        if document is not None:
            documents.append(document)
    return documents
