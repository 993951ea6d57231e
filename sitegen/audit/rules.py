"""The trust audit: rules that hold each incident to good outage communication, as warnings located in its file."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Callable, Iterator

from sitegen.audit import promises, reading
from sitegen.audit.language import Phrasebook, phrasebook, plain_text
from sitegen.errors import Problem, Severity
from sitegen.model import Impact, Incident, IncidentStatus, Site, Source, TimelineEntry
from sitegen.status import incident_duration, incident_end, incident_segments, incident_start, is_open, published
from sitegen.uptime import DOWN_WEIGHT, Downtime, SlaState, downtime, months_between
from sitegen.i18n import ENGLISH
from sitegen.views.labels import allowance_text

SIGNIFICANT = (Impact.MAJOR, Impact.CRITICAL)
POSTMORTEM_GRACE = timedelta(days=14)
EMAIL_AFTER = timedelta(minutes=30)  # incidents shorter than this need no email


@dataclass(frozen=True)
class Rule:
    id: str
    question: str  # the audit table's column
    why: str


RULES = {rule.id: rule for rule in (
    Rule("late-acknowledgement", "acknowledged", "Customers notice within minutes; a status page that says nothing looks unaware."),
    Rule("update-gap", "on-schedule", "Silence during an incident reads as neglect; update on a clock even when nothing changed."),
    Rule("no-next-update", "on-schedule", "Saying when the next update comes stops customers refreshing and asking."),
    Rule("missed-next-update", "on-schedule", "A missed promise costs more trust than not promising."),
    Rule("over-promise", "on-schedule", "A fix time that passes unmet is worse than none: promise the next update instead."),
    Rule("vague-language", "language", "Vague words sound evasive; specifics show the team understands the problem."),
    Rule("blames-third-party", "language", "Customers chose you, not your vendors: own the impact and name the dependency."),
    Rule("missing-cause", "resolution", "Closing without a cause leaves customers guessing whether it will happen again."),
    Rule("thin-resolution", "resolution", "The last update is the one people quote: give start, end, duration and cause."),
    Rule("late-email", "email", "Customers hit hard by a long outage deserve a direct email within hours, not a page to find."),
    Rule("stale-incident", "on-schedule", "An incident silent for days was most often forgotten: resolve it or say why not."),
    Rule("sla-breach-without-credit", "credits", "Offering the credit before anyone asks turns a breach into goodwill."),
    Rule("no-postmortem", "postmortem", "A published postmortem shows what changes so it does not happen again."),
    Rule("no-communicator", "communicator",
         "One named person keeps customers informed while others fix; updates then come on time and in one voice."),
)}


@dataclass(frozen=True)
class Finding:
    rule: str
    incident: str
    source: Source
    message: str

    def problem(self) -> Problem:
        return Problem(self.source.path, self.source.line, self.rule, self.message, Severity.WARNING)


@dataclass(frozen=True)
class Context:
    site: Site  # published at `now`
    now: datetime
    zone: tzinfo
    downtime: Downtime
    breaches: dict[str, set[tuple[int, int]]]  # component -> months (year, month) below its SLA
    book: Phrasebook | None  # the site language's phrase lists; None: the text rules say nothing


def context_for(site: Site, now: datetime) -> Context:
    published_site = published(site, now)
    context = Context(published_site, now, site.config.timezone, downtime(published_site, now), {},
                      phrasebook(site.config.language))
    context.breaches.update(sla_breaches(context))
    return context


def audit(site: Site, now: datetime) -> list[Finding]:
    """Every rule over every published incident, minus the rules the site or the incident ignores."""
    return audit_context(context_for(site, now))


def audit_context(context: Context) -> list[Finding]:
    """The audit over a context already made (the report needs the same context for its SLA table)."""
    ignored_everywhere = context.site.config.audit.ignore
    findings = []
    for incident in context.site.incidents:
        ignored = ignored_everywhere | incident.audit_ignore
        for check in CHECKS:
            findings.extend(f for f in check(incident, context) if f.rule not in ignored)
    return sorted(findings, key=lambda f: (f.source.path, f.source.line, f.rule))


def _when(at: datetime, zone: tzinfo) -> str:
    return ENGLISH.time(at, zone).text


def _finding(rule: str, incident: Incident, message: str, source: Source | None = None) -> Finding:
    return Finding(rule, incident.slug, source or incident.source, message)


def late_acknowledgement(incident: Incident, context: Context) -> Iterator[Finding]:
    limit = context.site.config.audit.acknowledge_within
    first = incident.timeline[0]
    start = incident_start(incident)
    if first.at - start > limit:
        yield _finding("late-acknowledgement", incident,
                       f"the first update came {ENGLISH.exact_duration(first.at - start)} after impact began at "
                       f"{_when(start, context.zone)}; post within {ENGLISH.exact_duration(limit)}, even before you "
                       "know the cause", first.source)


def promised_next_update(entry: TimelineEntry, context: Context) -> tuple[bool, datetime | None]:
    """(whether the entry promises a next update, by when): `next_update`, or the words when they say."""
    if entry.next_update is not None:
        return True, entry.next_update
    if context.book is None:
        return False, None
    return promises.next_update_promise(plain_text(entry.message), entry.at, context.zone, context.book)


def update_gaps(incident: Incident, context: Context) -> Iterator[Finding]:
    """Silence longer than `max_update_gap`, unless the earlier update promised a later next update and kept it."""
    limit = context.site.config.audit.max_update_gap

    def allowed(entry: TimelineEntry) -> datetime:
        promised = promised_next_update(entry, context)[1]
        return max(entry.at + limit, promised) if promised else entry.at + limit

    for before, after in zip(incident.timeline, incident.timeline[1:]):
        # Waiting to resolve after monitoring, or a quiet spell between resolving and reopening, is no silence.
        if IncidentStatus.RESOLVED in (before.status, after.status):
            continue
        if after.at > allowed(before):
            yield _finding("update-gap", incident,
                           f"{ENGLISH.exact_duration(after.at - before.at)} passed between updates "
                           f"({_when(before.at, context.zone)} to {_when(after.at, context.zone)}); update at least "
                           f"every {ENGLISH.exact_duration(limit)}", after.source)
    last = incident.timeline[-1]
    if is_open(incident) and context.now > allowed(last):
        yield _finding("update-gap", incident,
                       f"no update for {ENGLISH.exact_duration(context.now - last.at)} since "
                       f"{_when(last.at, context.zone)} while the incident is open; update at least every "
                       f"{ENGLISH.exact_duration(limit)}", last.source)


def next_update_promises(incident: Incident, context: Context) -> Iterator[Finding]:
    timeline = incident.timeline
    for index, entry in enumerate(timeline):
        if entry.status is IncidentStatus.RESOLVED:
            continue
        promised, by = promised_next_update(entry, context)
        if not promised:
            # Without phrase lists the words cannot be read; they may promise one, so say nothing.
            if context.book is not None:
                yield _finding("no-next-update", incident,
                               "this update promises no next one; add `next_update: 20m` or say when the next update "
                               "comes", entry.source)
            continue
        if by is None:
            continue
        following = timeline[index + 1].at if index + 1 < len(timeline) else None
        if following is not None and following > by:
            yield _finding("missed-next-update", incident,
                           f"promised the next update by {_when(by, context.zone)}; it came "
                           f"{ENGLISH.exact_duration(following - by)} late", timeline[index + 1].source)
        elif following is None and context.now > by:
            yield _finding("missed-next-update", incident,
                           f"promised the next update by {_when(by, context.zone)}; nothing since, "
                           f"{ENGLISH.exact_duration(context.now - by)} past the promise", entry.source)


PROMISE_GRACE = 0.1  # of the promised span: a fix posted a few minutes after an hour's estimate kept its word


def over_promises(incident: Incident, context: Context) -> Iterator[Finding]:
    book = context.book
    if book is None:
        return
    for index, entry in enumerate(incident.timeline):
        if entry.status is IncidentStatus.RESOLVED:
            continue
        promise = promises.fix_promise(plain_text(entry.message), entry.at, context.zone, book)
        if promise is None:
            continue
        words, deadline = promise
        later = incident.timeline[index + 1:]
        fixed = next((promises.fixed_at(plain_text(e.message), e.at, context.zone, book) for e in later
                      if e.status is IncidentStatus.RESOLVED or promises.states_fixed(plain_text(e.message), book)),
                     None)
        # Judged by the later updates: with none yet, silence is update-gap's business, not a broken promise.
        seen = fixed or (later[-1].at if later else None)
        if seen and seen > deadline + PROMISE_GRACE * max(deadline - entry.at, timedelta(0)):
            outcome = (f"it was resolved at {_when(fixed, context.zone)}" if fixed
                       else f"it was still not resolved at {_when(seen, context.zone)}")
            yield _finding("over-promise", incident,
                           f"'{words}' promised a fix by {_when(deadline, context.zone)}; {outcome}. Promise the next "
                           "update, not the fix", entry.source)


def own_names(incident: Incident, context: Context, book: Phrasebook) -> reading.OwnNames:
    config = context.site.config
    affected = tuple(c.name for c in config.components if c.id in incident.components)
    return reading.own_names(config, book.providers, affected)


def language_findings(incident: Incident, context: Context) -> Iterator[Finding]:
    book = context.book
    if book is None:
        return
    names = own_names(incident, context, book)
    said_what = False  # whether an earlier update said what is affected
    texts = [(entry.message, entry.source, "this update") for entry in incident.timeline]
    if incident.cause:
        texts.append((incident.cause, incident.source, "the cause"))
    for text, source, what in texts:
        plain = plain_text(text)
        vague = reading.vague(plain, book, names, said_what)
        if vague:
            yield _finding("vague-language", incident, f"{what} says '{vague[0]}': {vague[1]}", source)
        blame = reading.blame(plain, book, names)
        if blame:
            yield _finding("blames-third-party", incident,
                           f"{what} says '{blame}': own the impact and say what you do about the dependency, e.g. "
                           "'we moved traffic to our second provider at 14:20 UTC'", source)
        said_what = said_what or reading.is_specific(plain, book, names)


MIN_CAUSE_WORDS = 4


def resolution(incident: Incident, context: Context) -> Iterator[Finding]:
    if is_open(incident):
        return
    closing = incident.timeline[-1]
    cause = (incident.cause or "").strip()
    book = context.book
    if not cause:
        yield _finding("missing-cause", incident,
                       "resolved without `cause:`; add the one honest sentence about what caused it", closing.source)
    else:
        vague = reading.vague(plain_text(cause), book, own_names(incident, context, book), False) if book else None
        if vague or len(cause.split()) < MIN_CAUSE_WORDS:
            advice = vague[1] if vague else "name the change, component or condition that failed and why"
            yield _finding("missing-cause", incident, f"the cause '{cause}' is not specific: {advice}", closing.source)
    if book is None:
        return
    for entry in incident.timeline:
        if entry.status is not IncidentStatus.RESOLVED:
            continue
        text = plain_text(entry.message)
        if reading.thin(text, book, own_names(incident, context, book)):
            shown = text if len(text) <= 80 else text[:77] + "..."
            yield _finding("thin-resolution", incident,
                           f"'{shown}' explains nothing; say when it started and ended, how long it lasted, what "
                           "caused it and what you changed", entry.source)


def late_email(incident: Incident, context: Context) -> Iterator[Finding]:
    if not email_due(incident, context.now):
        return
    end = incident_end(incident)
    limit = context.site.config.audit.email_within
    if incident.email_sent_at is None:
        yield _finding("late-email", incident,
                       f"a {incident.impact.value} incident of {ENGLISH.duration(incident_duration(incident, context.now))} "
                       f"needs a customer email within {ENGLISH.duration(limit)} of resolution; record `email_sent_at` "
                       "(`sitegen email` drafts it)")
    elif incident.email_sent_at - end > limit:
        yield _finding("late-email", incident,
                       f"the customer email went out {ENGLISH.duration(incident.email_sent_at - end)} after resolution; "
                       f"send it within {ENGLISH.duration(limit)}")


def email_due(incident: Incident, now: datetime) -> bool:
    """Significant incidents that lasted over 30 minutes and are resolved owe customers an email."""
    return (incident.impact in SIGNIFICANT and not is_open(incident)
            and incident_duration(incident, now) > EMAIL_AFTER)


def postmortem_due(incident: Incident) -> bool:
    return incident.impact in SIGNIFICANT and not is_open(incident)


def missing_postmortem(incident: Incident, context: Context) -> Iterator[Finding]:
    if not postmortem_due(incident):
        return
    published_slugs = {p.slug for p in context.site.postmortems}
    if incident.postmortem in published_slugs:
        return
    if incident.postmortem is None:
        yield _finding("no-postmortem", incident,
                       f"a resolved {incident.impact.value} incident needs a postmortem; write one "
                       "(`sitegen new postmortem`) or set `postmortem: pending` as the commitment")
        return
    waited = context.now - incident_end(incident)
    if waited > POSTMORTEM_GRACE:
        yield _finding("no-postmortem", incident,
                       f"the postmortem has been pending for {waited.days} days; publish it within "
                       f"{POSTMORTEM_GRACE.days} days of resolution")


def sla_breaches(context: Context) -> dict[str, set[tuple[int, int]]]:
    """The months in which each component with an SLA has used more than the whole month's allowance."""
    sla = {c.id: c.sla for c in context.site.config.components if c.sla is not None}
    touched = {
        (component, month)
        for incident in context.site.incidents
        for component, months in downtime_months(incident, context).items() if component in sla
        for month in months
    }
    breaches: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for component, (year, month) in touched:
        if context.downtime.sla_month(component, sla[component], year, month).state is SlaState.BREACHED:
            breaches[component].add((year, month))
    return dict(breaches)


