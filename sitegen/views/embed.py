"""The embeddable status widget: a bar page another site can frame, and the script that shows a banner."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen import urls
from sitegen.status import STATUS_DESCRIPTIONS
from sitegen.views.common import Page, chrome
from sitegen.views.facts import SiteFacts

EMBED_PAGE = "embed/index.html"
EMBED_SCRIPT = "embed/status.js"
# The bar page says these too ({% trans %} in embed/index.html): the same messages.
ONE_OPEN = "%(description)s: %(incident)s"
MORE_OPEN = ("%(description)s: %(incident)s and %(count)s more", "%(description)s: %(incident)s and %(count)s more")


@dataclass(frozen=True)
class EmbedView:
    indicator: str  # Statuspage's indicator: none, minor, major, critical
    description: str  # Statuspage's words for it, in the site's language
    incident: str  # the newest open incident's title, or ""
    more: int  # how many other incidents are open
    status_page: str  # where "View status" leads
    summary_api: str  # api/v2/summary.json, relative to the embed folder
    descriptions: dict[str, str]  # for the script: each description the API can give -> the site's words for it
    with_incident: str  # for the script: "{d}: {i}", the description and the newest open incident's title
    with_more: dict[str, str]  # for the script: "{d}: {i} and {n} more" in each plural form (CLDR category)


def embed_view(facts: SiteFacts) -> EmbedView:
    open_ = facts.open_incidents
    return EmbedView(
        indicator=facts.indicator.value,
        description=facts.words.gettext(facts.description),
        incident=open_[0].title if open_ else "",
        more=max(len(open_) - 1, 0),
        status_page=facts.absolute(urls.HOME),
        summary_api=urls.relative(EMBED_PAGE, "api/v2/summary.json"),
        # Only what differs from the API's words: the script stays small.
        descriptions={d: said for d in STATUS_DESCRIPTIONS if (said := facts.words.gettext(d)) != d},
        with_incident=facts.words.gettext(ONE_OPEN, description="{d}", incident="{i}"),
        with_more=facts.words.plural_forms(*MORE_OPEN, description="{d}", incident="{i}", count="{n}"),
    )


def embed_pages(facts: SiteFacts) -> list[Page]:
    """The bar page (readable without JavaScript, and the relay for other origins) and the script."""
    view = embed_view(facts)
    return [
        Page(EMBED_PAGE, "embed/index.html", facts.config.title, chrome(facts, EMBED_PAGE), view),
        Page(EMBED_SCRIPT, "embed/status.js", facts.config.title, chrome(facts, EMBED_SCRIPT), view),
    ]
