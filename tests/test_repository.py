"""The repository's promises beyond the code: workflows, the pre-commit hook, `sitegen init`."""

from __future__ import annotations

import subprocess
import sys

import yaml
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.workflows import workflow
from tests.helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(path):
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_the_pages_workflow_is_the_starter_one_installing_this_checkout():
    assert (WORKFLOWS / "pages.yml").read_text() == workflow("pages.yml", ".")


def test_pages_deploys_with_the_official_actions_on_push_schedule_and_by_hand():
    pages = load(WORKFLOWS / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["on"]["schedule"] == [{"cron": "*/15 * * * *"}]
    assert "workflow_dispatch" in pages["on"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"]["group"] == "pages"
    build = pages["jobs"]["build"]
    uses = [s.get("uses", "") for s in steps(build)]
    runs = [s.get("run", "") for s in steps(build)]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert "sitegen check" in runs
    assert any("steps.pages.outputs.base_url" in r and r.startswith("sitegen build") for r in runs)
    assert next(s for s in steps(build) if s.get("uses", "").startswith("actions/setup-python@"))["with"]["cache"] == "pip"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(pages["jobs"]["deploy"]))
    text = (WORKFLOWS / "pages.yml").read_text()
    assert "SOURCE_DATE_EPOCH:" not in text and "SOURCE_DATE_EPOCH=" not in text  # scheduled runs see the clock
    notify = pages["jobs"]["notify"]
    assert notify["if"] == "github.event_name == 'push'" and notify["needs"] == "deploy"
    assert notify["continue-on-error"] is True
    run = next(s for s in steps(notify) if "sitegen notify" in s.get("run", ""))
    assert "github.event.before" in run["run"]
    assert set(run["env"]) == {"SITEGEN_SLACK_WEBHOOK_URL", "SITEGEN_DISCORD_WEBHOOK_URL", "SITEGEN_TEAMS_WEBHOOK_URL",
                               "SITEGEN_WEBHOOK_URL", "SITEGEN_SMTP_URL", "SITEGEN_EMAIL_FROM", "SITEGEN_EMAIL_TO"}
    assert all(value.startswith("${{ secrets.") for value in run["env"].values())


def test_ci_runs_the_tests_the_strict_check_and_the_audit_summary():
    ci = load(WORKFLOWS / "ci.yml")
    assert "pull_request" in ci["on"] and "push" in ci["on"]
    runs = " ".join(s.get("run", "") for s in steps(ci["jobs"]["test"]))
    assert "python -m pytest" in runs
    assert "sitegen check --strict" in runs
    assert "sitegen audit --format markdown >> \"$GITHUB_STEP_SUMMARY\"" in runs


def test_the_pre_commit_hook_runs_sitegen_check():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "sitegen-check")
    assert hook["entry"] == "sitegen check" and hook["language"] == "python" and hook["pass_filenames"] is False


def test_init_makes_a_site_that_builds_and_checks_clean(tmp_path):
    target = tmp_path / "status"
    result = CliRunner().invoke(main, ["init", str(target), "--now", "2026-11-26T12:00:00Z"])
    assert result.exit_code == 0, result.output
    for name in ("site.yml", "README.md", "requirements.txt", ".gitignore", ".github/workflows/pages.yml",
                 ".github/workflows/check.yml", "schemas/site.schema.json"):
        assert (target / name).is_file(), name
    assert len(list((target / "content" / "incidents").glob("2026-11-24-*.md"))) == 1
    assert load(target / ".github" / "workflows" / "pages.yml")["jobs"]["build"]["steps"][2]["run"] == \
        "pip install -r requirements.txt"
    checked = subprocess.run([sys.executable, "-m", "sitegen", "check", "--strict", "--site", str(target),
                              "--now", "2026-11-26T12:00:00Z"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    built = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(target)], capture_output=True,
                           text=True)
    assert built.returncode == 0, built.stderr
    assert (target / "output" / "index.html").is_file()
    again = CliRunner().invoke(main, ["init", str(target)])
    assert again.exit_code == 1 and "exists" in again.output


def test_the_wheel_carries_the_default_theme_schemas_and_starter(tmp_path):
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("sitegen_status-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = REPO / "themes" / "default"
    expected = {f"sitegen/themes/default/{p.relative_to(theme).as_posix()}" for p in theme.rglob("*") if p.is_file()}
    expected |= {f"sitegen/schemas/{p.name}" for p in (REPO / "schemas").iterdir()}
    expected |= {"sitegen/starter/pages.yml", "sitegen/starter/site.yml"}
    assert expected <= names
