"""JSON Schemas of site.yml and each kind of front matter, made from the field table the loader reads by, so that
they cannot drift from what `sitegen check` accepts. `schemas/` holds them for editors."""

from __future__ import annotations

import json

from sitegen.field_table import DOCUMENTS, Field, Kind, Table
from sitegen.fields import IDENTIFIER
from sitegen.i18n import message_ids

TIME = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d([Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:?\d\d)?)?$",
        "description": "ISO 8601; without an offset it is read in the site's timezone"}
DURATION = {"type": "string", "pattern": r"^\s*\d+\s*[smhd]\s*$", "description": "90s, 20m, 2h or 1d"}
ID = {"type": "string", "pattern": f"^{IDENTIFIER.pattern}$"}
TITLES = {"site": "sitegen site.yml", "incident": "sitegen incident front matter",
          "maintenance": "sitegen maintenance front matter", "postmortem": "sitegen postmortem front matter"}


def object_schema(table: Table) -> dict:
    """An object with exactly the table's fields: an unknown key is an error in the loader, so it is here."""
    schema: dict = {"type": "object", "properties": {field.name: _property(field) for field in table.fields},
                    "additionalProperties": False}
    if table.required:
        schema["required"] = list(table.required)
    return schema


def _at_least_one(schema: dict, field: Field, key: str) -> dict:
    return {**schema, key: 1} if field.required else schema


def _property(field: Field) -> dict:
    statuses = {"enum": field.choice_values} if field.choices else {}
    match field.kind:
        case Kind.TEXT | Kind.ONE_LINE_TEXT:
            schema = _at_least_one({"type": "string"}, field, "minLength")
        case Kind.MARKDOWN:
            schema = {**_at_least_one({"type": "string"}, field, "minLength"), "description": "Markdown"}
        case Kind.IDENTIFIER:
            schema = ID
        case Kind.CHOICE:
            schema = statuses
        case Kind.TIMESTAMP:
            schema = TIME
        case Kind.DURATION:
            schema = DURATION
        case Kind.TIME_OR_DURATION:
            schema = {"anyOf": [TIME, DURATION]}
        case Kind.NUMBER | Kind.INTEGER:
            low, high = field.bounds
            schema = {"type": field.kind.value, "minimum": low, "maximum": high}
        case Kind.BOOLEAN:
            schema = {"type": "boolean"}
        case Kind.ID_LIST:
            schema = _at_least_one({"type": "array", "items": ID}, field, "minItems")
        case Kind.TEXT_LIST:
            schema = {"type": "array", "items": {"type": "string", "minLength": 1}}
        case Kind.STATUS_MAP | Kind.COMPONENTS:
            schema = _at_least_one({"type": "object", "additionalProperties": statuses, "propertyNames": ID},
                                   field, "minProperties")
            if field.kind is Kind.COMPONENTS:
                schema = {"anyOf": [_at_least_one({"type": "array", "items": ID}, field, "minItems"), schema]}
        case Kind.MAPPING:
            schema = object_schema(field.table)
        case Kind.RECORDS:
            schema = _at_least_one({"type": "array", "items": object_schema(field.table)}, field, "minItems")
        case Kind.MESSAGES:
            text = {"type": "string", "minLength": 1}
            schema = {"type": "object", "propertyNames": {"enum": list(message_ids())},
                      "additionalProperties": {"anyOf": [text, {"type": "array", "minItems": 1, "items": text}]}}
    if field.pattern:
        schema = {**schema, "pattern": field.pattern}
    if field.description:
        schema = {**schema, "description": field.description}
    return schema


def document_schema(name: str) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[name],
            **object_schema(DOCUMENTS[name])}


SCHEMAS = tuple(DOCUMENTS)


def schema_text(name: str) -> str:
    return json.dumps(document_schema(name), indent=2) + "\n"
