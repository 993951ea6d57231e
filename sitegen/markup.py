"""Markdown to sanitised HTML, and plain text for feeds, JSON and calendars.

Two dialects, both Python-Markdown with its own extensions and pymdown's magiclink, sanitised after rendering:
a timeline message is written like a Statuspage or GitHub comment (a line break is a line break), a document
(incident body, maintenance body, postmortem) keeps Markdown's paragraphs and may use `##` section headings.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markupsafe import Markup

# What a status update may contain. No images or iframes: a status page loads nothing from other hosts.
# h1/h2 are left out of messages so that an update cannot break the page's heading outline (their text is kept);
# a document sits under the page's h1 and may use h2 for its sections.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li",
    "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
DOCUMENT_TAGS = ALLOWED_TAGS | {"h2"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Where sanitised HTML ends a line or a block: plain text keeps those breaks, so a report stays readable.
_PREFORMATTED = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)
_LINE_END = re.compile(r"<br\s*/?>|</(?:li|tr)>")
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|blockquote|ul|ol|table)>")
_CELL_END = re.compile(r"</t[dh]>")
_ITEM_START = re.compile(r"<li>")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n")
# One line of text that Markdown would only wrap in <p>: no inline syntax, no block marker at its start, nothing
# that magiclink would turn into a link.
_PLAIN = re.compile(r"(?![ \t]*(?:\d+[.)](?:\s|$)|[-+*=]))(?!.*(?:://|www\.))[^\n\t\\`*_\[\]<>&#@|]*")


class ListAfterLine(BlockProcessor):
    """A list may start on the line after a line of text, as on GitHub and Statuspage: the paragraph ends there.
    Python-Markdown otherwise wants a blank line first and shows the `* ` markers as text."""

    START = re.compile(r"^(?:[*+-]|1\.)[ \t]+\S", re.MULTILINE)

    def test(self, parent: etree.Element, block: str) -> bool:
        found = self.START.search(block)
        return found is not None and found.start() > 0

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        at = self.START.search(block).start()  # type: ignore[union-attr]  # test() found it
        blocks[:0] = [block[:at].rstrip("\n"), block[at:]]


class _ListsAfterLines(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # Below the list processors (which take a block that starts with a list), above the paragraph one.
        md.parser.blockprocessors.register(ListAfterLine(md.parser), "list_after_line", 15)


# Text that magiclink could turn into a link contains one of these.
_LINK_HINTS = ("://", "www.", "@")


def converter(message: bool, lines: bool = True, links: bool = True) -> markdown.Markdown:
    """Python-Markdown set up for a timeline message (line breaks kept) or for a document.

    `Markdown` leaves out what a text gives nothing to act on: the block extensions (fences, tables, line
    breaks, lists after a line) for a single line, magiclink for text with no link in it. The HTML is the
    same, at a third of the cost for the common sentence with some **emphasis**."""
    extensions: list = ["sane_lists"] + (["pymdownx.magiclink"] if links else [])
    if lines:
        extensions += ["fenced_code", "tables", _ListsAfterLines()] + (["nl2br"] if message else [])
    return markdown.Markdown(extensions=extensions, extension_configs={
        "pymdownx.magiclink": {"repo_url_shortener": False, "social_url_shortener": False},
    })


class Markdown:
    """Renders Markdown once per distinct text; one instance serves a whole build."""

    def __init__(self) -> None:
        self._converters: dict[tuple[bool, bool, bool], markdown.Markdown] = {}
        self._cache: dict[tuple[bool, str], Markup] = {}

    def html(self, text: str) -> Markup:
        """A timeline message: a single line break is a line break."""
        return self._render(text, True)

    def document(self, text: str) -> Markup:
        """An incident, maintenance or postmortem body: paragraphs, and `##` headings for its sections."""
        return self._render(text, False)

    def _render(self, text: str, message: bool) -> Markup:
        cached = self._cache.get((message, text))
        if cached is None:
            if _PLAIN.fullmatch(text) and text == text.strip():
                # Most status updates are plain sentences: the same HTML Markdown gives, without its cost.
                cached = Markup(f"<p>{html.escape(text, quote=False)}</p>")
            else:
                lines = "\n" in text
                key = (message and lines, lines, any(hint in text for hint in _LINK_HINTS))
                if key not in self._converters:
                    self._converters[key] = converter(*key)
                rendered = self._converters[key].reset().convert(text)
                cached = Markup(sanitise(rendered, ALLOWED_TAGS if message else DOCUMENT_TAGS))
            self._cache[(message, text)] = cached
        return cached


def sanitise(fragment: str, tags: set[str] = ALLOWED_TAGS) -> str:
    """Keep only safe tags, attributes and URL schemes: no script, no event handlers, no javascript: links."""
    return nh3.clean(
        fragment,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@lru_cache(maxsize=65536)  # the same update is plain text in a feed, the API, a preview and a notification
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
