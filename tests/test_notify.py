"""`sitegen notify` against real local receivers: an HTTP server on loopback and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from sitegen.delivery import Failure
from sitegen.notify import Notice, send
from tests.helpers import SITES


class Recorder(BaseHTTPRequestHandler):
    received: list[tuple[str, dict]] = []
    failures: dict[str, int] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Recorder.received.append((self.path, body))
        status = 500 if self.path == "/broken" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def receivers():
    Recorder.received = []
    http = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    mailbox = Mailbox()
    with socket.socket() as probe:  # aiosmtpd checks its server by connecting, so it needs a real port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    base = f"http://127.0.0.1:{http.server_port}"
    env = {
        "SITEGEN_SLACK_WEBHOOK_URL": f"{base}/slack", "SITEGEN_DISCORD_WEBHOOK_URL": f"{base}/discord",
        "SITEGEN_TEAMS_WEBHOOK_URL": f"{base}/teams", "SITEGEN_WEBHOOK_URL": f"{base}/hook",
        "SITEGEN_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}", "SITEGEN_EMAIL_FROM": "status@example.org",
        "SITEGEN_EMAIL_TO": "ops@example.org, Support <support@example.org>",
    }
    yield env, mailbox
    http.shutdown()
    smtp.stop()


def git(root, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "status"
    shutil.copytree(SITES / "minimal", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "start", "--allow-empty")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "site")
    return root


def commit(root, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD")


def add_update(root, at: str, status: str, message: str) -> None:
    path = root / "content" / "incidents" / "2026-11-26-db.md"
    if not path.exists():
        path.write_text("---\ntitle: Database slow\nimpact: minor\ncomponents: [api]\ntimeline:\n---\n")
    text = path.read_text().rsplit("---", 1)[0]
    path.write_text(text + f"  - at: {at}\n    status: {status}\n    message: \"{message}\"\n    next_update: 20m\n---\n")


def notify(root, ref: str, env: dict, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", "notify", "--since", ref, "--site", str(root), "--now", "2026-11-26T12:00:00Z",
         *extra], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **env}, timeout=120,
    )


def test_exactly_the_new_updates_reach_every_channel_once(repo, receivers):
    env, mailbox = receivers
    start = git(repo, "rev-parse", "HEAD")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    add_update(repo, "2026-11-26T11:55:00Z", "identified", "A missing index; we are adding it.")
    middle = commit(repo, "two updates")
    result = notify(repo, start, env)
    assert result.returncode == 0, result.stderr
    paths = [path for path, _ in Recorder.received]
    assert sorted(paths) == sorted(["/slack", "/discord", "/teams", "/hook"] * 2)
    slack = [body for path, body in Recorder.received if path == "/slack"]
    assert slack[0]["text"].startswith("*<https://example.org/status/incidents/2026-11-26-db/#update-20261126T114000Z"
                                       "|Investigating: Database slow>*")
    discord = [body for path, body in Recorder.received if path == "/discord"][1]
    assert discord["embeds"][0]["title"] == "Identified: Database slow"
    teams = [body for path, body in Recorder.received if path == "/teams"][0]
    assert teams["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    hook = [body for path, body in Recorder.received if path == "/hook"][0]
    assert hook["id"] == "tag:example.org,2026-11-26:incident/2026-11-26-db/20261126T114000Z"
    assert len(mailbox.messages) == 2
    sender, recipients, content = mailbox.messages[0]
    assert sender == "status@example.org" and recipients == ["ops@example.org", "support@example.org"]
    assert "Subject: Investigating: Database slow" in content
    # The next push sends only what it added.
    Recorder.received.clear()
    add_update(repo, "2026-11-26T11:58:00Z", "monitoring", "The index is built; we are watching.")
    commit(repo, "monitoring")
    notify(repo, middle, env)
    assert [body["title"] for path, body in Recorder.received if path == "/hook"] == ["Monitoring: Database slow"]
    assert len(mailbox.messages) == 3


def test_a_failing_receiver_is_retried_and_reported_while_the_others_receive(repo, receivers):
    env, mailbox = receivers
    start = git(repo, "rev-parse", "HEAD")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    commit(repo, "update")
    env = {**env, "SITEGEN_SLACK_WEBHOOK_URL": env["SITEGEN_SLACK_WEBHOOK_URL"].replace("/slack", "/broken")}
    result = notify(repo, start, env)
    assert result.returncode == 0
    assert [path for path, _ in Recorder.received].count("/broken") == 3
    assert "FAILED slack: Investigating: Database slow: HTTP 500 after 3 attempts" in result.stderr
    assert "127.0.0.1" not in result.stdout + result.stderr  # webhook URLs are secrets
    assert {"/discord", "/teams", "/hook"} <= {path for path, _ in Recorder.received}
    assert len(mailbox.messages) == 1


def test_dry_run_sends_nothing_and_an_unknown_ref_sends_nothing(repo, receivers):
    env, mailbox = receivers
    start = git(repo, "rev-parse", "HEAD")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    commit(repo, "update")
    dry = notify(repo, start, env, "--dry-run")
    assert "1 new update" in dry.stdout and "Investigating: Database slow" in dry.stdout
    unknown = notify(repo, "1234567890abcdef1234567890abcdef12345678", env)
    assert unknown.returncode == 0 and "git knows no commit '1234567890ab" in unknown.stderr
    assert "nothing sent" in unknown.stderr
    assert Recorder.received == [] and mailbox.messages == []


def test_a_ref_that_looks_like_an_option_is_refused_before_git_sees_it(repo, receivers):
    env, mailbox = receivers
    marker = repo.parent / "ran"
    for ref in (f"--output={marker}", "-h", "--upload-pack=touch " + str(marker)):
        result = notify(repo, ref, env)
        assert result.returncode == 0 and "never starts with '-'" in result.stderr and "nothing sent" in result.stderr
    assert not marker.exists() and Recorder.received == []


def test_a_first_push_sends_the_recent_entries_and_counts_the_old_ones(repo, receivers):
    env, mailbox = receivers
    # The minimal site has two entries of its own, days old; this is a third.
    add_update(repo, "2026-11-24T09:00:00Z", "investigating", "An old update, imported with the history.")
    add_update(repo, "2026-11-26T11:40:00Z", "identified", "Database queries take 5 seconds.")
    commit(repo, "history and a new update")
    result = notify(repo, "0" * 40, env)
    assert result.returncode == 0, result.stderr
    assert "1 new update, a first push: nothing before it (3 older than 1d not sent)" in result.stdout
    assert [body["title"] for path, body in Recorder.received if path == "/hook"] == ["Identified: Database slow"]


def test_a_commit_from_before_the_site_existed_is_nothing_before(repo, receivers):
    env, mailbox = receivers
    empty = git(repo, "rev-list", "--max-parents=0", "HEAD")  # the fixture's first commit holds no file
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    commit(repo, "update")
    result = notify(repo, empty, env)
    assert result.returncode == 0, result.stderr
    assert f"1 new update, since {empty[:12]} (2 older than 1d not sent)" in result.stdout


def test_after_a_force_push_only_what_neither_the_old_tip_nor_the_merge_base_had_is_sent(repo, receivers):
    env, mailbox = receivers
    base = git(repo, "rev-parse", "HEAD")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 secnds.")
    published = commit(repo, "investigating, with a typo")
    # The team amends the pushed commit and force-pushes: `before` is no longer an ancestor of HEAD.
    git(repo, "reset", "-q", "--hard", base)
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    add_update(repo, "2026-11-26T11:55:00Z", "identified", "A missing index; we are adding it.")
    commit(repo, "investigating and identified")
    result = notify(repo, published, env)
    assert result.returncode == 0, result.stderr
    assert (f"{published[:12]} is not an ancestor of HEAD (a force push): compared with it and with the merge base "
            f"{base[:12]}") in result.stdout
    # The 11:40 entry went out with the old tip; only the 11:55 one is news.
    assert [body["title"] for path, body in Recorder.received if path == "/hook"] == ["Identified: Database slow"]


def test_send_retries_a_bounded_number_of_times():
    calls = []

    def flaky(notice, seconds):
        calls.append(notice)
        raise Failure("down", retry=True)

    notice = Notice("id", "t", "https://e.org/", __import__("datetime").datetime.now(), "x", "<p>x</p>", "S", (), "en", "Open the status page")
    waits = []
    outcome = send([notice], {"flaky": flaky, "fine": lambda n, seconds: None}, sleep=waits.append)
    assert len(calls) == 3 and waits == [0.5, 1.0]
    assert [(o.channel, o.error) for o in outcome] == [("flaky", "down"), ("fine", None)]


def test_notices_speak_the_sites_language(repo, receivers):
    """A German site's chat and email notices say "Untersuchung"-style words, from the same catalogue as its pages."""
    from sitegen.i18n import Words

    env, mailbox = receivers
    config = repo / "site.yml"
    config.write_text(config.read_text() + "language: de\n")
    start = commit(repo, "German")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Datenbankabfragen dauern 5 Sekunden.")
    commit(repo, "update")
    Recorder.received.clear()
    result = notify(repo, start, env)
    assert result.returncode == 0, result.stderr
    german = Words("de")
    title = german.gettext("%(status)s: %(title)s", status=german.gettext("Investigating"), title="Database slow")
    assert title != "Investigating: Database slow"
    discord = [body for path, body in Recorder.received if path == "/discord"][0]
    assert discord["embeds"][0]["title"] == title
    teams = [body for path, body in Recorder.received if path == "/teams"][0]
    action = teams["attachments"][0]["content"]["actions"][0]["title"]
    assert action == german.gettext("Open the status page") != "Open the status page"
    assert german.gettext("Components: %(components)s", components="").strip() in discord["embeds"][0]["description"]
    assert len(mailbox.messages) == 1 and title in mailbox.messages[0][2]
    email = mailbox.messages[0][2]
    assert "Content-Language: de" in email and '<html lang="de" dir="ltr">' in email
