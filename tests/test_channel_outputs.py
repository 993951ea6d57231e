"""Hostile text put straight into the model (past any load-time check) through each real output channel."""

from __future__ import annotations

import re
from dataclasses import replace
from email import policy
from email.parser import BytesParser, Parser

import feedparser
import lxml.html
import pytest
from icalendar import Calendar
from lxml import etree

from sitegen.customer_email import as_eml, as_text, draft_email
from sitegen.errors import Problem
from sitegen.markup import Markdown
from sitegen.render.calendar import render_calendars
from sitegen.render.feeds import render_feeds
from sitegen.views import SiteFacts
from tests.helpers import NOW, SITES
from tests.test_escaping import HOSTILE, workflow_commands

FORGED_EVENT = "Site\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged\r\nSUMMARY:Forged\r\nEND:VEVENT\r\nBEGIN:VEVENT"
FORGED_HEADER = "Outage\r\nBcc: victim@example.org\r\n\r\nforged body"
MARKUP = "<script>alert(1)</script> <img src=x onerror=alert(2)> &lt;b&gt;"


@pytest.fixture
def hostile_site(load):
    """The full sample site with a hostile title, component names, incident and maintenance titles."""

    def make(text: str):
        site = load(SITES / "full")
        config = replace(site.config, title=text, description=text,
                         components=tuple(replace(c, name=text) for c in site.config.components))
        if config.contact:
            config = replace(config, contact=replace(config.contact, name=text))
        return replace(site, config=config,
                       incidents=tuple(replace(i, title=text, cause=text) for i in site.incidents),
                       maintenances=tuple(replace(m, title=text) for m in site.maintenances))

    return make


@pytest.mark.parametrize("text", [FORGED_EVENT, *HOSTILE])
def test_calendars_hold_only_the_real_events(hostile_site, text):
    facts = SiteFacts(hostile_site(text), NOW, Markdown())
    for path, data in render_calendars(facts).items():
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", data.replace(b"\r\n", b"")), path
        calendar = Calendar.from_ical(data)
        uids = sorted(str(e["UID"]) for e in calendar.walk("VEVENT"))
        assert uids == sorted(f"maintenance-{m.slug}@example.com" for m in facts.maintenances
                              if path == "maintenance.ics" or path.split("/")[1] in m.components), path
        assert all(str(e["SUMMARY"]).startswith("Maintenance: ") for e in calendar.walk("VEVENT"))


# XML holds no C0 control character at all (feedgen refuses them); the loader refuses them in every field.
XML_TEXT = [text for text in HOSTILE if not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)]


@pytest.mark.parametrize("text", [MARKUP, *XML_TEXT])
def test_rss_titles_render_as_no_markup_and_atom_keeps_the_text(hostile_site, text):
    tree = render_feeds(SiteFacts(hostile_site(text), NOW, Markdown()))
    for path in [p for p in tree if p.endswith(".rss")]:
        xml = etree.fromstring(tree[path])
        for title in xml.iter("title"):
            assert len(lxml.html.fragment_fromstring(title.text or "x", create_parent="div")) == 0, path
        read = feedparser.parse(tree[path])
        assert not read.bozo, path
        for entry in read.entries:
            assert len(lxml.html.fragment_fromstring(entry.title or "x", create_parent="div")) == 0, path
    atom = feedparser.parse(tree["feed.atom"])
    if text == MARKUP:
        assert atom.feed.title.startswith("<script>alert(1)</script>")


@pytest.mark.parametrize("text", [FORGED_HEADER, *HOSTILE])
def test_customer_email_drafts_carry_no_header_from_content(hostile_site, text):
    site = hostile_site(text)
    draft = draft_email(site, site.incidents[0].slug, NOW)
    message = BytesParser(policy=policy.default).parsebytes(as_eml(draft, NOW))
    assert "Bcc" not in message and message.get_all("Subject") and len(message.get_all("Subject")) == 1
    assert set(message.keys()) <= {"Subject", "From", "Reply-To", "Date", "Content-Type",
                                   "Content-Transfer-Encoding", "MIME-Version", "Content-Language"}
    assert message["From"].addresses[0].addr_spec == site.config.contact.email
    shown = Parser(policy=policy.default).parsestr(as_text(draft))
    assert list(shown.keys()) == ["Subject"]


@pytest.mark.parametrize("text", HOSTILE)
def test_problems_print_as_one_line_each_with_no_workflow_command(capsys, text):
    from sitegen.cli.common import report

    report([Problem("content/incidents/x.md", 3, "title", f"'{text}' is not allowed"),
            Problem("site.yml", 1, "", text, __import__("sitegen.errors").errors.Severity.WARNING)])
    printed = capsys.readouterr().err
    assert len(printed.splitlines()) == 3  # two problems and the counts
    assert workflow_commands(printed) == []
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", printed)


def test_a_base_url_with_a_line_break_is_percent_encoded_in_the_calendar(load):
    site = load(SITES / "full")
    site = replace(site, config=replace(site.config, base_url="https://example.org/status/\r\nX-FORGED:1/"))
    data = render_calendars(SiteFacts(site, NOW, Markdown()))["maintenance.ics"]
    assert b"\r\nX-FORGED" not in data
    urls = [str(e["URL"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert urls and all(u.startswith("https://example.org/status/%0D%0AX-FORGED:1/maintenance/") for u in urls)


@pytest.mark.parametrize("text", [FORGED_HEADER, *HOSTILE])
def test_notify_emails_carry_no_header_from_content(text):
    from sitegen.delivery import smtp_server
    from sitegen.notify import Mailer, Notice

    mailer = Mailer(smtp_server("smtp://127.0.0.1:25"), "status@example.org", ["ops@example.org"])
    notice = Notice("id", text, "https://example.org/status/", NOW, text, "", text, (), "en", "Open the status page")
    message = BytesParser(policy=policy.default).parsebytes(mailer.message(notice).as_bytes())
    assert list(message.keys()) == ["Subject", "From", "To", "Date", "MIME-Version", "Content-Type", "Content-Language"]
    for part in message.iter_parts():  # the plain-text and HTML parts carry only their own headers
        assert set(part.keys()) <= {"Content-Type", "Content-Transfer-Encoding", "MIME-Version"}
    assert message["Subject"] == " ".join(re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", " ",
                                                 text).split())
