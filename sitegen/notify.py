"""`sitegen notify --since REF`: send the updates that the commits since REF added to chat, webhooks and email.

No state is kept outside git: the site is built as of REF and as of HEAD, and the feed entries whose ids
are new are the news. Channels and their secrets come from the environment only, and are never printed.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.errors import HeaderParseError
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Callable, Mapping

from sitegen.i18n import N_, Words
from sitegen.build import load_site
from sitegen.delivery import Failure, SmtpServer, endpoint, post_json, send_mail, smtp_server
from sitegen.errors import Problems
from sitegen.escaping import EMAIL_POLICY, discord_text, header_text, one_line, slack_text, teams_text, uri
from sitegen.markup import Markdown
from sitegen.model import MailingList
from sitegen.status import lists_for
from sitegen.views import SiteFacts
from sitegen.views.updates import FeedEntry, update_entries

ATTEMPTS = 3
BACKOFF = 0.5  # seconds before the second attempt; doubled after each failure
REQUEST_SECONDS = 10  # one attempt in all: connect, TLS, request and answer
RUN_SECONDS = 120  # every attempt of every channel together


OPEN_PAGE = N_("Open the status page")


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
    components: tuple[str, ...]  # ids of the components the update is about: which mailing lists get it
    language: str  # the site's: the notice's words are in it
    open_page: str  # the words of a chat card's link to the page, in that language


# The `before` of a branch's first push: no commit.
NO_COMMIT = re.compile(r"0{40}|0{64}")


@dataclass(frozen=True)
class Baseline:
    """What the push is compared with: the commits whose entries readers already had (none: every entry
    at HEAD is new), and why."""

    commits: tuple[str, ...]
    reason: str


def baseline(root: Path, ref: str) -> Baseline:
    """The commit to compare HEAD with, for `--since REF` (github.event.before).

    All zeros (a first push) is nothing before. After a force push REF is not an ancestor of HEAD: an
    entry is new when neither REF (what was published) nor the merge base had it. Every git argument
    that comes from REF follows `--end-of-options`.
    """
    if ref.startswith("-"):
        raise NotifyError(f"'{ref}' is not a commit (a REF never starts with '-')")
    if NO_COMMIT.fullmatch(ref):
        return Baseline((), "a first push: nothing before it")
    commit = _git_text(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if commit is None:
        raise NotifyError(f"git knows no commit '{ref}'")
    head = _git_text(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head is None:
        raise NotifyError("the repository has no HEAD commit")
    if _git_ok(root, "merge-base", "--is-ancestor", "--end-of-options", commit, head):
        return Baseline((commit,), f"since {commit[:12]}")
    base = _git_text(root, "merge-base", "--end-of-options", commit, head)
    if base is None:
        return Baseline((commit,), f"{commit[:12]} is not an ancestor of HEAD and shares no history with it "
                                   "(a force push): compared with it alone")
    return Baseline((commit, base), f"{commit[:12]} is not an ancestor of HEAD (a force push): compared with it "
                                    f"and with the merge base {base[:12]}")


def site_at(root: Path, commit: str, into: Path) -> Path | None:
    """Extract the site as committed at `commit` (site.yml and content/) into `into`; return its root there,
    or None when that commit has no site.yml (the site came later)."""
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        paths = [path for path in (f"{prefix}site.yml", f"{prefix}content")
                 if _git_ok(top, "cat-file", "-e", "--end-of-options", f"{commit}:{path}")]
        if f"{prefix}site.yml" not in paths:
            return None
        # After --end-of-options every argument is positional: the commit, then the paths.
        archive = _git(top, "archive", "--format=tar", "--end-of-options", commit, *paths)
    except subprocess.CalledProcessError as error:
        raise NotifyError(f"git cannot read '{commit}': {error.stderr.decode().strip()}") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # The "data" filter refuses links and absolute paths; Pythons before 3.10.12 do not have it.
        tar.extractall(into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return into / prefix


def _git(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


def _git_text(cwd: Path, *args: str) -> str | None:
    """git's one-line answer, or None when git says no."""
    try:
        return _git(cwd, *args).decode().strip() or None
    except subprocess.CalledProcessError:
        return None


def _git_ok(cwd: Path, *args: str) -> bool:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True).returncode == 0


def entries_of(root: Path, now: datetime) -> tuple[SiteFacts, list[FeedEntry]]:
    """The site's facts and its feed entries at `now`."""
    problems = Problems()
    site = load_site(root, problems)
    if site is None or problems.errors:
        raise NotifyError("the site does not load: " + "; ".join(str(p) for p in problems.errors[:5]))
    facts = SiteFacts(site, now, Markdown())
    return facts, update_entries(facts)


@dataclass(frozen=True)
class News:
    notices: list[Notice]  # oldest first
    too_old: int  # new entries older than max_age, not sent
    baseline: Baseline
    mailing_lists: tuple[MailingList, ...] = ()  # site.yml's lists at HEAD


