"""The subscribe page: every way to follow the site, for everything or one component, without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen import urls
from sitegen.model import MailingList
from sitegen.status import lists_for
from sitegen.views.common import Page, chrome
from sitegen.views.facts import SiteFacts


@dataclass(frozen=True)
class ListView:
    name: str
    join: str
    components: tuple[str, ...]  # names; empty for a list of every update


@dataclass(frozen=True)
class Feeds:
    """Where one scope (the whole site, or one component) can be followed: links on the page, absolute URLs for apps."""

    name: str  # the component's name, or "" for the whole site
    page: str
    atom: str
    rss: str
    calendar: str
    webcal: str
    lists: tuple[str, ...]  # names of the mailing lists that carry its updates


@dataclass(frozen=True)
class SubscribeView:
    lists: tuple[ListView, ...]
    site: Feeds
    site_atom_url: str  # what a person pastes into Slack, Teams or a feed reader
    json_feed: str
    history_atom: str
    components: tuple[Feeds, ...]


def subscribe_page(facts: SiteFacts) -> Page:
    file = urls.file_of(urls.SUBSCRIBE)
    config = facts.config
    lists = config.mailing_lists

    def link(target: str) -> str:
        return urls.relative(file, target)

    def feeds(name: str, folder: str, page: str, carried: tuple[MailingList, ...]) -> Feeds:
        return Feeds(
            name=name, page=link(page), atom=link(folder + "feed.atom"), rss=link(folder + "feed.rss"),
            calendar=link(folder + "maintenance.ics"),
            webcal=urls.webcal(facts.absolute(folder + "maintenance.ics")), lists=tuple(m.name for m in carried),
        )

    shown = [c for c in config.components if not c.retired]
    view = SubscribeView(
        lists=tuple(ListView(m.name, m.join, tuple(facts.components[i].name for i in m.components)) for m in lists),
        site=feeds("", "", urls.HOME, tuple(m for m in lists if not m.components)),
        site_atom_url=facts.absolute("feed.atom"),
        json_feed=link("feed.json"),
        history_atom=link("history.atom"),
        components=tuple(
            feeds(c.name, urls.component_page(c.id), urls.component_page(c.id), tuple(lists_for(lists, (c.id,))))
            for c in shown
        ),
    )
    return Page(file, "subscribe.html", facts.words.gettext("Subscribe"), chrome(facts, file), view)
