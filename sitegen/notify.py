"""`sitegen notify --since REF`: send the updates that the commits since REF added to chat, webhooks and email.

No state is kept outside git: the site is built as of REF and as of HEAD, and the feed entries whose ids
are new are the news. Channels and their secrets come from the environment only, and are never printed.
"""

from __future__ import annotations

import io
import json
import smtplib
import subprocess
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import unquote, urlsplit

from sitegen.build import load_site
from sitegen.errors import Problems
from sitegen.escaping import markdown_text, one_line, slack_text, uri
from sitegen.markup import Markdown
from sitegen.views import SiteFacts
from sitegen.views.updates import FeedEntry, update_entries

ATTEMPTS = 3
BACKOFF = 0.5  # seconds before the second attempt; doubled after each failure
TIMEOUT = 10


class NotifyError(Exception):
    """REF cannot be read, or the site at HEAD does not load."""


@dataclass(frozen=True)
class Notice:
    id: str
    title: str
    link: str
    published: datetime
    text: str
    html: str
    site: str


def site_at(root: Path, ref: str, into: Path) -> Path:
    """Extract the site as committed at `ref` (site.yml and content/) into `into`; return its root there."""
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        archive = _git(top, "archive", "--format=tar", ref, "--", f"{prefix}site.yml", f"{prefix}content")
    except subprocess.CalledProcessError as error:
        raise NotifyError(f"git cannot read '{ref}': {error.stderr.decode().strip()}") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # The "data" filter refuses links and absolute paths; Pythons before 3.10.12 do not have it.
        tar.extractall(into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return into / prefix


def _git(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


def entries_of(root: Path, now: datetime) -> tuple[str, list[FeedEntry]]:
    """The site's title and its feed entries at `now`."""
    problems = Problems()
    site = load_site(root, problems)
    if site is None or problems.errors:
        raise NotifyError("the site does not load: " + "; ".join(str(p) for p in problems.errors[:5]))
    return site.config.title, update_entries(SiteFacts(site, now, Markdown()))


def new_notices(root: Path, ref: str, now: datetime, max_age: timedelta) -> tuple[list[Notice], int]:
    """The entries at HEAD whose ids REF did not have, oldest first, and how many were too old to send."""
    with tempfile.TemporaryDirectory() as before_dir, tempfile.TemporaryDirectory() as after_dir:
        before = {entry.id for entry in entries_of(site_at(root, ref, Path(before_dir)), now)[1]}
        title, head = entries_of(site_at(root, "HEAD", Path(after_dir)), now)
        fresh = [entry for entry in head if entry.id not in before]
        recent = [entry for entry in fresh if now - entry.updated <= max_age]
        notices = [Notice(e.id, e.title, e.link, e.updated, e.content_text, e.content_html, title)
                   for e in sorted(recent, key=lambda e: e.order)]
    return notices, len(fresh) - len(recent)


# -- channels --------------------------------------------------------------------------------------
def slack_payload(notice: Notice) -> dict:
    label = slack_text(one_line(notice.title))
    return {"text": f"*<{uri(notice.link)}|{label}>*\n{slack_text(notice.text)}",
            "unfurl_links": False, "username": one_line(notice.site)}


def discord_payload(notice: Notice) -> dict:
    # No mention in a notice may ping anyone, whatever the text: Discord's own switch, on top of the escaping.
    return {"username": one_line(notice.site)[:80], "allowed_mentions": {"parse": []}, "embeds": [{
        "title": markdown_text(one_line(notice.title))[:256], "url": uri(notice.link),
        "description": markdown_text(notice.text)[:4096], "timestamp": notice.published.isoformat(),
    }]}


def teams_payload(notice: Notice) -> dict:
    """An Adaptive Card, as Teams' incoming webhooks (Workflows) take it; its TextBlocks read markdown."""
    return {"type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.card.adaptive",
        "content": {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
            "body": [{"type": "TextBlock", "text": markdown_text(one_line(notice.title)), "weight": "Bolder",
                      "size": "Medium", "wrap": True},
                     {"type": "TextBlock", "text": markdown_text(notice.text), "wrap": True}],
            "actions": [{"type": "Action.OpenUrl", "title": "Open the status page", "url": uri(notice.link)}],
        },
    }]}


