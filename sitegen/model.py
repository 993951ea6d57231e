"""The domain: frozen dataclasses and enums for a status site's content. No I/O, no derived facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Mapping
from zoneinfo import ZoneInfo


class _Ordered(str, Enum):
    """An enum whose declaration order is its severity, from best to worst."""

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)

    def __str__(self) -> str:
        return self.value


class Impact(_Ordered):
    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class ComponentStatus(_Ordered):
    OPERATIONAL = "operational"
    UNDER_MAINTENANCE = "under_maintenance"
    DEGRADED_PERFORMANCE = "degraded_performance"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"


class IncidentStatus(_Ordered):
    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"


class MaintenancePhase(_Ordered):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    VERIFYING = "verifying"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


# The status a component listed without one takes, from the incident's impact.
STATUS_FOR_IMPACT = {
    Impact.NONE: ComponentStatus.DEGRADED_PERFORMANCE,
    Impact.MINOR: ComponentStatus.DEGRADED_PERFORMANCE,
    Impact.MAJOR: ComponentStatus.PARTIAL_OUTAGE,
    Impact.CRITICAL: ComponentStatus.MAJOR_OUTAGE,
}


@dataclass(frozen=True)
class Source:
    """Where something was written, so that findings about it can point there."""

    path: str
    line: int


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    group: str | None = None
    description: str = ""
    sla: float | None = None
    retired: bool = False


@dataclass(frozen=True)
class AuditSettings:
    acknowledge_within: timedelta = timedelta(minutes=5)
    max_update_gap: timedelta = timedelta(minutes=20)
    email_within: timedelta = timedelta(hours=2)
    stale_after: timedelta = timedelta(days=3)
    ignore: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


@dataclass(frozen=True)
class MailingList:
    """A mailing list customers join on its own site (double opt-in and unsubscribe are the list's job)."""

    name: str
    join: str  # the address people go to to join
    post: str  # the list's posting address: notify sends updates there
    unsubscribe: str | None = None  # mailto: or https: for the List-Unsubscribe header
    components: tuple[str, ...] = ()  # the components it is for; () means every component


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str
    components: tuple[Component, ...]
    description: str = ""
    language: str = "en"
    timezone: ZoneInfo = ZoneInfo("UTC")
    uptime_days: int = 90
    theme: str = "default"
    feed_id: str = ""
    feed_entries: int = 100
    cname: str | None = None
    contact: Contact | None = None
    audit: AuditSettings = AuditSettings()
    mailing_lists: tuple[MailingList, ...] = ()
    # message id -> the site's wording; left out of the hash (a dict has none), still compared
    strings: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict, hash=False)
    source: Source = Source("site.yml", 1)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    status: IncidentStatus
    message: str
    next_update: datetime | None = None
    components: Mapping[str, ComponentStatus] = field(default_factory=dict)
    source: Source = Source("", 0)


@dataclass(frozen=True)
class Incident:
    slug: str
    title: str
    impact: Impact
    components: Mapping[str, ComponentStatus]  # status of each component from the start
    timeline: tuple[TimelineEntry, ...]
    started_at: datetime | None = None  # as written; status.incident_start gives the effective start
    cause: str | None = None
    postmortem: str | None = None  # "pending" or a postmortem slug
    email_sent_at: datetime | None = None
    credits: str | None = None
    communicator: str | None = None  # the one person who posts the updates while others fix
    audit_ignore: frozenset[str] = frozenset()
    body: str = ""
    source: Source = Source("", 0)
    atom_id: str | None = None  # the history-feed entry id it had before an import, kept for subscribers


@dataclass(frozen=True)
class MaintenanceUpdate:
    at: datetime
    status: MaintenancePhase
    message: str = ""
    scheduled_start: datetime | None = None  # a reschedule moves the window from this entry on
    scheduled_end: datetime | None = None
    source: Source = Source("", 0)


@dataclass(frozen=True)
class Maintenance:
    slug: str
    title: str
    components: tuple[str, ...]
    scheduled_start: datetime
    scheduled_end: datetime
    timeline: tuple[MaintenanceUpdate, ...] = ()
    body: str = ""
    source: Source = Source("", 0)


@dataclass(frozen=True)
class PostmortemEvent:
    at: datetime
    event: str


@dataclass(frozen=True)
class Postmortem:
    slug: str
    title: str
    incident: str
    published_at: datetime
    timeline: tuple[PostmortemEvent, ...]
    action_items: tuple[str, ...] = ()
    body: str = ""
    source: Source = Source("", 0)
    draft: bool = False  # being written: on no page, in no feed, in no email


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    incidents: tuple[Incident, ...]
    maintenances: tuple[Maintenance, ...]
    postmortems: tuple[Postmortem, ...]

    def component(self, component_id: str) -> Component:
        return next(c for c in self.config.components if c.id == component_id)
