"""api/v2/*.json: the Statuspage v2 documents, with the same field names, nesting and value vocabularies."""

from __future__ import annotations

import re
from datetime import datetime

from sitegen import urls
from sitegen.markup import plain_text
from sitegen.model import ComponentStatus, Incident, IncidentStatus, Maintenance, MaintenancePhase
from sitegen.output import OutputTree
from sitegen.render import dump_json
from sitegen.status import (
    ACTIVE_PHASES, affected_components, incident_end, incident_start, maintenance_phase, maintenance_window,
    statuses_after,
)
from sitegen.views.facts import SiteFacts
from sitegen.i18n import iso_utc

API = "api/v2/"
RECENT_INCIDENTS = 50  # as many as Statuspage's incidents.json returns
# Statuspage has no "cancelled" maintenance; a cancelled one is completed, and its last update says why.
MAINTENANCE_STATUS = {MaintenancePhase.CANCELLED: "completed"}
# When the clock, not a written update, moved a maintenance on, its newest update says so, as Statuspage's do.
CLOCK_UPDATES = {
    MaintenancePhase.IN_PROGRESS: "The scheduled maintenance is in progress.",
    MaintenancePhase.COMPLETED: "The scheduled maintenance has been completed.",
}
# A component's created_at when no published incident or maintenance names it: fixed, so builds stay identical.
NEVER_MENTIONED = "2000-01-01T00:00:00Z"


def _time(at: datetime | None) -> str | None:
    return iso_utc(at) if at else None


def _group_id(name: str) -> str:
    return "group-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed")


def render_api(facts: SiteFacts) -> OutputTree:
    page = page_object(facts)
    status = {"indicator": facts.indicator.value, "description": facts.description}
    components = component_objects(facts, page["id"])
    by_id = {c["id"]: c for c in components}
    incidents = [incident_object(facts, i, by_id) for i in facts.incidents[:RECENT_INCIDENTS]]
    unresolved = [incident_object(facts, i, by_id) for i in facts.open_incidents]
    phases = {m.slug: maintenance_phase(m, facts.now) for m in facts.maintenances}
    maintenances = [maintenance_object(facts, m, phases[m.slug], by_id) for m in facts.maintenances]
    upcoming = [o for m, o in zip(facts.maintenances, maintenances) if phases[m.slug] is MaintenancePhase.SCHEDULED]
    active = [o for m, o in zip(facts.maintenances, maintenances) if phases[m.slug] in ACTIVE_PHASES]
    documents = {
        "status.json": {"page": page, "status": status},
        "components.json": {"page": page, "components": components},
        "incidents.json": {"page": page, "incidents": incidents},
        "incidents/unresolved.json": {"page": page, "incidents": unresolved},
        "scheduled-maintenances.json": {"page": page, "scheduled_maintenances": maintenances},
        "scheduled-maintenances/upcoming.json": {"page": page, "scheduled_maintenances": upcoming},
        "scheduled-maintenances/active.json": {"page": page, "scheduled_maintenances": active},
        "summary.json": {
            "page": page, "components": components, "incidents": unresolved,
            "scheduled_maintenances": active + upcoming, "status": status,
        },
    }
    return {API + name: dump_json(document) for name, document in documents.items()}


def page_id(facts: SiteFacts) -> str:
    return re.sub(r"[^a-z0-9]+", "-", facts.config.feed_id.lower()).strip("-")


def page_object(facts: SiteFacts) -> dict:
    return {
        "id": page_id(facts),
        "name": facts.config.title,
        "url": facts.absolute(""),
        "time_zone": str(facts.config.timezone),
        "updated_at": iso_utc(facts.updated_at),
    }


def component_objects(facts: SiteFacts, page_id: str) -> list[dict]:
    """Components in display order; each group is a component with `group: true` listing its members."""
    updated = iso_utc(facts.updated_at)
    created = first_mentions(facts)
    objects: list[dict] = []
    groups: dict[str, dict] = {}
    for component in facts.config.components:
        group_id = _group_id(component.group) if component.group else None
        first = created.get(component.id, NEVER_MENTIONED)
        if component.group and group_id not in groups:
            groups[group_id] = {
                "id": group_id, "name": component.group, "status": ComponentStatus.OPERATIONAL.value,
                "created_at": first, "updated_at": updated, "position": len(objects) + 1, "description": None,
                "showcase": False, "start_date": None, "group_id": None, "page_id": page_id, "group": True,
                "only_show_if_degraded": False, "components": [],
            }
            objects.append(groups[group_id])
        status = facts.statuses[component.id]
        if group_id:
            group = groups[group_id]
            group["components"].append(component.id)
            group["status"] = max(ComponentStatus(group["status"]), status, key=lambda s: s.rank).value
            group["created_at"] = min(group["created_at"], first)  # ISO times in UTC sort as text
        objects.append({
            "id": component.id, "name": component.name, "status": status.value,
            "created_at": first, "updated_at": updated, "position": len(objects) + 1,
            "description": component.description or None, "showcase": not component.retired, "start_date": None,
            "group_id": group_id, "page_id": page_id, "group": False, "only_show_if_degraded": False,
        })
    return objects


