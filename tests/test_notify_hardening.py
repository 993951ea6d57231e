"""notify against loopback receivers that misbehave: malformed or slow HTTP, redirects, bad URLs, untrusted TLS.

Every test is bounded in time: deadlines are shortened to a second or two and each server stops by itself.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller

import sitegen.notify
from sitegen.notify import Notice, channels, send
from tests.test_notify import (Mailbox, Recorder, add_update, commit, git, notify,  # noqa: F401 - two fixtures
                               receivers, repo)

NOTICE = Notice("tag:example.org,2026:x", "Investigating: Database slow", "https://example.org/status/x/",
                dt.datetime(2026, 11, 26, 11, 40, tzinfo=dt.timezone.utc), "Queries take 5 s.", "<p>Queries</p>",
                "Example Status", (), "en", "Open the status page")
SECRET = "T0KEN-s3cret"
PASSWORD = f"pa#ss/w@rd?{SECRET}"


class RawServer:
    """A loopback TCP server that answers each connection with `behaviour(connection)` and counts requests."""

    def __init__(self, behaviour, tls=None) -> None:
        self.behaviour, self.tls = behaviour, tls
        self.requests = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str = f"/hooks/{SECRET}?token={SECRET}") -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        deadline = time.monotonic() + 30  # stops by itself whatever a test does
        while self.running and time.monotonic() < deadline:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(5)
            data = b""
            try:
                if self.tls:
                    connection = self.tls.wrap_socket(connection, server_side=True)
                while b"\r\n\r\n" not in data:
                    data += connection.recv(65536)
                length = int(next((line.split(b":")[1] for line in data.split(b"\r\n")
                                   if line.lower().startswith(b"content-length")), b"0"))
                while len(data.split(b"\r\n\r\n", 1)[1]) < length:
                    data += connection.recv(65536)
                self.requests += 1
                self.behaviour(connection)
            except OSError:
                pass

    def stop(self) -> None:
        self.running = False
        self.listener.close()


def trickle(text: bytes, every: float):
    def behaviour(connection):
        for byte in text:
            connection.sendall(bytes([byte]))
            time.sleep(every)
    return behaviour


def late(seconds: float):
    def behaviour(connection):
        time.sleep(seconds)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    return behaviour


BEHAVIOURS = {
    "not HTTP": lambda c: c.sendall(b"HELLO\r\n\r\n"),
    "a 70 KB header": lambda c: c.sendall(b"HTTP/1.1 200 OK\r\nX-Big: " + b"x" * 70_000 + b"\r\n\r\n"),
    "no answer at all": lambda c: None,
    "a reset": lambda c: (c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")),
}


@pytest.fixture
def server():
    started = []

    def start(behaviour, tls=None) -> RawServer:
        started.append(RawServer(behaviour, tls))
        return started[-1]

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def short_deadlines(monkeypatch):
    monkeypatch.setattr(sitegen.notify, "REQUEST_SECONDS", 1.0)


def deliver(env: dict, **options) -> list:
    return send([NOTICE], channels(env), sleep=lambda seconds: None, **options)


def assert_no_secret(text: str) -> None:
    assert SECRET not in text and "hooks" not in text and "token" not in text


@pytest.mark.parametrize("name", BEHAVIOURS)
def test_an_answer_that_is_not_http_is_unknown_and_not_resent(server, name):
    receiver = server(BEHAVIOURS[name])
    (outcome,) = deliver({"SITEGEN_WEBHOOK_URL": receiver.url()})
    assert outcome.unknown and outcome.attempts == 1 and receiver.requests == 1, outcome
    assert "it may have arrived; not retried" in outcome.error
    assert f"http://127.0.0.1:{receiver.port}" in outcome.error
    assert_no_secret(outcome.error)


def test_a_short_body_after_a_success_status_counts_as_sent(server):
    receiver = server(lambda c: c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nok"))
    (outcome,) = deliver({"SITEGEN_WEBHOOK_URL": receiver.url()})
    assert outcome.error is None and receiver.requests == 1


def test_a_server_sending_a_byte_at_a_time_is_cut_at_the_request_deadline(server, short_deadlines):
    receiver = server(trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", every=0.3))
    start = time.monotonic()
    (outcome,) = deliver({"SITEGEN_WEBHOOK_URL": receiver.url()})
    assert time.monotonic() - start < 2.5
    assert outcome.unknown and outcome.attempts == 1 and receiver.requests == 1
    assert outcome.error.startswith("no complete answer within 1 s after the request was sent")


def test_a_late_answer_is_unknown_and_sent_once(server, short_deadlines):
    receiver = server(late(2.0))
    (outcome,) = deliver({"SITEGEN_WEBHOOK_URL": receiver.url()})
    time.sleep(1.5)  # the answer comes; nothing is sent again
    assert outcome.unknown and receiver.requests == 1


def test_the_run_deadline_bounds_every_channel_and_notice(server, short_deadlines):
    receiver = server(late(3.0))
    env = {variable: receiver.url() for variable in ("SITEGEN_SLACK_WEBHOOK_URL", "SITEGEN_DISCORD_WEBHOOK_URL",
                                                     "SITEGEN_TEAMS_WEBHOOK_URL", "SITEGEN_WEBHOOK_URL")}
    start = time.monotonic()
    outcomes = send([NOTICE] * 3, channels(env), run_seconds=2.5)
    assert time.monotonic() - start < 4.0
    assert len(outcomes) == 12 and all(o.error for o in outcomes)
    assert sum(o.attempts for o in outcomes) <= 3
    assert "not sent: notify's time limit of 2.5 s ran out" in [o.error for o in outcomes]
    assert outcomes[-1].error == "not sent: this channel ran out of time earlier in the run"
    assert outcomes[-1].attempts == 0


def test_a_channel_that_times_out_does_not_use_up_the_others_time(server, short_deadlines):
    slow = server(late(3.0))
    fine = server(lambda c: c.sendall(b"HTTP/1.1 204 No Content\r\n\r\n"))
    start = time.monotonic()
    outcomes = send([NOTICE] * 3, channels({"SITEGEN_SLACK_WEBHOOK_URL": slow.url(),
                                            "SITEGEN_WEBHOOK_URL": fine.url()}))
    assert time.monotonic() - start < 2.5
    assert [(o.channel, o.unknown, o.attempts) for o in outcomes] == [
        ("slack", True, 1), ("webhook", False, 1), ("slack", False, 0), ("webhook", False, 1),
        ("slack", False, 0), ("webhook", False, 1)]
    assert fine.requests == 3 and slow.requests == 1


def test_a_redirect_is_not_followed(server):
    elsewhere = server(lambda c: c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
    receiver = server(lambda c: c.sendall(f"HTTP/1.1 302 Found\r\nLocation: {elsewhere.url('/stolen')}\r\n"
                                          "Content-Length: 0\r\n\r\n".encode()))
    (outcome,) = deliver({"SITEGEN_SLACK_WEBHOOK_URL": receiver.url()})
    assert outcome.error.startswith("HTTP 302, a redirect: not followed") and not outcome.unknown
    assert outcome.attempts == 1 and receiver.requests == 1 and elsewhere.requests == 0


def test_a_server_error_is_retried_and_a_refused_connection_is_named_by_host_and_port(server):
    receiver = server(lambda c: c.sendall(b"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n"))
    with socket.create_server(("127.0.0.1", 0)) as closed:
        closed_port = closed.getsockname()[1]
    busy, refused = deliver({"SITEGEN_SLACK_WEBHOOK_URL": receiver.url(),
                             "SITEGEN_DISCORD_WEBHOOK_URL": f"http://127.0.0.1:{closed_port}/api/{SECRET}"})
    assert (busy.error, busy.attempts, receiver.requests) == ("HTTP 503", 3, 3)
    assert refused.error == f"cannot reach http://127.0.0.1:{closed_port} (Connection refused)"
    assert refused.attempts == 3


@pytest.mark.parametrize("url", [
    f"http://127.0.0.1:8080/hooks/{SECRET} with a space",
    f"http://127.0.0.1:99999/hooks/{SECRET}",
    f"http://127.0.0.1:abc/hooks/{SECRET}",
    f"ftp://127.0.0.1/hooks/{SECRET}",
    f"https://example.org/hooks/{SECRET}/é",
    f"http://[::1/hooks/{SECRET}",
    f"hooks/{SECRET}",
])
def test_a_url_that_cannot_be_used_is_reported_without_its_secret(url):
    (outcome,) = deliver({"SITEGEN_TEAMS_WEBHOOK_URL": url})
    assert outcome.error.startswith("SITEGEN_TEAMS_WEBHOOK_URL is not a valid http:// or https:// URL")
    assert outcome.attempts == 1
    assert_no_secret(outcome.error)


def test_the_command_prints_no_secret_and_every_channel_is_reported(repo, server):  # noqa: F811
    unknown = server(BEHAVIOURS["not HTTP"])
    with socket.socket() as probe:  # aiosmtpd checks its server by connecting, so it needs a real port
        probe.bind(("127.0.0.1", 0))
        smtp_port = probe.getsockname()[1]
    plain = Controller(Mailbox(), hostname="127.0.0.1", port=smtp_port)
    start = git(repo, "rev-parse", "HEAD")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    commit(repo, "update")
    env = {"SITEGEN_SLACK_WEBHOOK_URL": unknown.url(), "SITEGEN_DISCORD_WEBHOOK_URL": f"http://127.0.0.1:1/{SECRET}",
           "SITEGEN_TEAMS_WEBHOOK_URL": f"http://127.0.0.1:99999/{SECRET}",
           "SITEGEN_SMTP_URL": f"smtp://user:{PASSWORD}@127.0.0.1:{smtp_port}",
           "SITEGEN_EMAIL_FROM": "status@example.org", "SITEGEN_EMAIL_TO": "ops@example.org"}
    plain.start()
    try:
        result = notify(repo, start, env)
    finally:
        plain.stop()
    printed = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in printed
    assert_no_secret(printed)
    assert "pa#ss" not in printed
    assert "UNKNOWN slack: Investigating: Database slow: the answer was not valid (not an HTTP status line)" in printed
    assert "FAILED discord: Investigating: Database slow: cannot reach http://127.0.0.1:1" in printed
    assert "FAILED teams: Investigating: Database slow: SITEGEN_TEAMS_WEBHOOK_URL is not a valid" in printed
    assert (f"FAILED email: Investigating: Database slow: smtp://127.0.0.1:{smtp_port} offers no STARTTLS: "
            "the password is not sent in clear after 1 attempt") in printed


def test_a_hostile_title_reaches_each_receiver_escaped_for_it(repo, receivers):  # noqa: F811
    """One line of hostile text (what the loader lets through) through the real command and receivers."""
    from email import policy
    from email.parser import Parser

    from tests.test_escaping import (MARKUP_TOKENS, MENTION_WORD, TEAMS_TOKENS, discord_reading, slack_reading,
                                     teams_reading, token_types)

    env, mailbox = receivers
    start = git(repo, "rev-parse", "HEAD")
    title = "<!channel> <https://evil.example|Reset password> @everyone [Log in](https://evil.example) ##[error]x"
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    path = repo / "content" / "incidents" / "2026-11-26-db.md"
    path.write_text(path.read_text().replace("title: Database slow", f"title: '{title}'"))
    commit(repo, "hostile")
    result = notify(repo, start, env)
    assert result.returncode == 0, result.stderr
    assert "##[error]" not in result.stdout + result.stderr
    bodies = {path: body for path, body in Recorder.received}
    sequences, _ = slack_reading(bodies["/slack"]["text"])
    assert [s.split("|")[0] for s in sequences] == [
        "https://example.org/status/incidents/2026-11-26-db/#update-20261126T114000Z"]
    assert not MENTION_WORD.search(bodies["/slack"]["text"])
    embed = bodies["/discord"]["embeds"][0]
    teams = bodies["/teams"]["attachments"][0]["content"]["body"][0]["text"]
    assert not token_types(discord_reading(embed["title"])) & MARKUP_TOKENS
    assert not token_types(teams_reading(teams)) & TEAMS_TOKENS
    assert not MENTION_WORD.search(embed["title"]) and not MENTION_WORD.search(teams)
    assert bodies["/discord"]["allowed_mentions"] == {"parse": []}
    assert bodies["/hook"]["title"] == f"Investigating: {title}"  # JSON carries the text as it is
    message = Parser(policy=policy.default).parsestr(mailbox.messages[0][2])
    assert message["Subject"] == f"Investigating: {title}" and "Bcc" not in message


def test_an_smtp_server_greeting_a_byte_at_a_time_is_cut_at_the_request_deadline(short_deadlines):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def greet_slowly():
        connection, _ = listener.accept()
        with connection:
            try:
                for byte in b"220 relay.example ESMTP ready\r\n":
                    connection.sendall(bytes([byte]))
                    time.sleep(0.3)
            except OSError:
                pass

    threading.Thread(target=greet_slowly, daemon=True).start()
    start = time.monotonic()
    try:
        (outcome,) = deliver({"SITEGEN_SMTP_URL": f"smtp://127.0.0.1:{port}", "SITEGEN_EMAIL_FROM": "s@example.org",
                              "SITEGEN_EMAIL_TO": "ops@example.org"})
    finally:
        listener.close()
    assert time.monotonic() - start < 2.5
    assert (outcome.error, outcome.attempts) == (f"smtp://127.0.0.1:{port} did not answer within 1 s", 1)
