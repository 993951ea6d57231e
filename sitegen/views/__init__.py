"""View models: model + now -> one plain object per output page, with every figure a template shows."""

from __future__ import annotations

from functools import partial
from typing import Callable

from sitegen import urls
from sitegen.views.common import Page
from sitegen.views.detail import incident_page, maintenance_page, postmortem_page
from sitegen.views.embed import EMBED_PAGE, EMBED_SCRIPT, embed_pages
from sitegen.views.facts import SiteFacts
from sitegen.views.home import home_page
from sitegen.views.listing import component_page, history_pages, not_found_page
from sitegen.views.subscribe import subscribe_page

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
    makers.append(partial(embed_pages, facts))
    makers.append(partial(_one, subscribe_page, facts))
    return makers


def _one(make: Callable[..., Page], *args: object) -> list[Page]:
    return [make(*args)]


def page_maker_for(facts: SiteFacts, file: str) -> PageMaker | None:
    """The maker of the page written to `file`, so that `serve` renders only what a browser asks for."""
    parts = file.split("/")
    if file == "index.html":
        return partial(_one, home_page, facts)
    if file == "404.html":
        return partial(_one, not_found_page, facts)
    if file == urls.file_of(urls.SUBSCRIBE):
        return partial(_one, subscribe_page, facts)
    if file in (EMBED_PAGE, EMBED_SCRIPT):
        return partial(embed_pages, facts)
    if parts[0] == "history":
        return partial(history_pages, facts)
    if len(parts) != 3 or parts[2] != "index.html":
        return None
    kind, key = parts[0], parts[1]
    found: dict[str, tuple[Callable[..., Page], dict]] = {
        "incidents": (incident_page, facts.incident_by_slug),
        "maintenance": (maintenance_page, {m.slug: m for m in facts.maintenances}),
        "postmortems": (postmortem_page, {p.slug: p for p in facts.site.postmortems}),
        "components": (component_page, {c.id: c for c in facts.config.components}),
    }.get(kind, (None, {}))
    make, items = found
    return partial(_one, make, facts, items[key]) if make and key in items else None
