"""`sitegen audit` and `sitegen email` through the CLI, their outputs parsed."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from sitegen.cli import main
from tests.helpers import REPO, SITES

FULL = ["--site", str(SITES / "full"), "--now", "2026-11-26T12:00:00Z"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_json_report_has_a_row_per_incident_a_cell_per_question_and_sla_months():
    result = run("audit", *FULL, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [row["slug"] for row in report["rows"]] == [
        "2026-11-26-api-outage", "2026-11-25-search-slow", "2026-11-20-cdn-outage", "2026-11-10-web-reopened",
        "2026-10-05-legacy"]
    assert len(report["questions"]) == 8
    rows = {row["slug"]: row["cells"] for row in report["rows"]}
    assert rows["2026-11-20-cdn-outage"]["on-schedule"]["verdict"] == "✗"
    assert "missed-next-update" in rows["2026-11-20-cdn-outage"]["on-schedule"]["reasons"][0]
    assert rows["2026-11-20-cdn-outage"]["email"]["verdict"] == "✓"
    assert rows["2026-11-20-cdn-outage"]["postmortem"]["verdict"] == "✓"
    assert rows["2026-10-05-legacy"]["email"]["verdict"] == "–"
    assert rows["2026-11-26-api-outage"]["resolution"]["verdict"] == "–"  # still open
    assert rows["2026-11-20-cdn-outage"]["communicator"]["verdict"] == "✓"
    assert "no-communicator" in rows["2026-11-26-api-outage"]["communicator"]["reasons"][0]  # major, nobody named
    assert rows["2026-11-10-web-reopened"]["communicator"]["verdict"] == "–"  # minor
    # search-slow promised its next update in a day and that day has not passed: no gap
    assert report["totals"]["on-schedule"] == {"✓": 4, "✗": 1, "–": 0}
    api = [s for s in report["sla"] if s["component"] == "API"]
    # 40 minutes down by the 26th is 99.89% so far, but within the 43.2 minutes that all of November allows.
    assert api == [{"component": "API", "month": "2026-11", "uptime": "99.89%", "target": "99.90%",
                    "status": "on track", "allowance": "40 of 43.2 min allowed", "breached": False, "credits": "–"}]


def test_markdown_report_is_a_table_github_can_render():
    result = run("audit", *FULL, "--format", "markdown")
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Incident |"))
    assert re.fullmatch(r"(\|---)+\|", lines[header + 1])
    columns = lines[header].count("|")
    rows = lines[header + 2: header + 2 + 6]
    assert all(row.count("|") == columns for row in rows)
    assert rows[-1].startswith("| **Total** |")
    assert "### Findings" in result.output and "### SLA" in result.output


def test_audit_filters_by_slug_and_since():
    by_slug = json.loads(run("audit", "2026-11-20-cdn-outage", *FULL, "--format", "json").output)
    assert [r["slug"] for r in by_slug["rows"]] == ["2026-11-20-cdn-outage"]
    since = json.loads(run("audit", *FULL, "--since", "2026-11-20", "--format", "json").output)
    assert len(since["rows"]) == 3
    assert run("audit", "no-such-incident", *FULL).exit_code == 2


def test_check_prints_findings_as_warnings_and_strict_fails():
    result = run("check", *FULL)
    assert result.exit_code == 0
    assert "content/incidents/2026-11-20-cdn-outage.md:23: missed-next-update: promised the next update by" in result.output
    assert run("check", "--strict", *FULL).exit_code == 1


def test_the_example_site_checks_clean_under_strict():
    result = run("check", "--strict", "--site", str(REPO), "--now", "2026-11-26T12:00:00Z")
    assert result.exit_code == 0, result.output


def test_email_draft_has_the_four_parts_and_no_placeholders():
    result = CliRunner().invoke(main, ["email", "2026-10-14-api-outage", "--site", str(REPO),
                                       "--now", "2026-11-26T12:00:00Z"])
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("Subject: [Resolved] Shipping API unavailable on October 14, 2026")
    assert "From Oct 14, 2026, 1:58\u202fPM UTC to Oct 14, 2026, 3:03\u202fPM UTC (1 hr 5 min)" in text  # when, how long
    assert "could not use Shipping API and Dashboard" in text  # who was affected
    assert "Why it happened: A configuration change" in text  # what was fixed and why
    assert "- Alert on connection-pool saturation above 80%" in text  # what prevents a recurrence
    assert "https://parcelwise.github.io/status/incidents/2026-10-14-api-outage/" in text
    assert "Dana Reyes" in text and "noreply" not in text.lower()
    assert not re.search(r"TODO|TBD|\[[A-Z ]+\]|\{\w+\}|lorem|xxx", text.split("\n", 1)[1], re.IGNORECASE)
    assert "warning" not in text


def test_email_warns_when_the_incident_lacks_what_it_needs():
    result = CliRunner().invoke(main, ["email", "2026-11-26-api-outage", *FULL[:2], "--now", "2026-11-26T12:00:00Z"])
    assert result.exit_code == 0
    assert "warning: the incident is still open" in result.output
    assert "warning: the incident has no `cause`" in result.output


def test_email_as_eml():
    from email import message_from_bytes

    result = CliRunner().invoke(main, ["email", "2026-10-14-api-outage", "--site", str(REPO), "--format", "eml",
                                       "--now", "2026-11-26T12:00:00Z"])
    message = message_from_bytes(result.stdout_bytes)
    assert message["From"] == "\"Dana Reyes, Head of Engineering\" <dana.reyes@parcelwise.example>"
    assert "Shipping API" in message["Subject"]
    assert "What we are changing" in message.get_payload(decode=True).decode()


def test_check_reports_warnings_after_the_errors_of_a_broken_file(site_dir):
    root = site_dir("full")
    (root / "content" / "incidents" / "2026-11-27-broken.md").write_text("---\ntitle: Broken\n---\n")
    result = CliRunner().invoke(main, ["check", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    first_error = next(i for i, line in enumerate(lines) if "2026-11-27-broken.md" in line)
    first_warning = next(i for i, line in enumerate(lines) if "missed-next-update" in line)
    assert first_error < first_warning
    assert lines[-1].endswith("warnings") and "errors" in lines[-1]
