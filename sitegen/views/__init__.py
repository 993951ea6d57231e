"""View models: model + now -> one plain object per output page, with every figure a template shows."""

from __future__ import annotations

from functools import partial
from typing import Callable

from sitegen.views.common import Page
from sitegen.views.detail import incident_page, maintenance_page, postmortem_page
from sitegen.views.facts import SiteFacts
from sitegen.views.home import home_page
from sitegen.views.listing import component_page, history_pages, not_found_page

PageMaker = Callable[[], list[Page]]


def page_makers(facts: SiteFacts) -> list[PageMaker]:
    """One callable per unit of work, each making its page(s): renderers may run them in any process."""
    makers: list[PageMaker] = [partial(_one, home_page, facts)]
    makers += [partial(_one, incident_page, facts, incident) for incident in facts.incidents]
    makers += [partial(_one, maintenance_page, facts, maintenance) for maintenance in facts.maintenances]
    makers += [partial(_one, postmortem_page, facts, postmortem) for postmortem in facts.site.postmortems]
    makers += [partial(_one, component_page, facts, component) for component in facts.config.components]
    makers.append(partial(history_pages, facts))
    makers.append(partial(_one, not_found_page, facts))
    return makers


def _one(make: Callable[..., Page], *args: object) -> list[Page]:
    return [make(*args)]
