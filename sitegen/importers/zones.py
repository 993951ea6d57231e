"""The zone an import reads times without an offset in, and the sentence that says which one it used."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.importers.records import ImportFailure, Notes, Origin

_ALIASES = {"Etc/UTC": "UTC", "Etc/GMT": "UTC", "GMT": "UTC", "Z": "UTC"}


def source_zone(chosen: str | None, configured: object, where: str, notes: Notes,
                origin: Origin | None = None) -> ZoneInfo:
    """--timezone if given, else the source's own setting (`where`, written at `origin`), else UTC;
    `notes.zone` says which and why."""
    for name, reason in ((chosen, "--timezone"), (configured, where)):
        if isinstance(name, str) and name.strip():
            try:
                zone = ZoneInfo(_ALIASES.get(name.strip(), name.strip()))
            except (ZoneInfoNotFoundError, ValueError):
                if reason == "--timezone":
                    raise ImportFailure(f"--timezone: '{name}' is not an IANA time zone name such as Europe/Berlin")
                notes.warn(origin or Origin(where), f"'{name}' is not an IANA time zone name; UTC is used")
                continue
            notes.zone = f"{zone} (from {reason})"
            return zone
    notes.zone = f"UTC ({where} is not set)"
    return ZoneInfo("UTC")