def new_notices(root: Path, ref: str, now: datetime, max_age: timedelta) -> News:
    """The entries at HEAD whose ids the baseline of REF did not have, and how many were too old to send."""
    since = baseline(root, ref)
    before: set[str] = set()
    for commit in since.commits:
        with tempfile.TemporaryDirectory() as before_dir:
            site = site_at(root, commit, Path(before_dir))
            before |= {entry.id for entry in entries_of(site, now)[1]} if site else set()
    with tempfile.TemporaryDirectory() as after_dir:
        site = site_at(root, "HEAD", Path(after_dir))
        if site is None:
            raise NotifyError("HEAD has no site.yml")
        facts, head = entries_of(site, now)
        fresh = [entry for entry in head if entry.id not in before]
        recent = [entry for entry in fresh if now - entry.updated <= max_age]
        language, open_page = facts.config.language, facts.words.gettext(OPEN_PAGE)
        notices = [Notice(e.id, e.title, e.link, e.updated, e.content_text, e.content_html, facts.config.title,
                          e.components, language, open_page)
                   for e in sorted(recent, key=lambda e: e.order)]
    return News(notices, len(fresh) - len(recent), since, facts.config.mailing_lists)


# -- channels --------------------------------------------------------------------------------------
def slack_payload(notice: Notice) -> dict:
    label = slack_text(one_line(notice.title))
    return {"text": f"*<{uri(notice.link)}|{label}>*\n{slack_text(notice.text)}",
            "unfurl_links": False, "username": one_line(notice.site)}


def discord_payload(notice: Notice) -> dict:
    # No mention in a notice may ping anyone, whatever the text: Discord's own switch, on top of the escaping.
    return {"username": one_line(notice.site)[:80], "allowed_mentions": {"parse": []}, "embeds": [{
        "title": discord_text(one_line(notice.title))[:256], "url": uri(notice.link),
        "description": discord_text(notice.text)[:4096], "timestamp": notice.published.isoformat(),
    }]}