def downtime_months(incident: Incident, context: Context) -> dict[str, set[tuple[int, int]]]:
    """The months (local) in which the incident took each component down, every one a long outage spans."""
    months: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for segment in incident_segments(incident, context.now):
        if segment.status in DOWN_WEIGHT:
            first: date = segment.start.astimezone(context.zone).date()
            last: date = (segment.end - timedelta(microseconds=1)).astimezone(context.zone).date()
            months[segment.component].update(months_between(first, last))
    return months


def breached_components(incident: Incident, context: Context) -> list[tuple[str, tuple[int, int]]]:
    return sorted(
        (component, month)
        for component, months in downtime_months(incident, context).items()
        for month in months if month in context.breaches.get(component, set())
    )


def credits(incident: Incident, context: Context) -> Iterator[Finding]:
    breached = breached_components(incident, context)
    if breached and not incident.credits:
        components = {c.id: c for c in context.site.config.components}
        listed = ", ".join(
            f"{components[c].name} in {date(y, m, 1):%B %Y} "
            f"({allowance_text(ENGLISH, context.downtime.sla_month(c, components[c].sla, y, m))} at {components[c].sla:g}%)"
            for c, (y, m) in breached
        )
        yield _finding("sla-breach-without-credit", incident,
                       f"SLA breached: {listed}; record the credit you offer in `credits:` before customers ask")


def communicator_due(incident: Incident) -> bool:
    return incident.impact in SIGNIFICANT


def missing_communicator(incident: Incident, context: Context) -> Iterator[Finding]:
    if communicator_due(incident) and not incident.communicator:
        yield _finding("no-communicator", incident,
                       f"a {incident.impact.value} incident needs one named person who posts the updates while others "
                       "fix it; add `communicator:` with their name (e.g. `communicator: Dana Reyes`)")
def stale_incident(incident: Incident, context: Context) -> Iterator[Finding]:
    limit = context.site.config.audit.stale_after
    last = incident.timeline[-1]
    if is_open(incident) and context.now - last.at > limit:
        yield _finding("stale-incident", incident,
                       f"still open, and the last update was {ENGLISH.duration(context.now - last.at)} ago at "
                       f"{_when(last.at, context.zone)}; resolve it if it is over, or post what is still wrong "
                       f"(`audit: stale_after` is {ENGLISH.duration(limit)})", last.source)


CHECKS: tuple[Callable[[Incident, Context], Iterator[Finding]], ...] = (
    late_acknowledgement, update_gaps, next_update_promises, over_promises, language_findings, resolution,
    late_email, missing_postmortem, credits, stale_incident, missing_communicator,
)
