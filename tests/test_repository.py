"""The repository's promises beyond the code: workflows, the action, the pre-commit hook, the package."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from sitegen import __version__, project
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
    assert (WORKFLOWS / "pages.yml").read_text() == workflow("pages.yml", "./")


def test_pages_deploys_with_the_official_actions_on_push_schedule_and_by_hand():
    pages = load(WORKFLOWS / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["on"]["schedule"] == [{"cron": "*/15 * * * *"}]
    assert "workflow_dispatch" in pages["on"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"]["group"] == "pages"
    build = pages["jobs"]["build"]
    site = next(s for s in steps(build) if s.get("uses") == "./")  # the action at the root: every push tests it
    # Scheduled runs build only when due; pushes and manual runs always.
    assert site["with"] == {"when": "${{ github.event_name == 'schedule' && 'due' || 'always' }}"}
    assert build["outputs"]["due"] == "${{ steps.site.outputs.due }}"
    deploy = pages["jobs"]["deploy"]
    assert deploy["if"] == "needs.build.outputs.due == 'true'"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(deploy))
    action = yaml.safe_load((REPO / "action.yml").read_text())
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    for name in ("pages.yml", "ci.yml"):
        text = (WORKFLOWS / name).read_text()
        assert "SOURCE_DATE_EPOCH:" not in text and "SOURCE_DATE_EPOCH=" not in text  # scheduled runs see the clock
    notify = pages["jobs"]["notify"]
    assert notify["if"] == "github.event_name == 'push'" and notify["needs"] == "deploy"
    assert notify["continue-on-error"] is True
    run = next(s for s in steps(notify) if "sitegen notify" in s.get("run", ""))
    assert 'sitegen notify --since "$BEFORE"' in run["run"] and run["env"]["BEFORE"] == "${{ github.event.before }}"
    secrets = {k: v for k, v in run["env"].items() if k != "BEFORE"}
    assert set(secrets) == {"SITEGEN_SLACK_WEBHOOK_URL", "SITEGEN_DISCORD_WEBHOOK_URL", "SITEGEN_TEAMS_WEBHOOK_URL",
                            "SITEGEN_WEBHOOK_URL", "SITEGEN_SMTP_URL", "SITEGEN_EMAIL_FROM", "SITEGEN_EMAIL_TO"}
    assert all(value.startswith("${{ secrets.") for value in secrets.values())


def test_every_input_a_workflow_gives_the_action_is_one_it_declares():
    inputs = set(yaml.safe_load((REPO / "action.yml").read_text())["inputs"])
    for text in (workflow("pages.yml", "./"), workflow("check.yml", "./")):
        data = yaml.safe_load(text)
        for job in data["jobs"].values():
            for step in steps(job):
                if step.get("uses") == "./":
                    assert set(step.get("with", {})) <= inputs, step


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


def test_the_wheel_carries_the_default_theme_schemas_and_starter(tmp_path):
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("sitegen_status-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = REPO / "themes" / "default"
    expected = {f"sitegen/themes/default/{p.relative_to(theme).as_posix()}" for p in theme.rglob("*") if p.is_file()}
    expected |= {f"sitegen/schemas/{p.name}" for p in (REPO / "schemas").iterdir()}
    expected |= {f"sitegen/starter/{p.name}" for p in (REPO / "sitegen" / "starter").iterdir()}
    assert expected <= names


def test_every_pointer_at_the_home_repository_follows_pyproject():
    home = re.search(r'^Homepage = "(.+)"$', (REPO / "pyproject.toml").read_text(), re.M).group(1)
    assert project.home() == home  # the installed metadata is the one read at run time
    readme = (REPO / "README.md").read_text()
    tag = f"v{__version__}"
    assert project.release_tag() == tag
    for text in (readme, *(p.read_text() for p in (REPO / "sitegen" / "starter").iterdir())):
        for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", text):
            assert url in (home, "https://github.com/OWNER/REPO"), url
    assert f"pipx install git+{home}@{tag}" in readme and f"uv tool install git+{home}@{tag}" in readme
    assert f"  - repo: {home}\n    rev: {tag}\n" in readme  # pre-commit, at a real release tag
    assert f"uses: {project.action_ref()}\n" in readme
    assert f"`uses: {project.action_ref()}`" in readme
    assert f"`{project.requirement()}`" in readme


def test_the_readme_cost_table_is_what_the_benchmark_measures():
    measured = subprocess.run([sys.executable, str(REPO / "bench" / "due_month.py")], capture_output=True, text=True,
                              check=True, timeout=120).stdout
    # "quiet month: scheduled runs 2,880, scheduled deploys 30, ..." -> {"scheduled runs": "2,880", ...}
    quiet, busy = [dict(pair.rsplit(" ", 1) for pair in line.split(": ", 1)[1].split(", "))
                   for line in measured.splitlines()]
    readme = (REPO / "README.md").read_text()
    for row, figures in (("| `*/15` | quiet |", quiet), ("| `*/15` | three incidents", busy)):
        line = next(line for line in readme.splitlines() if line.startswith(row))
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[2:] == [figures["scheduled deploys"], figures["push deploys"], figures["minutes"],
                             figures["minutes before"]], line
    assert re.search(r"quiet month deploys once a day", readme)
