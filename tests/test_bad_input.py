"""Every kind of bad input gets a located error through the real CLI: exit 1, no traceback, output/ untouched."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from tests.helpers import SITE_YML

GOOD = """\
title: API errors
impact: minor
components: [api]
timeline:
  - at: 2026-11-20T10:00:00Z
    status: investigating
    message: We are looking into errors on the API.
"""
FILE = "content/incidents/2026-11-20-api.md"


def build(root):
    out = root / "output"
    out.mkdir(exist_ok=True)
    (out / "keep.html").write_text("previous build")
    result = CliRunner().invoke(main, ["build", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["keep.html"]
    assert (out / "keep.html").read_text() == "previous build"
    return result


def located_lines(output: str, path: str) -> list[int]:
    return [int(n) for n in re.findall(rf"^{re.escape(path)}:(\d+):", output, re.MULTILINE)]


FRONT_MATTER_CASES = {
    "alias bomb": ('a: &a ["lol", "lol"]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\n' + GOOD,
                   3, "aliases are not supported"),
    "recursive alias": ("x: &m {s: *m}\n" + GOOD, 2, "aliases are not supported"),
    "deep nesting": ("x: " + "[" * 500 + "]" * 500 + "\n" + GOOD, 2, "nested more than 20 levels"),
    "int tag on text": (GOOD.replace("title: API errors", "title: !!int a"), 2, "'a' is not a valid int"),
    "local tag": (GOOD.replace("title: API errors", "title: !foo x"), 2, "the tag !foo is not supported"),
    "python tag": (GOOD.replace("title: API errors", "title: !!python/name:os.system x"), 2,
                   "the tag !!python/name:os.system is not supported"),
    "huge integer": (GOOD.replace("title: API errors", "title: " + "9" * 5000), 2, "a number of 5000 characters"),
    "number one digit too long": (GOOD.replace("title: API errors", "title: " + "9" * 41), 2,
                                  "a number of 41 characters; quote it if it is text"),
    "value one character too long": (GOOD.replace("title: API errors", "title: " + "x" * 50_001), 2,
                                     "a value of 50,001 characters; the limit is 50,000"),
    "raw control character": (GOOD.replace("API errors", "API\x01errors"), 2,
                              "column 11: the invisible character U+0001"),
    "escaped control character": (GOOD.replace("title: API errors", 'title: "\\e[31m"'), 2,
                                  "the invisible character U+001B"),
    "line separator": (GOOD.replace("We are", "We\u2028are"), 8, "U+2028 (LINE SEPARATOR)"),
    "time past 9999 in UTC": (GOOD.replace("2026-11-20T10:00:00Z", "9999-12-31T23:59:59-12:00"), 6,
                              "outside the years 1970 to 9999"),
    "time before 1970": (GOOD.replace("2026-11-20T10:00:00Z", "1969-12-31T23:00:00Z"), 6,
                         "outside the years 1970 to 9999"),
    "endless next update": (GOOD + "    next_update: 999999999d\n", 9, "longer than a year"),
    "line break in a title": (GOOD.replace("title: API errors", 'title: "API\\nerrors"'), 2, "must be one line"),
    "unquoted colon": (GOOD.replace("message: We are", "message: Update: we are"), 8,
                       'must be quoted: `message: "Update: we are looking into er…"`'),
    "tab in indentation": (GOOD.replace("    status", "\tstatus"), 7, "indent with spaces, not tabs"),
    "missing timeline key": (GOOD.replace("timeline:\n", ""), 5, "needs its field name on the line above"),
    "status in another case": (GOOD.replace("status: investigating", "status: Investigating"), 7,
                               "did you mean 'investigating'?"),
    "empty message": (GOOD.replace("message: We are looking into errors on the API.", "message:"), 8,
                      "timeline[0].message: is empty; give it a value"),
}


@pytest.mark.parametrize("front, line, words", FRONT_MATTER_CASES.values(), ids=list(FRONT_MATTER_CASES))
def test_bad_front_matter_is_one_located_error(write_site, front, line, words):
    root = write_site({FILE: "---\n" + front + "---\nBody.\n"})
    result = build(root)
    assert result.exit_code == 1
    assert words in result.output
    assert located_lines(result.output, FILE) == [line]
    assert line <= (root / FILE).read_text().count("\n")


def test_a_control_character_in_the_body_is_located(write_site):
    root = write_site({FILE: "---\n" + GOOD + "---\nFirst line.\nSecond\x85line.\n"})
    result = build(root)
    assert "content/incidents/2026-11-20-api.md:11: column 7: the invisible character U+0085" in result.output


SITE_CASES = {
    "zone that is a folder": ("timezone: Europe\n", "'Europe' is not a time zone name from the IANA database"),
    "very long zone": ("timezone: " + "A" * 300 + "\n", "is not a time zone name from the IANA database"),
    "zone in the wrong case": ("timezone: europe/berlin\n", "did you mean 'Europe/Berlin'?"),
    "broken IPv6 base_url": ("", "is not a valid URL"),
}


@pytest.mark.parametrize("extra, words", SITE_CASES.values(), ids=list(SITE_CASES))
def test_bad_site_settings_are_located(write_site, extra, words):
    site_yml = SITE_YML + extra
    if not extra:
        site_yml = site_yml.replace("https://example.org/status/", '"https://[::1"')
    root = write_site({FILE: "---\n" + GOOD + "---\n"}, site_yml=site_yml)
    result = build(root)
    assert result.exit_code == 1
    assert words in result.output
    assert re.search(r"^site\.yml:\d+: (timezone|base_url): ", result.output, re.MULTILINE)


def test_a_broken_incident_causes_no_error_in_its_postmortem(write_site):
    postmortem = """\
        ---
        title: What happened
        incident: 2026-11-20-api
        published_at: 2026-11-22T10:00:00Z
        timeline:
          - at: 2026-11-20T10:00:00Z
            event: Errors began.
        ---
        """
    root = write_site({FILE: "---\n" + GOOD.replace("impact: minor", "impact: huge") + "postmortem: "
                       "2026-11-20-api\n---\n", "content/postmortems/2026-11-20-api.md": postmortem})
    result = build(root)
    assert result.output.splitlines()[:-1] == [
        f"{FILE}:3: impact: 'huge' is not one of none, minor, major, critical"]


def test_a_rejected_entry_brings_no_audit_warnings(write_site):
    late = GOOD + "  - at: 2026-11-20T16:00:00Z\n    status: fixed\n    message: It works again.\n"
    root = write_site({FILE: "---\n" + late + "---\n"})
    result = CliRunner().invoke(main, ["check", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": placeholder:" not in line]  # site.yml's example.org
    assert lines == [f"{FILE}:10: timeline[1].status: 'fixed' is not one of investigating, "
                     "identified, monitoring, resolved", "1 error, 2 warnings"]


def test_markdown_where_sitegen_does_not_look_is_a_warning_naming_the_folder(write_site):
    root = write_site({FILE: "---\n" + GOOD + "---\n", "content/incident/2026-11-21-x.md": "x",
                       "content/2026-11-22-y.md": "y", "content/incidents/2026-11-23-z.MD": "z",
                       "content/README.md": "How to write incidents."})
    result = CliRunner().invoke(main, ["check", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    warnings = [line for line in result.output.splitlines() if "unread-file" in line]
    assert warnings == [
        "content/2026-11-22-y.md: unread-file: is not read: sitegen reads only content/incidents/, "
        "content/maintenance/ and content/postmortems/; move it to the folder of its kind",
        "content/incident/2026-11-21-x.md: unread-file: is not read: sitegen reads only content/incidents/, "
        "content/maintenance/ and content/postmortems/; move it to content/incidents/",
        "content/incidents/2026-11-23-z.MD: unread-file: is not read: sitegen reads files ending in '.md'; "
        "rename it to 2026-11-23-z.md",
    ]


def test_an_error_at_the_end_of_a_file_without_a_last_line_break_points_at_its_last_line(write_site):
    site_yml = SITE_YML + "  - id: web\n    e"  # found by tests/test_fuzz.py
    root = write_site({FILE: "---\n" + GOOD + "---\n"}, site_yml=site_yml)
    result = build(root)
    assert result.output.startswith("site.yml:11: YAML syntax error: could not find expected ':'")


def test_every_wrong_field_is_reported_at_once_even_beside_a_wrong_required_one(write_site):
    site_yml = SITE_YML.replace("    name: Website\n", "    sla: 150\n")  # web has no name, and a bad target
    broken = GOOD.replace("title: API errors", "title:") + "email_sent_at: yesterday\ncredits: [ten, percent]\n"
    root = write_site({FILE: "---\n" + broken + "---\n"}, site_yml=site_yml)
    result = build(root)
    assert result.output.splitlines()[:-1] == [
        f"{FILE}:2: title: is empty; give it a value",
        f"{FILE}:9: email_sent_at: 'yesterday' is not an ISO 8601 time such as 2026-11-26T14:02:00Z",
        f"{FILE}:10: credits: expected text, got a list",
        "site.yml:8: components[1].name: is required but missing",
        "site.yml:9: components[1].sla: expected a number from 0 to 100, got '150'",
    ]


def test_a_maintenance_naming_no_component_is_an_error_not_a_window_that_vanishes(write_site):
    maintenance = """\
        ---
        title: Database upgrade
        components: []
        scheduled_start: 2026-11-30T10:00:00Z
        scheduled_end: 2026-11-30T11:00:00Z
        ---
        """
    root = write_site({FILE: "---\n" + GOOD + "---\n", "content/maintenance/2026-11-30-db.md": maintenance})
    result = build(root)
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "content/maintenance/2026-11-30-db.md:3: components: needs at least one entry"]
