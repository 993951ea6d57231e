"""`sitegen email`: a draft customer email for an incident, signed by a person, from what the content says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from sitegen import urls
from sitegen.escaping import EMAIL_POLICY, header_text
from sitegen.markup import Markdown, plain_text
from sitegen.model import Impact, Site
from sitegen.scaffold import POSTMORTEM_PLACEHOLDER
from sitegen.status import affected_components, incident_duration, incident_end, incident_start, is_open, published
from sitegen.i18n import N_, Words

RESOLVED_PREFIX = re.compile(r"^(?:resolved|fixed)\s*[.:!-]\s*", re.IGNORECASE)
# What happened to customers, and when: one whole sentence per impact, for a resolved incident and an open one.
RESOLVED_SENTENCES = {
    Impact.NONE: N_("From %(start)s to %(end)s (%(duration)s), customers were not interrupted, but may have noticed "
                    "problems with %(components)s. We are sorry for the disruption this caused you."),
    Impact.MINOR: N_("From %(start)s to %(end)s (%(duration)s), customers saw degraded service from %(components)s. "
                     "We are sorry for the disruption this caused you."),
    Impact.MAJOR: N_("From %(start)s to %(end)s (%(duration)s), customers could not rely on %(components)s. "
                     "We are sorry for the disruption this caused you."),
    Impact.CRITICAL: N_("From %(start)s to %(end)s (%(duration)s), customers could not use %(components)s. "
                        "We are sorry for the disruption this caused you."),
}
OPEN_SENTENCES = {
    Impact.NONE: N_("Since %(start)s (for %(duration)s so far), customers have not been interrupted, but may have "
                    "noticed problems with %(components)s. We are sorry for the disruption this is causing you."),
    Impact.MINOR: N_("Since %(start)s (for %(duration)s so far), customers have seen degraded service from "
                     "%(components)s. We are sorry for the disruption this is causing you."),
    Impact.MAJOR: N_("Since %(start)s (for %(duration)s so far), customers have not been able to rely on "
                     "%(components)s. We are sorry for the disruption this is causing you."),
    Impact.CRITICAL: N_("Since %(start)s (for %(duration)s so far), customers have not been able to use "
                        "%(components)s. We are sorry for the disruption this is causing you."),
}


@dataclass(frozen=True)
class Draft:
    subject: str  # as worded; each outlet (text, .eml, --send) makes it one header line
    body: str
    warnings: list[str]
    sender: tuple[str, str] | None
    language: str  # the site's: the Content-Language of the message


class UnknownIncident(LookupError):
    pass


def draft_email(site: Site, slug: str, now: datetime) -> Draft:
    """What happened and when, who was affected, what was fixed, what prevents a recurrence, with a link."""
    site = published(site, now)
    incident = next((i for i in site.incidents if i.slug == slug), None)
    if incident is None:
        raise UnknownIncident(slug)
    zone = site.config.timezone
    words = Words(site.config.language, site.config.strings)
    markdown = Markdown()
    warnings: list[str] = []
    names = [c.name for c in site.config.components if c.id in affected_components(incident)]
    start, end = incident_start(incident), incident_end(incident)
    length = words.duration(incident_duration(incident, now))
    link = urls.absolute(site.config.base_url, urls.incident_page(incident.slug))
    postmortem = next((p for p in site.postmortems if p.incident == incident.slug), None)

    if is_open(incident):
        warnings.append("the incident is still open: send this once it is resolved")
        what = words.gettext(OPEN_SENTENCES[incident.impact], start=words.time(start, zone).text, duration=length,
                             components=words.join(names))
    else:
        what = words.gettext(RESOLVED_SENTENCES[incident.impact], start=words.time(start, zone).text,
                             end=words.time(end, zone).text, duration=length, components=words.join(names))
    paragraphs = [
        words.gettext("Hello,"),
        what,
        words.gettext("What happened: %(message)s",
                      message=RESOLVED_PREFIX.sub("", plain_text(markdown.html(incident.timeline[-1].message)))),
    ]
    if incident.cause:
        paragraphs.append(words.gettext("Why it happened: %(cause)s", cause=incident.cause))
    else:
        warnings.append("the incident has no `cause`; the email cannot say why it happened")
    # The scaffold's example action item is guidance for the author, never a promise to customers.
    action_items = [item for item in postmortem.action_items if item != POSTMORTEM_PLACEHOLDER] if postmortem else []
    if postmortem and action_items:
        changes = "\n".join(f"- {item}" for item in action_items)
        paragraphs.append(words.gettext("What we are changing so that it does not happen again:") + "\n" + changes)
        paragraphs.append(words.gettext("The full postmortem: %(link)s", link=urls.absolute(
            site.config.base_url, urls.postmortem_page(postmortem.slug))))
    elif incident.postmortem:
        paragraphs.append(words.gettext("We are writing a postmortem with the changes we are making so that this does "
                                        "not happen again, and will publish it on our status page."))
        warnings.append("no published postmortem with action items yet: the email can only promise one")
    else:
        warnings.append("no postmortem or action items: the email cannot say what prevents a recurrence")
    if incident.credits:
        paragraphs.append(incident.credits)
    paragraphs.append(words.gettext("Every update we posted during the incident is at %(link)s", link=link))
    contact = site.config.contact
    if contact:
        paragraphs.append(words.gettext("If you have questions, reply to this email; it reaches me directly.")
                          + f"\n\n{contact.name}\n{contact.email}")
    else:
        warnings.append("site.yml has no `contact`: the email is unsigned; add the person who answers replies")
    subject_words = N_("[Update] %(title)s on %(day)s") if is_open(incident) else N_("[Resolved] %(title)s on %(day)s")
    subject = words.gettext(subject_words, title=incident.title, day=words.long_day(start.astimezone(zone)))
    return Draft(subject, "\n\n".join(paragraphs) + "\n", warnings, (contact.name, contact.email) if contact else None,
                 site.config.language)


def as_text(draft: Draft) -> str:
    """The draft to read and paste: one header line (the subject is one line whatever the content holds)."""
    return f"Subject: {header_text(draft.subject)}\n\n{draft.body}"


class UnusableSender(ValueError):
    """site.yml's contact email cannot stand in a From header."""


def sender_address(sender: tuple[str, str]) -> Address:
    """The contact as a From address; UnusableSender when no header could hold it."""
    name, email = sender
    try:
        return Address(display_name=header_text(name), addr_spec=header_text(email))
    except (ValueError, HeaderParseError):
        raise UnusableSender(f"contact.email '{header_text(email)}' is not an address a From header can hold") from None


def as_eml(draft: Draft, now: datetime) -> bytes:
    """The draft as a message file; headers go through the default email policy, which no content can split."""
    message = EmailMessage(policy=EMAIL_POLICY)
    message["Subject"] = header_text(draft.subject)
    if draft.sender:
        message["From"] = message["Reply-To"] = sender_address(draft.sender)
    message["Date"] = format_datetime(now)
    message.set_content(draft.body)
    message["Content-Language"] = draft.language  # after set_content, which clears every Content-* header
    return message.as_bytes()

