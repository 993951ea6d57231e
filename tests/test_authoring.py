"""`sitegen new` and `sitegen update` through the CLI, on copies of the sample sites."""

from __future__ import annotations

import difflib
import hashlib
import time

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.model import IncidentStatus
from tests.helpers import NOW


def run(root, *args: str, now: str = "2026-11-26T12:00:00Z"):
    return CliRunner().invoke(main, [*args, "--site", str(root), "--now", now])


def check_clean(root, now: str = "2026-11-26T12:40:00Z") -> None:
    result = CliRunner().invoke(main, ["check", "--site", str(root), "--now", now])
    assert result.exit_code == 0, result.output


def test_declare_update_and_resolve_in_three_commands(site_dir):
    root = site_dir("example")
    started = time.perf_counter()
    created = run(root, "new", "incident", "Checkout fails for EU cards", "--impact", "major",
                  "--component", "api=major_outage", "--component", "dashboard")
    assert created.exit_code == 0, created.output
    path = root / created.output.strip()
    assert path.name == "2026-11-26-checkout-fails-for-eu-cards.md"
    slug = path.stem
    identified = run(root, "update", slug, "--status", "identified", "--message", "A routing change broke EU cards.",
                     "--next-update", "15m", now="2026-11-26T12:12:00Z")
    assert identified.exit_code == 0, identified.output
    resolved = run(root, "update", slug, "--status", "resolved", "--component", "api=operational",
                   "--message", "Resolved. From 12:00 to 12:25 UTC EU card payments failed; we reverted the change.",
                   "--cause", "A card-routing change sent EU cards to a processor that rejects them.",
                   now="2026-11-26T12:27:00Z")
    assert resolved.exit_code == 0, resolved.output
    assert time.perf_counter() - started < 3
    from sitegen.build import load_site
    from sitegen.errors import Problems

    incident = next(i for i in load_site(root, Problems()).incidents if i.slug == slug)
    assert [e.status for e in incident.timeline] == [
        IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.RESOLVED]
    assert incident.cause.startswith("A card-routing change")
    assert incident.timeline[0].next_update is not None
    check_clean(root)


def test_a_second_incident_with_the_same_title_gets_its_own_slug(site_dir):
    root = site_dir("minimal")
    first = run(root, "new", "incident", "API down", "--impact", "minor", "--component", "api").output.strip()
    second = run(root, "new", "incident", "API down", "--impact", "minor", "--component", "api").output.strip()
    assert first.endswith("2026-11-26-api-down.md") and second.endswith("2026-11-26-api-down-2.md")
    check_clean(root)


def test_a_promised_time_is_written_as_one_utc_instant_by_new_and_by_update(site_dir):
    root = site_dir("minimal")
    (root / "site.yml").write_text((root / "site.yml").read_text() + "timezone: Europe/Berlin\n")
    created = run(root, "new", "incident", "API down", "--impact", "minor", "--component", "api",
                  "--next-update", "2026-11-26 13:30")
    assert created.exit_code == 0, created.output
    path = root / created.output.strip()
    updated = run(root, "update", path.stem, "--status", "identified", "--message", "Found it.",
                  "--next-update", "2026-11-26T14:00:00+01:00", now="2026-11-26T12:10:00Z")
    assert updated.exit_code == 0, updated.output
    promises = [line.strip() for line in path.read_text().splitlines() if "next_update" in line]
    assert promises == ["next_update: 2026-11-26T12:30:00Z", "next_update: 2026-11-26T13:00:00Z"]
    check_clean(root)


def test_new_refuses_an_unknown_component_and_writes_nothing(site_dir):
    root = site_dir("minimal")
    before = sorted((root / "content").rglob("*.md"))
    result = run(root, "new", "incident", "API down", "--impact", "minor", "--component", "apii")
    assert result.exit_code == 1
    assert "unknown component apii" in result.output
    assert sorted((root / "content").rglob("*.md")) == before


def test_new_maintenance_and_postmortem_pass_check(site_dir):
    root = site_dir("example")
    maintenance = run(root, "new", "maintenance", "Certificate rotation", "--component", "api", "--component",
                      "webhooks", "--start", "2026-12-10T02:00:00Z", "--end", "2026-12-10T03:00:00Z")
    assert maintenance.exit_code == 0, maintenance.output
    assert maintenance.output.strip().endswith("content/maintenance/2026-12-10-certificate-rotation.md")
    postmortem = run(root, "new", "postmortem", "2026-11-12-api-latency-eu")
    assert postmortem.exit_code == 0, postmortem.output
    text = (root / postmortem.output.strip()).read_text()
    for section in ("## Summary", "## Impact", "## Root cause", "## Resolution", "## What we change", "action_items:"):
        assert section in text
    assert "event: \"Investigating: Requests to the EU API region" in text
    check_clean(root, "2026-11-26T12:00:00Z")


FILE_WITH_EVERYTHING = (
    "\ufeff---\r\n"
    "# Written by hand during the incident\r\n"
    "title: 'Search is slow'   # quoted on purpose\r\n"
    "impact: minor\r\n"
    "components: {api: degraded_performance}\r\n"
    "cause: >-\r\n"
    "  An index rebuild\r\n"
    "  ran at peak time.\r\n"
    "timeline:\r\n"
    "    -   at: 2026-11-26T11:00:00Z\r\n"
    "        status: investigating   # first post\r\n"
    "        message: >\r\n"
    "          Search takes 10 seconds.\r\n"
    "        next_update: 20m\r\n"
    "\r\n"
    "---\r\n"
    "Body with **Markdown**.\r\n"
)


