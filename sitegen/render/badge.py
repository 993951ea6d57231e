"""badge.svg: the overall status, and each component's, as a small badge whose words carry the status;
favicon.svg: the overall status as a browser-tab icon whose shape, not only its colour, carries the status."""

from __future__ import annotations

from html import escape
from unicodedata import east_asian_width

from sitegen import urls
from sitegen.i18n import N_, RTL
from sitegen.model import ComponentStatus
from sitegen.output import OutputTree
from sitegen.views.common import FAVICON, favicon_status
from sitegen.views.facts import SiteFacts
from sitegen.views.labels import favicon_svg

WORDS = {
    ComponentStatus.OPERATIONAL: (N_("operational"), "#1a7f37"),
    ComponentStatus.UNDER_MAINTENANCE: (N_("maintenance"), "#0550ae"),
    ComponentStatus.DEGRADED_PERFORMANCE: (N_("degraded"), "#7d4e00"),
    ComponentStatus.PARTIAL_OUTAGE: (N_("partial outage"), "#9a3412"),
    ComponentStatus.MAJOR_OUTAGE: (N_("major outage"), "#b3261e"),
}
OPEN_INCIDENT = (N_("incident open"), "#7d4e00")
BADGE_LABEL = N_("status")  # the left half of the site's badge
CHAR_WIDTH = 6.6  # average advance of an 11px sans-serif glyph; badges only need to be roughly right
WIDE_CHAR_WIDTH = 11  # a CJK ideograph or kana is about one em wide


def render_badges(facts: SiteFacts) -> OutputTree:
    words = facts.words
    state = OPEN_INCIDENT if facts.open_incidents and facts.overall is ComponentStatus.OPERATIONAL else WORDS[facts.overall]
    rtl = words.direction == RTL

    def labelled(label: str, message: str, colour: str) -> bytes:
        title = words.gettext("%(component)s: %(status)s", component=label, status=message)
        return badge(label, message, colour, title, rtl)

    tree = {"badge.svg": labelled(words.gettext(BADGE_LABEL), words.gettext(state[0]), state[1]),
            FAVICON: favicon_svg(favicon_status(facts)).encode("utf-8")}
    for component in facts.config.components:
        message, colour = WORDS[facts.statuses[component.id]]
        tree[urls.component_page(component.id) + "badge.svg"] = labelled(component.name, words.gettext(message), colour)
    return tree


def _text_width(text: str) -> float:
    return sum(WIDE_CHAR_WIDTH if east_asian_width(c) in "WF" else CHAR_WIDTH for c in text)


def badge(label: str, message: str, colour: str, title: str, rtl: bool = False) -> bytes:
    """The label on grey, then the status on its colour; in a right-to-left language the label reads first from
    the right."""
    label_width = round(_text_width(label) + 12)
    message_width = round(_text_width(message) + 12)
    width = label_width + message_width
    label_x, message_x = (message_width, 0) if rtl else (0, label_width)
    title, label, message = escape(title), escape(label), escape(message)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" viewBox="0 0 {width} 20" '
        f'role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<rect x="{label_x}" width="{label_width}" height="20" fill="#555"/>'
        f'<rect x="{message_x}" width="{message_width}" height="20" fill="{colour}"/>'
        f'<g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11">'
        f'<text x="{label_x + 6}" y="14">{label}</text><text x="{message_x + 6}" y="14">{message}</text></g></svg>\n'
    )
    return svg.encode("utf-8")
