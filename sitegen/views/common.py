"""What every page shares (the chrome) and the small views several pages use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from sitegen import urls
from sitegen.markup import plain_text
from sitegen.model import ComponentStatus, Incident, Maintenance
from sitegen.status import incident_duration, incident_end, incident_start, is_open, maintenance_phase, maintenance_window
from sitegen.views import labels
from sitegen.views.facts import SiteFacts
from sitegen.i18n import N_, TimeView, iso_utc
from sitegen.views.labels import StatusLabel

SITE_FEEDS = (
    ("application/atom+xml", N_("%(site)s: Atom feed of every update"), "feed.atom"),
    ("application/rss+xml", N_("%(site)s: RSS feed of every update"), "feed.rss"),
    ("application/feed+json", N_("%(site)s: JSON feed of every update"), "feed.json"),
    ("application/atom+xml", N_("%(site)s: Atom feed of incident history"), "history.atom"),
    ("application/rss+xml", N_("%(site)s: RSS feed of incident history"), "history.rss"),
)


FAVICON = "favicon.svg"
PREVIEW_LENGTH = 200  # characters of an update in a link preview; clients cut longer descriptions anyway


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class FeedLink:
    type: str
    title: str
    href: str


@dataclass(frozen=True)
class Chrome:
    """The frame of every page: language, navigation, feeds, the status the live check compares against."""

    lang: str
    dir: str  # the language's writing direction: ltr, or rtl for Arabic and Hebrew
    site_title: str
    description: str  # one line for search results and link previews (og:description)
    preview_type: str  # og:type: "website", or "article" for an incident, maintenance or postmortem
    root: str  # relative prefix to the site root ("../../"), or base_url on 404.html
    home: str
    history: str
    subscribe: str
    feeds: tuple[FeedLink, ...]
    updated: TimeView
    canonical: str | None  # none on 404.html, which is served at every missing address
    favicon: str  # the icon of the overall status, versioned by it so that browsers fetch the new one
    status_api: str
    status_key: str  # what api/v2/status.json says now; the page reloads when that changes


@dataclass(frozen=True)
class Page:
    """One HTML page: where it goes, which template renders it, and the view that template gets."""

    file: str
    template: str
    title: str
    chrome: Chrome
    view: object


def chrome(facts: SiteFacts, file: str, feeds: tuple[FeedLink, ...] = (), absolute: bool = False,
           description: str | None = None, article: bool = False) -> Chrome:
    """The frame of the page written to `file`; `absolute` links from base_url (404.html is served at any depth).
    `description` is what a pasted link previews; by default the site's description, else its status."""
    config = facts.config
    root = config.base_url.rstrip("/") + "/" if absolute else urls.root_from(file)

    def link(target: str) -> str:
        return (root + target) or "./"

    words = facts.words
    site_feeds = tuple(FeedLink(kind, words.gettext(title, site=config.title), link(target))
                       for kind, title, target in SITE_FEEDS)
    return Chrome(
        lang=config.language,
        dir=words.direction,
        site_title=config.title,
        description=description or config.description or words.gettext(facts.description),
        preview_type="article" if article else "website",
        root=root,
        home=link(urls.HOME),
        history=link(urls.HISTORY),
        subscribe=link(urls.SUBSCRIBE),
        feeds=site_feeds + feeds,
        updated=words.time(facts.now, config.timezone),
        canonical=None if absolute else facts.absolute(file.removesuffix("index.html")),
        # 404.html is served at any depth and under any host: it carries its icon rather than fetch it.
        favicon=(
            "data:image/svg+xml," + quote(labels.favicon_svg(favicon_status(facts))) if absolute
            else f"{link(FAVICON)}?v={favicon_status(facts).value}"
        ),
        status_api=link("api/v2/status.json"),
        status_key=status_key(facts),
    )


@dataclass(frozen=True)
class HistoryItem:
    """An incident or maintenance in a list: history, recent days, a component's incidents."""

    kind: str  # "incident" | "maintenance"
    title: str
    href: str
    status: StatusLabel  # impact for incidents, phase for maintenance
    state: StatusLabel  # latest incident status, or the phase
    start: TimeView
    duration: str  # how long it lasted, has lasted so far (open), or is planned to last
    day: date
    end: TimeView | None = None  # when it was resolved, or when the window closes


def incident_item(facts: SiteFacts, incident: Incident, file: str) -> HistoryItem:
    zone, words = facts.config.timezone, facts.words
    start = incident_start(incident)
    return HistoryItem(
        kind="incident",
        title=incident.title,
        href=urls.relative(file, urls.incident_page(incident.slug)),
        status=labels.impact(words, incident.impact),
        state=labels.incident_status(words, incident.timeline[-1].status),
        start=words.time(start, zone),
        duration=words.duration(incident_duration(incident, facts.now)),
        day=start.astimezone(zone).date(),
        end=None if is_open(incident) else words.time(incident_end(incident), zone),
    )


def maintenance_item(facts: SiteFacts, maintenance: Maintenance, file: str) -> HistoryItem:
    zone, words = facts.config.timezone, facts.words
    start, end = maintenance_window(maintenance)
    return HistoryItem(
        kind="maintenance",
        title=maintenance.title,
        href=urls.relative(file, urls.maintenance_page(maintenance.slug)),
        status=labels.maintenance_label(words),
        state=labels.phase(words, maintenance_phase(maintenance, facts.now)),
        start=words.time(start, zone),
        duration=words.duration(end - start),
        day=start.astimezone(zone).date(),
        end=words.time(end, zone),
    )


def component_links(facts: SiteFacts, ids, file: str) -> tuple[Link, ...]:
    return tuple(Link(urls.relative(file, urls.component_page(i)), facts.components[i].name) for i in ids)


def status_key(facts: SiteFacts) -> str:
    """The same string the page script builds from api/v2/status.json: updated_at|indicator|description."""
    return f"{iso_utc(facts.updated_at)}|{facts.indicator.value}|{facts.description}"


def favicon_status(facts: SiteFacts) -> ComponentStatus:
    """The status the favicon shows: the overall one, or degraded while an incident is open on operational parts."""
    if facts.open_incidents and facts.overall is ComponentStatus.OPERATIONAL:
        return ComponentStatus.DEGRADED_PERFORMANCE
    return facts.overall


def preview(*parts: str) -> str:
    """One line for a link preview: the parts joined by ` · `, cut at a word near PREVIEW_LENGTH."""
    text = " · ".join(" ".join(part.split()) for part in parts if part)
    if len(text) <= PREVIEW_LENGTH:
        return text
    return text[:PREVIEW_LENGTH].rsplit(" ", 1)[0].rstrip(" ,.;:·") + "…"


def message_preview(facts: SiteFacts, status: str, message: str) -> str:
    """`Identified · We found …`; the status only once when the message starts with it."""
    text = plain_text(facts.markdown.html(message)) if message else ""
    return preview(text) if text.lower().startswith(status.lower()) else preview(status, text)
