"""Resolve "now" for commands that depend on time: --now, else SOURCE_DATE_EPOCH, else the clock."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Mapping


class ClockError(ValueError):
    """--now or SOURCE_DATE_EPOCH cannot be read as an instant."""


def parse_instant(text: str) -> datetime:
    """Read an ISO 8601 instant; a naive one is taken as UTC (the site timezone is not known here)."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ClockError(f"'{text}' is not an ISO 8601 time such as 2026-11-26T12:00:00Z") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise ClockError(f"'{text}' is outside the years 1 to 9999") from None


def resolve_now(option: str | None, environ: Mapping[str, str] | None = None) -> datetime:
    """The instant a command works at, always timezone-aware UTC, truncated to whole seconds."""
    environ = os.environ if environ is None else environ
    if option:
        now = parse_instant(option)
    elif environ.get("SOURCE_DATE_EPOCH"):
        epoch = environ["SOURCE_DATE_EPOCH"]
        try:
            now = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ClockError(f"SOURCE_DATE_EPOCH '{epoch}' is not a whole number of seconds") from None
    else:
        now = datetime.now(timezone.utc)
    return now.replace(microsecond=0)
