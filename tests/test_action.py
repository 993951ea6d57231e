"""The composite action (action.yml), run the way a runner runs it: each `run:` step through bash with the
inputs, `GITHUB_*` variables and the outputs of earlier steps, in a temporary repository made by `sitegen init`.

The three `uses:` steps are stood in for: setup-python puts this Python on PATH as `python`, configure-pages
answers with a base URL, and upload-pages-artifact runs the same tar command the real one runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text())
BASE_URL = "https://acme.github.io/status"  # configure-pages gives it without the trailing slash
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Runner:
    """One job's worth of state: RUNNER_TEMP, PATH additions, and each step's outputs."""

    def __init__(self, workspace: Path, temp: Path, clock: datetime) -> None:
        self.workspace, self.temp, self.clock = workspace, temp, clock
        self.path: list[str] = []
        self.outputs: dict[str, dict[str, str]] = {}
        self.log: list[str] = []
        temp.mkdir(exist_ok=True)
        shim = temp / "python-shim"
        shim.mkdir(exist_ok=True)
        if not (shim / "python").exists():
            (shim / "python").symlink_to(sys.executable)
        self.shim = str(shim)

    def value(self, name: str, inputs: dict[str, str]) -> str:
        parts = name.split(".")
        if parts[0] == "inputs":
            return inputs[parts[1]]
        if parts[0] == "steps" and parts[2] == "outputs":
            return self.outputs.get(parts[1], {}).get(parts[3], "")
        if name == "github.action_path":
            return str(REPO)
        raise AssertionError(f"the test runner does not know '{name}'")

    def expand(self, text: str, inputs: dict[str, str]) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1), inputs), text)

    def condition(self, text: str, inputs: dict[str, str]) -> bool:
        """`a == 'x' && b == 'y'`: the only form action.yml uses (the test fails on any other)."""
        results = []
        for part in text.split("&&"):
            match = re.fullmatch(r"\s*([\w.-]+)\s*==\s*'([^']*)'\s*", part)
            assert match, f"unsupported condition {text!r}"
            results.append(self.value(match.group(1), inputs) == match.group(2))
        return all(results)

    def env(self, output: Path, extra: dict[str, str]) -> dict[str, str]:
        return {
            "PATH": os.pathsep.join([*reversed(self.path), self.shim, "/usr/bin", "/bin"]),
            "HOME": os.environ.get("HOME", str(self.temp)),
            "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_ACTION_PATH": str(REPO),
            "GITHUB_WORKSPACE": str(self.workspace), "GITHUB_OUTPUT": str(output),
            "GITHUB_PATH": str(self.temp / "github_path"), "GITHUB_EVENT_NAME": "schedule",
            "GITHUB_REPOSITORY": "acme/status", "RUNNER_TEMP": str(self.temp), "RUNNER_OS": "Linux",
            # The runner's clock, fixed so that `due` has a known answer.
            "SOURCE_DATE_EPOCH": str(int(self.clock.timestamp())),
            **extra,
        }

    def run_action(self, given: dict[str, str], installed: bool = False) -> tuple[int, dict[str, str]]:
        """Run every step; the exit status of the first failing one (0 if none) and the action's outputs.

        `installed`: this RUNNER_TEMP already holds the install step's result, so that step (half a minute of
        pip) is not run again; the first run of every test runs it.
        """
        inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | given
        for number, step in enumerate(ACTION["runs"]["steps"]):
            if "if" in step and not self.condition(step["if"], inputs):
                continue
            if installed and step.get("name") == "Install sitegen":
                self.path.append(str(self.temp / "sitegen" / "bin"))
                continue
            output = self.temp / f"output-{number}"
            output.write_text("")
            (self.temp / "github_path").write_text("")
            if "uses" in step:
                self.stand_in(step, inputs)
                continue
            assert step["shell"] == "bash"
            env = {name: self.expand(str(value), inputs) for name, value in step.get("env", {}).items()}
            assert "${{" not in step["run"], "expressions belong in env:, not in the script"
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                  cwd=self.workspace, env=self.env(output, env), capture_output=True, text=True,
                                  timeout=300)
            self.log.append(f"$ {step.get('name', step['run'][:40])}\n{done.stdout}{done.stderr}")
            if done.returncode:
                return done.returncode, {}
            if "id" in step:
                self.outputs[step["id"]] = dict(line.split("=", 1) for line in output.read_text().splitlines())
            self.path += [line for line in (self.temp / "github_path").read_text().splitlines() if line]
        return 0, {name: self.expand(spec["value"], inputs) for name, spec in ACTION["outputs"].items()}

    def stand_in(self, step: dict, inputs: dict[str, str]) -> None:
        name = step["uses"].split("@")[0]
        if name == "actions/setup-python":
            assert step["with"]["python-version"]
        elif name == "actions/configure-pages":
            self.outputs[step["id"]] = {"base_url": BASE_URL, "origin": "https://acme.github.io",
                                        "host": "acme.github.io", "base_path": "/status"}
        elif name == "actions/upload-pages-artifact":
            path = self.expand(step["with"]["path"], inputs)
            # What upload-pages-artifact v3 runs before uploading.
            subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", path, "-cf",
                            str(self.temp / "artifact.tar"), "--exclude=.git", "--exclude=.github", "."], check=True)
        else:
            raise AssertionError(f"no stand-in for {name}")


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A repository as `sitegen init` makes it, committed."""
    root = tmp_path_factory.mktemp("action") / "status"
    subprocess.run([sys.executable, "-m", "sitegen", "init", str(root), "--now", "2026-11-26T12:00:00Z"],
                   check=True, capture_output=True)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "init"], cwd=root, check=True)
    return root


