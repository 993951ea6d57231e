"""The front-matter writer: whatever it writes reads back as the same values."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.field_table import INCIDENT
from sitegen.model import ComponentStatus, IncidentStatus
from sitegen.writer import Comment, front_matter

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1)


def _read(text: str):
    front = text.split("---\n")[1]
    return yaml.safe_load(front)


@settings(max_examples=300, deadline=None)
@given(title=TEXT, message=TEXT, seconds=st.integers(0, 10**9), micro=st.integers(0, 999999))
def test_any_text_and_time_read_back_as_written(title, message, seconds, micro):
    at = datetime(1990, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds, microseconds=micro)
    data = _read(front_matter(INCIDENT, {"title": title, "timeline": [{"at": at, "status": IncidentStatus.RESOLVED,
                                                              "message": message}]}))
    assert data["title"] == title
    [entry] = data["timeline"]
    assert entry["message"] == message and entry["status"] == "resolved"
    assert entry["at"].replace(tzinfo=timezone.utc) == at  # YAML reads the Z time back as UTC


def test_forms_an_author_would_write():
    text = front_matter(INCIDENT, {
        "title": "Slow API", "components": {"api": ComponentStatus.PARTIAL_OUTAGE}, "started_at": None,
        "cause": Comment("cause: once known"), "audit": {"ignore": ["update-gap"]},
        "timeline": [{"at": datetime(2026, 11, 26, 14, 2, tzinfo=timezone.utc), "status": IncidentStatus.INVESTIGATING,
                      "message": "First line.\nSecond line.", "next_update": "20m"}],
    }, body="Body.")
    assert text == (
        '---\ntitle: "Slow API"\ncomponents:\n  api: partial_outage\n# cause: once known\n'
        "audit:\n  ignore: [update-gap]\n"
        "timeline:\n  - at: 2026-11-26T14:02:00Z\n    status: investigating\n    message: |-\n      First line.\n"
        "      Second line.\n    next_update: 20m\n---\nBody.\n"
    )
