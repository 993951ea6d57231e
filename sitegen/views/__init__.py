"""View models: model + now -> one plain object per output page, with every figure a template shows."""

from __future__ import annotations

from typing import Iterator

from sitegen.views.common import Page
from sitegen.views.detail import incident_page, maintenance_page, postmortem_page
from sitegen.views.facts import SiteFacts
from sitegen.views.home import home_page
from sitegen.views.listing import component_page, history_pages, not_found_page


def all_pages(facts: SiteFacts) -> Iterator[Page]:
    """Every HTML page of the site."""
    yield home_page(facts)
    for incident in facts.incidents:
        yield incident_page(facts, incident)
    for maintenance in facts.maintenances:
        yield maintenance_page(facts, maintenance)
    for postmortem in facts.site.postmortems:
        yield postmortem_page(facts, postmortem)
    for component in facts.config.components:
        yield component_page(facts, component)
    yield from history_pages(facts)
    yield not_found_page(facts)
