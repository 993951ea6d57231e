from __future__ import annotations

import json

from click.testing import CliRunner
from tests.helpers import SITES

from sitegen.cli import main


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_build_writes_into_site_output_by_default(site_dir):
    root = site_dir("minimal")
    result = run("build", "--site", str(root), "--now", "2026-11-26T12:00:00Z")
    assert result.exit_code == 0, result.output
    assert (root / "output" / "index.html").is_file()
    assert "Built" in result.output


def test_now_comes_from_source_date_epoch_when_not_given(site_dir):
    root = site_dir("minimal")
    run("build", "--site", str(root), env={"SOURCE_DATE_EPOCH": "1795694400"})  # 2026-11-26T12:00:00Z
    status = json.loads((root / "output" / "api" / "v2" / "status.json").read_text())
    assert status["page"]["updated_at"] == "2026-11-20T10:20:00Z"
    assert "2026-11-26T12:00:00Z" in (root / "output" / "index.html").read_text()


def test_bad_now_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", "--site", str(SITES / "minimal"), "--now", "soon"])
    assert result.exit_code == 2
    assert "--now" in result.output


def test_check_reports_warnings_and_strict_fails_on_them():
    ok = CliRunner().invoke(main, ["check", "--site", str(SITES / "full"), "--now", "2026-11-26T12:00:00Z"])
    assert ok.exit_code == 0
    assert "not-yet-published" in ok.output
    strict = CliRunner().invoke(main, ["check", "--strict", "--site", str(SITES / "full"), "--now", "2026-11-26T12:00:00Z"])
    assert strict.exit_code == 1


def test_output_folder_may_not_be_the_site(site_dir):
    root = site_dir("minimal")
    result = CliRunner().invoke(main, ["build", "--site", str(root), "--output", str(root)])
    assert result.exit_code == 2
    assert (root / "site.yml").is_file()


def test_check_explains_templates(site_dir):
    root = site_dir("minimal")
    (root / "themes" / "default" / "templates").mkdir(parents=True)
    (root / "themes" / "default" / "templates" / "404.html").write_text('{% extends "default/404.html" %}')
    result = run("check", "--site", str(root), "--now", "2026-11-26T12:00:00Z", "--explain-templates")
    line = next(line for line in result.output.splitlines() if line.startswith("404.html:"))
    assert "shadows" in line


def test_a_build_failing_while_rendering_leaves_the_output_and_no_staging(site_dir):
    root = site_dir("minimal")
    out = root / "output"
    assert run("build", "--site", str(root), "--now", "2026-11-26T12:00:00Z").exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "site.yml").write_text((root / "site.yml").read_text() + "theme: broken\n")
    templates = root / "themes" / "broken" / "templates"
    templates.mkdir(parents=True)
    (templates / "incident.html").write_text('{% extends "default/incident.html" %}{% block main %}{{ view.nope }}{% endblock %}')
    result = CliRunner().invoke(main, ["build", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    assert result.exit_code == 1
    assert "templates/incident.html" in result.output and "nope" in result.output
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in root.iterdir() if p.name.startswith(".output")]


def test_check_warns_while_feed_id_is_unset(write_site):
    from tests.helpers import SITE_YML

    root = write_site({}, SITE_YML.replace("feed_id: example.org\n", ""))
    result = run("check", "--site", str(root), "--now", "2026-11-26T12:00:00Z")
    assert result.exit_code == 0
    assert "site.yml:1: feed-id-unset: feed_id is not set, so feed ids use 'example.org' from base_url" in result.output


def test_help_says_what_now_means_for_each_command_and_since_takes_a_date():
    update = CliRunner().invoke(main, ["update", "--help"]).output
    assert "The time it is now, the default of --at" in " ".join(update.split())
    assert "--started-at ISO8601" in CliRunner().invoke(main, ["new", "incident", "--help"]).output
    audit = CliRunner().invoke(main, ["audit", "--help"]).output
    assert "--since DATE" in audit and "%Y" not in audit
