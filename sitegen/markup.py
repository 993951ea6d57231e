"""Markdown to sanitised HTML, and plain text for feeds, JSON and calendars."""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markupsafe import Markup

# What a status update may contain. No images or iframes: a status page loads nothing from other hosts.
# h1/h2 are left out so that a message cannot break the page's heading outline (their text is kept).
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li",
    "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Where sanitised HTML ends a line or a block: plain text keeps those breaks, so a report stays readable.
_PREFORMATTED = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)
_LINE_END = re.compile(r"<br\s*/?>|</(?:li|tr)>")
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|blockquote|ul|ol|table)>")
_CELL_END = re.compile(r"</t[dh]>")
_ITEM_START = re.compile(r"<li>")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n")
# One line of text that Markdown would only wrap in <p>: no inline syntax, no block marker at its start.
_PLAIN = re.compile(r"(?![ \t]*(?:\d+[.)](?:\s|$)|[-+*=]))[^\n\t\\`*_\[\]<>&#]*")


class Markdown:
    """Renders Markdown once per distinct text; one instance serves a whole build."""

    def __init__(self) -> None:
        self._converter = markdown.Markdown(extensions=["sane_lists"])
        self._cache: dict[str, Markup] = {}

    def html(self, text: str) -> Markup:
        cached = self._cache.get(text)
        if cached is None:
            if _PLAIN.fullmatch(text) and text == text.strip():
                # Most status updates are plain sentences: the same HTML Markdown gives, without its cost.
                cached = Markup(f"<p>{html.escape(text, quote=False)}</p>")
            else:
                cached = Markup(sanitise(self._converter.reset().convert(text)))
            self._cache[text] = cached
        return cached


def sanitise(fragment: str) -> str:
    """Keep only safe tags, attributes and URL schemes: no script, no event handlers, no javascript: links."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_text(fragment: str) -> str:
    """The readable text of sanitised HTML: a line per line break or list item, a blank line between blocks,
    preformatted blocks as they are."""
    parts = []
    for index, part in enumerate(_PREFORMATTED.split(fragment)):
        if index % 2:
            parts.append("\n\n" + nh3.clean(part, tags=set()).strip("\n") + "\n\n")
            continue
        part = " ".join(part.split())
        part = _ITEM_START.sub("- ", _CELL_END.sub(" ", _BLOCK_END.sub("\n\n", _LINE_END.sub("\n", part))))
        parts.append("\n".join(" ".join(line.split()) for line in nh3.clean(part, tags=set()).split("\n")))
    return _BLANK_LINES.sub("\n\n", html.unescape("".join(parts))).strip()
