"""Atom and RSS (feedgen) and JSON Feed 1.1: the site's update feeds, per-component feeds and history feeds."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from feedgen.feed import FeedGenerator

from sitegen import urls
from sitegen.escaping import rss_title
from sitegen.output import OutputTree
from sitegen.render import dump_json
from sitegen.i18n import iso_utc
from sitegen.views.facts import SiteFacts
from sitegen.views.updates import FeedEntry, history_entries, update_entries


@dataclass(frozen=True)
class FeedSpec:
    """One feed: where it lives (without extension), what it is called, which page it belongs to."""

    path: str
    title: str
    subtitle: str
    page: str


def render_feeds(facts: SiteFacts) -> OutputTree:
    config, words = facts.config, facts.words
    limit = config.feed_entries
    updates = update_entries(facts)
    description = config.description or words.gettext("Status updates from %(site)s", site=config.title)
    tree: OutputTree = {}
    site = FeedSpec("feed", words.gettext("%(site)s: status updates", site=config.title), description, urls.HOME)
    tree.update(_atom_and_rss(facts, site, updates[:limit]))
    tree["feed.json"] = json_feed(facts, site, updates[:limit])
    history = FeedSpec("history", words.gettext("%(site)s: incident history", site=config.title), description,
                       urls.HISTORY)
    tree.update(_atom_and_rss(facts, history, history_entries(facts)[:limit]))
    for component in config.components:
        mine = [e for e in updates if component.id in e.components][:limit]
        spec = FeedSpec(
            urls.component_page(component.id) + "feed",
            words.gettext("%(site)s: %(component)s", site=config.title, component=component.name),
            words.gettext("Status updates about %(component)s", component=component.name),
            urls.component_page(component.id),
        )
        tree.update(_atom_and_rss(facts, spec, mine))
    return tree


def _atom_and_rss(facts: SiteFacts, spec: FeedSpec, entries: list[FeedEntry]) -> OutputTree:
    config = facts.config
    feed = FeedGenerator()
    # The feed's own URL identifies it; entry ids are tag: URIs that survive a change of domain.
    feed.id(facts.absolute(spec.path + ".atom"))
    feed.title(spec.title)
    feed.subtitle(spec.subtitle)
    feed.description(escape(spec.subtitle))  # readers show RSS descriptions as HTML; Atom's subtitle is text
    feed.language(config.language)
    feed.author({"name": config.title})
    feed.generator("sitegen")
    # feedgen stamps the build's wall-clock time unless told otherwise; the newest entry keeps builds identical.
    newest = max((e.updated for e in entries), default=facts.updated_at)
    feed.updated(newest)
    feed.lastBuildDate(newest)
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.guid(entry.id, permalink=False)
        item.title(entry.title)
        item.link(href=entry.link)
        item.published(entry.published)
        item.updated(entry.updated)
        item.description(entry.content_html)  # RSS <description>; feedgen also sets Atom content from it...
        item.content(entry.content_html, type="html")  # ...so the typed Atom content must come after.
    home = {"href": facts.absolute(spec.page), "rel": "alternate", "type": "text/html"}
    # feedgen takes the last link as RSS's channel <link>, so the page goes after the self link.
    feed.link([{"href": facts.absolute(spec.path + ".atom"), "rel": "self", "type": "application/atom+xml"}, home],
              replace=True)
    atom = feed.atom_str(pretty=True)
    # Atom titles are text by definition; many RSS readers render <title> as HTML, so RSS gets titles without markup.
    feed.title(rss_title(spec.title))
    for item, entry in zip(feed.entry(), entries):
        item.title(rss_title(entry.title))
    feed.link([{"href": facts.absolute(spec.path + ".rss"), "rel": "self", "type": "application/rss+xml"}, home],
              replace=True)
    rss = feed.rss_str(pretty=True)
    return {spec.path + ".atom": atom, spec.path + ".rss": rss}


def json_feed(facts: SiteFacts, spec: FeedSpec, entries: list[FeedEntry]) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": facts.absolute(spec.page),
        "feed_url": facts.absolute(spec.path + ".json"),
        "description": spec.subtitle,
        "language": facts.config.language,
        "authors": [{"name": facts.config.title}],
        "items": [
            {
                "id": e.id,
                "url": e.link,
                "title": e.title,
                "content_html": e.content_html,
                "content_text": e.content_text,
                "date_published": iso_utc(e.published),
                "date_modified": iso_utc(e.updated),
                "tags": list(e.components),
            }
            for e in entries
        ],
    }
    return dump_json(document)
