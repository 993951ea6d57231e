"""`sitegen remind` against a loopback webhook: one message per promise, before it is missed, naming the command."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.notify import Notice
from sitegen.remind import team_payload
from tests.helpers import incident

INCIDENT = incident("2026-11-26-queue", """
    title: Jobs queue stuck
    impact: major
    components: [api]
    timeline:
      - at: 2026-11-26T10:00:00Z
        status: investigating
        message: Background jobs are not running; we are looking at the queue.
        next_update: 30m
      - at: 2026-11-26T10:28:00Z
        status: identified
        message: A worker pool ran out of memory; we are restarting it with more.
""")


@pytest.fixture
def webhook():
    received: list[dict] = []

    class Receiver(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/team", received
    server.shutdown()


def remind(root, now: datetime, url: str, *extra: str):
    return CliRunner().invoke(main, ["remind", "--site", str(root), "--now", now.isoformat(), *extra],
                              env={"SITEGEN_TEAM_WEBHOOK_URL": url}, catch_exceptions=False)


def every_run(root, url: str, start: datetime, end: datetime, late: timedelta = timedelta(0)) -> None:
    """The scheduled job: one run per 15-minute tick, each starting `late`."""
    tick = start
    while tick <= end:
        assert remind(root, tick + late, url).exit_code == 0
        tick += timedelta(minutes=15)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 26, hour, minute, tzinfo=timezone.utc)


@pytest.mark.parametrize(("late", "expected"), [
    # Promise A, 10:30 (next_update 30m at 10:00): the 10:15 run reminds. Promise B, 10:48 (no next_update at
    # 10:28, so max_update_gap's 20 min): the 10:30 run reminds, its window reaching 10:38 = 10:48 - 10 min.
    (timedelta(0), [("@20261126T103000Z", "due in 15 mins"), ("@20261126T104800Z", "due in 18 mins")]),
    (timedelta(minutes=4), [("@20261126T103000Z", "due in 11 mins"), ("@20261126T104800Z", "due in 14 mins")]),
    # The 10:15 run starts at 10:29, after the 10:28 update kept promise A: only B is left to remind of.
    (timedelta(minutes=14), [("@20261126T104800Z", "due in 4 mins")]),
])
def test_each_promise_is_reminded_once_by_one_run_before_it_is_due(write_site, webhook, late, expected):
    url, received = webhook
    root = write_site(INCIDENT)
    every_run(root, url, at(9, 45), at(11, 30), late)
    assert [(m["id"].removeprefix("reminder:2026-11-26-queue"), m["title"].split(":")[0].removeprefix("Update "))
            for m in received] == expected
    last = received[-1]
    assert "No update for" in last["text"] and "at least every 20 mins, so by 26 Nov 2026, 10:48 UTC" in last["text"]
    assert last["text"].splitlines()[-1].startswith("sitegen update 2026-11-26-queue --status identified --message ")
    assert last["url"] == "https://example.org/status/incidents/2026-11-26-queue/"
    if len(received) == 2:
        assert "The last update" in received[0]["text"]
        assert "promised the next by 26 Nov 2026, 10:30 UTC" in received[0]["text"]


SHORT_PROMISE = incident("2026-11-26-login", """
    title: Logins slow
    impact: minor
    components: [web]
    timeline:
      - at: 2026-11-26T10:20:00Z
        status: investigating
        message: Logins take 20 seconds; we are looking at the session store.
        next_update: 5m
""")


def test_a_promise_shorter_than_a_run_is_reminded_by_the_first_run_after_it_and_says_how_late(write_site, webhook):
    url, received = webhook
    root = write_site(SHORT_PROMISE)
    every_run(root, url, at(10, 0), at(11, 0))
    assert [m["title"] for m in received] == ["Update overdue by 5 mins: Logins slow"]  # the 10:30 run


def test_a_resolved_incident_is_left_alone(write_site, webhook):
    url, received = webhook
    text = SHORT_PROMISE["content/incidents/2026-11-26-login.md"].replace("next_update: 5m\n", (
        "next_update: 5m\n  - at: 2026-11-26T10:24:00Z\n    status: resolved\n"
        "    message: Logins are fast again since 10:23 UTC; a full session store was emptied.\n"))
    root = write_site({"content/incidents/2026-11-26-login.md": text})
    every_run(root, url, at(10, 0), at(11, 0))
    assert received == []


def test_nothing_is_sent_in_a_dry_run_and_the_output_lists_the_reminder(write_site, webhook):
    url, received = webhook
    root = write_site(INCIDENT)
    result = remind(root, at(10, 31), url, "--dry-run")
    assert result.output == "1 reminder\n  Update due in 17 mins: Jobs queue stuck\n"
    assert received == []


def test_the_team_channel_gets_its_own_format():
    notice = Notice("reminder:x@1", "Update due in 10 mins: <!channel> Queue", "https://example.org/status/", at(10, 0),
                    "sitegen update x --status identified", "", "Acme", (), "en", "Open the status page")
    slack = team_payload("https://hooks.slack.com/services/T/B/C", notice)
    assert "<!channel>" not in slack["text"] and "&lt;!channel&gt;" in slack["text"]
    discord = team_payload("https://discord.com/api/webhooks/1/abc", notice)
    assert discord["allowed_mentions"] == {"parse": []}
    teams = team_payload("https://acme.webhook.office.com/webhookb2/x", notice)
    assert teams["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert team_payload("https://ops.example.net/hook", notice)["id"] == "reminder:x@1"
