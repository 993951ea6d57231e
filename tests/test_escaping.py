"""Each hostile string through each channel's escaping function, read back by that channel's own parser."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser, Parser

import feedparser
import lxml.html
import pytest
from icalendar import Calendar, Event
from lxml import etree
from markdown_it import MarkdownIt

from tests.helpers import NOW

from sitegen.escaping import (calendar_text, discord_text, header_text, one_line, rss_title, slack_text, teams_text,
                              terminal_lines, terminal_text)

HOSTILE = [
    "Title\r\nBEGIN:VEVENT\r\nSUMMARY:Forged event\r\nEND:VEVENT",
    "Title\nEND:VCALENDAR\nBEGIN:VCALENDAR",
    "semi;colon,comma\\backslash:colon \\NAS01\\n",
    "Title\r\nBcc: victim@example.org",
    "Title\nSubject: forged\n\nbody",
    "<!channel> <https://evil.example|Reset password>",
    "<!here|here> <!everyone> <@U012AB3CD> <#C123|general> <!subteam^S1>",
    "@everyone @here @channel see this",
    "[Reset password](https://evil.example) ![x](https://evil.example/p.png) <https://evil.example>",
    "**bold** __under__ ~~strike~~ `code` ||spoiler|| > quote",
    "# Heading\n> quote\n```\nfence\n```\n- item",
    "<@123456789> <@&42> <#7> </deploy:1> <t:1700000000:R>",
    "<script>alert(1)</script> <img src=x onerror=alert(2)>",
    "&lt;script&gt;alert(3)&lt;/script&gt; &#60;b&#62; &amp;",
    "AT&T <b>bold</b>",
    "line\n::error file=site.yml,line=1::forged annotation",
    "   ::warning::leading spaces",
    "::add-mask::secret",
    "mid-line ##[error]legacy command ##[stop-commands]token",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 bell\x07 nul\x00 del\x7f c1\x9b",
    "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg\rh",
    "\u202egnp.exe\u2066",
    "tab\there",
    "ü é 😀 " + "é" * 100,
]


def normalised(text: str) -> str:
    """What a multi-line channel shows: line breaks kept as '\\n', every other control character gone."""
    lines = re.sub("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    return re.sub("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", "", lines)


# -- iCalendar -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_calendar_text_forges_no_line_property_or_component(text):
    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_text(text))
    event = Event()
    event.add("uid", calendar_text(text))
    event.add("summary", calendar_text(text))
    event.add("description", calendar_text(text))
    calendar.add_component(event)
    data = calendar.to_ical()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines), "RFC 5545 folds lines at 75 octets"
    assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", data.replace(b"\r\n", b""))
    unfolded = data.replace(b"\r\n ", b"")
    names = [line.split(b":")[0].split(b";")[0] for line in unfolded.split(b"\r\n") if line]
    assert sorted(names) == sorted([b"BEGIN", b"VERSION", b"PRODID", b"X-WR-CALNAME", b"BEGIN", b"UID", b"SUMMARY",
                                    b"DESCRIPTION", b"END", b"END"])
    parsed = Calendar.from_ical(data)
    (read,) = parsed.walk("VEVENT")
    shown = {str(read[name]).replace("\u2060", "") for name in ("SUMMARY", "DESCRIPTION")}
    assert shown == {normalised(text)}


# -- email -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_email_headers_hold_the_text_on_one_line_and_no_header_of_its_own(text):
    from sitegen.customer_email import Draft, as_eml, as_text

    draft = Draft(subject=text, body=f"Hello,\n\n{text}\n", warnings=[], sender=(text, "ops@example.org"), language="en")
    message = BytesParser(policy=policy.default).parsebytes(as_eml(draft, NOW))
    assert list(message.keys()) == ["Subject", "From", "Reply-To", "Date", "Content-Type",
                                    "Content-Transfer-Encoding", "MIME-Version", "Content-Language"]
    assert message["Subject"] == one_line(text) and "\n" not in message["Subject"]
    assert message["From"].addresses[0].display_name == one_line(text)
    assert message["From"].addresses[0].addr_spec == "ops@example.org"
    assert not message.defects
    shown = Parser(policy=policy.default).parsestr(as_text(draft))
    assert list(shown.keys()) == ["Subject"] and shown["Subject"] == one_line(text)


# -- Slack mrkdwn ----------------------------------------------------------------------------------------------
SLACK_SEQUENCE = re.compile(r"<([^<>]*)>")  # links, user/channel mentions, <!special> commands
MENTION_WORD = re.compile(r"(?<![\w\u2060])@(?:here|channel|everyone)\b", re.IGNORECASE)


def slack_reading(text: str) -> tuple[list[str], str]:
    """Slack's reading of mrkdwn: the control sequences, and the text a person sees once entities are decoded."""
    sequences = SLACK_SEQUENCE.findall(text)
    shown = SLACK_SEQUENCE.sub("", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return sequences, shown


@pytest.mark.parametrize("text", HOSTILE)
def test_slack_text_opens_no_link_mention_or_command(text):
    escaped = slack_text(text)
    sequences, shown = slack_reading(escaped)
    assert sequences == []
    assert not MENTION_WORD.search(escaped)
    assert shown.replace("\u2060", "") == normalised(text)


def test_the_slack_payload_links_only_to_the_status_page():
    from sitegen.notify import Notice, slack_payload

    for text in HOSTILE:
        notice = Notice("id", text, "https://example.org/status/incidents/x/#update-1", NOW, text, "", text, (), "en", "Open the status page")
        sequences, _ = slack_reading(slack_payload(notice)["text"])
        assert [s.split("|")[0] for s in sequences] == ["https://example.org/status/incidents/x/#update-1"]
        assert "\n" not in sequences[0]


# -- Discord and Teams markdown --------------------------------------------------------------------------------
MARKUP_TOKENS = {"link_open", "image", "html_inline", "html_block", "em_open", "strong_open", "s_open",
                 "code_inline", "fence", "code_block", "heading_open", "blockquote_open", "bullet_list_open",
                 "ordered_list_open", "hr"}


def inline_text(tokens) -> str:
    parts = []
    for token in tokens:
        for child in token.children or []:
            parts.append("\n" if child.type in ("softbreak", "hardbreak") else child.content)
        if token.type == "paragraph_close":
            parts.append("\n\n")
    return "".join(parts).strip("\n")


def discord_reading(text: str):
    """Discord's markdown, read as CommonMark with strikethrough."""
    return MarkdownIt("commonmark").enable("strikethrough").parse(text)


TEAMS_TOKENS = {"link_open", "em_open", "strong_open", "bullet_list_open", "ordered_list_open"}


def teams_reading(text: str):
    """An Adaptive Card TextBlock's markdown: bold, italic, bullet and numbered lists, links; escapes honoured."""
    return MarkdownIt("zero").enable(["list", "emphasis", "link", "escape", "entity", "newline"]).parse(text)


def token_types(tokens) -> set[str]:
    return {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("escape, reading, forbidden", [(discord_text, discord_reading, MARKUP_TOKENS),
                                                        (teams_text, teams_reading, TEAMS_TOKENS)],
                         ids=["discord", "teams"])
def test_markdown_channels_read_the_text_alone(text, escape, reading, forbidden):
    escaped = escape(text)
    tokens = reading(escaped)
    assert not token_types(tokens) & forbidden, token_types(tokens) & forbidden
    lines = [line.strip() for line in normalised(text).split("\n") if line.strip()]
    assert [line.strip() for line in inline_text(tokens).replace("\u2060", "").split("\n") if line.strip()] == lines
    assert not MENTION_WORD.search(escaped)


@pytest.mark.parametrize("text", HOSTILE)
def test_discord_reads_no_mention_or_spoiler_syntax(text):
    escaped = discord_text(text)
    assert not re.search(r"(?<!\\)<", escaped), "Discord reads <@id>, <#id> and <t:…> unless escaped"
    assert not re.search(r"(?<!\\)\|(?<!\\)\|", escaped.replace("\\|", "")), "nor ||spoilers||"


def test_teams_text_escapes_only_what_its_markdown_reads():
    assert teams_text("We restarted (the API) at 10:00 #ops - see <status>!") == (
        "We restarted (the API) at 10:00 #ops - see <status>!")
    assert teams_text("[Log in](https://evil.example) **now**") == "\\[Log in\\](https://evil.example) \\*\\*now\\*\\*"


def test_discord_allows_no_mentions_whatever_the_text():
    from sitegen.notify import Notice, discord_payload

    payload = discord_payload(Notice("id", HOSTILE[7], "https://example.org/", NOW, HOSTILE[7], "", "Site", (), "en", "Open the status page"))
    assert payload["allowed_mentions"] == {"parse": []}


# -- RSS titles ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_rss_titles_hold_nothing_a_reader_could_render_as_markup(text):
    title = rss_title(text)
    assert "<" not in title and ">" not in title and "\n" not in title
    fragment = lxml.html.fragment_fromstring(title, create_parent="div")
    assert len(fragment) == 0, "an HTML reading finds no element"
    twice = lxml.html.fragment_fromstring(lxml.html.fragment_fromstring(title, create_parent="div").text_content()
                                          or "x", create_parent="div")
    assert len(twice) == 0, "nor does a reader that decodes the text a second time"
    rss = etree.fromstring(b'<rss version="2.0"><channel><title>t</title><link>https://e.org/</link>'
                           b'<description>d</description><item><title/></item></channel></rss>')
    rss.find(".//item/title").text = title
    read = feedparser.parse(etree.tostring(rss, xml_declaration=True, encoding="UTF-8"))
    assert not read.bozo
    assert read.entries[0].title == title
    assert read.entries[0].title_detail.type == "text/plain"


# -- terminal and CI logs --------------------------------------------------------------------------------------
REGISTERED = ("set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher", "remove-matcher",
              "debug", "warning", "error", "notice", "group", "endgroup", "echo", "stop-commands")


def workflow_commands(log: str) -> list[str]:
    """The GitHub Actions runner's reading of a log: `::cmd::` after leading spaces, `##[cmd]` anywhere in a line."""
    found = []
    for line in log.splitlines():
        modern = re.match(r"::([^\s:]+)[^:]*::", line.lstrip())
        if modern:
            found.append(modern[1])
        found += [name for name in re.findall(r"##\[([^\]\s]+)", line) if name.lower() in REGISTERED]
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_terminal_text_is_one_line_with_no_control_character_or_workflow_command(text):
    shown = terminal_text(text)
    assert len(shown.splitlines()) == 1
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", shown)
    assert workflow_commands(shown) == []
    assert workflow_commands(terminal_lines(text)) == []


def test_terminal_escapes_read_as_what_they_stand_for():
    assert terminal_text("a\nb\r\x1b[31m\tc") == "a\\nb\\r\\x1b[31m\\tc"
    assert terminal_text("\u202egnp.exe") == "\\u202egnp.exe"
    assert terminal_text("::error::x") == "\\::error::x"
    assert terminal_lines("Subject: x\n\n::error::y\nok\n") == "Subject: x\n\n\\::error::y\nok\n"


def test_header_text_is_one_line():
    assert header_text("Title\r\nBcc: v@x\x00") == "Title Bcc: v@x"



# -- any text at all ---------------------------------------------------------------------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

# Text weighted towards what each channel reads as markup.
SPECIAL = st.sampled_from(list("<>&@!|[]()*_~`#\\:;,-+=.1 \n\r\t\x1b\x00\u2028\u0085") + [
    "::", "##[", "@here", "@everyone", "<!", "&lt;", "&#60;", "http://e.org", "    ", "\r\n", "BEGIN:VEVENT"])
ANY_TEXT = st.lists(st.one_of(SPECIAL, st.text(max_size=5)), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_any_text_keeps_its_shape_in_every_channel(text):
    shown = terminal_text(text)
    assert len(shown.splitlines()) <= 1 and workflow_commands(shown) == []
    assert workflow_commands(terminal_lines(text)) == []
    sequences, seen = slack_reading(slack_text(text))
    assert sequences == [] and seen.replace("\u2060", "") == normalised(text)
    assert not token_types(discord_reading(discord_text(text))) & MARKUP_TOKENS, discord_text(text)
    assert not token_types(teams_reading(teams_text(text))) & TEAMS_TOKENS, teams_text(text)
    assert len(lxml.html.fragment_fromstring(rss_title(text) or "x", create_parent="div")) == 0
    assert "\n" not in header_text(text) and "\r" not in header_text(text)
    event = Event()
    event.add("summary", calendar_text(text))
    # icalendar drops a leading byte-order mark, which is no text anyway.
    read = str(Event.from_ical(event.to_ical())["SUMMARY"]).replace("\u2060", "")
    assert read == normalised(text).replace("\u2060", "").lstrip("\ufeff")
