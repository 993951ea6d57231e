"""The one place that knows output paths, relative links, update anchors and feed ids."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone
from typing import Sequence

HOME = ""
HISTORY = "history/"


def incident_page(slug: str) -> str:
    return f"incidents/{slug}/"


def maintenance_page(slug: str) -> str:
    return f"maintenance/{slug}/"


def postmortem_page(slug: str) -> str:
    return f"postmortems/{slug}/"


def component_page(component_id: str) -> str:
    return f"components/{component_id}/"


SUBSCRIBE = "subscribe/"


def history_page(number: int) -> str:
    return HISTORY if number == 1 else f"{HISTORY}{number}/"


def file_of(page: str) -> str:
    """The output file that serves a page address: `incidents/x/` -> `incidents/x/index.html`."""
    return page + "index.html" if page == "" or page.endswith("/") else page


def root_from(file: str) -> str:
    """The relative prefix from an output file back to the site root (`../../` from `incidents/x/index.html`)."""
    return "../" * file.count("/")


def relative(file: str, target: str) -> str:
    """A link from the output file `file` to the site path `target`, working under any sub-path."""
    return (root_from(file) + target) or "./"


def absolute(base_url: str, target: str) -> str:
    """An absolute URL for feeds, sitemaps and 404.html, whether or not base_url ends in a slash."""
    return base_url.rstrip("/") + "/" + target


def webcal(url: str) -> str:
    return "webcal://" + url.split("://", 1)[1]


def _stamp(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _date(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%d")


def update_keys(times: Sequence[datetime]) -> list[str]:
    """A stable key per timeline entry: its UTC time, plus -2, -3, ... for later entries at the same time."""
    keys, seen = [], {}
    for at in times:
        stamp = _stamp(at)
        seen[stamp] = seen.get(stamp, 0) + 1
        keys.append(stamp if seen[stamp] == 1 else f"{stamp}-{seen[stamp]}")
    return keys


COMPONENTS_ANCHOR = "components"  # the incident page's list of affected components


def update_anchor(key: str) -> str:
    """The id of an update on its page; feeds link to it, so it depends only on the update's time."""
    return f"update-{key}"


def update_tag(feed_id: str, kind: str, slug: str, at: datetime, key: str) -> str:
    """`tag:FEED_ID,YYYY-MM-DD:KIND/SLUG/YYYYMMDDTHHMMSSZ[-N]` (RFC 4151): never changes once published."""
    return f"tag:{feed_id},{_date(at)}:{kind}/{slug}/{key}"


def document_tag(feed_id: str, kind: str, slug: str, at: datetime) -> str:
    """The id of a whole postmortem (at `published_at`) or incident in history feeds (at its first entry)."""
    return f"tag:{feed_id},{_date(at)}:{kind}/{slug}"


def slug(text: str, fallback: str) -> str:
    """A URL path segment ([a-z0-9-]) from any text: `Media Proxy` -> `media-proxy`; `fallback` when none is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or fallback
