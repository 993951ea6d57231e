"""notify's email to mailing lists, against a real SMTP server: each list gets the updates about its components, once."""

from __future__ import annotations

from email import message_from_string, policy

from tests.test_notify import add_update, commit, git, notify, receivers, repo  # noqa: F401 - fixtures

LISTS = """\
  - id: web
    name: Website
subscribe:
  email:
    - name: Everything
      join: https://lists.example.net/join/all
      post: all@lists.example.net
      unsubscribe: mailto:all-leave@lists.example.net
    - name: API customers
      join: https://lists.example.net/join/api
      post: api@lists.example.net
      components: [api]
    - name: Website customers
      join: https://lists.example.net/join/web
      post: web@lists.example.net
      components: [web]
"""


def test_an_update_reaches_each_list_of_its_components_once_and_no_other(repo, receivers):
    env, mailbox = receivers
    del env["SITEGEN_EMAIL_TO"]  # the lists are the only recipients
    for name in ("SITEGEN_SLACK_WEBHOOK_URL", "SITEGEN_DISCORD_WEBHOOK_URL", "SITEGEN_TEAMS_WEBHOOK_URL", "SITEGEN_WEBHOOK_URL"):
        del env[name]
    (repo / "site.yml").write_text((repo / "site.yml").read_text() + LISTS)
    start = commit(repo, "lists")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")  # about the API
    commit(repo, "one update")
    result = notify(repo, start, env)
    assert result.returncode == 0, result.stderr
    assert "channels: email:Everything, email:API customers, email:Website customers" in result.stdout
    received = sorted(recipients[0] for _, recipients, _ in mailbox.messages)
    assert received == ["all@lists.example.net", "api@lists.example.net"]
    assert "sent email:API customers: Investigating: Database slow" in result.stdout
    assert "Website customers: Investigating" not in result.stdout
    everything = next(message_from_string(content, policy=policy.default)
                      for _, recipients, content in mailbox.messages if recipients == ["all@lists.example.net"])
    assert everything["Subject"] == "Investigating: Database slow"
    assert everything["List-Unsubscribe"] == "<mailto:all-leave@lists.example.net>"
    assert everything.get_content_type() == "multipart/alternative"
    text = everything.get_body(("plain",)).get_content()
    html = everything.get_body(("html",)).get_content()
    assert "Database queries take 5 seconds." in text and "https://example.org/status/incidents/2026-11-26-db/" in text
    assert "<p>Database queries take 5 seconds.</p>" in html
    api_list = next(message_from_string(content, policy=policy.default)
                    for _, recipients, content in mailbox.messages if recipients == ["api@lists.example.net"])
    assert api_list["List-Unsubscribe"] is None  # that list gave none


def test_without_lists_or_recipients_email_is_a_configuration_failure(repo, receivers):
    env, mailbox = receivers
    del env["SITEGEN_EMAIL_TO"]
    start = git(repo, "rev-parse", "HEAD")
    add_update(repo, "2026-11-26T11:40:00Z", "investigating", "Database queries take 5 seconds.")
    commit(repo, "one update")
    result = notify(repo, start, env)
    assert "FAILED email: Investigating: Database slow: SITEGEN_EMAIL_FROM, and SITEGEN_EMAIL_TO or subscribe.email" in result.stderr
    assert mailbox.messages == []
