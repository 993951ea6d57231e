"""Any cState issue of labelled, timed updates in any order imports with every text and every instant kept."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.importers import import_site
from tests.importers.helpers import model

LABELS = ["Investigating", "Identified", "Monitoring", "Resolved", "Mitigated, service recovering", "Update",
          "Fixed"]
ALPHABET = "abcdefghijklmnopqrstuvwxyzABC0123456789 .,;:!?'()&%éü€"  # no Markdown or shortcode syntax
WORDS = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=60).map(str.strip).filter(bool)
ZONE = ZoneInfo("America/Sao_Paulo")
UPDATE = st.tuples(st.sampled_from(LABELS), WORDS, st.integers(0, 3 * 24 * 60), st.booleans())


@settings(max_examples=40, deadline=None)
@given(updates=st.lists(UPDATE, min_size=1, max_size=6), resolved=st.booleans())
def test_texts_and_instants_survive(updates, resolved):
    start = datetime(2026, 3, 1, 12, 0)
    with tempfile.TemporaryDirectory() as work:
        source, site = Path(work) / "cstate", Path(work) / "site"
        (source / "content" / "issues").mkdir(parents=True)
        (source / "config.yml").write_text("title: P\nbaseURL: https://p.example\ntimeZone: America/Sao_Paulo\n"
                                           "params:\n  systems:\n    - name: Core\n")
        instants, paragraphs = [], []
        for label, words, minutes, zoned in updates:
            at = start + timedelta(minutes=minutes)
            instants.append(at.replace(tzinfo=ZONE))
            written = (at.replace(tzinfo=ZONE).astimezone(timezone.utc).isoformat() if zoned
                       else at.strftime("%Y-%m-%d %H:%M:%S"))
            paragraphs.append(f'*{label}* - {words} {{{{< track "{written}" >}}}}')
        (source / "content" / "issues" / "p.md").write_text(
            f"---\ntitle: Property\ndate: {start:%Y-%m-%d %H:%M:%S}\nresolved: {str(resolved).lower()}\n"
            f"severity: down\naffected: [Core]\n---\n\n" + "\n\n".join(paragraphs) + "\n")
        import_site("cstate", source, site)
        [incident] = model(site).incidents
        written_times = [e.at for e in incident.timeline]
        assert written_times == sorted(written_times)
        assert sorted(instants) == written_times[:len(instants)]
        messages = " ".join(e.message for e in incident.timeline)
        for _, words, _, _ in updates:
            assert words in messages
        assert (incident.timeline[-1].status.value == "resolved") == resolved


OFFSETS = st.sampled_from(["Z", "+00:00", "-05:00", "+05:30", "+13:45"])
SP_UPDATE = st.tuples(st.sampled_from(["investigating", "identified", "monitoring", "resolved"]), WORDS,
                      st.integers(0, 5 * 24 * 60), OFFSETS)


def _local(at: datetime, offset: str) -> str:
    if offset == "Z":
        return at.strftime("%Y-%m-%dT%H:%M:%SZ")
    sign, hours, minutes = offset[0], int(offset[1:3]), int(offset[4:6])
    delta = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    return (at + delta).strftime("%Y-%m-%dT%H:%M:%S") + offset


@settings(max_examples=40, deadline=None)
@given(updates=st.lists(SP_UPDATE, min_size=1, max_size=6), shuffle=st.randoms())
def test_statuspage_updates_in_any_order_and_offset_keep_instants_text_and_state(updates, shuffle):
    start = datetime(2026, 4, 1, 9, 0, tzinfo=timezone.utc)
    listed = [{"id": f"u{n}", "status": status, "body": words, "display_at": _local(start + timedelta(minutes=m), off),
               "created_at": _local(start + timedelta(minutes=m), off)}
              for n, (status, words, m, off) in enumerate(updates)]
    shuffle.shuffle(listed)
    with tempfile.TemporaryDirectory() as work:
        source, site = Path(work) / "saved", Path(work) / "site"
        source.mkdir()
        (source / "incidents.json").write_text(json.dumps({
            "page": {"name": "P", "url": "https://p.example", "time_zone": "Etc/UTC"},
            "components": [{"id": "c1", "name": "Core"}],
            "incidents": [{"id": "i1", "name": "Property", "impact": "minor", "incident_updates": listed,
                           "components": [{"id": "c1", "name": "Core"}]}],
        }))
        import_site("statuspage", source, site)
        [incident] = model(site).incidents
        instants = sorted(start + timedelta(minutes=m) for _, _, m, _ in updates)
        assert [e.at for e in incident.timeline] == instants
        assert sorted(e.message for e in incident.timeline) == sorted(words for _, words, _, _ in updates)
        last = max(m for _, _, m, _ in updates)
        final = [status for status, _, m, _ in updates if m == last]
        if len(final) == 1:  # the newest update decides whether the incident is still open
            assert incident.timeline[-1].status.value == final[0]
