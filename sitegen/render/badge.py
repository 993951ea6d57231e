"""badge.svg: the overall status, and each component's, as a small badge whose words carry the status;
favicon.svg: the overall status as a browser-tab icon whose shape, not only its colour, carries the status."""

from __future__ import annotations

from html import escape

from sitegen import urls
from sitegen.model import ComponentStatus
from sitegen.output import OutputTree
from sitegen.views.common import FAVICON, favicon_status
from sitegen.views.facts import SiteFacts

WORDS = {
    ComponentStatus.OPERATIONAL: ("operational", "#1a7f37"),
    ComponentStatus.UNDER_MAINTENANCE: ("maintenance", "#0550ae"),
    ComponentStatus.DEGRADED_PERFORMANCE: ("degraded", "#7d4e00"),
    ComponentStatus.PARTIAL_OUTAGE: ("partial outage", "#9a3412"),
    ComponentStatus.MAJOR_OUTAGE: ("major outage", "#b3261e"),
}
OPEN_INCIDENT = ("incident open", "#7d4e00")
CHAR_WIDTH = 6.6  # average advance of an 11px sans-serif glyph; badges only need to be roughly right


# 16x16 icons: a green disc with a tick, a blue disc with a hollow diamond, an amber triangle, an orange
# diamond, a red disc with a cross; the mark inside each is white or dark for contrast.
FAVICONS = {
    ComponentStatus.OPERATIONAL:
        '<circle cx="8" cy="8" r="7.5" fill="#1a7f37"/><path d="M4.3 8.3l2.4 2.4 5-5" fill="none" stroke="#fff" stroke-width="2"/>',
    ComponentStatus.UNDER_MAINTENANCE:
        '<circle cx="8" cy="8" r="7.5" fill="#0550ae"/><path d="M8 3.8L12.2 8 8 12.2 3.8 8z" fill="none" stroke="#fff" stroke-width="1.8"/>',
    ComponentStatus.DEGRADED_PERFORMANCE:
        '<path d="M8 .6l7.6 14.4H.4z" fill="#d4a72c"/><path d="M8 5.5v4.6M8 11.6v1.6" stroke="#1f2328" stroke-width="1.9"/>',
    ComponentStatus.PARTIAL_OUTAGE:
        '<path d="M8 .3L15.7 8 8 15.7.3 8z" fill="#c4511b"/><path d="M8 4.3v4.8M8 10.6v1.6" stroke="#fff" stroke-width="1.9"/>',
    ComponentStatus.MAJOR_OUTAGE:
        '<circle cx="8" cy="8" r="7.5" fill="#b3261e"/><path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="2.2"/>',
}


def render_badges(facts: SiteFacts) -> OutputTree:
    words = OPEN_INCIDENT if facts.open_incidents and facts.overall is ComponentStatus.OPERATIONAL else WORDS[facts.overall]
    tree = {"badge.svg": badge("status", *words), FAVICON: favicon(favicon_status(facts))}
    for component in facts.config.components:
        tree[urls.component_page(component.id) + "badge.svg"] = badge(component.name, *WORDS[facts.statuses[component.id]])
    return tree


def favicon(status: ComponentStatus) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">{FAVICONS[status]}</svg>\n'.encode()


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
