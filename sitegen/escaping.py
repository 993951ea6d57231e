"""One escaping function per output channel, each written for that channel's own reader.

HTML, Atom content, JSON and SVG are escaped by their renderers (Jinja2, nh3, json, lxml). The channels here
are the others: a calendar, an email header, a chat message, an RSS title, a terminal or CI log. Each function
takes any text and returns text that its reader shows as that text and nothing more: no forged line, header,
event, mention, link, markup or log command, whatever the content holds.
"""

from __future__ import annotations

import re
from email import policy
from urllib.parse import quote

from icalendar import vText

# Every C0 and C1 control character, DEL, the Unicode line and paragraph separators, and the bidi embedding,
# override and isolate controls: none of them is text a reader should act on.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TERMINAL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Printable ASCII that a URI may hold as it is (RFC 3986 reserved and unreserved, and '%' of an escape).
_URI_SAFE = "!#$%&'()*+,-./:;=?@[]_~"
# U+2060 WORD JOINER: invisible, and it stops a reader from seeing a mention word or a character reference.
_JOINER = "\u2060"
_MENTION = re.compile(r"@(?=(?:here|channel|everyone)\b)", re.IGNORECASE)
# Discord reads CommonMark plus `~~strike~~`, `||spoiler||`, `-# subtext` and `<@id>`-style mentions; Teams'
# Adaptive Cards read a subset: bold, italic, lists and links. Escaping '[' and ']' is enough to stop a link.
_DISCORD_PUNCTUATION = re.compile(r"([\\`*_~|<>\[\]#])")
_TEAMS_PUNCTUATION = re.compile(r"([\\*_\[\]])")
# What markdown reads only at the start of a line: indented code, list items, setext heading underlines.
_MARKDOWN_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_MARKDOWN_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))", re.MULTILINE)
_CHARACTER_REFERENCE = re.compile(r"&(?=#?\w+;)")


def one_line(text: str) -> str:
    """The text on one line: every run of white space and line breaks is one space, control characters go."""
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


def uri(text: str) -> str:
    """A URL with white space, control and non-ASCII characters percent-encoded, so no reader splits it."""
    return quote(text, safe=_URI_SAFE)


def calendar_text(text: str) -> vText:
    """An iCalendar TEXT value (RFC 5545 3.3.11).

    icalendar escapes backslash, ';', ',' and line breaks and folds the lines at 75 octets; it needs every line
    break as one '\\n' to escape it, and TEXT allows no other control character, so those go first.
    """
    # icalendar takes a "\N" in the text for a line break before it escapes backslashes (a share "\\NAS01" would
    # lose a backslash to a new line); an invisible joiner keeps the text as written.
    return vText(_plain_lines(text).replace("\\N", "\\" + _JOINER + "N"))


# The standard library's default email policy, folding at RFC 5322's limit of 998 octets rather than 78: folding
# a display name that holds specials ('<', '(', '"') at 78 drops its quotes, and the From header then reads wrong.
EMAIL_POLICY = policy.default.clone(max_line_length=998)


def header_text(text: str) -> str:
    """An email header value: one line, so that no content can start a header of its own.

    Messages are built with EMAIL_POLICY, which encodes non-ASCII text (RFC 2047), quotes display names and
    refuses CR and LF outright; they become spaces here.
    """
    return one_line(text)


def slack_text(text: str) -> str:
    """Slack mrkdwn: '&', '<' and '>' as Slack's documented entities, so content opens no link, mention or
    command (`<!channel>`, `<@U1>`, `<https://x|label>`), and the words @here, @channel and @everyone broken by
    an invisible joiner so that no client turns them into a ping."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@" + _JOINER, _plain_lines(escaped))


def discord_text(text: str) -> str:
    """Discord markdown: every markup character backslash-escaped (CommonMark's escape, which Discord honours),
    so content forms no link, emphasis, heading, quote, code, spoiler or `<@id>` mention; mention words broken
    as in Slack."""
    return _escaped_markdown(text, _DISCORD_PUNCTUATION)


def teams_text(text: str) -> str:
    """Teams (Adaptive Card TextBlock) markdown: the characters of its subset backslash-escaped, so content forms
    no link, emphasis or list, and no more backslashes than needed (some Teams clients show them); mention words
    broken (a Teams mention needs an entity the card does not have, but a pasted '@here' should not read as one)."""
    return _escaped_markdown(text, _TEAMS_PUNCTUATION)


def rss_title(text: str) -> str:
    """An RSS <title>: many readers render it as HTML, so it holds no '<' or '>' at all (shown as the single
    angle quotation marks '‹' and '›') and no character reference that a second decoding could turn into one."""
    plain = one_line(text).replace("<", "\u2039").replace(">", "\u203a")
    return _CHARACTER_REFERENCE.sub("&" + _JOINER, plain)


def terminal_text(text: str) -> str:
    """One line for a terminal or a CI log.

    Control characters and line breaks are shown as escapes (`\\n`, `\\x1b`), so content can neither split a
    message nor drive the terminal; a line never starts with `::` (a GitHub Actions workflow command, which the
    runner reads after leading spaces) and never holds `##[` (its older form, read anywhere in a line).
    """
    shown = _UNPRINTABLE.sub(_escape_character, text).replace("##[", "##[\\")
    return "\\" + shown if shown.lstrip().startswith("::") else shown


def terminal_lines(text: str) -> str:
    """Text of several lines for a terminal or a CI log: each line as `terminal_text` shows it."""
    return "\n".join(terminal_text(line) for line in text.split("\n"))


def _escape_character(match: re.Match) -> str:
    character = match[0]
    if character in _TERMINAL_ESCAPES:
        return _TERMINAL_ESCAPES[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escaped_markdown(text: str, punctuation: re.Pattern) -> str:
    escaped = punctuation.sub(r"\\\1", _MARKDOWN_INDENT.sub("", _plain_lines(text)))
    escaped = _MARKDOWN_LINE_START.sub(_escape_line_start, _CHARACTER_REFERENCE.sub(r"\\&", escaped))
    return _MENTION.sub("@" + _JOINER, escaped)


def _escape_line_start(match: re.Match) -> str:
    marker = match[1]
    # "1." is escaped as "1\." (a backslash before a digit is no escape); the others take theirs in front.
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def _plain_lines(text: str) -> str:
    """The text with every line break as one '\\n' and no other control character but tabs."""
    return _UNPRINTABLE.sub(lambda match: match[0] if match[0] in "\n\t" else "", _LINE_BREAK.sub("\n", text))
