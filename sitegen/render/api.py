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
from sitegen.views.labels import iso_utc

API = "api/v2/"
RECENT_INCIDENTS = 50  # as many as Statuspage's incidents.json returns
# Statuspage has no "cancelled" maintenance; a cancelled one is completed, and its last update says why.
MAINTENANCE_STATUS = {MaintenancePhase.CANCELLED: "completed"}


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
    objects: list[dict] = []
    groups: dict[str, dict] = {}
    for position, component in enumerate(facts.config.components, start=1):
        group_id = _group_id(component.group) if component.group else None
        if component.group and group_id not in groups:
            groups[group_id] = {
                "id": group_id, "name": component.group, "status": ComponentStatus.OPERATIONAL.value,
                "created_at": updated, "updated_at": updated, "position": position, "description": None,
                "showcase": False, "start_date": None, "group_id": None, "page_id": page_id, "group": True,
                "only_show_if_degraded": False, "components": [],
            }
            objects.append(groups[group_id])
        status = facts.statuses[component.id]
        if group_id:
            groups[group_id]["components"].append(component.id)
            worst = max(ComponentStatus(groups[group_id]["status"]), status, key=lambda s: s.rank)
            groups[group_id]["status"] = worst.value
        objects.append({
            "id": component.id, "name": component.name, "status": status.value,
            "created_at": updated, "updated_at": updated, "position": position,
            "description": component.description or None, "showcase": not component.retired, "start_date": None,
            "group_id": group_id, "page_id": page_id, "group": False, "only_show_if_degraded": False,
        })
    return objects


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
