"""Free-text update labels ("Mitigated, service recovering", "Resuelto") to the nearest sitegen status."""

from __future__ import annotations

import re

from sitegen.model import IncidentStatus, MaintenancePhase

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


def map_label(label: str, previous: IncidentStatus, origin, notes) -> tuple[IncidentStatus, bool]:
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
