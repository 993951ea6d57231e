"""Every output of a site, listed once: what `build` writes and what `serve` answers from.

Pages come from the views and the theme, static files from the theme, the small crawler files from the page
list; every other output is a family rendered together from the site's facts, and says which paths are its
own, so that `serve` renders only the family a browser asks for. A family that renders a path it does not
own fails the build: such a file would exist in `output/` and 404 in `serve`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sitegen.errors import Problems
from sitegen.output import OutputTree
from sitegen.render.api import API, render_api
from sitegen.render.badge import render_badges
from sitegen.render.calendar import render_calendars
from sitegen.render.extras import EXTRA_FILES, render_extras
from sitegen.render.feeds import render_feeds
from sitegen.render.html import render_pages
from sitegen.theme import Theme
from sitegen.views import SiteFacts, page_makers
from sitegen.views.common import FAVICON


@dataclass(frozen=True)
class Family:
    """Files rendered together from the site's facts; `owns` tells its paths from every other output's."""

    name: str
    owns: Callable[[str], bool]
    render: Callable[[SiteFacts], OutputTree]


FAMILIES: tuple[Family, ...] = (
    Family("api", lambda path: path.startswith(API), render_api),
    Family("calendars", lambda path: path.endswith(".ics"), render_calendars),
    Family("badges", lambda path: path.endswith("badge.svg") or path == FAVICON, render_badges),
    Family("feeds", lambda path: path.endswith((".atom", ".rss")) or path == "feed.json", render_feeds),
)


def is_page(path: str) -> bool:
    return path.endswith(".html")


def is_extra(path: str) -> bool:
    return path in EXTRA_FILES


def family_of(path: str) -> Family | None:
    return next((family for family in FAMILIES if family.owns(path)), None)


def render_family(family: Family, facts: SiteFacts) -> OutputTree:
    tree = family.render(facts)
    stray = sorted(path for path in tree if family_of(path) is not family or is_page(path) or is_extra(path))
    if stray:
        raise RuntimeError(f"the {family.name} output rendered {stray}, which its `owns` does not claim: "
                           "serve would answer 404 there; make `owns` claim them")
    return tree


def render_site(
    facts: SiteFacts, theme: Theme, problems: Problems, on_pages: Callable[[OutputTree], None] | None = None
) -> OutputTree:
    """Every file of the site; the pages' template errors go to `problems` and nothing else is rendered then."""
    tree: OutputTree = render_pages(page_makers(facts), theme, facts.words, problems, on_rendered=on_pages)
    if problems.errors:
        return tree
    tree.update(theme.static)
    tree.update(render_extras(facts.config, [path for path in tree if is_page(path)]))
    for family in FAMILIES:
        tree.update(render_family(family, facts))
    return tree
