"""Words and symbols for statuses: the English message of each (translated where it is shown) and its icon."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.i18n import N_, Words
from sitegen.model import ComponentStatus, Impact, IncidentStatus, MaintenancePhase
from sitegen.uptime import SlaMonth, SlaState

COMPONENT_STATUS = {
    ComponentStatus.OPERATIONAL: N_("Operational"),
    ComponentStatus.UNDER_MAINTENANCE: N_("Under maintenance"),
    ComponentStatus.DEGRADED_PERFORMANCE: N_("Degraded performance"),
    ComponentStatus.PARTIAL_OUTAGE: N_("Partial outage"),
    ComponentStatus.MAJOR_OUTAGE: N_("Major outage"),
}
# A status inside a sentence ("API (major outage)"): lower case where the language writes it so.
COMPONENT_STATUS_IN_TEXT = {
    ComponentStatus.OPERATIONAL: N_("operational"),
    ComponentStatus.UNDER_MAINTENANCE: N_("under maintenance"),
    ComponentStatus.DEGRADED_PERFORMANCE: N_("degraded performance"),
    ComponentStatus.PARTIAL_OUTAGE: N_("partial outage"),
    ComponentStatus.MAJOR_OUTAGE: N_("major outage"),
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
    IncidentStatus.INVESTIGATING: N_("Investigating"),
    IncidentStatus.IDENTIFIED: N_("Identified"),
    IncidentStatus.MONITORING: N_("Monitoring"),
    IncidentStatus.RESOLVED: N_("Resolved"),
}
IMPACT = {Impact.NONE: N_("No impact"), Impact.MINOR: N_("Minor"), Impact.MAJOR: N_("Major"),
          Impact.CRITICAL: N_("Critical")}
PHASE = {
    MaintenancePhase.SCHEDULED: N_("Scheduled"),
    MaintenancePhase.IN_PROGRESS: N_("In progress"),
    MaintenancePhase.VERIFYING: N_("Verifying"),
    MaintenancePhase.COMPLETED: N_("Completed"),
    MaintenancePhase.CANCELLED: N_("Cancelled"),
}
SLA_STATE = {SlaState.MET: N_("Met"), SlaState.BREACHED: N_("Breached"), SlaState.ON_TRACK: N_("On track")}


@dataclass(frozen=True)
class StatusLabel:
    """A status as a page shows it: css key, words and a symbol."""

    key: str
    text: str
    icon: str = ""


def component_status(words: Words, status: ComponentStatus) -> StatusLabel:
    return StatusLabel(status.value, words.gettext(COMPONENT_STATUS[status]), COMPONENT_ICON[status])


def incident_status(words: Words, status: IncidentStatus) -> StatusLabel:
    return StatusLabel(status.value, words.gettext(INCIDENT_STATUS[status]))


def impact(words: Words, level: Impact) -> StatusLabel:
    return StatusLabel(level.value, words.gettext(IMPACT[level]))


def phase(words: Words, value: MaintenancePhase) -> StatusLabel:
    return StatusLabel(value.value, words.gettext(PHASE[value]))


def maintenance_label(words: Words) -> StatusLabel:
    return StatusLabel("maintenance", words.gettext("Maintenance"))


def no_target(words: Words) -> StatusLabel:
    return StatusLabel("none", words.gettext("No target"))


def sla_state(words: Words, state: SlaState) -> StatusLabel:
    return StatusLabel(state.value, words.gettext(SLA_STATE[state]))


def allowance_text(words: Words, month: SlaMonth) -> str:
    """`27 of 216 min allowed`, `43.3 of 43.2 min allowed`: to a tenth of a minute, so the side of the line shows."""
    return words.gettext("%(down)s of %(allowed)s min allowed", down=words.tenths(month.down),
                         allowed=words.tenths(month.allowed))
