"""Front matter text from field values, each in the YAML form of its declared kind (sitegen.field_table), so that
what is written reads back as is.

Times are written as UTC instants; text is a literal block when it has several lines and reads back the same,
else a double-quoted scalar (JSON strings are valid YAML); ids, choices, durations and numbers are plain.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Iterable

import yaml

from sitegen.field_table import Field, Kind, Table

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
INDENT = "  "


# What JSON leaves raw but YAML will not read back as itself inside quotes: characters YAML does not allow in a
# file, and its line breaks beyond \n (NEL, LS, PS), which it folds into spaces. They are escaped.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (a JSON string, which YAML reads the same), safe for any text."""
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def yaml_time(at: datetime) -> str:
    """An instant in UTC, with its fraction of a second only when it has one."""
    utc = at.astimezone(timezone.utc)
    if utc.microsecond:
        return utc.strftime("%Y-%m-%dT%H:%M:%S.%f").rstrip("0") + "Z"
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


class Comment(str):
    """A `# ...` line in place of a field or list item: guidance for the person who edits the file next."""


# What YAML reads as something other than a string when it is written plain: numbers, true, null, dates.
_RESOLVER = yaml.resolver.Resolver()


def _is_plain(text: str) -> bool:
    return (bool(text) and all(c.isascii() and (c.isalnum() or c in "-_") for c in text) and not text[0] == "-"
            and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")


def _plain(value: str | Enum) -> str:
    """An id, a choice or a duration as an author writes it, quoted only where YAML would read it otherwise."""
    text = str(getattr(value, "value", value))
    return text if _is_plain(text) else yaml_text(text)


def _literal(key: str, text: str, indent: str) -> list[str] | None:
    """`key: |-` and the text's lines, when that form reads back as exactly the text."""
    if "\n" not in text or text != text.strip() or "\r" in text:
        return None
    lines = [f"{indent}{key}: |-"] + [f"{indent}{INDENT}{line}" if line else "" for line in text.split("\n")]
    try:
        if yaml.load("\n".join(lines), Loader=_Loader) == {key: text}:
            return lines
    except yaml.YAMLError:
        pass
    return None


def _scalar(field: Field, value: Any) -> str:
    match field.kind:
        case Kind.IDENTIFIER | Kind.CHOICE | Kind.DURATION:
            return _plain(value)
        case Kind.TIMESTAMP:
            return yaml_time(value)
        case Kind.TIME_OR_DURATION:
            return yaml_time(value) if isinstance(value, datetime) else _plain(value)
        case Kind.BOOLEAN:
            return "true" if value else "false"
        case Kind.NUMBER | Kind.INTEGER:
            return str(value)
    return yaml_text(str(value))


def field_lines(field: Field, value: Any, indent: str = "") -> list[str]:
    """One field as YAML lines at `indent`, in the form its kind has; None values are left out by the caller."""
    key = field.name
    if isinstance(value, dict):  # a MAPPING's fields, a STATUS_MAP (or COMPONENTS) of id -> status, or MESSAGES
        if not value:
            return [f"{indent}{key}: {{}}"]
        if field.kind is Kind.MESSAGES:
            return [f"{indent}{key}:"] + [
                f"{indent}{INDENT}{yaml_text(message)}: "
                + (yaml_text(text) if isinstance(text, str) else "[" + ", ".join(map(yaml_text, text)) + "]")
                for message, text in value.items()]
        if field.kind is Kind.MAPPING:
            return [f"{indent}{key}:"] + _record_lines(field.table, value, indent + INDENT)
        return [f"{indent}{key}:"] + [f"{indent}{INDENT}{_plain(name)}: {_plain(item)}" for name, item in value.items()]
    if isinstance(value, (list, tuple)):
        values = list(value)
        if field.kind in (Kind.ID_LIST, Kind.COMPONENTS) and not any(isinstance(v, Comment) for v in values):
            return [f"{indent}{key}: [{', '.join(_plain(v) for v in values)}]"]
        if not values:
            return [f"{indent}{key}: []"]
        lines = [f"{indent}{key}:"]
        for item in values:
            lines += _item_lines(field, item, indent + INDENT)
        return lines
    if field.kind in (Kind.TEXT, Kind.ONE_LINE_TEXT, Kind.MARKDOWN):
        literal = _literal(key, value, indent)
        if literal:
            return literal
    return [f"{indent}{key}: {_scalar(field, value)}"]


def _item_lines(field: Field, item: Any, indent: str) -> list[str]:
    """An item of a list field; a record's first field shares the line of its `- `."""
    if isinstance(item, Comment):
        return [f"{indent}# {item}"]
    if field.kind is not Kind.RECORDS:
        return [f"{indent}- {_plain(item) if field.kind is Kind.ID_LIST else yaml_text(str(item))}"]
    lines = _record_lines(field.table, item, indent + INDENT)
    lines[0] = f"{indent}- " + lines[0][len(indent) + len(INDENT):]
    return lines


def _record_lines(table: Table, fields: dict[str, Any], indent: str) -> list[str]:
    """The fields of a mapping that are set, each in its declared form (a Comment's key is only a name for it)."""
    lines: list[str] = []
    for name, value in fields.items():
        if isinstance(value, Comment):
            lines.append(f"{indent}# {value}")
        elif value is not None:
            lines += field_lines(table[name], value, indent)
    return lines


def sequence_item(table: Table, fields: dict[str, Any], dash: int, column: int) -> list[str]:
    """A record of `table` as one item of a block list whose `-` is at `dash` and whose keys are at `column`, as in
    the file it joins (`update` and `import` append to lists written by hand)."""
    lines = _record_lines(table, fields, " " * column)
    lines[0] = " " * dash + "-" + lines[0][dash + 1:]
    return lines


def yaml_document(table: Table, fields: dict[str, Any], comments: Iterable[str] = ()) -> str:
    """Comment lines, then the fields of `table` that are set, one per line or block."""
    return "\n".join([f"# {comment}" for comment in comments] + _record_lines(table, fields, "")) + "\n"


def front_matter(table: Table, fields: dict[str, Any], comments: Iterable[str] = (), body: str = "") -> str:
    """A whole Markdown document: `---`, comment lines, the fields that are set, `---`, then the body."""
    text = "---\n" + yaml_document(table, fields, comments) + "---\n"
    return text + (body.strip("\n") + "\n" if body.strip() else "")
