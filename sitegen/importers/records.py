"""What every importer reads a source into: plain records in sitegen's terms, plus the notes of the import."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sitegen.model import Component, ComponentStatus, Impact, MaintenanceUpdate, TimelineEntry
from sitegen.urls import slug


class ImportFailure(Exception):
    """The import cannot give a site that passes `sitegen check`; nothing was written."""


@dataclass(frozen=True)
class Origin:
    """Where in the source a record was read, for `path:line: warning:` notes."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class ImportedPostmortem:
    title: str
    published_at: datetime
    body: str


@dataclass(frozen=True)
class ImportedIncident:
    key: str  # names the source record for good: a re-import finds the file it wrote by this key
    title: str
    impact: Impact
    components: dict[str, ComponentStatus]
    timeline: tuple[TimelineEntry, ...]
    origin: Origin
    started_at: datetime | None = None
    body: str = ""
    atom_id: str | None = None
    postmortem: ImportedPostmortem | None = None


@dataclass(frozen=True)
class ImportedMaintenance:
    key: str
    title: str
    components: tuple[str, ...]
    start: datetime
    end: datetime
    timeline: tuple[MaintenanceUpdate, ...]
    origin: Origin
    body: str = ""


@dataclass
class Notes:
    """What the import could not map, which labels it mapped by their words, and which zone it read times in."""

    warnings: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    zone: str = ""

    def warn(self, origin: Origin, message: str) -> None:
        self.warnings.append(f"{origin}: warning: {message}")

    def label(self, origin: Origin, label: str, status: str) -> None:
        self.labels.append(f"{origin}: label '{label}' kept in the message, mapped to {status}")


@dataclass(frozen=True)
class ImportedSite:
    title: str
    base_url: str
    components: tuple[Component, ...]
    incidents: tuple[ImportedIncident, ...]
    maintenances: tuple[ImportedMaintenance, ...]
    timezone: str = "UTC"
    description: str = ""
    language: str = "en"


def unique_ids(names: list[str]) -> list[str]:
    """One id per name, numbered where two names make the same id."""
    ids: list[str] = []
    for name in names:
        base = candidate = slug(name, "component")
        number = 1
        while candidate in ids:
            number += 1
            candidate = f"{base}-{number}"
        ids.append(candidate)
    return ids
