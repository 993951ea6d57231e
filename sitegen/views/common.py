"""What every page shares (the chrome) and the small views several pages use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitegen import urls
from sitegen.model import Incident, Maintenance
from sitegen.status import incident_duration, incident_end, incident_start, is_open, maintenance_phase, maintenance_window
from sitegen.views import labels
from sitegen.views.facts import SiteFacts
from sitegen.views.labels import StatusLabel, TimeView, iso_utc

SITE_FEEDS = (
    ("application/atom+xml", "Atom feed of every update", "feed.atom"),
    ("application/rss+xml", "RSS feed of every update", "feed.rss"),
    ("application/feed+json", "JSON feed of every update", "feed.json"),
    ("application/atom+xml", "Atom feed of incident history", "history.atom"),
    ("application/rss+xml", "RSS feed of incident history", "history.rss"),
)


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
    site_title: str
    description: str
    root: str  # relative prefix to the site root ("../../"), or base_url on 404.html
    home: str
    history: str
    subscribe: str
    feeds: tuple[FeedLink, ...]
    updated: TimeView
    canonical: str
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


def chrome(facts: SiteFacts, file: str, feeds: tuple[FeedLink, ...] = (), absolute: bool = False) -> Chrome:
    """The frame of the page written to `file`; `absolute` links from base_url (404.html is served at any depth)."""
    config = facts.config
    root = config.base_url.rstrip("/") + "/" if absolute else urls.root_from(file)

    def link(target: str) -> str:
        return (root + target) or "./"

    site_feeds = tuple(FeedLink(kind, f"{config.title}: {title}", link(target)) for kind, title, target in SITE_FEEDS)
    return Chrome(
        lang=config.language,
        site_title=config.title,
        description=config.description,
        root=root,
        home=link(urls.HOME),
        history=link(urls.HISTORY),
        subscribe=link(urls.SUBSCRIBE),
        feeds=site_feeds + feeds,
        updated=labels.time_view(facts.now, config.timezone),
        canonical=facts.absolute(file.removesuffix("index.html")),
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
    summary: str  # "Resolved after 42 min" / "Ongoing for 12 min" / window
    day: date


def incident_item(facts: SiteFacts, incident: Incident, file: str) -> HistoryItem:
    zone = facts.config.timezone
    start = incident_start(incident)
    length = labels.duration_text(incident_duration(incident, facts.now))
    if is_open(incident):
        summary = f"Ongoing for {length}"
    else:
        summary = f"Resolved {labels.time_view(incident_end(incident), zone).text} after {length}"
    return HistoryItem(
        kind="incident",
        title=incident.title,
        href=urls.relative(file, urls.incident_page(incident.slug)),
        status=labels.impact(incident.impact),
        state=labels.incident_status(incident.timeline[-1].status),
        start=labels.time_view(start, zone),
        summary=summary,
        day=start.astimezone(zone).date(),
    )


def maintenance_item(facts: SiteFacts, maintenance: Maintenance, file: str) -> HistoryItem:
    zone = facts.config.timezone
    start, end = maintenance_window(maintenance)
    phase = labels.phase(maintenance_phase(maintenance, facts.now))
    return HistoryItem(
        kind="maintenance",
        title=maintenance.title,
        href=urls.relative(file, urls.maintenance_page(maintenance.slug)),
        status=StatusLabel("maintenance", "Maintenance"),
        state=phase,
        start=labels.time_view(start, zone),
        summary=f"Window {labels.time_view(start, zone).text} to {labels.time_view(end, zone).text}",
        day=start.astimezone(zone).date(),
    )


def component_links(facts: SiteFacts, ids, file: str) -> tuple[Link, ...]:
    return tuple(Link(urls.relative(file, urls.component_page(i)), facts.components[i].name) for i in ids)


def status_key(facts: SiteFacts) -> str:
    """The same string the page script builds from api/v2/status.json: updated_at|indicator|description."""
    return f"{iso_utc(facts.updated_at)}|{facts.indicator.value}|{facts.description}"
