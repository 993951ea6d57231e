"""badge.svg: the overall status, and each component's, as a small badge whose words carry the status;
favicon.svg: the overall status as a browser-tab icon whose shape, not only its colour, carries the status."""

from __future__ import annotations

from html import escape

from sitegen import urls
from sitegen.model import ComponentStatus
from sitegen.output import OutputTree
from sitegen.views.common import FAVICON, favicon_status
from sitegen.views.facts import SiteFacts
from sitegen.views.labels import favicon_svg

WORDS = {
    ComponentStatus.OPERATIONAL: ("operational", "#1a7f37"),
    ComponentStatus.UNDER_MAINTENANCE: ("maintenance", "#0550ae"),
    ComponentStatus.DEGRADED_PERFORMANCE: ("degraded", "#7d4e00"),
    ComponentStatus.PARTIAL_OUTAGE: ("partial outage", "#9a3412"),
    ComponentStatus.MAJOR_OUTAGE: ("major outage", "#b3261e"),
}
OPEN_INCIDENT = ("incident open", "#7d4e00")
CHAR_WIDTH = 6.6  # average advance of an 11px sans-serif glyph; badges only need to be roughly right


def render_badges(facts: SiteFacts) -> OutputTree:
    words = OPEN_INCIDENT if facts.open_incidents and facts.overall is ComponentStatus.OPERATIONAL else WORDS[facts.overall]
    tree = {"badge.svg": badge("status", *words), FAVICON: favicon_svg(favicon_status(facts)).encode("utf-8")}
    for component in facts.config.components:
        tree[urls.component_page(component.id) + "badge.svg"] = badge(component.name, *WORDS[facts.statuses[component.id]])
    return tree


def badge(label: str, message: str, colour: str) -> bytes:
    left = round(len(label) * CHAR_WIDTH + 12)
    right = round(len(message) * CHAR_WIDTH + 12)
    width = left + right
    title = escape(f"{label}: {message}")
    label, message = escape(label), escape(message)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" viewBox="0 0 {width} 20" '
        f'role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11">'
        f'<text x="6" y="14">{label}</text><text x="{left + 6}" y="14">{message}</text></g></svg>\n'
    )
    return svg.encode("utf-8")
