"""Everything the page views share, computed once per build: statuses, downtime, lookups and ordering."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sitegen import urls
from sitegen.i18n import Words
from sitegen.markup import Markdown
from sitegen.model import Component, ComponentStatus, Impact, Incident, Maintenance, Postmortem, Site
from sitegen.status import (
    affected_components, component_statuses, incident_start, indicator, last_change, maintenance_window,
    open_incidents, overall_status, published, status_description,
)
from sitegen.uptime import Downtime, downtime, incident_days


@dataclass
class SiteFacts:
    """The published site at `now` and what every view needs from it, indexed once (no per-page pass over
    all incidents)."""

    site: Site
    now: datetime
    markdown: Markdown
    words: Words = field(init=False)  # the site's language
    statuses: dict[str, ComponentStatus] = field(init=False)
    overall: ComponentStatus = field(init=False)
    indicator: Impact = field(init=False)
    description: str = field(init=False)
    updated_at: datetime = field(init=False)
    downtime: Downtime = field(init=False)
    incidents: list[Incident] = field(init=False)  # newest start first
    open_incidents: list[Incident] = field(init=False)
    maintenances: list[Maintenance] = field(init=False)  # latest window first
    components: dict[str, Component] = field(init=False)
    incidents_of: dict[str, list[Incident]] = field(init=False)
    postmortem_of: dict[str, Postmortem] = field(init=False)
    incident_by_slug: dict[str, Incident] = field(init=False)
    incidents_on: dict[tuple[str, date], list[Incident]] = field(init=False)  # (component, local day)
    today: date = field(init=False)
    bar_days: list[date] = field(init=False)
    first_day: date | None = field(init=False)  # the local day the site's first incident started

    def __post_init__(self) -> None:
        self.site = published(self.site, self.now)
        config = self.site.config
        self.words = Words(config.language, config.strings)
        self.statuses = component_statuses(self.site, self.now)
        self.overall = overall_status(self.statuses.values())
        self.open_incidents = sorted(open_incidents(self.site), key=incident_start, reverse=True)
        self.indicator = indicator(self.statuses.values(), self.open_incidents)
        self.description = status_description(self.indicator, self.overall, len(self.open_incidents))
        self.updated_at = last_change(self.site) or self.now
        self.downtime = downtime(self.site, self.now)
        self.incidents = sorted(self.site.incidents, key=lambda i: (incident_start(i), i.slug), reverse=True)
        self.maintenances = sorted(
            self.site.maintenances, key=lambda m: (maintenance_window(m)[0], m.slug), reverse=True
        )
        self.components = {c.id: c for c in config.components}
        self.postmortem_of = {p.incident: p for p in self.site.postmortems}
        self.incident_by_slug = {i.slug: i for i in self.site.incidents}
        self.today = self.now.astimezone(config.timezone).date()
        self.bar_days = [self.today - timedelta(days=n) for n in range(config.uptime_days - 1, -1, -1)]
        self.first_day = (
            incident_start(self.incidents[-1]).astimezone(config.timezone).date() if self.incidents else None
        )
        self.incidents_of = defaultdict(list)
        self.incidents_on = defaultdict(list)
        first_bar_day = self.bar_days[0]
        for incident in self.incidents:
            affected = affected_components(incident)
            for component in affected:
                self.incidents_of[component].append(incident)
            for day in incident_days(incident, self.now, config.timezone):
                if day >= first_bar_day:
                    for component in affected:
                        self.incidents_on[(component, day)].append(incident)

    @property
    def config(self):
        return self.site.config

    def absolute(self, target: str) -> str:
        return urls.absolute(self.config.base_url, target)
