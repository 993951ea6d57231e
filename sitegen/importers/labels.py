"""Free-text update labels ("Mitigated, service recovering", "Resuelto") to the nearest sitegen status."""

from __future__ import annotations

import re

from sitegen.importers.records import Notes, Origin
from sitegen.model import IncidentStatus, MaintenancePhase, TimelineEntry

# Word stems, checked from the last stage back, so "fix implemented, monitoring" is monitoring.
# A few languages, because Statusfy sites keep a folder per locale.
_INCIDENT_WORDS = (
    (IncidentStatus.RESOLVED, ("resolv", "fixed", "solved", "closed", "restored", "recovered", "complete",
                               "back to normal", "behoben", "gelöst", "résolu", "resuelto", "solucionado",
                               "resolvido", "risolto", "opgelost", "post-mortem", "postmortem")),
    (IncidentStatus.MONITORING, ("monitor", "mitigat", "recovering", "watching", "observ", "überwach",
                                 "surveill", "monitoreando", "monitorando", "monitoraggio")),
    (IncidentStatus.IDENTIFIED, ("identif", "cause", "found", "fix", "implement", "deploying", "rolling back",
                                 "ermittelt", "identificado", "identifié", "identificato", "geïdentificeerd")),
    (IncidentStatus.INVESTIGATING, ("investigat", "looking", "aware", "detect", "alert", "report", "untersuch",
                                    "enquête", "investigando", "indagine", "onderzo")),
)
_PHASE_WORDS = (
    (MaintenancePhase.CANCELLED, ("cancel",)),
    (MaintenancePhase.COMPLETED, ("complete", "done", "finished", "resolv", "ended")),
    (MaintenancePhase.VERIFYING, ("verif",)),
    (MaintenancePhase.IN_PROGRESS, ("in progress", "in_progress", "started", "underway", "begun", "ongoing")),
    (MaintenancePhase.SCHEDULED, ("schedul", "planned", "upcoming", "announce")),
)


def _key(label: str) -> str:
    return re.sub(r"\s+", " ", label.strip().strip("*_:.-").strip()).lower()


def is_exact(label: str, status: IncidentStatus | MaintenancePhase) -> bool:
    """The label is the status's own name ("Resolved", "in progress"): nothing is lost by dropping it."""
    return _key(label).replace(" ", "_") == status.value


def incident_status(label: str) -> IncidentStatus | None:
    """The nearest incident status to a label's words, or None when no word hints at one."""
    key = _key(label)
    for status, words in _INCIDENT_WORDS:
        if any(word in key for word in words):
            return status
    return None


def maintenance_phase(label: str) -> MaintenancePhase | None:
    key = _key(label)
    for phase, words in _PHASE_WORDS:
        if any(word in key for word in words):
            return phase
    return None


def map_label(label: str, previous: IncidentStatus, origin: Origin, notes: Notes) -> tuple[IncidentStatus, bool]:
    """The status for an update's label and whether the label's words must stay in the message.

    A label that is a status's own name maps to it and may go; any other keeps its words and is reported.
    """
    status = incident_status(label) if label.strip() else None
    if status is not None and is_exact(label, status):
        return status, False
    chosen = status or previous
    if label.strip():
        notes.label(origin, label.strip(), chosen.value)
    return chosen, bool(label.strip())


def settle(timeline: list[TimelineEntry], resolved: bool, resolved_at, origin: Origin, notes: Notes,
           resolve_field: str) -> list[TimelineEntry]:
    """Make the timeline end as the source says the incident stands: a resolved one gets a `Resolved.` entry when
    no update says so; an unresolved one stays open even when its last label reads resolved."""
    last = timeline[-1]
    if resolved and last.status is not IncidentStatus.RESOLVED:
        at = max(resolved_at or last.at, last.at)
        notes.warn(origin, f"the incident is resolved but no update says so; added a 'Resolved.' entry at "
                   f"{at.isoformat()}" + ("" if resolved_at else f" ({resolve_field} is not set)"))
        return [*timeline, TimelineEntry(at, IncidentStatus.RESOLVED, "Resolved.")]
    if not resolved and last.status is IncidentStatus.RESOLVED:
        notes.warn(origin, "the incident is not resolved, though its last update reads so; it stays open (monitoring)")
        reopened = TimelineEntry(last.at, IncidentStatus.MONITORING, last.message, components=last.components)
        return [*timeline[:-1], reopened]
    return timeline


def update_message(label: str, keep: bool, text: str, status: IncidentStatus, origin: Origin, notes: Notes,
                   mark: str = "**") -> str:
    """An update's message: its text, after its label (in `mark` emphasis) when the label's words must stay."""
    text = text.strip()
    if text:
        return f"{mark}{label.strip()}{mark} - {text}" if keep else text
    notes.warn(origin, "update has no text; its message is its " + ("label" if label.strip() else "status"))
    return label.strip() or status.value.capitalize() + "."