@pytest.fixture
def handwritten(site_dir):
    root = site_dir("minimal")
    path = root / "content" / "incidents" / "2026-11-26-search.md"
    path.write_bytes(FILE_WITH_EVERYTHING.encode("utf-8"))
    return root, path


def only_insertions(before: bytes, after: bytes) -> list[str]:
    """The lines `after` adds to `before`, failing if any line of `before` changed or went missing."""
    old, new = before.decode("utf-8").splitlines(True), after.decode("utf-8").splitlines(True)
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        if tag == "insert":
            added += new[j1:j2]
    return added


def test_update_appends_and_leaves_every_other_byte(handwritten):
    root, path = handwritten
    before = path.read_bytes()
    result = run(root, "update", "2026-11-26-search", "--status", "identified", "--message",
                 'An index rebuild "ran" at peak time: ünïcode & <b>html</b>', "--next-update", "15m",
                 "--component", "api=partial_outage", now="2026-11-26T11:15:00Z")
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    added = only_insertions(before, after)
    assert added == [
        "    -   at: 2026-11-26T11:15:00Z\r\n", "        status: identified\r\n",
        '        message: "An index rebuild \\"ran\\" at peak time: ünïcode & <b>html</b>"\r\n',
        "        next_update: 15m\r\n", "        components:\r\n", "          api: partial_outage\r\n",
    ]
    assert after.startswith(b"\xef\xbb\xbf---\r\n")
    check_clean(root, "2026-11-26T11:20:00Z")


def test_update_replaces_only_the_cause(handwritten):
    root, path = handwritten
    before = path.read_bytes().decode("utf-8").splitlines(True)
    result = run(root, "update", "2026-11-26-search", "--status", "monitoring", "--message", "Rebuild paused.",
                 "--next-update", "20m", "--cause", "An index rebuild started at peak traffic.",
                 now="2026-11-26T11:15:00Z")
    assert result.exit_code == 0, result.output
    after = path.read_bytes().decode("utf-8").splitlines(True)
    removed = [line for line in difflib.ndiff(before, after) if line.startswith("- ")]
    assert removed == ["- cause: >-\r\n", "-   An index rebuild\r\n", "-   ran at peak time.\r\n"]
    assert 'cause: "An index rebuild started at peak traffic."\r\n' in after


@pytest.mark.parametrize(
    "args, now, words",
    [
        (("update", "2026-11-26-nope", "--status", "identified", "--message", "x"), "2026-11-26T12:00:00Z",
         "no incident '2026-11-26-nope'"),
        (("update", "2026-11-26-search", "--status", "fixed", "--message", "x"), "2026-11-26T12:00:00Z",
         "'fixed' is not one of"),
        (("update", "2026-11-26-search", "--status", "identified", "--message", "x"), "2026-11-26T10:00:00Z",
         "earlier than the last entry"),
        (("update", "2026-11-26-search", "--status", "identified", "--message", "x", "--component", "db=operational"),
         "2026-11-26T12:00:00Z", "unknown component db"),
        (("update", "2026-11-26-search", "--status", "identified", "--message", "x", "--next-update", "soon"),
         "2026-11-26T12:00:00Z", "neither a duration"),
    ],
)
def test_refusals_leave_the_file_unchanged(handwritten, args, now, words):
    root, path = handwritten
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run(root, *args, now=now)
    assert result.exit_code != 0
    assert words in result.output
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_resolved_incident_needs_reopen(site_dir):
    root = site_dir("minimal")
    path = root / "content" / "incidents" / "2026-11-20-api-errors.md"
    digest = path.read_bytes()
    refused = run(root, "update", "2026-11-20-api-errors", "--status", "investigating", "--message", "Back.",
                  "--next-update", "20m")
    assert refused.exit_code == 1 and "--reopen" in refused.output
    assert path.read_bytes() == digest
    reopened = run(root, "update", "2026-11-20-api-errors", "--status", "investigating", "--message", "Back.",
                   "--next-update", "20m", "--reopen")
    assert reopened.exit_code == 0


def test_update_at_records_a_time_posted_elsewhere(handwritten):
    root, path = handwritten
    result = run(root, "update", "2026-11-26-search", "--status", "identified", "--message", "Found it.",
                 "--next-update", "20m", "--at", "2026-11-26 12:10", now="2026-11-26T13:00:00Z")
    assert result.exit_code == 0
    assert "at: 2026-11-26T12:10:00Z" in path.read_text()
    assert NOW.hour == 12


def test_a_broken_file_elsewhere_does_not_stop_an_update(handwritten):
    root, path = handwritten
    (root / "content" / "incidents" / "2026-11-25-broken.md").write_text("---\ntitle: [\n---\n")
    result = run(root, "update", "2026-11-26-search", "--status", "identified", "--message", "Found it.",
                 "--next-update", "20m", now="2026-11-26T11:15:00Z")
    assert result.exit_code == 0, result.output
    assert "Found it." in path.read_text()
