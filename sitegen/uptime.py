"""Minute accounting: downtime per component per day in the site timezone, and uptime against the SLA."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Iterable

from sitegen.model import ComponentStatus, Incident, Site
from sitegen.status import Segment, incident_end, incident_segments, incident_start

# How much of a minute at each status counts as down (the rest counts as up).
DOWN_WEIGHT = {ComponentStatus.MAJOR_OUTAGE: 1.0, ComponentStatus.PARTIAL_OUTAGE: 0.3}
# Float sums of seconds, and targets such as 99.9 that binary cannot hold exactly, differ from the exact minutes by
# far less than this: a month exactly at its allowance is met, not breached.
MINUTE_NOISE = 1e-6


def midnight(day: date, zone: tzinfo) -> datetime:
    """The start of a local day, in UTC: arithmetic between two times in one zone ignores DST changes."""
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(timezone.utc)


def day_minutes(day: date, zone: tzinfo, now: datetime) -> float:
    """Minutes of `day` in the site timezone that have passed by `now` (23 or 25 on a DST change)."""
    start, end = midnight(day, zone), midnight(day + timedelta(days=1), zone)
    return max(0.0, (min(end, now) - start).total_seconds() / 60)


@dataclass(frozen=True)
class Downtime:
    """Downtime minutes per component per local day; days without downtime are absent."""

    by_day: dict[str, dict[date, float]]
    zone: tzinfo
    now: datetime

    def day(self, component: str, day: date) -> float:
        return self.by_day.get(component, {}).get(day, 0.0)

    def uptime(self, component: str, days: Iterable[date]) -> float:
        """Uptime percent over `days` (the current day counts up to now)."""
        total = down = 0.0
        for day in days:
            total += day_minutes(day, self.zone, self.now)
            down += self.day(component, day)
        return 100.0 if total == 0 else max(0.0, 100.0 * (1 - down / total))

    def month(self, component: str, year: int, month: int) -> float:
        """Uptime percent of the month so far."""
        return self.uptime(component, month_days(year, month))

    def sla_month(self, component: str, sla: float, year: int, month: int) -> SlaMonth:
        """The month against its SLA: decided by minutes, against the allowance of the whole calendar month."""
        days = month_days(year, month)
        start, end = midnight(days[0], self.zone), midnight(days[-1] + timedelta(days=1), self.zone)
        down = sum(self.day(component, day) for day in days)
        allowed = (100 - sla) / 100 * (end - start).total_seconds() / 60
        if down > allowed + MINUTE_NOISE:
            state = SlaState.BREACHED
        elif self.now >= end:
            state = SlaState.MET
        else:
            state = SlaState.ON_TRACK
        return SlaMonth(state, down, allowed, self.month(component, year, month))


class SlaState(Enum):
    MET = "met"
    BREACHED = "breached"
    ON_TRACK = "on_track"  # not decided: the month is still running and within its allowance


@dataclass(frozen=True)
class SlaMonth:
    state: SlaState
    down: float  # weighted minutes counted so far
    allowed: float  # minutes of downtime the whole calendar month allows
    uptime: float  # percent of the month so far


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    """Every (year, month) from the month of `first` to the month of `last`, both included."""
    start, stop = first.year * 12 + first.month - 1, last.year * 12 + last.month
    return [(index // 12, index % 12 + 1) for index in range(start, stop)]


def month_days(year: int, month: int) -> list[date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return [first + timedelta(days=n) for n in range((following - first).days)]


def downtime(site: Site, now: datetime) -> Downtime:
    """Account every published incident's segments, counting the worst status of each minute once."""
    zone = site.config.timezone
    by_component: dict[str, list[Segment]] = defaultdict(list)
    for incident in site.incidents:
        for segment in incident_segments(incident, now):
            if segment.status in DOWN_WEIGHT:
                by_component[segment.component].append(segment)
    by_day = {component: _per_day(segments, zone) for component, segments in by_component.items()}
    return Downtime(by_day, zone, now)


def _per_day(segments: list[Segment], zone: tzinfo) -> dict[date, float]:
    """Sweep over segment boundaries; each stretch counts at the worst status active in it."""
    boundaries: list[tuple[datetime, int, float]] = []
    for segment in segments:
        weight = DOWN_WEIGHT[segment.status]
        boundaries.append((segment.start, 1, weight))
        boundaries.append((segment.end, -1, weight))
    boundaries.sort(key=lambda b: b[0])
    active: dict[float, int] = defaultdict(int)
    days: dict[date, float] = defaultdict(float)
    previous: datetime | None = None
    for at, change, weight in boundaries:
        if previous is not None and at > previous:
            current = max((w for w, count in active.items() if count > 0), default=0.0)
            if current:
                _spread(previous, at, current, zone, days)
        active[weight] += change
        previous = at
    return dict(days)


def _spread(start: datetime, end: datetime, weight: float, zone: tzinfo, days: dict[date, float]) -> None:
    """Add weighted minutes from start to end to each local day they fall on."""
    while start < end:
        day = start.astimezone(zone).date()
        day_end = min(end, midnight(day + timedelta(days=1), zone))
        days[day] += weight * (day_end - start).total_seconds() / 60
        start = day_end


def incident_days(incident: Incident, now: datetime, zone: tzinfo) -> list[date]:
    """The local days on which the incident was open (an end at midnight does not touch the next day)."""
    start, end = incident_start(incident), incident_end(incident) or now
    first = start.astimezone(zone).date()
    last = max(start, end - timedelta(microseconds=1)).astimezone(zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
