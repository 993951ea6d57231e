"""Pages that list: one component's page, and the paginated history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from sitegen import urls
from sitegen.model import Component, Incident, Maintenance
from sitegen.status import incident_start, maintenance_window
from sitegen.views import labels
from sitegen.views.common import FeedLink, HistoryItem, Link, Page, chrome, incident_item, maintenance_item
from sitegen.views.facts import SiteFacts
from sitegen.views.home import UptimeBar, uptime_bar
from sitegen.views.labels import StatusLabel

COMPONENT_INCIDENTS = 50  # the rest are in the history
MONTHS_SHOWN = 12
HISTORY_PAGE_SIZE = 30


@dataclass(frozen=True)
class MonthUptime:
    month: str
    uptime: str  # so far, for the running month
    target: str
    verdict: StatusLabel  # met / breached / on track / no target
    allowance: str  # "27 of 216 min allowed"; empty without a target


@dataclass(frozen=True)
class ComponentView:
    name: str
    description: str
    group: str | None
    status: StatusLabel
    sla: str | None
    retired: bool
    uptime: UptimeBar
    months: tuple[MonthUptime, ...]
    incidents: tuple[HistoryItem, ...]
    more_incidents: int
    feeds: tuple[FeedLink, ...]
    calendar: str
    badge: str


def component_page(facts: SiteFacts, component: Component) -> Page:
    base = urls.component_page(component.id)
    file = urls.file_of(base)
    words = facts.words
    feeds = (
        FeedLink("application/atom+xml", words.gettext("%(component)s: Atom feed of updates", component=component.name),
                 "feed.atom"),
        FeedLink("application/rss+xml", words.gettext("%(component)s: RSS feed of updates", component=component.name),
                 "feed.rss"),
    )
    incidents = facts.incidents_of.get(component.id, [])
    view = ComponentView(
        name=component.name,
        description=component.description,
        group=component.group,
        status=labels.component_status(words, facts.statuses[component.id]),
        sla=words.percent(component.sla) if component.sla is not None else None,
        retired=component.retired,
        uptime=uptime_bar(facts, component),
        months=month_rows(facts, component),
        incidents=tuple(incident_item(facts, i, file) for i in incidents[:COMPONENT_INCIDENTS]),
        more_incidents=max(0, len(incidents) - COMPONENT_INCIDENTS),
        feeds=feeds,
        calendar="maintenance.ics",
        badge="badge.svg",
    )
    summary = words.gettext("%(component)s: %(status)s", component=component.name, status=view.status.text)
    return Page(file, "component.html", component.name, chrome(facts, file, feeds, description=summary), view)


def month_rows(facts: SiteFacts, component: Component) -> tuple[MonthUptime, ...]:
    """Up to 12 months, newest first, back to the month of the site's first incident, against the SLA."""
    rows, words = [], facts.words
    year, month = facts.today.year, facts.today.month
    first = facts.first_day or facts.today
    count = min(MONTHS_SHOWN, (year - first.year) * 12 + month - first.month + 1)
    for _ in range(count):
        if component.sla is None:
            uptime, verdict, allowance = facts.downtime.month(component.id, year, month), labels.no_target(words), ""
        else:
            sla = facts.downtime.sla_month(component.id, component.sla, year, month)
            uptime, verdict, allowance = sla.uptime, labels.sla_state(words, sla.state), labels.allowance_text(words, sla)
        rows.append(MonthUptime(
            month=words.month(year, month),
            uptime=words.percent(uptime),
            target=words.percent(component.sla) if component.sla is not None else "–",
            verdict=verdict,
            allowance=allowance,
        ))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(rows)


@dataclass(frozen=True)
class MonthGroup:
    label: str
    items: tuple[HistoryItem, ...]


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    newer: str | None
    older: str | None
    first: str
    last: str


@dataclass(frozen=True)
class HistoryView:
    months: tuple[MonthGroup, ...]
    pagination: Pagination
    empty: bool


def history_pages(facts: SiteFacts) -> list[Page]:
    """Every incident and maintenance, newest first, grouped by month, HISTORY_PAGE_SIZE to a page."""
    dated: list[tuple[datetime, str, Incident | Maintenance]] = [
        (incident_start(i), i.slug, i) for i in facts.incidents
    ] + [(maintenance_window(m)[0], m.slug, m) for m in facts.maintenances]
    dated.sort(key=lambda d: (d[0], d[1]), reverse=True)
    total = max(1, -(-len(dated) // HISTORY_PAGE_SIZE))
    pages = []
    for number in range(1, total + 1):
        file = urls.file_of(urls.history_page(number))
        items = [
            incident_item(facts, doc, file) if isinstance(doc, Incident) else maintenance_item(facts, doc, file)
            for _, _, doc in dated[(number - 1) * HISTORY_PAGE_SIZE : number * HISTORY_PAGE_SIZE]
        ]
        months = tuple(
            MonthGroup(facts.words.month(*key), tuple(group))
            for key, group in groupby(items, key=lambda item: (item.day.year, item.day.month))
        )

        def link(n: int, file: str = file) -> str:
            return urls.relative(file, urls.history_page(n))

        pagination = Pagination(
            number=number, total=total,
            newer=link(number - 1) if number > 1 else None,
            older=link(number + 1) if number < total else None,
            first=link(1), last=link(total),
        )
        title = facts.words.gettext("History") if number == 1 else facts.words.gettext(
            "History, page %(number)s of %(total)s", number=number, total=total)
        pages.append(Page(file, "history.html", title, chrome(facts, file), HistoryView(months, pagination, not items)))
    return pages


def not_found_page(facts: SiteFacts) -> Page:
    file = "404.html"
    return Page(file, "404.html", facts.words.gettext("Page not found"), chrome(facts, file, absolute=True),
                Link(facts.absolute(""), "home"))
