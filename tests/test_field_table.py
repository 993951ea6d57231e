"""One declaration per field: the loader, the JSON Schemas, the writer and the CLI all answer from the field table."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.cli.authoring import new_incident_command, update
from sitegen.cli.site import schema as schema_command
from sitegen.errors import Problems
from sitegen.field_table import DOCUMENTS, ENTRY, INCIDENT, MAINTENANCE, Field, Kind, Table
from sitegen.fields import Reader
from sitegen.schema import object_schema, schema_text
from sitegen.source import parse_document, parse_yaml, split_front_matter
from sitegen.writer import field_lines, front_matter


def tables(table: Table, path: tuple = ()):
    """(path, table) for a document's table and every table nested in it; a list of records is at its item 0."""
    yield path, table
    for field in table.fields:
        if field.kind is Kind.MAPPING:
            yield from tables(field.table, path + (field.name,))
        elif field.kind is Kind.RECORDS:
            yield from tables(field.table, path + (field.name, 0))


def schema_at(schema: dict, path: tuple) -> dict:
    for part in path:
        schema = schema["items"] if isinstance(part, int) else schema["properties"][part]
    return schema


PLACES = [(name, path, table) for name, document in DOCUMENTS.items() for path, table in tables(document)]
PLACE_IDS = [".".join([name, *map(str, path)]) for name, path, _ in PLACES]
JSON_TYPE = {
    Kind.TEXT: "string", Kind.ONE_LINE_TEXT: "string", Kind.MARKDOWN: "string", Kind.IDENTIFIER: "string",
    Kind.TIMESTAMP: "string", Kind.DURATION: "string", Kind.NUMBER: "number", Kind.INTEGER: "integer",
    Kind.BOOLEAN: "boolean", Kind.ID_LIST: "array", Kind.TEXT_LIST: "array", Kind.RECORDS: "array",
    Kind.MAPPING: "object", Kind.STATUS_MAP: "object", Kind.MESSAGES: "object",
}


def test_every_mapping_of_every_document_is_reached():
    assert PLACE_IDS == [
        "site", "site.contact", "site.components.0", "site.audit", "site.subscribe", "site.subscribe.email.0",
        "incident", "incident.audit", "incident.timeline.0", "maintenance", "maintenance.timeline.0",
        "postmortem", "postmortem.timeline.0",
    ]


@pytest.mark.parametrize("name, path, table", PLACES, ids=PLACE_IDS)
def test_every_declared_field_is_in_the_schema_with_its_declared_type(name, path, table):
    schema = schema_at(json.loads(schema_text(name)), path)
    assert list(schema["properties"]) == list(table.names)
    assert schema.get("required", []) == list(table.required)
    assert schema["additionalProperties"] is False
    for field in table.fields:
        written = schema["properties"][field.name]
        if field.kind is Kind.CHOICE:
            assert written["enum"] == field.choice_values
        elif field.kind is Kind.TIME_OR_DURATION:
            assert [option["type"] for option in written["anyOf"]] == ["string", "string"]
        elif field.kind is Kind.COMPONENTS:
            assert [option["type"] for option in written["anyOf"]] == ["array", "object"]
            assert written["anyOf"][1]["additionalProperties"]["enum"] == field.choice_values
        else:
            assert written["type"] == JSON_TYPE[field.kind], field.name
        if field.description:
            assert written["description"] == field.description


# Documents the loader accepts, with every mapping present; the tests below break each of them in one place.
VALID = {
    "site": {"title": "T", "base_url": "https://status.acme.test/", "feed_id": "status.acme.test",
             "components": [{"id": "api", "name": "API"}], "contact": {"name": "Sam", "email": "sam@acme.test"},
             "audit": {"ignore": []},
             "subscribe": {"email": [{"name": "All", "join": "https://lists.acme.test/", "post": "all@acme.test"}]}},
    "incident": {"title": "T", "impact": "minor", "components": ["api"], "audit": {"ignore": []},
                 "timeline": [{"at": "2026-11-20T10:00:00Z", "status": "resolved", "message": "Fixed."}]},
    "maintenance": {"title": "T", "components": ["api"], "scheduled_start": "2026-11-30T10:00:00Z",
                    "scheduled_end": "2026-11-30T11:00:00Z",
                    "timeline": [{"at": "2026-11-20T10:00:00Z", "status": "scheduled"}]},
    "postmortem": {"title": "T", "incident": "2026-11-20-x", "published_at": "2026-11-21T10:00:00Z",
                   "timeline": [{"at": "2026-11-20T10:00:00Z", "event": "It began."}]},
}
FILES = {"incident": "content/incidents/2026-11-20-x.md", "maintenance": "content/maintenance/2026-11-30-x.md",
         "postmortem": "content/postmortems/2026-11-20-x.md"}


