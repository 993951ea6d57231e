"""`sitegen remind`: tell the person on duty before a promised update is missed, once per promise.

Nothing is remembered outside git. A reminder belongs to one promise (the incident and the time promised)
and is sent by exactly one scheduled run: the first whose tick (the tiles of `sitegen due`) comes after the
update that made the promise and is no more than one window before `promised - within`. Runs look ahead,
so the reminder comes early rather than late; a run that starts late acts for its own tick; and a promise
kept before its run (a newer update) is not the open promise any more, so nobody is reminded of it.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Mapping
from urllib.parse import urlsplit

from sitegen import urls
from sitegen.delivery import Failure, endpoint, post_json
from sitegen.due import window_ending
from sitegen.i18n import ENGLISH
from sitegen.model import Incident, Site
from sitegen.notify import OPEN_PAGE, Notice, discord_payload, slack_payload, teams_payload
from sitegen.status import latest_update, open_incidents, published

TEAM_WEBHOOK = "SITEGEN_TEAM_WEBHOOK_URL"
REQUEST_SECONDS = 10


@dataclass(frozen=True)
class Reminder:
    incident: Incident
    promised: datetime  # when the next update is due
    promised_by: str  # "next_update" (written in the entry) or "max_update_gap" (the site's clock)
    tick: datetime  # the scheduled run that sends it

    @property
    def key(self) -> str:
        """The same for every run that sees this promise: receivers may deduplicate on it."""
        return f"{self.incident.slug}@{self.promised.strftime('%Y%m%dT%H%M%SZ')}"


def promises(site: Site, now: datetime, within: timedelta, window: timedelta) -> list[Reminder]:
    """Each open incident's pending promise at `now` (the last entry's next_update, else max_update_gap),
    with the tick of the run that reminds of it."""
    found = []
    for incident in open_incidents(published(site, now)):
        last = latest_update(incident)
        if last.next_update is not None:
            promised, by = last.next_update, "next_update"
        else:
            promised, by = last.at + site.config.audit.max_update_gap, "max_update_gap"
        after_post = window_ending(last.at, window)[1] + window  # the first tick strictly after the update
        look_ahead = _tick_at_or_after(promised - within - window, window)  # its window reaches promised - within
        found.append(Reminder(incident, promised, by, max(after_post, look_ahead)))
    return found


def _tick_at_or_after(at: datetime, window: timedelta) -> datetime:
    end = window_ending(at, window)[1]
    return end if end == at else end + window


def reminders_due(site: Site, now: datetime, within: timedelta, window: timedelta) -> list[Reminder]:
    """The reminders that the run of the last tick at or before `now` sends."""
    tick = window_ending(now, window)[1]
    return [r for r in promises(site, now, within, window) if r.tick == tick]


def reminder_notice(site: Site, reminder: Reminder, now: datetime) -> Notice:
    """The words of one reminder: what is due, when, how soon or how late, and the command that posts it."""
    zone = site.config.timezone
    incident = reminder.incident
    last = latest_update(incident)
    when = ENGLISH.time(reminder.promised, zone).text
    lead = reminder.promised - now
    soon = f"due in {ENGLISH.duration(lead)}" if lead > timedelta(0) else (
        f"overdue by {ENGLISH.duration(-lead)}" if -lead >= timedelta(minutes=1) else "due now")
    since = ENGLISH.duration(now - last.at)
    promise = (f"The last update ({since} ago) promised the next by {when}" if reminder.promised_by == "next_update"
               else f"No update for {since}; the site promises one at least every "
                    f"{ENGLISH.duration(site.config.audit.max_update_gap)}, so by {when}")
    command = shlex.join(["sitegen", "update", incident.slug, "--status", last.status.value,
                          "--message", "What changed, what we know, what we do next.", "--next-update", "30m"])
    link = urls.absolute(site.config.base_url, urls.incident_page(incident.slug))
    return Notice(
        id=f"reminder:{reminder.key}", title=f"Update {soon}: {incident.title}", link=link, published=now,
        text=f"{promise}. Post it with:\n{command}", html="", site=site.config.title, components=(),
        language=ENGLISH.language, open_page=ENGLISH.gettext(OPEN_PAGE),  # reminders are for the team: English
    )


def team_payload(url: str, notice: Notice) -> dict:
    """The team channel's own format, told from its webhook's host."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "hooks.slack.com":
        return slack_payload(notice)
    if host in ("discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"):
        return discord_payload(notice)
    if host.endswith((".webhook.office.com", ".logic.azure.com", ".powerplatform.com")) or host == "outlook.office.com":
        return teams_payload(notice)
    return {"id": notice.id, "title": notice.title, "url": notice.link, "text": notice.text, "site": notice.site}


def send_reminders(environ: Mapping[str, str], notices: list[Notice]) -> list[tuple[Notice, str | None]]:
    """Each reminder to the team's webhook, once (a reminder sent twice is worse than one a minute late)."""
    url = environ.get(TEAM_WEBHOOK, "")
    if not url:
        return [(notice, f"{TEAM_WEBHOOK} is not set") for notice in notices]
    try:
        where = endpoint(url, TEAM_WEBHOOK)
    except Failure as failure:
        return [(notice, failure.reason) for notice in notices]
    outcomes: list[tuple[Notice, str | None]] = []
    for notice in notices:
        try:
            post_json(where, json.dumps(team_payload(url, notice)).encode(), REQUEST_SECONDS)
            outcomes.append((notice, None))
        except Failure as failure:
            outcomes.append((notice, failure.reason))
    return outcomes
