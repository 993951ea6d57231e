"""Any cState issue of labelled, timed updates in any order imports with every text and every instant kept."""

from __future__ import annotations

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
