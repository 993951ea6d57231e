"""Words and symbols for statuses, and how times and durations are written on pages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timedelta, timezone, tzinfo

from sitegen.model import ComponentStatus, Impact, IncidentStatus, MaintenancePhase
from sitegen.uptime import SlaMonth, SlaState

COMPONENT_STATUS = {
    ComponentStatus.OPERATIONAL: "Operational",
    ComponentStatus.UNDER_MAINTENANCE: "Under maintenance",
    ComponentStatus.DEGRADED_PERFORMANCE: "Degraded performance",
    ComponentStatus.PARTIAL_OUTAGE: "Partial outage",
    ComponentStatus.MAJOR_OUTAGE: "Major outage",
}
# Shapes differ as well as colours, so that status never depends on colour alone.
COMPONENT_ICON = {
    ComponentStatus.OPERATIONAL: "✓",
    ComponentStatus.UNDER_MAINTENANCE: "◇",
    ComponentStatus.DEGRADED_PERFORMANCE: "▲",
    ComponentStatus.PARTIAL_OUTAGE: "◆",
    ComponentStatus.MAJOR_OUTAGE: "✖",
}
# 16x16 icons: a green disc with a tick, a blue disc with a hollow diamond, an amber triangle, an orange
# diamond, a red disc with a cross; the mark inside each is white or dark for contrast.
FAVICON_SHAPES = {
    ComponentStatus.OPERATIONAL:
        '<circle cx="8" cy="8" r="7.5" fill="#1a7f37"/><path d="M4.3 8.3l2.4 2.4 5-5" fill="none" stroke="#fff" stroke-width="2"/>',
    ComponentStatus.UNDER_MAINTENANCE:
        '<circle cx="8" cy="8" r="7.5" fill="#0550ae"/><path d="M8 3.8L12.2 8 8 12.2 3.8 8z" fill="none" stroke="#fff" stroke-width="1.8"/>',
    ComponentStatus.DEGRADED_PERFORMANCE:
        '<path d="M8 .6l7.6 14.4H.4z" fill="#d4a72c"/><path d="M8 5.5v4.6M8 11.6v1.6" stroke="#1f2328" stroke-width="1.9"/>',
    ComponentStatus.PARTIAL_OUTAGE:
        '<path d="M8 .3L15.7 8 8 15.7.3 8z" fill="#c4511b"/><path d="M8 4.3v4.8M8 10.6v1.6" stroke="#fff" stroke-width="1.9"/>',
    ComponentStatus.MAJOR_OUTAGE:
        '<circle cx="8" cy="8" r="7.5" fill="#b3261e"/><path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="2.2"/>',
}




def favicon_svg(status: ComponentStatus) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">{FAVICON_SHAPES[status]}</svg>\n'


INCIDENT_STATUS = {
    IncidentStatus.INVESTIGATING: "Investigating",
    IncidentStatus.IDENTIFIED: "Identified",
    IncidentStatus.MONITORING: "Monitoring",
    IncidentStatus.RESOLVED: "Resolved",
}
IMPACT = {Impact.NONE: "No impact", Impact.MINOR: "Minor", Impact.MAJOR: "Major", Impact.CRITICAL: "Critical"}
PHASE = {
    MaintenancePhase.SCHEDULED: "Scheduled",
    MaintenancePhase.IN_PROGRESS: "In progress",
    MaintenancePhase.VERIFYING: "Verifying",
    MaintenancePhase.COMPLETED: "Completed",
    MaintenancePhase.CANCELLED: "Cancelled",
}

SLA_STATE = {SlaState.MET: "Met", SlaState.BREACHED: "Breached", SlaState.ON_TRACK: "On track"}


@dataclass(frozen=True)
class StatusLabel:
    """A status as a page shows it: css key, words and a symbol."""

    key: str
    text: str
    icon: str = ""


def component_status(status: ComponentStatus) -> StatusLabel:
    return StatusLabel(status.value, COMPONENT_STATUS[status], COMPONENT_ICON[status])


def incident_status(status: IncidentStatus) -> StatusLabel:
    return StatusLabel(status.value, INCIDENT_STATUS[status])


def impact(level: Impact) -> StatusLabel:
    return StatusLabel(level.value, IMPACT[level])


def phase(value: MaintenancePhase) -> StatusLabel:
    return StatusLabel(value.value, PHASE[value])


NO_TARGET = StatusLabel("none", "No target")
DEFAULT_GROUP = "Other components"  # on a compact home page, the group of components that have none


def sla_state(state: SlaState) -> StatusLabel:
    return StatusLabel(state.value, SLA_STATE[state])


def allowance_text(month: SlaMonth) -> str:
    """`27 of 216 min allowed`, `43.3 of 43.2 min allowed`: to a tenth of a minute, so the side of the line shows."""
    return f"{_minutes(month.down)} of {_minutes(month.allowed)} min allowed"


def _minutes(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class TimeView:
    """A time as `<time datetime=iso>text</time>`: the text is in the site timezone and names the zone."""

    iso: str
    text: str


def zone_name(at: datetime) -> str:
    name = at.tzname() or "UTC"
    return f"UTC{name}" if name[:1] in "+-" else name


def iso_utc(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=65536)
def time_view(at: datetime, zone: tzinfo) -> TimeView:
    local = at.astimezone(zone)
    return TimeView(iso_utc(at), f"{local.day} {local:%b %Y}, {local:%H:%M} {zone_name(local)}")


def day_text(day) -> str:
    return f"{day.day} {day:%b %Y}"


def duration_text(length: timedelta) -> str:
    """`1 h 12 min`, `45 min`, `2 d 3 h`: rounded to the minute, largest units first."""
    minutes = max(0, round(length.total_seconds() / 60))
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def exact_duration_text(length: timedelta) -> str:
    """`5 min 19 s`, `1 h 2 min`, `2 d 3 h 5 min`: to the second, for measured gaps a reader checks against a limit."""
    rest = max(0, round(length.total_seconds()))
    parts = []
    for unit, seconds in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        count, rest = divmod(rest, seconds)
        if count:
            parts.append(f"{count} {unit}")
    return " ".join(parts) or "0 s"


def minutes_text(minutes: float) -> str:
    """Downtime in the words every duration uses (`40 min`, `1 h 5 min`); `under 1 min` rather than `0 min`."""
    if 0 < minutes < 0.5:
        return "under 1 min"
    return duration_text(timedelta(minutes=minutes))


def operational_count_text(operational: int, members: int) -> str:
    noun = "component" if operational == 1 else "components"
    if operational == members:
        return f"All {members} {noun} operational" if members > 1 else f"1 {noun} operational"
    return f"{operational} other {noun} operational"


def more_text(count: int) -> str:
    return f"and {count} more"


def more_in_history_text(count: int) -> str:
    return f"and {count} more on this day in the history"


def more_open_text(count: int) -> str:
    return f"{count} more open incident{'s' if count != 1 else ''}, started earlier"


def group_day_text(day, hit: int, members: int, longest: float) -> str:
    if not hit:
        return f"{day_text(day)}: no downtime"
    return f"{day_text(day)}: {hit} of {members} components with downtime, the longest {minutes_text(longest)}"


def group_uptime_summary(percent: str) -> str:
    return f"{percent} average uptime"


def percent_text(value: float) -> str:
    """Two decimals, but never rounding a miss up to 100.00%."""
    text = f"{value:.2f}"
    if text == "100.00" and value < 100:
        text = "99.99"
    return f"{text}%"