def webhook_payload(notice: Notice) -> dict:
    return {"id": notice.id, "title": notice.title, "url": notice.link, "published": notice.published.isoformat(),
            "text": notice.text, "html": notice.html, "site": notice.site}


WEBHOOKS: dict[str, tuple[str, Callable[[Notice], dict]]] = {
    "slack": ("SITEGEN_SLACK_WEBHOOK_URL", slack_payload),
    "discord": ("SITEGEN_DISCORD_WEBHOOK_URL", discord_payload),
    "teams": ("SITEGEN_TEAMS_WEBHOOK_URL", teams_payload),
    "webhook": ("SITEGEN_WEBHOOK_URL", webhook_payload),
}


def post_json(url: str, payload: dict) -> None:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "User-Agent": "sitegen-notify"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        response.read()


@dataclass(frozen=True)
class Mailer:
    url: str
    sender: str
    recipients: list[str]

    def send(self, notice: Notice) -> None:
        parts = urlsplit(self.url)
        message = EmailMessage()
        message["Subject"] = f"{notice.title}"
        message["From"] = self.sender
        message["To"] = ", ".join(self.recipients)
        message["Date"] = format_datetime(notice.published)
        message.set_content(f"{notice.text}\n\n{notice.link}\n")
        secure = parts.scheme == "smtps"
        client = smtplib.SMTP_SSL if secure else smtplib.SMTP
        with client(parts.hostname, parts.port or (465 if secure else 587), timeout=TIMEOUT) as smtp:
            smtp.ehlo()
            if not secure:
                if smtp.has_extn("starttls"):
                    smtp.starttls()
                    smtp.ehlo()
                elif parts.username:
                    raise smtplib.SMTPException("the server offers no STARTTLS; refusing to send the password in clear")
            if parts.username:
                smtp.login(unquote(parts.username), unquote(parts.password or ""))
            smtp.send_message(message)


def mailer_from(environ: Mapping[str, str]) -> Mailer | None:
    url = environ.get("SITEGEN_SMTP_URL")
    if not url:
        return None
    recipients = [address for _, address in getaddresses([environ.get("SITEGEN_EMAIL_TO", "")]) if address]
    return Mailer(url, environ.get("SITEGEN_EMAIL_FROM", ""), recipients)


@dataclass(frozen=True)
class Outcome:
    channel: str
    notice: Notice
    attempts: int
    error: str | None


def channels(environ: Mapping[str, str]) -> dict[str, Callable[[Notice], None]]:
    """The configured channels, each a function that sends one notice."""
    found: dict[str, Callable[[Notice], None]] = {}
    for name, (variable, payload) in WEBHOOKS.items():
        url = environ.get(variable)
        if url:
            found[name] = lambda notice, url=url, payload=payload: post_json(url, payload(notice))
    mailer = mailer_from(environ)
    if mailer:
        if not mailer.sender or not mailer.recipients:
            found["email"] = _misconfigured("SITEGEN_EMAIL_FROM and SITEGEN_EMAIL_TO must be set with SITEGEN_SMTP_URL")
        else:
            found["email"] = mailer.send
    return found


def _misconfigured(reason: str) -> Callable[[Notice], None]:
    def fail(notice: Notice) -> None:
        raise ValueError(reason)

    return fail


def send(notices: list[Notice], targets: dict[str, Callable[[Notice], None]],
         sleep: Callable[[float], None] = time.sleep) -> list[Outcome]:
    """Every notice to every channel, each tried up to ATTEMPTS times; one failing channel never stops the rest."""
    outcomes = []
    for name, deliver in targets.items():
        for notice in notices:
            error, attempt = None, 0
            for attempt in range(1, ATTEMPTS + 1):
                try:
                    deliver(notice)
                    error = None
                    break
                except (OSError, smtplib.SMTPException, ValueError) as failure:
                    error = _describe(failure)
                    if attempt < ATTEMPTS:
                        sleep(BACKOFF * 2 ** (attempt - 1))
            outcomes.append(Outcome(name, notice, attempt, error))
    return outcomes


def _describe(failure: Exception) -> str:
    """What went wrong, without the URL (a webhook URL is a secret)."""
    if isinstance(failure, urllib.error.HTTPError):
        return f"HTTP {failure.code}"
    if isinstance(failure, urllib.error.URLError):
        return f"cannot connect ({type(failure.reason).__name__})"
    return f"{type(failure).__name__}: {failure}"