def test_the_action_installs_from_its_checkout_checks_builds_and_uploads(repository, tmp_path_factory):
    runner = Runner(repository, tmp_path_factory.mktemp("runner"), NOW)
    status, outputs = runner.run_action({})
    log = "\n".join(runner.log)
    assert status == 0, log
    built = Path(outputs["path"])
    assert outputs["due"] == "true" and built == repository / "_site"
    assert '<link rel="canonical" href="https://acme.github.io/status/">' in (built / "index.html").read_text()
    with tarfile.open(runner.temp / "artifact.tar") as artifact:
        names = artifact.getnames()
    assert "./index.html" in names and "./feed.atom" in names
    # sitegen came from this checkout, and the job's later steps find it on PATH.
    assert runner.path == [str(runner.temp / "sitegen" / "bin")]
    shown = subprocess.run([str(runner.temp / "sitegen" / "bin" / "python"), "-m", "pip", "show", "-f",
                            "sitegen-status"], capture_output=True, text=True)
    assert "Version: " in shown.stdout
    # The warnings of a fresh site (its placeholders) do not fail a check that is not strict.
    assert "placeholder" in log

    # A scheduled run at a quiet time: nothing due, so nothing is checked, built or uploaded.
    (runner.temp / "artifact.tar").unlink()
    quiet = Runner(repository, runner.temp, NOW)
    status, outputs = quiet.run_action({"when": "due", "output": "_site_quiet"}, installed=True)
    assert status == 0, "\n".join(quiet.log)
    assert outputs == {"path": "", "due": "false"}
    assert "not due: nothing on the page moves" in "\n".join(quiet.log)
    assert not (repository / "_site_quiet").exists() and not (runner.temp / "artifact.tar").exists()

    # Strict: the fresh site's placeholders fail the check, and nothing is built.
    strict = Runner(repository, runner.temp, NOW)
    status, outputs = strict.run_action({"strict": "true", "pages": "false", "output": "_site_strict"},
                                        installed=True)
    assert status == 1 and "placeholder" in "\n".join(strict.log)
    assert not (repository / "_site_strict").exists()


def test_a_wrong_when_is_an_error_that_names_the_choices(repository, tmp_path):
    runner = Runner(repository, tmp_path, NOW)
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "due")
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=repository, capture_output=True,
                          text=True, env=runner.env(tmp_path / "out", {"SITE": ".", "WHEN": "sometimes", "WINDOW": "15m"}))
    assert done.returncode == 1 and "use always or due" in done.stdout
