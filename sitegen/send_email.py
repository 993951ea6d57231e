"""`sitegen email SLUG --send`: the customer email to the mailing lists of the affected components, then
`email_sent_at` recorded in the incident's file (every other byte as it was), so that the audit sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Mapping

from sitegen.atomic import ChangedError, locked, replace_file
from sitegen.customer_email import Draft, sender_address
from sitegen.delivery import Failure, send_mail
from sitegen.escaping import EMAIL_POLICY, header_text, uri
from sitegen.model import MailingList, Site
from sitegen.notify import REQUEST_SECONDS, smtp_from
from sitegen.status import affected_components, is_open, lists_for
from sitegen.update import incident_file, set_field
from sitegen.writer import yaml_time


class SendRefused(Exception):
    """Nothing was sent: the reason says what to do."""


@dataclass(frozen=True)
class Sent:
    lists: list[MailingList]
    failed: list[tuple[MailingList, str]]
    recorded: Path | None  # the incident file that now holds email_sent_at, when anything went out


def send_draft(root: Path, site: Site, slug: str, draft: Draft, now: datetime, environ: Mapping[str, str]) -> Sent:
    incident = next(i for i in site.incidents if i.slug == slug)
    if is_open(incident):
        raise SendRefused("the incident is still open: send the email once it is resolved")
    if incident.email_sent_at is not None:
        raise SendRefused(f"email_sent_at is already set ({yaml_time(incident.email_sent_at)}): it was sent once")
    if draft.sender is None:
        raise SendRefused("site.yml has no `contact`: a customer email is signed by the person who answers replies")
    lists = lists_for(site.config.mailing_lists, tuple(affected_components(incident)))
    if not lists:
        raise SendRefused("no mailing list in site.yml's subscribe.email carries these components")
    try:
        server = smtp_from(environ)
    except Failure as failure:
        raise SendRefused(failure.reason) from None
    if server is None:
        raise SendRefused("SITEGEN_SMTP_URL is not set")
    sent, failed = [], []
    for mailing_list in lists:
        try:
            send_mail(server, _message(draft, mailing_list, now), REQUEST_SECONDS)
            sent.append(mailing_list)
        except Failure as failure:
            failed.append((mailing_list, failure.reason))
    return Sent(sent, failed, _record(root, site, slug, now) if sent else None)


def _message(draft: Draft, mailing_list: MailingList, now: datetime) -> EmailMessage:
    message = EmailMessage(policy=EMAIL_POLICY)
    message["Subject"] = header_text(draft.subject)
    assert draft.sender is not None  # send_draft refuses a draft without a contact
    message["From"] = message["Reply-To"] = sender_address(draft.sender)
    message["To"] = header_text(mailing_list.post)
    message["Date"] = format_datetime(now)
    if mailing_list.unsubscribe:
        message["List-Unsubscribe"] = f"<{uri(mailing_list.unsubscribe)}>"
    message.set_content(draft.body)
    message["Content-Language"] = draft.language  # after set_content, which clears every Content-* header
    return message


def _record(root: Path, site: Site, slug: str, now: datetime) -> Path:
    """`email_sent_at: NOW` set in the incident's file, with the writer `update` uses."""
    path = incident_file(root, site, slug)
    with locked(path):
        original = path.read_bytes()
        try:
            replace_file(path, set_field(original, "email_sent_at", now), original)
        except ChangedError as error:
            raise SendRefused(f"the email was sent, but {error}; add `email_sent_at: {yaml_time(now)}` by hand") from None
    return path