def teams_payload(notice: Notice) -> dict:
    """An Adaptive Card, as Teams' incoming webhooks (Workflows) take it; its TextBlocks read markdown."""
    return {"type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.card.adaptive",
        "content": {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
            "body": [{"type": "TextBlock", "text": teams_text(one_line(notice.title)), "weight": "Bolder",
                      "size": "Medium", "wrap": True},
                     {"type": "TextBlock", "text": teams_text(notice.text), "wrap": True}],
            "actions": [{"type": "Action.OpenUrl", "title": teams_text(one_line(notice.open_page)), "url": uri(notice.link)}],
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


Deliver = Callable[[Notice, float], None]  # sends one notice within the seconds given, or raises Failure


@dataclass(frozen=True)
class Mailer:
    server: SmtpServer
    sender: str
    recipients: list[str]
    unsubscribe: str | None = None  # a mailing list's own way out, for List-Unsubscribe

    def send(self, notice: Notice, seconds: float) -> None:
        send_mail(self.server, self.message(notice), seconds)

    def message(self, notice: Notice) -> EmailMessage:
        """Plain text and HTML, the subject naming status and incident ("Identified: API errors")."""
        message = EmailMessage(policy=EMAIL_POLICY)
        message["Subject"] = header_text(notice.title)
        try:
            message["From"] = header_text(self.sender)
            message["To"] = ", ".join(header_text(address) for address in self.recipients)
        except (ValueError, HeaderParseError):
            raise Failure("SITEGEN_EMAIL_FROM and the recipients must be email addresses") from None
        message["Date"] = format_datetime(notice.published)
        if self.unsubscribe:
            message["List-Unsubscribe"] = f"<{uri(self.unsubscribe)}>"
        message.set_content(f"{notice.text}\n\n{notice.link}\n")
        language = html.escape(notice.language)
        message.add_alternative(
            f'<!DOCTYPE html><html lang="{language}" dir="{Words(notice.language).direction}"><body>{notice.html}'
            f'<p><a href="{html.escape(uri(notice.link))}">{html.escape(notice.link)}</a></p></body></html>\n',
            subtype="html")
        message["Content-Language"] = notice.language  # after the content, whose setting clears Content-* headers
        return message


def smtp_from(environ: Mapping[str, str]) -> SmtpServer | None:
    """The SMTP relay of SITEGEN_SMTP_URL (and its TLS settings), or None when email is not configured."""
    url = environ.get("SITEGEN_SMTP_URL")
    if not url:
        return None
    insecure = environ.get("SITEGEN_SMTP_INSECURE_TLS", "").strip().lower() in ("1", "true", "yes")
    return smtp_server(url, verify=not insecure, ca_file=environ.get("SITEGEN_SMTP_CA_FILE") or None)


def mailers_from(environ: Mapping[str, str], lists: tuple[MailingList, ...] = ()) -> dict[str, Mailer]:
    """The email channels: SITEGEN_EMAIL_TO's addresses ("email") and one per mailing list ("email:NAME").

    Raises a Failure saying which setting is wrong."""
    server = smtp_from(environ)
    if server is None:
        return {}
    recipients = [address for _, address in getaddresses([environ.get("SITEGEN_EMAIL_TO", "")]) if address]
    if not environ.get("SITEGEN_EMAIL_FROM") or not (recipients or lists):
        raise Failure("SITEGEN_EMAIL_FROM, and SITEGEN_EMAIL_TO or subscribe.email in site.yml, must be set "
                      "with SITEGEN_SMTP_URL")
    sender = environ["SITEGEN_EMAIL_FROM"]
    found = {"email": Mailer(server, sender, recipients)} if recipients else {}
    for mailing_list in lists:
        found[f"email:{mailing_list.name}"] = Mailer(server, sender, [mailing_list.post], mailing_list.unsubscribe)
    return found


def routes(lists: tuple[MailingList, ...]) -> dict[str, Callable[[Notice], bool]]:
    """Which notices each mailing list takes: a list for some components gets the updates about them."""
    def takes(mailing_list: MailingList) -> Callable[[Notice], bool]:
        return lambda notice: bool(lists_for((mailing_list,), notice.components))

    return {f"email:{m.name}": takes(m) for m in lists}


@dataclass(frozen=True)
class Outcome:
    channel: str
    notice: Notice
    attempts: int
    error: str | None
    unknown: bool = False  # the request went out and no answer came: it may have arrived


def channels(environ: Mapping[str, str], lists: tuple[MailingList, ...] = ()) -> dict[str, Deliver]:
    """The configured channels, each a function that sends one notice; a misconfigured one fails when used."""
    found: dict[str, Deliver] = {}
    for name, (variable, payload) in WEBHOOKS.items():
        url = environ.get(variable)
        if url:
            try:
                where = endpoint(url, variable)
            except Failure as failure:
                found[name] = _misconfigured(failure.reason)
                continue
            found[name] = lambda notice, seconds, where=where, payload=payload: post_json(
                where, json.dumps(payload(notice)).encode(), seconds)
    try:
        mailers = mailers_from(environ, lists)
    except Failure as failure:
        found["email"] = _misconfigured(failure.reason)
    else:
        found.update({name: mailer.send for name, mailer in mailers.items()})
    return found


def _misconfigured(reason: str) -> Deliver:
    def fail(notice: Notice, seconds: float) -> None:
        raise Failure(reason)

    return fail


def send(notices: list[Notice], targets: dict[str, Deliver], sleep: Callable[[float], None] = time.sleep,
         clock: Callable[[], float] = time.monotonic, run_seconds: float = RUN_SECONDS,
         takes: Mapping[str, Callable[[Notice], bool]] | None = None) -> list[Outcome]:
    """Every notice to every channel that `takes` it (all do by default), oldest notice first; one failing
    channel never stops the rest.

    A failure that may pass (no connection, HTTP 5xx) is tried again, up to ATTEMPTS times; one that may have
    been delivered is not. Each attempt has REQUEST_SECONDS in all and the run `run_seconds`; a channel that
    let time run out once is not tried again in this run, so that it cannot use up the others' time.
    """
    end = clock() + run_seconds
    slow: set[str] = set()
    outcomes = []
    for notice in notices:
        for name, deliver in targets.items():
            if takes and name in takes and not takes[name](notice):
                continue
            if name in slow:
                outcomes.append(Outcome(name, notice, 0, "not sent: this channel ran out of time earlier in the run"))
                continue
            outcome, timed_out = _deliver(name, deliver, notice, end, run_seconds, sleep, clock)
            outcomes.append(outcome)
            if timed_out:
                slow.add(name)
    return outcomes


def _deliver(name: str, deliver: Deliver, notice: Notice, end: float, run_seconds: float,
             sleep: Callable[[float], None], clock: Callable[[], float]) -> tuple[Outcome, bool]:
    """One notice to one channel, with its retries; and whether time ran out."""
    error, attempts = None, 0
    while attempts < ATTEMPTS:
        left = end - clock()
        if left <= 0:
            return Outcome(name, notice, attempts, f"not sent: notify's time limit of {run_seconds:g} s ran out"), True
        attempts += 1
        try:
            deliver(notice, min(REQUEST_SECONDS, left))
            return Outcome(name, notice, attempts, None), False
        except Failure as failure:
            if failure.unknown or failure.timed_out or not failure.retry:
                return Outcome(name, notice, attempts, failure.reason, failure.unknown), failure.timed_out
            error = failure.reason
        except Exception as failure:  # noqa: BLE001 - one channel's bug must not stop the others
            return Outcome(name, notice, attempts, f"unexpected {type(failure).__name__}"), False  # no text: a secret?
        wait = BACKOFF * 2 ** (attempts - 1)
        if attempts < ATTEMPTS and clock() + wait < end:
            sleep(wait)
    return Outcome(name, notice, attempts, error), False
