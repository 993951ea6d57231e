"""`sitegen email SLUG --send` against a real SMTP server (aiosmtpd): the affected lists get it once, and the
incident file then differs only by the `email_sent_at` line."""

from __future__ import annotations

import difflib
from email import message_from_string, policy

from click.testing import CliRunner

from sitegen.cli import main
from tests.helpers import SITE_YML, incident
from tests.test_notify import receivers  # noqa: F401 - the SMTP fixture

LISTS = SITE_YML + """\
contact: {name: Robin Park, email: robin@status-team.net}
subscribe:
  email:
    - {name: Everything, join: "https://lists.status-team.net/all", post: all@lists.status-team.net,
       unsubscribe: "mailto:all-leave@lists.status-team.net"}
    - {name: API, join: "https://lists.status-team.net/api", post: api@lists.status-team.net, components: [api]}
    - {name: Website, join: "https://lists.status-team.net/web", post: web@lists.status-team.net, components: [web]}
"""
FILE = "content/incidents/2026-11-24-exports.md"
EXPORTS = incident("2026-11-24-exports", """
    title: CSV exports failing
    impact: major
    components: {api: partial_outage}
    # the cause was found by the on-call engineer
    cause: "A library upgrade broke the CSV writer for files over 10 MB."
    timeline:
      - at: 2026-11-24T09:00:00Z
        status: investigating
        message: CSV exports over 10 MB fail with an error.
      - at: 2026-11-24T10:00:00Z
        status: resolved
        message: We rolled back the 08:50 UTC library upgrade; exports of any size work again.
""")


def send(root, env):
    return CliRunner().invoke(main, ["email", "2026-11-24-exports", "--send", "--site", str(root),
                                     "--now", "2026-11-24T11:00:00Z"], env=env)


def test_send_reaches_the_affected_lists_once_and_records_the_time(write_site, receivers):  # noqa: F811
    env, mailbox = receivers
    root = write_site(EXPORTS, LISTS)
    before = (root / FILE).read_text()
    result = send(root, env)
    assert result.exit_code == 0, result.output
    assert sorted(recipients[0] for _, recipients, _ in mailbox.messages) == [
        "all@lists.status-team.net", "api@lists.status-team.net"]
    message = message_from_string(mailbox.messages[0][2], policy=policy.default)
    assert message["Subject"] == "[Resolved] CSV exports failing on November 24, 2026"
    assert message["Content-Language"] == "en"
    assert message["From"] == message["Reply-To"] == "Robin Park <robin@status-team.net>"
    assert "A library upgrade broke the CSV writer" in message.get_content()
    after = (root / FILE).read_text()
    changes = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changes == ["+ email_sent_at: 2026-11-24T11:00:00Z"]
    check = CliRunner().invoke(main, ["audit", "--site", str(root), "--now", "2026-11-24T11:00:00Z", "--format", "json"])
    assert "late-email" not in check.output
    again = send(root, env)  # a second run sends nothing
    assert again.exit_code == 1 and "nothing sent: email_sent_at is already set" in again.output
    assert len(mailbox.messages) == 2


def test_an_open_incident_or_a_site_without_lists_sends_nothing(write_site, receivers):  # noqa: F811
    env, mailbox = receivers
    still_open = {FILE: EXPORTS[FILE].replace("    status: resolved", "    status: monitoring")}
    result = send(write_site(still_open, LISTS), env)
    assert result.exit_code == 1 and "the incident is still open" in result.output
    no_lists = send(write_site(EXPORTS, SITE_YML + "contact: {name: Robin Park, email: robin@status-team.net}\n"), env)
    assert no_lists.exit_code == 1 and "no mailing list" in no_lists.output
    assert mailbox.messages == []
