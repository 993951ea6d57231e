"""Typed readers over a Document: each checks one field and records a located problem instead of raising."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from enum import Enum
from typing import Any, Iterator, TypeVar

from sitegen.errors import FieldPath, Problems, did_you_mean
from sitegen.field_table import Field, Kind, Table
from sitegen.source import BIDI_CONTROLS, Document

E = TypeVar("E", bound=Enum)
MISSING: Any = object()
IDENTIFIER = re.compile(r"[a-z0-9-]+")
_DURATION = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_DURATION = timedelta(days=366)
FIRST_YEAR, LAST_YEAR = 1970, 9999


class RangeError(ValueError):
    """A well-formed time or duration outside what a status page can mean; the message says which range."""


def parse_duration(text: str) -> timedelta | None:
    """`90s`, `20m`, `2h`, `1d` as a timedelta, or None when the text is not such a duration.

    Raises RangeError beyond a year: no promise on a status page reaches further.
    """
    match = _DURATION.fullmatch(text.strip())
    if not match:
        return None
    digits, unit = match.groups()
    if len(digits) > 12 or int(digits) * _SECONDS[unit] > MAX_DURATION.total_seconds():
        raise RangeError(f"'{text.strip()}' is longer than a year; give at most 366d")
    return timedelta(**{_UNITS[unit]: int(digits)})


def parse_timestamp(text: str, zone: tzinfo) -> datetime | None:
    """An ISO 8601 time (or date) as an aware UTC datetime; naive ones are read in `zone`.

    Always UTC, because Python subtracts two times in the same zone by wall clock, ignoring DST.
    Raises RangeError outside the years 1970 to 9999 (in UTC).
    """
    text = text.strip()
    if len(text) > 40:
        return None
    candidate = text[:-1] + "+00:00" if text[-1:] in "Zz" else text
    candidate = re.sub(r"^(\d{4}-\d\d-\d\d)[ tT]", r"\1T", candidate)
    try:
        value = datetime.fromisoformat(candidate)
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(candidate), datetime.min.time())
        except ValueError:
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    try:
        value = value.astimezone(timezone.utc)
    except OverflowError:
        value = None
    if value is None or not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise RangeError(f"'{text}' is outside the years {FIRST_YEAR} to {LAST_YEAR} (in UTC)")
    return value


class Reader:
    """Reads the fields of one document; every problem is recorded with the document's path and the field's line."""

    def __init__(self, document: Document, problems: Problems, zone: tzinfo = timezone.utc) -> None:
        self.document = document
        self.problems = problems
        self.zone = zone

    # -- navigation and reporting ---------------------------------------------------------------
    def value(self, path: FieldPath) -> Any:
        node: Any = self.document.data
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    return MISSING
            elif not isinstance(node, dict) or part not in node:
                return MISSING
            node = node[part]
        return node

    def error(self, path: FieldPath, message: str) -> None:
        self.problems.error(self.document.path, self.document.line_of(path), path, message)

    def line(self, path: FieldPath) -> int:
        return self.document.line_of(path)

    def _present(self, path: FieldPath, required: bool) -> Any:
        value = self.value(path)
        if value is MISSING or value is None:
            if required:
                self.error(path, "is required but missing" if value is MISSING else "is empty; give it a value")
            return MISSING
        return value

    # -- structure -----------------------------------------------------------------------------
    def mapping(self, path: FieldPath, table: Table) -> bool:
        """Check that `path`, when given, is a mapping with only `table`'s keys; each field's reader checks the rest."""
        value = self.value(path)
        if not isinstance(value, dict):
            if value is not MISSING:
                self.error(path, f"expected {table.expected}, got {_describe(value)}")
            return False
        allowed = table.names
        for key in value:
            if key not in allowed:
                hint = did_you_mean(key, allowed, "expected one of " + ", ".join(allowed))
                self.error(path + (key,), f"unknown field '{key}'; {hint}")
        return True

    def records(self, container: FieldPath, field: Field) -> Iterator[FieldPath]:
        """The paths of a RECORDS field's items that are mappings with only its table's keys (a timeline's entries)."""
        path = container + (field.name,)
        for index in range(len(self.items(path, field.required, non_empty=field.required))):
            if self.mapping(path + (index,), field.table):
                yield path + (index,)

    def items(self, path: FieldPath, required: bool = False, non_empty: bool = False) -> list[Any]:
        value = self._present(path, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.error(path, f"expected a list, got {_describe(value)}")
            return []
        if non_empty and not value:
            self.error(path, "needs at least one entry")
        return value

    # -- a declared field ----------------------------------------------------------------------
    def field(self, container: FieldPath, field: Field) -> Any:
        """The value of `container.field`, read as its kind says, or None (or []) when it is missing or wrong.

        Kinds that need more than the field itself (a base time, the known component ids, a nested table)
        have readers of their own, called by the loader's code.
        """
        read = _READ_BY_KIND.get(field.kind)
        if read is None:
            raise TypeError(f"a {field.kind.value} field ({field.name}) is read by the loader's own code")
        path = container + (field.name,)
        value = read(self, path, field)
        if field.pattern and isinstance(value, str) and not re.search(field.pattern, value):
            self.error(path, field.refusal.format(value))
            return None
        return value

    def fields(self, container: FieldPath, table: Table, *names: str) -> tuple[Any, ...]:
        """Several of a table's fields, each read as `field` reads it."""
        return tuple([self.field(container, table[name]) for name in names])

    # -- scalars -------------------------------------------------------------------------------
    def text(self, path: FieldPath, required: bool = False, one_line: bool = False) -> str | None:
        """Text, with bidi controls dropped; `one_line` refuses line breaks (titles, names)."""
        value = self._present(path, required)
        if value is MISSING:
            return None
        if isinstance(value, (dict, list)):
            self.error(path, f"expected text, got {_describe(value)}")
            return None
        if not isinstance(value, str):
            value = self.document.raw_text(path) or str(value)
        value = value.translate(BIDI_CONTROLS).strip()
        if required and not value:
            self.error(path, "must not be empty")
            return None
        if one_line and "\n" in value:
            self.error(path, "must be one line; remove the line break (a `|` block or \\n in quotes makes one)")
            return None
        return value

    def identifier(self, path: FieldPath, required: bool = False) -> str | None:
        value = self.text(path, required)
        if value is not None and not IDENTIFIER.fullmatch(value):
            self.error(path, f"'{value}' must be lower-case letters, digits and '-'")
            return None
        return value

    def choice(self, path: FieldPath, kind: type[E], required: bool = False) -> E | None:
        value = self.text(path, required)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            choices = [member.value for member in kind]
            hint = did_you_mean(value, choices, "")
            self.error(path, f"'{value}' is not one of {', '.join(choices)}" + (f"; {hint}" if hint else ""))
            return None

    def timestamp(self, path: FieldPath, required: bool = False) -> datetime | None:
        value = self.text(path, required)
        if value is None:
            return None
        try:
            parsed = parse_timestamp(value, self.zone)
        except RangeError as error:
            self.error(path, str(error))
            return None
        if parsed is None:
            self.error(path, f"'{value}' is not an ISO 8601 time such as 2026-11-26T14:02:00Z")
        return parsed

    def duration(self, path: FieldPath, required: bool = False) -> timedelta | None:
        value = self.text(path, required)
        if value is None:
            return None
        try:
            parsed = parse_duration(value)
        except RangeError as error:
            self.error(path, str(error))
            return None
        if parsed is None:
            self.error(path, f"'{value}' is not a duration such as 90s, 20m, 2h or 1d")
        return parsed

    def time_or_duration_after(self, path: FieldPath, base: datetime | None) -> datetime | None:
        """A timestamp, or a duration counted from `base` (as `next_update: 20m`)."""
        value = self.text(path)
        if value is None:
            return None
        try:
            delta = parse_duration(value)
            if delta is not None:
                return None if base is None else base + delta
            parsed = parse_timestamp(value, self.zone)
        except (RangeError, OverflowError) as error:
            self.error(path, str(error) if isinstance(error, RangeError) else f"'{value}' ends after the year 9999")
            return None
        if parsed is None:
            self.error(path, f"'{value}' is neither a time such as 2026-11-26T14:30:00Z nor a duration such as 20m")
        return parsed

    def number(self, path: FieldPath, low: float, high: float, required: bool = False) -> float | None:
        value = self._present(path, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            self.error(path, f"expected a number from {low:g} to {high:g}, got {_describe(value)}")
            return None
        return float(value)

    def integer(self, path: FieldPath, low: int, high: int, required: bool = False) -> int | None:
        value = self._present(path, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(path, f"expected a whole number from {low} to {high}, got {_describe(value)}")
            return None
        return value

    def boolean(self, path: FieldPath, required: bool = False) -> bool | None:
        value = self._present(path, required)
        if value is MISSING:
            return None
        if not isinstance(value, bool):
            self.error(path, f"expected true or false, got {_describe(value)}")
            return None
        return value

    def identifier_list(self, path: FieldPath, required: bool = False) -> list[str]:
        value = self._present(path, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.error(path, f"expected a list of ids such as [api, web], got {_describe(value)}")
            return []
        if required and not value:
            self.error(path, "needs at least one entry")
        ids = [self.identifier(path + (index,), required=True) for index in range(len(value))]
        return [i for i in ids if i is not None]

    def text_list(self, path: FieldPath, required: bool = False) -> list[str]:
        items = self.items(path, required, non_empty=required)
        texts = [self.text(path + (index,), required=True) for index in range(len(items))]
        return [t for t in texts if t is not None]


# How `Reader.field` reads each kind of plain field, (reader, path, field) -> value. A dict, not a `match`: the
# loader reads about 20 fields per incident, and trying the kinds in turn cost ~0.1 s per 10,000 incidents.
_READ_BY_KIND = {
    Kind.TEXT: lambda read, path, field: read.text(path, field.required),
    Kind.MARKDOWN: lambda read, path, field: read.text(path, field.required),
    Kind.ONE_LINE_TEXT: lambda read, path, field: read.text(path, field.required, one_line=True),
    Kind.IDENTIFIER: lambda read, path, field: read.identifier(path, field.required),
    Kind.CHOICE: lambda read, path, field: read.choice(path, field.choices, field.required),
    Kind.TIMESTAMP: lambda read, path, field: read.timestamp(path, field.required),
    Kind.DURATION: lambda read, path, field: read.duration(path, field.required),
    Kind.NUMBER: lambda read, path, field: read.number(path, *field.bounds, required=field.required),
    Kind.INTEGER: lambda read, path, field: read.integer(path, *field.bounds, required=field.required),
    Kind.BOOLEAN: lambda read, path, field: read.boolean(path, field.required),
    Kind.ID_LIST: lambda read, path, field: read.identifier_list(path, field.required),
    Kind.TEXT_LIST: lambda read, path, field: read.text_list(path, field.required),
}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"'{value}'"
