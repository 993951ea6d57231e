"""Find content files, split off their front matter and parse its YAML, keeping the line of every field."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import frontmatter
import yaml

from sitegen.errors import FieldPath, Problems, suggest
from sitegen.sitefiles import site_files

try:  # libyaml makes composing ~10x faster; the pure-Python loader gives the same nodes.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

KINDS = {"incident": "incidents", "maintenance": "maintenance", "postmortem": "postmortems"}
SLUG = re.compile(r"[a-z0-9-]+")
_BOUNDARY = frontmatter.YAMLHandler.FM_BOUNDARY
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_PLAIN_TAGS = {_STR_TAG, _TIMESTAMP_TAG, *(f"tag:yaml.org,2002:{kind}" for kind in ("int", "float", "bool", "null"))}
MAX_FILE = 10_000_000  # bytes of one content file
MAX_FRONT_MATTER = 1_000_000  # characters
MAX_SCALAR = 50_000  # characters of one value
MAX_NUMBER = 40  # characters of a number: more than any field needs, far less than Python's int limit
MAX_DEPTH = 20  # levels of nesting; the contract needs four
MAX_NODES = 100_000
# Control characters other than tab and line feed (CR is already normalised away), in any text of a file.
TEXT_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In front matter also the Unicode line and paragraph separators, which YAML would count as line ends.
FRONT_MATTER_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
VALUE_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
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
    """Parse YAML whose first line is line `first_line` of its file; return data, field lines, raw scalars.

    Safe by construction: no aliases, no tags beyond the plain scalar types, bounded depth and sizes,
    so that no file can make the loader hang, grow without bound or raise anything but a SourceError.
    """
    if len(text) > MAX_FRONT_MATTER:
        raise SourceError(first_line, f"the front matter is {len(text):,} characters; the limit is "
                          f"{MAX_FRONT_MATTER:,}: move long text into the Markdown body")
    refuse_invisible(text, first_line, FRONT_MATTER_REFUSED)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = min(mark.line if mark else 0, text.count("\n"))  # libyaml may point past a last line with no end
        raise SourceError(first_line + line, syntax_message(error.problem or str(error), text, line)) from None
    except yaml.reader.ReaderError as error:  # characters YAML refuses that the check above lets through
        code = ord(error.character) if isinstance(error.character, str) else error.character
        raise SourceError(first_line + text.count("\n", 0, error.position),
                          f"the character U+{code:04X} is not allowed; remove it") from None
    except yaml.YAMLError as error:
        raise SourceError(first_line, f"YAML syntax error: {error}") from None
    lines: dict[FieldPath, int] = {(): first_line}
    raw: dict[FieldPath, str] = {}
    if node is None:
        return None, lines, raw
    lines[()] = first_line + node.start_mark.line
    return _Builder(first_line, lines, raw).construct(node, (), lines[()]), lines, raw


def syntax_message(problem: str, text: str, line: int) -> str:
    """PyYAML's words, plus what to do about the mistakes people make most."""
    source = text.split("\n")[line] if line < text.count("\n") + 1 else ""
    hint = ""
    if source.lstrip().startswith("- "):
        hint = "; a list here needs its field name on the line above, such as `timeline:`"
    elif "mapping values are not allowed" in problem:
        key, _, value = source.strip().partition(": ")
        shown = value if len(value) <= 30 else value[:30] + "…"
        hint = f'; a value that contains ": " must be quoted: `{key}: "{shown}"`' if value else ""
    elif "\t" in source[: len(source) - len(source.lstrip())]:
        hint = "; indent with spaces, not tabs"
    return f"YAML syntax error: {problem}{hint}"


def refuse_invisible(text: str, first_line: int, refused: re.Pattern = TEXT_REFUSED) -> None:
    """Raise a SourceError at the line and column of the first refused character."""
    found = refused.search(text)
    if found:
        start = found.start()
        line = first_line + text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise SourceError(line, f"column {column}: the invisible character {_name(found.group())} is not allowed; "
                          "delete it (retype the text around it if you cannot see it)")


def _name(character: str) -> str:
    return f"U+{ord(character):04X} ({unicodedata.name(character, 'a control character')})"