def first_mentions(facts: SiteFacts) -> dict[str, str]:
    """Each component's earliest time in the published content: an incident's start or a maintenance's first
    update (else its window), so that created_at follows from the content and never from the build."""
    first: dict[str, datetime] = {}
    dated = [(affected_components(i), incident_start(i)) for i in facts.incidents]
    dated += [(m.components, min([u.at for u in m.timeline] + [maintenance_window(m)[0]])) for m in facts.maintenances]
    for components, at in dated:
        for component in components:
            if component not in first or at < first[component]:
                first[component] = at
    return {component: iso_utc(at) for component, at in first.items()}


def _affected(facts: SiteFacts, before: dict, after: dict) -> list[dict]:
    return [
        {
            "code": component, "name": facts.components[component].name,
            "old_status": before.get(component, ComponentStatus.OPERATIONAL).value, "new_status": status.value,
        }
        for component, status in after.items()
        if before.get(component, ComponentStatus.OPERATIONAL) is not status
    ]


def incident_object(facts: SiteFacts, incident: Incident, components: dict[str, dict]) -> dict:
    keys = urls.update_keys([e.at for e in incident.timeline])
    updates = []
    before: dict = {}
    for index, (key, entry) in enumerate(zip(keys, incident.timeline)):
        statuses = statuses_after(incident, index + 1)
        after = {c: ComponentStatus.OPERATIONAL for c in statuses} if entry.status is IncidentStatus.RESOLVED else statuses
        updates.append({
            "id": f"{incident.slug}-{key.lower()}", "status": entry.status.value,
            "body": plain_text(facts.markdown.html(entry.message)), "incident_id": incident.slug,
            "created_at": iso_utc(entry.at), "updated_at": iso_utc(entry.at), "display_at": iso_utc(entry.at),
            "affected_components": _affected(facts, before, after),
            "deliver_notifications": True, "custom_tweet": None, "tweet_id": None,
        })
        before = after
    monitoring = next((e.at for e in incident.timeline if e.status is IncidentStatus.MONITORING), None)
    return {
        "id": incident.slug, "name": incident.title, "status": incident.timeline[-1].status.value,
        "created_at": iso_utc(incident.timeline[0].at), "updated_at": iso_utc(incident.timeline[-1].at),
        "monitoring_at": _time(monitoring), "resolved_at": _time(incident_end(incident)),
        "impact": incident.impact.value, "shortlink": facts.absolute(urls.incident_page(incident.slug)),
        "started_at": iso_utc(incident_start(incident)), "page_id": page_id(facts),
        "incident_updates": list(reversed(updates)),
        "components": [components[c] for c in affected_components(incident)],
    }


def maintenance_object(
    facts: SiteFacts, maintenance: Maintenance, phase: MaintenancePhase, components: dict[str, dict]
) -> dict:
    start, end = maintenance_window(maintenance, facts.now)
    keys = urls.update_keys([u.at for u in maintenance.timeline])
    updates = [
        {
            "id": f"{maintenance.slug}-{key.lower()}", "status": MAINTENANCE_STATUS.get(u.status, u.status.value),
            "body": plain_text(facts.markdown.html(u.message)) if u.message else u.status.value.replace("_", " "),
            "incident_id": maintenance.slug, "created_at": iso_utc(u.at), "updated_at": iso_utc(u.at),
            "display_at": iso_utc(u.at), "affected_components": [], "deliver_notifications": True,
            "custom_tweet": None, "tweet_id": None,
        }
        for key, u in zip(keys, maintenance.timeline)
    ]
    clock = _clock_update(maintenance, phase, start, end, facts.now)
    if clock:
        updates.append(clock)
    created = maintenance.timeline[0].at if maintenance.timeline else start
    updated = maintenance.timeline[-1].at if maintenance.timeline else start
    done = phase in (MaintenancePhase.COMPLETED, MaintenancePhase.CANCELLED)
    written_end = maintenance.timeline[-1].status in (MaintenancePhase.COMPLETED, MaintenancePhase.CANCELLED) \
        if maintenance.timeline else False
    return {
        "id": maintenance.slug, "name": maintenance.title, "status": MAINTENANCE_STATUS.get(phase, phase.value),
        "created_at": iso_utc(created), "updated_at": iso_utc(updated), "monitoring_at": None,
        "resolved_at": (iso_utc(updated) if written_end else iso_utc(end)) if done else None, "impact": "maintenance",
        "shortlink": facts.absolute(urls.maintenance_page(maintenance.slug)), "started_at": iso_utc(start),
        "page_id": page_id(facts), "incident_updates": list(reversed(updates)),
        "components": [components[c] for c in maintenance.components],
        "scheduled_for": iso_utc(start), "scheduled_until": iso_utc(end),
    }


def _clock_update(
    maintenance: Maintenance, phase: MaintenancePhase, start: datetime, end: datetime, now: datetime
) -> dict | None:
    """The update Statuspage would have posted when the window opened or closed with nothing written since:
    dated by the window and identified by it, so it is the same on every build."""
    written = [u for u in maintenance.timeline if u.at <= now and u.status is not MaintenancePhase.SCHEDULED]
    if written or phase not in CLOCK_UPDATES:
        return None
    at = start if phase is MaintenancePhase.IN_PROGRESS else end
    return {
        "id": f"{maintenance.slug}-{urls.update_keys([at])[0].lower()}-{phase.value.replace('_', '-')}",
        "status": phase.value, "body": CLOCK_UPDATES[phase], "incident_id": maintenance.slug,
        "created_at": iso_utc(at), "updated_at": iso_utc(at), "display_at": iso_utc(at), "affected_components": [],
        "deliver_notifications": False, "custom_tweet": None, "tweet_id": None,
    }
