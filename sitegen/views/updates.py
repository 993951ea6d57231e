"""Feed entries: one per published timeline update, one per postmortem, and one per incident for history feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, partial
from typing import Callable

from markupsafe import Markup

from sitegen import urls
from sitegen.markup import plain_text
from sitegen.model import ComponentStatus, Incident, IncidentStatus, Maintenance, MaintenancePhase, Postmortem
from sitegen.status import affected_components, incident_start, maintenance_window, statuses_after
from sitegen.views import labels
from sitegen.views.facts import SiteFacts


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry. Its content is rendered on first use: a feed keeps only its newest entries."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    components: tuple[str, ...]  # ids, to pick the entries of a component's feed
    order: tuple  # newest-first sort key; entries at equal times keep file order
    render: Callable[[], str] = field(repr=False, compare=False)

    @cached_property
    def content_html(self) -> str:
        return self.render()

    @cached_property
    def content_text(self) -> str:
        return plain_text(self.content_html)


def update_html(facts: SiteFacts, message: str, statuses: dict[str, ComponentStatus], window: str = "") -> Markup:
    """An update as feeds and notifications carry it: the message's sanitised HTML, then plain paragraphs naming
    the maintenance window (if any) and each component with its status. Every part is escaped exactly once."""
    html = facts.markdown.html(message) if message else Markup()
    if window:
        html += Markup("<p>%s</p>") % facts.words.markup("Window: %(window)s", window=window)
    return html + components_html(facts, statuses)


def components_html(facts: SiteFacts, statuses: dict[str, ComponentStatus]) -> Markup:
    words = facts.words
    listed = words.join([
        words.gettext("%(component)s (%(status)s)", component=facts.components[c].name,
                      status=words.gettext(labels.COMPONENT_STATUS_IN_TEXT[s]))
        for c, s in statuses.items()
    ])
    return Markup("<p>%s</p>") % words.markup("Components: %(components)s", components=listed) if listed else Markup()


def entry_title(facts: SiteFacts, status: str, title: str) -> str:
    """`Resolved: API errors`, the status in the site's language."""
    return facts.words.gettext("%(status)s: %(title)s", status=facts.words.gettext(status), title=title)


def _statuses_after(incident: Incident, count: int) -> dict[str, ComponentStatus]:
    """Each affected component's status once the first `count` updates are out; all operational once resolved."""
    statuses = statuses_after(incident, count)
    if incident.timeline[count - 1].status is IncidentStatus.RESOLVED:
        return dict.fromkeys(statuses, ComponentStatus.OPERATIONAL)
    return statuses


def incident_entries(facts: SiteFacts, incident: Incident) -> list[FeedEntry]:
    page = facts.absolute(urls.incident_page(incident.slug))
    keys = urls.update_keys([e.at for e in incident.timeline])
    entries = []
    for index, (key, entry) in enumerate(zip(keys, incident.timeline)):
        statuses = _statuses_after(incident, index + 1)
        entries.append(FeedEntry(
            id=urls.update_tag(facts.config.feed_id, "incident", incident.slug, entry.at, key),
            title=entry_title(facts, labels.INCIDENT_STATUS[entry.status], incident.title),
            link=f"{page}#{urls.update_anchor(key)}",
            published=entry.at,
            updated=entry.at,
            components=tuple(statuses),
            order=(entry.at, incident.slug, index),
            render=partial(update_html, facts, entry.message, statuses),
        ))
    return entries


def maintenance_entries(facts: SiteFacts, maintenance: Maintenance) -> list[FeedEntry]:
    page = facts.absolute(urls.maintenance_page(maintenance.slug))
    zone = facts.config.timezone
    keys = urls.update_keys([u.at for u in maintenance.timeline])
    entries = []
    for index, (key, update) in enumerate(zip(keys, maintenance.timeline)):
        start, end = maintenance_window(maintenance, update.at)
        window = facts.words.gettext("%(start)s to %(end)s", start=facts.words.time(start, zone).text,
                                     end=facts.words.time(end, zone).text)
        during = update.status in (MaintenancePhase.IN_PROGRESS, MaintenancePhase.VERIFYING)
        status = ComponentStatus.UNDER_MAINTENANCE if during else ComponentStatus.OPERATIONAL
        entries.append(FeedEntry(
            id=urls.update_tag(facts.config.feed_id, "maintenance", maintenance.slug, update.at, key),
            title=entry_title(facts, labels.PHASE[update.status], maintenance.title),
            link=f"{page}#{urls.update_anchor(key)}",
            published=update.at,
            updated=update.at,
            components=maintenance.components,
            order=(update.at, maintenance.slug, index),
            render=partial(update_html, facts, update.message, dict.fromkeys(maintenance.components, status), window),
        ))
    return entries


def postmortem_entry(facts: SiteFacts, postmortem: Postmortem) -> FeedEntry:
    incident = facts.incident_by_slug[postmortem.incident]
    link = Markup('<a href="%s">%s</a>') % (facts.absolute(urls.incident_page(incident.slug)), incident.title)
    summary = Markup("<p>%s</p>") % facts.words.markup("The postmortem of %(incident)s is published.", incident=link)
    body = facts.markdown.document(postmortem.body) if postmortem.body else Markup()
    components = components_html(facts, _statuses_after(incident, len(incident.timeline)))
    return FeedEntry(
        id=urls.document_tag(facts.config.feed_id, "postmortem", postmortem.slug, postmortem.published_at),
        title=postmortem.title,
        link=facts.absolute(urls.postmortem_page(postmortem.slug)),
        published=postmortem.published_at,
        updated=postmortem.published_at,
        components=tuple(affected_components(incident)),
        order=(postmortem.published_at, postmortem.slug, 0),
        render=partial(Markup("").join, (summary, body, components)),
    )


def update_entries(facts: SiteFacts) -> list[FeedEntry]:
    """Every published update and postmortem, newest first."""
    entries = [e for incident in facts.incidents for e in incident_entries(facts, incident)]
    entries += [e for maintenance in facts.maintenances for e in maintenance_entries(facts, maintenance)]
    entries += [postmortem_entry(facts, p) for p in facts.site.postmortems]
    entries.sort(key=lambda e: e.order, reverse=True)
    return entries


def _history_html(facts: SiteFacts, incident: Incident) -> Markup:
    zone, words = facts.config.timezone, facts.words
    updates = Markup("").join(
        Markup("<p>%s</p>") % words.markup(
            "%(status)s (%(time)s)", status=Markup("<strong>%s</strong>") % words.gettext(labels.INCIDENT_STATUS[entry.status]),
            time=words.time(entry.at, zone).text)
        + facts.markdown.html(entry.message)
        for entry in reversed(incident.timeline)
    )
    return updates + components_html(facts, _statuses_after(incident, len(incident.timeline)))


def history_entries(facts: SiteFacts) -> list[FeedEntry]:
    """One entry per incident, whose id never changes and whose content lists every update, newest first."""
    entries = [
        FeedEntry(
            id=incident.atom_id or urls.document_tag(facts.config.feed_id, "incident", incident.slug,
                                                     incident.timeline[0].at),
            title=incident.title,
            link=facts.absolute(urls.incident_page(incident.slug)),
            published=incident_start(incident),
            updated=incident.timeline[-1].at,
            components=tuple(affected_components(incident)),
            order=(incident.timeline[-1].at, incident.slug, 0),
            render=partial(_history_html, facts, incident),
        )
        for incident in facts.incidents
    ]
    entries.sort(key=lambda e: e.order, reverse=True)
    return entries
