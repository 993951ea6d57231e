"""The zone an import reads times without an offset in, and the sentence that says which one it used."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.importers.records import Notes

_ALIASES = {"Etc/UTC": "UTC", "Etc/GMT": "UTC", "GMT": "UTC", "Z": "UTC"}


def source_zone(chosen: str | None, configured: object, where: str, notes: Notes) -> ZoneInfo:
    """--timezone if given, else the source's own setting, else UTC; `notes.zone` says which and why."""
    for name, reason in ((chosen, "--timezone"), (configured, where)):
        if isinstance(name, str) and name.strip():
            try:
                zone = ZoneInfo(_ALIASES.get(name.strip(), name.strip()))
            except (ZoneInfoNotFoundError, ValueError):
                notes.warnings.append(f"{reason}: warning: '{name}' is not an IANA time zone name; ignored")
                continue
            notes.zone = f"{zone} (from {reason})"
            return zone
    notes.zone = f"UTC ({where} is not set)"
    return ZoneInfo("UTC")