def check(write_site, name: str = "", path: tuple = (), change=None) -> tuple[str, list[str]]:
    """`sitegen check` of the VALID documents with `change` made to the mapping at `path` of document `name`:
    the file it names errors in, and its output lines."""
    documents = json.loads(json.dumps(VALID))
    if change:
        node = documents[name]
        for part in path:
            node = node[part]
        change(node)
    files = {FILES[kind]: f"---\n{yaml.safe_dump(data)}---\n" for kind, data in documents.items() if kind != "site"}
    root = write_site(files, site_yml=yaml.safe_dump(documents["site"]))
    output = CliRunner().invoke(main, ["check", "--site", str(root), "--now", "2026-11-26T12:00:00Z"]).output
    return re.escape(FILES.get(name, "site.yml")), output.splitlines()


def shown(path: tuple) -> str:
    return re.escape(".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "["))


def test_the_documents_the_tests_break_are_valid(write_site):
    assert check(write_site)[1][-1] == "No errors; see the warnings above."  # the audit's, about the words


@pytest.mark.parametrize("name, path, table", PLACES, ids=PLACE_IDS)
def test_the_loader_allows_exactly_the_declared_keys(write_site, name, path, table):
    file, lines = check(write_site, name, path, lambda mapping: mapping.update(zzzz=1))
    unknown = [line for line in lines if "unknown field" in line]
    assert len(unknown) == 1
    assert re.fullmatch(rf"{file}:\d+: {shown(path + ('zzzz',))}: unknown field 'zzzz'; "
                        rf"expected one of {re.escape(', '.join(table.names))}", unknown[0])


REQUIRED = [(name, path, field) for name, path, table in PLACES for field in table.fields if field.required]


@pytest.mark.parametrize("name, path, field", REQUIRED,
                         ids=[".".join([n, *map(str, p), f.name]) for n, p, f in REQUIRED])
def test_the_loader_requires_every_field_declared_required(write_site, name, path, field):
    file, lines = check(write_site, name, path, lambda mapping: mapping.pop(field.name))
    assert any(re.fullmatch(rf"{file}:\d+: {shown(path + (field.name,))}: is required but missing", line)
               for line in lines), lines


def test_a_field_added_to_a_table_shows_up_in_the_schema_the_loader_and_the_writer():
    runbook = Field("runbook", Kind.MARKDOWN, description="what the team on duty follows")
    extended = Table(MAINTENANCE.fields + (runbook,))
    fields = {"title": "Database upgrade", "components": ["db"], "scheduled_start": datetime(2026, 11, 30, 10,
              tzinfo=timezone.utc), "scheduled_end": datetime(2026, 11, 30, 11, tzinfo=timezone.utc),
              "runbook": "1. Fail over.\n2. Upgrade the replica."}
    text = front_matter(extended, fields)
    assert "runbook: |-\n  1. Fail over.\n  2. Upgrade the replica.\n" in text

    schema = object_schema(extended)
    assert schema["properties"]["runbook"] == {"type": "string", "description": "what the team on duty follows"}
    front, line, _, _ = split_front_matter(text)
    data = parse_yaml(front, line)[0]  # as the loader sees it: times are text
    jsonschema.validate(data, schema)  # the written file is what the schema describes
    with pytest.raises(jsonschema.ValidationError, match="'runbook' was unexpected"):
        jsonschema.validate(data, object_schema(MAINTENANCE))

    for table, errors in ((extended, []), (MAINTENANCE, ["runbook: unknown field 'runbook'"])):
        problems = Problems()
        read = Reader(parse_document("x.md", "maintenance", "x", text.encode(), problems), problems)
        read.mapping((), table)
        assert [f"{p.field}: {p.message.split(';')[0]}" for p in problems.errors] == errors
    assert read.field((), runbook) == "1. Fail over.\n2. Upgrade the replica."


def test_the_writer_refuses_a_field_no_table_declares():
    with pytest.raises(KeyError, match="no field 'severity' is declared"):
        front_matter(INCIDENT, {"title": "T", "severity": "high"})


def _option_choices(command, name: str) -> list[str]:
    return list(next(param for param in command.params if param.name == name).type.choices)


def test_the_cli_choices_are_the_schema_enums():
    incident = json.loads(schema_text("incident"))
    assert _option_choices(new_incident_command, "impact") == incident["properties"]["impact"]["enum"]
    entry = incident["properties"]["timeline"]["items"]
    assert _option_choices(update, "status") == entry["properties"]["status"]["enum"]
    assert _option_choices(schema_command, "kind") == list(DOCUMENTS)


def test_a_choice_the_cli_refuses_names_the_declared_values(tmp_path):
    result = CliRunner().invoke(main, ["new", "incident", "Slow API", "--impact", "huge", "--component", "api",
                                       "--site", str(tmp_path)])
    assert result.exit_code == 2
    assert "'huge' is not one of 'none', 'minor', 'major', 'critical'" in result.output


# One value a field of each kind may take as the writer is given it, and as the loader reads it back.
ONE_OF_EACH = {
    Kind.TEXT: ("Rolled back.\n\nErrors stopped at 14:05: \"all clear\".",) * 2,
    Kind.ONE_LINE_TEXT: ("Update: 50% done, # not a comment",) * 2,
    Kind.MARKDOWN: ("**Resolved.**\n\n- the API\n- the website",) * 2,
    Kind.IDENTIFIER: ("2026",) * 2,  # plain, YAML would read a number
    Kind.TIMESTAMP: (datetime(2026, 11, 26, 14, 2, 3, 250000, tzinfo=timezone.utc),) * 2,
    Kind.DURATION: ("90s", timedelta(seconds=90)),
    Kind.BOOLEAN: (True, True),
    Kind.ID_LIST: (["api", "true", "eu-west"], ["api", "true", "eu-west"]),
    Kind.TEXT_LIST: (["Add an alert.", "Owner: Sam"], ["Add an alert.", "Owner: Sam"]),
}
PATTERNED = "https://status@lists.acme.test"  # one value every declared pattern accepts (a URL, an address)
SCALARS = [(name, path, field) for name, path, table in PLACES for field in table.fields
           if field.kind in ONE_OF_EACH or field.kind in (Kind.CHOICE, Kind.NUMBER, Kind.INTEGER)]


def _sample(field: Field):
    if field.kind is Kind.CHOICE:
        return (field.choices(field.choice_values[-1]),) * 2
    if field.kind in (Kind.NUMBER, Kind.INTEGER):
        return (field.bounds[1],) * 2
    if field.pattern:
        return (PATTERNED,) * 2
    return ONE_OF_EACH[field.kind]


@pytest.mark.parametrize("name, path, field", SCALARS,
                         ids=[".".join([n, *map(str, p), f.name]) for n, p, f in SCALARS])
def test_what_the_writer_writes_the_loader_reads_back_as_the_same_value(name, path, field):
    written, expected = _sample(field)
    text = "---\n" + "\n".join(field_lines(field, written)) + "\n---\n"
    problems = Problems()
    read = Reader(parse_document("x.md", "incident", "x", text.encode(), problems), problems)
    assert read.field((), field) == expected
    assert problems.errors == []


def test_ids_and_choices_are_written_plain_and_text_quoted():
    assert field_lines(INCIDENT["postmortem"], "pending") == ["postmortem: pending"]
    assert field_lines(INCIDENT["impact"], INCIDENT["impact"].choices("major")) == ["impact: major"]
    assert field_lines(ENTRY["next_update"], "20m") == ["next_update: 20m"]
    assert field_lines(INCIDENT["cause"], "pending") == ['cause: "pending"']
    assert field_lines(INCIDENT["postmortem"], "2026") == ['postmortem: "2026"']


@pytest.mark.parametrize("declaration, words", [
    (dict(kind=Kind.CHOICE), "the choice field 'x' needs choices"),
    (dict(kind=Kind.INTEGER), "the integer field 'x' needs bounds"),
    (dict(kind=Kind.MAPPING), "the mapping field 'x' needs table"),
    (dict(kind=Kind.TEXT, pattern="@"), "the text field 'x' needs refusal"),
])
def test_a_declaration_missing_what_its_kind_needs_fails_when_it_is_made(declaration, words):
    with pytest.raises(ValueError, match=words):
        Field("x", **declaration)