class _Builder:
    """Turns composed nodes into plain data, refusing what the contract has no use for.

    On the hot path of every build: plain text takes the fewest steps.
    """

    def __init__(self, offset: int, lines: dict, raw: dict) -> None:
        self.offset = offset
        self.lines = lines
        self.raw = raw
        self.seen: set[int] = set()  # every node once: a node met again is an alias

    def construct(self, node: yaml.Node, path: FieldPath, line: int) -> Any:
        seen = self.seen
        if id(node) in seen:
            raise SourceError(line, "an alias (*name) repeats a value written elsewhere; aliases are not "
                              "supported, so write the value out in full")
        seen.add(id(node))
        kind = node.__class__
        if kind is yaml.ScalarNode:
            value = node.value
            if node.style == '"' or len(value) > MAX_SCALAR:
                _check_text(value, line)
            return value if node.tag == _STR_TAG else self._typed(node, path, line)
        if len(path) > MAX_DEPTH or len(seen) > MAX_NODES:
            raise SourceError(line, f"the front matter is nested more than {MAX_DEPTH} levels deep or has more "
                              f"than {MAX_NODES:,} values; sitegen files need far fewer")
        if node.tag != (_MAP_TAG if kind is yaml.MappingNode else _SEQ_TAG):
            raise SourceError(line, f"the tag {_shown_tag(node.tag)} is not supported; remove it")
        lines, offset = self.lines, self.offset
        if kind is yaml.SequenceNode:
            items = []
            for index, item in enumerate(node.value):
                item_line = line if id(item) in seen else offset + item.start_mark.line
                lines[path + (index,)] = item_line
                items.append(self.construct(item, path + (index,), item_line))
            return items
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = offset + key_node.start_mark.line
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag not in _PLAIN_TAGS or id(key_node) in seen:
                raise SourceError(key_line, "a key must be a plain name, written out (no alias, no tag)")
            seen.add(id(key_node))
            # The key's source text, so that `no:` or `2026:` stay the names the author wrote.
            key = key_node.value
            if key_node.style == '"' or len(key) > MAX_SCALAR:
                _check_text(key, key_line)
            if key in result:
                raise SourceError(key_line, f"'{key}' is given twice")
            lines[path + (key,)] = key_line
            result[key] = self.construct(value_node, path + (key,), key_line)
        return result

    def _typed(self, node: yaml.ScalarNode, path: FieldPath, line: int) -> Any:
        """A number, boolean, null or timestamp; any other tag is refused."""
        value = node.value
        if node.tag not in _PLAIN_TAGS:
            raise SourceError(line, f"the tag {_shown_tag(node.tag)} is not supported; remove it, and quote the "
                              "value if it should be text")
        self.raw[path] = value
        if node.tag == _TIMESTAMP_TAG:
            return value  # read later, in the site timezone, by fields.timestamp
        if len(value) > MAX_NUMBER:
            raise SourceError(line, f"a number of {len(value)} characters; quote it if it is text")
        try:
            return _SCALARS.construct_object(node, deep=True)
        except (ValueError, TypeError, yaml.YAMLError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise SourceError(line, f"'{value}' is not a valid {kind}; remove the tag, or quote the value") from None


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _check_text(value: str, line: int) -> None:
    """A value's size, and the characters only an escape can write (the source text was checked already)."""
    if len(value) > MAX_SCALAR:
        raise SourceError(line, f"a value of {len(value):,} characters; the limit is {MAX_SCALAR:,}: "
                          "move long text into the Markdown body")
    found = VALUE_REFUSED.search(value)
    if found:
        raise SourceError(line, f"the value holds the invisible character {_name(found.group())}, written as "
                          "an escape; remove it")


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
    shown = file.relative_to(root).as_posix()
    try:
        data = read_bounded(file)
    except SourceError as error:
        problems.error(shown, error.line, "", error.message)
        return None
    return parse_document(shown, kind, file.stem, data, problems)


def read_bounded(file: Path) -> bytes:
    """A regular file's bytes, up to MAX_FILE; anything else is a SourceError at line 0."""
    try:
        # Non-blocking, so that opening a FIFO returns at once (and is then refused) instead of waiting for a writer.
        with os.fdopen(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise SourceError(0, "is not a regular file; remove it from the site")
            if status.st_size > MAX_FILE:
                raise SourceError(0, f"is larger than {MAX_FILE // 1_000_000} MB; sitegen files are far smaller")
            data = stream.read()
    except OSError as error:
        raise SourceError(0, f"cannot be read: {error.strerror or error}; check its permissions") from None
    return data


def parse_document(shown: str, kind: str, slug: str, data: bytes, problems: Problems) -> Document | None:
    """Parse a content file's bytes (also used to check an edit before it is written)."""
    try:
        text = decode(data)
        front, front_line, body, body_line = split_front_matter(text)
        data, lines, raw = parse_yaml(front, front_line)
        refuse_invisible(body, body_line)
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
    if not file.exists():
        problems.error(shown, 0, "", "site.yml is missing; every site needs one (see `sitegen init`)")
        return None
    try:
        text = decode(read_bounded(file))
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


def content_files(root: Path, problems: Problems) -> Iterator[tuple[str, Path]]:
    """Every (kind, file) under content/, sorted so that builds are deterministic.

    A Markdown file where sitegen does not look (content/incident/, content/x.md, x.MD) is a warning that
    names where it belongs; odd entries (links out of the site, FIFOs) are errors.
    """
    base = root / "content"
    if not base.is_dir():
        return
    kind_of = {folder: kind for kind, folder in KINDS.items()}
    order = {kind: index for index, kind in enumerate(KINDS)}
    found: list[tuple[int, Path, str]] = []
    for file in site_files(root, base, problems, odd_folder_suffix=".md"):
        parts = file.relative_to(base).parts
        shown = file.relative_to(root).as_posix()
        if file.suffix.lower() != ".md" or file.name.lower() == "readme.md":
            continue
        if file.suffix != ".md":
            problems.warning(shown, 0, "unread-file", f"is not read: sitegen reads files ending in '.md'; "
                             f"rename it to {file.stem}.md")
        elif len(parts) > 1 and parts[0] in kind_of:
            kind = kind_of[parts[0]]
            found.append((order[kind], file, kind))
        else:
            folder = suggest(parts[0], KINDS.values()) if len(parts) > 1 else None
            where = f"content/{folder}/" if folder else "the folder of its kind"
            problems.warning(shown, 0, "unread-file", f"is not read: sitegen reads only content/incidents/, "
                             f"content/maintenance/ and content/postmortems/; move it to {where}")
    for _, file, kind in sorted(found):
        yield kind, file


def read_documents(root: Path, problems: Problems) -> list[Document]:
    """Read every content file of the site at `root`."""
    if not (root / "content" / "incidents").is_dir():
        problems.error("content/incidents", 0, "", "the folder is missing; create it (it may be empty)")
    documents = []
    for kind, file in content_files(root, problems):
        document = read_document(root, file, kind, problems)
        if document is not None:
            documents.append(document)
    return documents
