"""JSON Schemas of site.yml and each kind of front matter, made from the loader's own field lists and enums
so that they cannot drift from what `sitegen check` accepts. `schemas/` holds them for editors."""

from __future__ import annotations

import json
from enum import Enum

from sitegen.config import AUDIT_FIELDS, COMPONENT_FIELDS, MAILING_LIST_FIELDS, SITE_FIELDS, SUBSCRIBE_FIELDS
from sitegen.content import (
    ENTRY_FIELDS, INCIDENT_FIELDS, MAINTENANCE_ENTRY_FIELDS, MAINTENANCE_FIELDS, POSTMORTEM_EVENT_FIELDS,
    POSTMORTEM_FIELDS,
)
from sitegen.i18n import languages, message_ids
from sitegen.model import ComponentStatus, Impact, IncidentStatus, MaintenancePhase

TIME = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d([Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:?\d\d)?)?$",
        "description": "ISO 8601; without an offset it is read in the site's timezone"}
DURATION = {"type": "string", "pattern": r"^\s*\d+\s*[smhd]\s*$", "description": "90s, 20m, 2h or 1d"}
ID = {"type": "string", "pattern": "^[a-z0-9-]+$"}
TEXT = {"type": "string", "minLength": 1}
MARKDOWN = {"type": "string", "minLength": 1, "description": "Markdown"}


def _enum(kind: type[Enum], description: str) -> dict:
    return {"enum": [member.value for member in kind], "description": description}


def _object(fields: tuple[str, ...], properties: dict, required: tuple[str, ...] = (), description: str = "") -> dict:
    """An object with exactly the loader's fields: an unknown key is an error there, so it is here."""
    assert set(properties) == set(fields), set(properties) ^ set(fields)
    schema: dict = {"type": "object", "properties": {name: properties[name] for name in fields},
                    "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _document(title: str, body: dict) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **body}


def _audit(fields: tuple[str, ...]) -> dict:
    properties = {"acknowledge_within": DURATION, "max_update_gap": DURATION, "email_within": DURATION,
                  "stale_after": DURATION,
                  "ignore": {"type": "array", "items": ID, "description": "audit rule ids not checked"}}
    return _object(fields, {k: properties[k] for k in fields})


def site_schema() -> dict:
    component = _object(COMPONENT_FIELDS, {
        "id": ID, "name": TEXT, "group": TEXT, "description": {"type": "string"},
        "sla": {"type": "number", "minimum": 0, "maximum": 100, "description": "monthly uptime target in percent"},
        "retired": {"type": "boolean"},
    }, required=("id", "name"))
    return _document("sitegen site.yml", _object(SITE_FIELDS, {
        "title": TEXT,
        "base_url": {"type": "string", "pattern": "^https?://[^/]+", "description": "absolute URL the site is served from"},
        "description": {"type": "string"},
        "language": {"type": "string", "examples": list(languages()),
                     "description": "the language of every word a customer reads: one of the examples, "
                                    "or a regional tag of one (de-AT reads German)"},
        "timezone": {"type": "string", "description": "IANA time zone name"},
        "uptime_days": {"type": "integer", "minimum": 1, "maximum": 3660},
        "theme": ID,
        "feed_id": {"type": "string", "minLength": 1, "description": "host part of feed ids; keep it forever"},
        "feed_entries": {"type": "integer", "minimum": 1, "maximum": 100000},
        "cname": {"type": "string"},
        "contact": _object(("name", "email"), {"name": TEXT, "email": {"type": "string", "pattern": "@"}},
                           required=("name", "email")),
        "components": {"type": "array", "minItems": 1, "items": component},
        "strings": {"type": "object", "propertyNames": {"enum": list(message_ids())},
                    "additionalProperties": {"anyOf": [TEXT, {"type": "array", "minItems": 1, "items": TEXT}]},
                    "description": "the site's own wording of messages: English message -> text (a list: plural forms)"},
        "audit": _audit(AUDIT_FIELDS),
        "subscribe": _object(SUBSCRIBE_FIELDS, {"email": {"type": "array", "items": _object(MAILING_LIST_FIELDS, {
            "name": TEXT,
            "join": {"type": "string", "pattern": "^(https?://|mailto:)", "description": "where people join the list"},
            "post": {"type": "string", "pattern": "@", "description": "the list's posting address; notify sends here"},
            "unsubscribe": {"type": "string", "pattern": "^(https://|mailto:)", "description": "for List-Unsubscribe"},
            "components": {"type": "array", "items": ID, "description": "the components it is for; default all"},
            "groups": {"type": "array", "items": TEXT, "description": "or the groups it is for"},
        }, required=("name", "join", "post"))}}),
    }, required=("title", "base_url", "components")))


def incident_schema() -> dict:
    statuses = {"type": "object", "minProperties": 1,
                "additionalProperties": _enum(ComponentStatus, "component status"),
                "propertyNames": ID}
    entry = _object(ENTRY_FIELDS, {
        "at": TIME, "status": _enum(IncidentStatus, "incident status"), "message": MARKDOWN,
        "next_update": {"anyOf": [TIME, DURATION]}, "components": statuses,
    }, required=("at", "status", "message"))
    return _document("sitegen incident front matter", _object(INCIDENT_FIELDS, {
        "title": TEXT, "impact": _enum(Impact, "impact"),
        "components": {"anyOf": [{"type": "array", "minItems": 1, "items": ID}, statuses]},
        "started_at": TIME, "cause": TEXT,
        "postmortem": {"type": "string", "pattern": "^[a-z0-9-]+$", "description": "pending, or a postmortem's slug"},
        "email_sent_at": TIME, "credits": TEXT, "communicator": TEXT, "audit": _audit(("ignore",)),
        "timeline": {"type": "array", "minItems": 1, "items": entry},
        "atom_id": {"type": "string", "minLength": 1,
                    "description": "the incident's entry id in history feeds from before an import; keep it"},
    }, required=("title", "impact", "components", "timeline")))


def maintenance_schema() -> dict:
    entry = _object(MAINTENANCE_ENTRY_FIELDS, {
        "at": TIME, "status": _enum(MaintenancePhase, "maintenance phase"), "message": {"type": "string"},
        "scheduled_start": TIME, "scheduled_end": TIME,
    }, required=("at", "status"))
    return _document("sitegen maintenance front matter", _object(MAINTENANCE_FIELDS, {
        "title": TEXT, "components": {"type": "array", "minItems": 1, "items": ID},
        "scheduled_start": TIME, "scheduled_end": TIME, "timeline": {"type": "array", "items": entry},
    }, required=("title", "components", "scheduled_start", "scheduled_end")))


def postmortem_schema() -> dict:
    event = _object(POSTMORTEM_EVENT_FIELDS, {"at": TIME, "event": TEXT}, required=("at", "event"))
    return _document("sitegen postmortem front matter", _object(POSTMORTEM_FIELDS, {
        "title": TEXT, "incident": ID, "published_at": TIME,
        "draft": {"type": "boolean", "description": "true while it is being written: published nowhere"},
        "timeline": {"type": "array", "minItems": 1, "items": event},
        "action_items": {"type": "array", "items": TEXT},
    }, required=("title", "incident", "published_at", "timeline")))


SCHEMAS = {"site": site_schema, "incident": incident_schema, "maintenance": maintenance_schema,
           "postmortem": postmortem_schema}


def schema_text(name: str) -> str:
    return json.dumps(SCHEMAS[name](), indent=2) + "\n"
