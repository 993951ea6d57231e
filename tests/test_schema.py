"""The JSON Schemas in schemas/ are what the loader accepts: generated from it, and tried on every sample site."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.schema import SCHEMAS, schema_text
from sitegen.source import SourceError, decode, parse_yaml, split_front_matter
from tests.helpers import REPO, SITES

KIND_OF_FOLDER = {"incidents": "incident", "maintenance": "maintenance", "postmortems": "postmortem"}
# Rules JSON Schema cannot state: references between files, entry order, one time after another, known ids.
BEYOND_SCHEMA = {"duplicate-slug", "postmortem-links", "timeline-order", "maintenance-window"}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_committed_schemas_are_the_generated_ones(name):
    assert (REPO / "schemas" / f"{name}.schema.json").read_text() == schema_text(name)
    assert CliRunner().invoke(main, ["schema", name]).output == schema_text(name)


def documents(site):
    """(kind, data) for site.yml and every content file; unreadable files give None data."""
    yield "site", parse_yaml(decode((site / "site.yml").read_bytes()), 1)[0]
    for file in sorted((site / "content").rglob("*.md")):
        kind = KIND_OF_FOLDER[file.relative_to(site / "content").parts[0]]
        try:
            front, line, _, _ = split_front_matter(decode(file.read_bytes()))
            yield kind, parse_yaml(front, line)[0]
        except SourceError:
            yield kind, None


def errors(site) -> list[str]:
    found = []
    for kind, data in documents(site):
        if data is None:
            found.append(f"{kind}: unreadable")
            continue
        validator = jsonschema.Draft202012Validator(json.loads(schema_text(kind)))
        found += [f"{kind}: {error.message}" for error in validator.iter_errors(data)]
    return found


@pytest.mark.parametrize("site", [REPO, SITES / "minimal", SITES / "full"], ids=["example", "minimal", "full"])
def test_every_sample_site_is_accepted(site):
    assert errors(site) == []


INVALID = sorted(p for p in (SITES / "invalid").iterdir() if p.is_dir() and p.name not in BEYOND_SCHEMA)


def test_the_cases_beyond_a_schema_are_real_cases():
    assert BEYOND_SCHEMA <= {p.name for p in (SITES / "invalid").iterdir()}


@pytest.mark.parametrize("site", INVALID, ids=[p.name for p in INVALID])
def test_every_invalid_site_is_rejected_where_a_schema_can_tell(site):
    assert errors(site)
