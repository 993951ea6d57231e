"""Property tests: for any front matter, site.yml or update text, the real CLI exits 0 or 1 without a traceback,
every error is located inside its file, a failed build leaves output/ as it was, and memory stays bounded.

CI runs a few dozen examples per property (profile "ci"); before a release run thousands:
    HYPOTHESIS_PROFILE=release .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from tests.helpers import SITE_YML

settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("release", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NOW = "2026-11-26T12:00:00Z"
FILE = "content/incidents/2026-11-20-api.md"
MEMORY_LIMIT_KB = 1_500_000  # peak resident size of the test process, far above a normal build
GOOD = """\
---
title: API errors
impact: major
components: {api: partial_outage}
started_at: 2026-11-20T09:50:00Z
cause: A bad deploy.
postmortem: pending
timeline:
  - at: 2026-11-20T10:00:00Z
    status: investigating
    message: We are looking into errors on the API.
    next_update: 20m
  - at: 2026-11-20T10:30:00Z
    status: resolved
    message: "Fixed: we rolled back the deploy."
    components: {api: operational}
---
Body text.
"""
MAINTENANCE = """\
---
title: Database upgrade
components: [api, web]
scheduled_start: 2026-11-28T01:00:00Z
scheduled_end: 2026-11-28T02:00:00Z
timeline:
  - at: 2026-11-20T10:00:00Z
    status: scheduled
    message: We will upgrade the database.
  - at: 2026-11-21T10:00:00Z
    status: scheduled
    message: Moved by an hour.
    scheduled_end: 2026-11-28T03:00:00Z
---
"""
POSTMORTEM = """\
---
title: "Postmortem: API errors"
incident: 2026-11-20-api
published_at: 2026-11-22T10:00:00Z
timeline:
  - at: 2026-11-20T09:50:00Z
    event: A deploy went out.
action_items:
  - Canary every deploy.
---
## Summary
"""
SAMPLES = {FILE: GOOD, "content/maintenance/2026-11-28-db.md": MAINTENANCE,
           "content/postmortems/2026-11-20-api.md": POSTMORTEM}
# Fragments people and attackers type: YAML syntax, tags, aliases, odd numbers and times, invisible characters.
TOKENS = [
    ":", ": ", "- ", "&a ", "*a", "!!int ", "!!python/object:os.system ", "!foo ", "|", ">", "[", "]", "{", "}",
    "#", "'", '"', "\\e", "\\x1b", "\t", "\n", "\r", "  ", "---", "...", "? ", "<<: *a", "9" * 5000, "1e999",
    "0x1F", "1:30", "9999-12-31T23:59:59-12:00", "0001-01-01", "999999999d", "-5m", "null", "~", "yes", "Resolved",
    "\x00", "\x1b[31m", "\x85", "\u2028", "\u2029", "\ufeff", "\u202e", "😀", "Europe", "https://[::1",
]
text_pieces = st.one_of(st.sampled_from(TOKENS), st.text(st.characters(blacklist_categories=("Cs",)), max_size=8))


@st.composite
def mutated(draw, original: str = GOOD) -> str:
    """The good file with a few insertions, deletions and duplicated lines."""
    text = original
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(text_pieces) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        else:
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "\n".join(lines)
    return text


def editor_lines(text: str) -> int:
    return len(re.split(r"\r\n|\r|\n", text))


def scratch_site(files: dict[str, str], site_yml: str = SITE_YML) -> Path:
    root = Path(tempfile.mkdtemp(prefix="sitegen-fuzz-"))
    for folder in ("incidents", "maintenance", "postmortems"):
        (root / "content" / folder).mkdir(parents=True)
    (root / "site.yml").write_text(site_yml, encoding="utf-8", newline="")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8", newline="")
    return root


def assert_sound_build(root: Path, files: dict[str, str]) -> None:
    out = root / "output"
    out.mkdir()
    (out / "keep.html").write_text("previous build")
    result = CliRunner().invoke(main, ["build", "--site", str(root), "--now", NOW])
    assert isinstance(result.exception, (SystemExit, type(None))), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    event(f"exit {result.exit_code}")  # shown by --hypothesis-show-statistics: how many mutants still build
    if result.exit_code == 1:
        assert [p.name for p in out.iterdir()] == ["keep.html"]
        for name, text in files.items():
            for line in re.findall(rf"^{re.escape(name)}:(\d+):", result.output, re.MULTILINE):
                assert 0 <= int(line) <= editor_lines(text), (line, result.output)
    else:
        assert (out / "index.html").is_file()
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < MEMORY_LIMIT_KB


@given(st.sampled_from(list(SAMPLES)).flatmap(lambda name: mutated(SAMPLES[name]).map(lambda text: (name, text))))
def test_any_mutated_content_file_builds_or_fails_cleanly(case):
    name, text = case
    root = scratch_site({**SAMPLES, name: text})
    try:
        assert_sound_build(root, {name: text})
    finally:
        shutil.rmtree(root)


@given(mutated(SITE_YML))
def test_any_mutated_site_yml_builds_or_fails_cleanly(site_yml):
    root = scratch_site({FILE: GOOD}, site_yml)
    try:
        assert_sound_build(root, {"site.yml": site_yml})
    finally:
        shutil.rmtree(root)


@given(st.binary(max_size=300))
def test_any_bytes_after_the_opening_line_fail_cleanly(data):
    root = scratch_site({})
    (root / FILE).write_bytes(b"---\n" + data)
    try:
        assert_sound_build(root, {})
    finally:
        shutil.rmtree(root)


@given(st.one_of(st.sampled_from(TOKENS), st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                                                   max_size=60)))
def test_any_update_message_is_written_whole_or_refused(message):
    root = scratch_site({FILE: GOOD.replace("status: resolved", "status: monitoring")})
    path = root / FILE
    before = path.read_bytes()
    try:
        result = CliRunner().invoke(main, ["update", FILE, "--site", str(root), "--status", "monitoring",
                                           "--message", message, "--now", NOW])
        assert isinstance(result.exception, (SystemExit, type(None))), repr(result.exception)
        assert result.exit_code in (0, 1, 2)
        if result.exit_code == 0:
            check = CliRunner().invoke(main, ["check", "--site", str(root), "--now", NOW])
            assert check.exit_code == 0, check.output
        else:
            assert path.read_bytes() == before
    finally:
        shutil.rmtree(root)
