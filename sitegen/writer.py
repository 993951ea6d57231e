"""Front matter text from field values, each in its field's YAML form, so that what is written reads back as is.

Times are written as UTC instants; text is a literal block when it has several lines and reads back the same,
else a double-quoted scalar (JSON strings are valid YAML); ids, choices and numbers are plain.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Iterable

import yaml

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


def _scalar(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return yaml_time(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return yaml_text(str(value))


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


def _plain_list(values: list) -> bool:
    return all(isinstance(v, (str, Enum)) and not isinstance(v, Comment) and _is_plain(str(getattr(v, "value", v)))
               for v in values)


def _is_plain(text: str) -> bool:
    return bool(text) and all(c.isascii() and (c.isalnum() or c in "-_") for c in text) and not text[0] == "-"


def field_lines(key: str, value: Any, indent: str = "") -> list[str]:
    """One field as YAML lines at `indent`; None values are left out by the caller."""
    if isinstance(value, Comment):
        return [f"{indent}# {value}"]
    if isinstance(value, dict):
        if not value:
            return [f"{indent}{key}: {{}}"]
        lines = [f"{indent}{key}:"]
        for name, item in value.items():
            lines += field_lines(name, item, indent + INDENT)
        return lines
    if isinstance(value, (list, tuple)):
        values = list(value)
        if not values or _plain_list(values):
            return [f"{indent}{key}: [{', '.join(str(getattr(v, 'value', v)) for v in values)}]"]
        lines = [f"{indent}{key}:"]
        for item in values:
            lines += _item_lines(item, indent + INDENT)
        return lines
    if isinstance(value, str) and not isinstance(value, Enum):
        literal = _literal(key, value, indent)
        if literal:
            return literal
        if _is_plain(value) and key in PLAIN_FIELDS:
            return [f"{indent}{key}: {value}"]
    return [f"{indent}{key}: {_scalar(value)}"]


def _item_lines(item: Any, indent: str) -> list[str]:
    """A sequence item: a mapping's first field shares the line of its `- `."""
    if isinstance(item, Comment):
        return [f"{indent}# {item}"]
    if not isinstance(item, dict):
        return [f"{indent}- {_scalar(item)}"]
    lines: list[str] = []
    for name, value in ((k, v) for k, v in item.items() if v is not None):
        field = field_lines(name, value, indent + INDENT)
        if not lines:
            field[0] = f"{indent}- " + field[0][len(indent) + len(INDENT):]
        lines += field
    return lines


def sequence_item(fields: dict[str, Any], dash: int, column: int) -> list[str]:
    """A mapping as one item of a block list whose `-` is at `dash` and whose keys are at `column`, as in the
    file it joins (`update` and `import` append to lists written by hand)."""
    lines = [line for key, value in fields.items() if value is not None
             for line in field_lines(key, value, " " * column)]
    lines[0] = " " * dash + "-" + lines[0][dash + 1:]
    return lines


# Fields whose values are ids or names of choices: written plain, as an author would.
PLAIN_FIELDS = frozenset({"incident", "postmortem", "id", "theme", "language", "next_update"})


def yaml_document(fields: dict[str, Any], comments: Iterable[str] = ()) -> str:
    """Comment lines, then the fields that are set, one per line or block."""
    lines = [f"# {comment}" for comment in comments]
    for key, value in fields.items():
        if value is not None:
            lines += field_lines(key, value)
    return "\n".join(lines) + "\n"


def front_matter(fields: dict[str, Any], comments: Iterable[str] = (), body: str = "") -> str:
    """A whole Markdown document: `---`, comment lines, the fields that are set, `---`, then the body."""
    text = "---\n" + yaml_document(fields, comments) + "---\n"
    return text + (body.strip("\n") + "\n" if body.strip() else "")
