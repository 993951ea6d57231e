"""`sitegen due`: over a month of a sample site, a scheduled run every 15 minutes deploys only when the page moved."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from sitegen.build import load_site
from sitegen.due import due_reason
from sitegen.errors import Problems

# The site's zone is Berlin: its day starts at 23:00 UTC in November.
SITE = """\
title: Scratch Status
base_url: https://acme.test/status/
feed_id: acme.test
timezone: Europe/Berlin
components:
  - id: api
    name: API
"""
FILES = {
    "content/incidents/2026-11-10-api-errors.md": """\
        ---
        title: API errors
        impact: major
        components: [api]
        timeline:
          - at: 2026-11-10T09:00:00Z
            status: investigating
            message: Some API requests fail with 502. We are investigating.
            next_update: 20m
          - at: 2026-11-10T09:20:00Z
            status: identified
            message: A load balancer lost two backends; we are replacing them.
            next_update: 20m
          - at: 2026-11-10T10:05:00Z
            status: resolved
            message: From 08:58 to 10:02 UTC some API requests failed. The backends are replaced.
        cause: Two backends failed their health checks after a kernel update.
        postmortem: 2026-11-10-api-errors
        ---
        """,
    "content/postmortems/2026-11-10-api-errors.md": """\
        ---
        title: "Postmortem: API errors"
        incident: 2026-11-10-api-errors
        published_at: 2026-11-12T15:00:00Z
        timeline:
          - at: 2026-11-10T08:58:00Z
            event: Kernel update rolled out.
        action_items:
          - Roll kernel updates out one backend at a time.
        ---
        ## Root cause

        The update changed a network default.
        """,
    "content/maintenance/2026-11-18-db-upgrade.md": """\
        ---
        title: Database upgrade
        components: [api]
        scheduled_start: 2026-11-18T02:00:00Z
        scheduled_end: 2026-11-18T03:00:00Z
        timeline:
          - at: 2026-11-15T12:00:00Z
            status: scheduled
            message: We will upgrade the database; the API may be slow for a few seconds.
        ---
        """,
}
WINDOW = timedelta(minutes=15)


@pytest.fixture
def site(write_site):
    root = write_site(FILES, SITE)
    problems = Problems()
    loaded = load_site(root, problems)
    assert loaded is not None and not problems.errors, problems.errors
    return root, loaded


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("now, expected", [
    ("2026-11-05T12:00:00Z", None),  # a quiet day
    ("2026-11-05T23:00:00Z", "a new day began in Europe/Berlin (2026-11-06)"),
    ("2026-11-05T23:15:00Z", None),  # the day began in the window before
    ("2026-11-06T00:00:00Z", None),  # midnight UTC is not the site's day boundary
    ("2026-11-10T09:00:00Z", "incident 2026-11-10-api-errors is open"),
    ("2026-11-10T09:45:00Z", "incident 2026-11-10-api-errors is open"),
    ("2026-11-10T10:15:00Z", "content/incidents/2026-11-10-api-errors.md has an entry at 2026-11-10T10:05:00Z"),
    ("2026-11-10T10:30:00Z", None),  # resolved: nothing moves any more
    ("2026-11-12T15:00:00Z", "content/postmortems/2026-11-10-api-errors.md has an entry at 2026-11-12T15:00:00Z"),
    ("2026-11-15T12:00:00Z", "content/maintenance/2026-11-18-db-upgrade.md has an entry at 2026-11-15T12:00:00Z"),
    ("2026-11-18T01:45:00Z", None),
    ("2026-11-18T02:00:00Z", "maintenance 2026-11-18-db-upgrade went from scheduled to in_progress"),
    ("2026-11-18T02:30:00Z", None),  # in progress, and nothing on the page moves
    ("2026-11-18T03:00:00Z", "maintenance 2026-11-18-db-upgrade went from in_progress to completed"),
])
def test_due_at_fixed_times(site, now, expected):
    reason = due_reason(site[1], at(now), WINDOW)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(expected), reason


def test_a_month_of_scheduled_runs_deploys_on_day_boundaries_and_when_something_happened(site):
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    ticks = [start + WINDOW * n for n in range(1, 30 * 96 + 1)]  # every 15 minutes of November
    due = [t for t in ticks if due_reason(site[1], t, WINDOW)]
    # 30 local midnights, 5 runs while the incident is open and 1 for its resolution, the postmortem,
    # the maintenance announcement, its start and its end.
    assert len(ticks) == 2880 and len(due) == 30 + 6 + 1 + 1 + 2
    assert sum(1 for t in due if t.hour == 23 and t.minute == 0) == 30


@pytest.mark.parametrize("late", [0, 1, 7, 14])
def test_runs_that_start_late_still_see_every_event_exactly_once(site, late):
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    ticks = [start + WINDOW * n for n in range(1, 30 * 96 + 1)]
    on_time = [t for t in ticks if due_reason(site[1], t, WINDOW)]
    delayed = [t for t in ticks if due_reason(site[1], t + timedelta(minutes=late), WINDOW)]
    assert delayed == on_time


def test_a_late_run_looks_at_its_own_ticks_window(site):
    # Started at 23:07 for the 23:00 tick: the day that began at 23:00 UTC (midnight in Berlin) is due.
    assert due_reason(site[1], at("2026-11-05T23:07:00Z"), WINDOW).startswith("a new day began")
    # The 23:15 tick's run, started at 23:29, finds nothing new.
    assert due_reason(site[1], at("2026-11-05T23:29:59Z"), WINDOW) is None


def test_the_command_prints_the_answer_and_writes_github_output(site, tmp_path):
    output = tmp_path / "github_output"
    output.write_text("earlier=1\n")
    env = {"GITHUB_OUTPUT": str(output), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "sitegen", "due", "--site", str(site[0])]
    quiet = subprocess.run([*command, "--now", "2026-11-05T12:00:00Z"], capture_output=True, text=True, env=env)
    assert quiet.returncode == 0
    assert quiet.stdout == ("not due: nothing on the page moves after 2026-11-05T11:45:00+00:00 "
                            "until 2026-11-05T12:00:00+00:00\n")
    busy = subprocess.run([*command, "--now", "2026-11-10T09:30:00Z", "--window", "1h"], capture_output=True,
                          text=True, env=env)
    assert busy.returncode == 0 and busy.stdout.startswith("due: incident 2026-11-10-api-errors is open")
    assert output.read_text() == "earlier=1\ndue=false\ndue=true\n"
    without = subprocess.run([*command, "--now", "2026-11-05T12:00:00Z"], capture_output=True, text=True,
                             env={"PATH": "/usr/bin:/bin"})
    assert without.returncode == 0 and output.read_text().count("due=") == 2
    wrong = subprocess.run([*command, "--window", "soon"], capture_output=True, text=True, env=env)
    assert wrong.returncode == 2 and "'soon' is not a duration such as 15m" in wrong.stderr
