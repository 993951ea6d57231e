"""The audit as a table: one row per incident, one column per question, totals, and SLA months per component."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Callable

from sitegen.audit.rules import (
    RULES, Context, Finding, audit_context, breached_components, communicator_due, context_for, downtime_months,
    email_due, postmortem_due,
)
from sitegen.model import Incident, Site
from sitegen.status import incident_start, is_open
from sitegen.i18n import ENGLISH
from sitegen.views.labels import SLA_STATE, allowance_text

PASS, FAIL, NOT_APPLICABLE = "✓", "✗", "–"


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    short: str  # the text table's header
    applies: Callable[[Incident, Context], bool]


def questions(site: Site) -> tuple[Question, ...]:
    settings = site.config.audit
    ack, email = ENGLISH.duration(settings.acknowledge_within), ENGLISH.duration(settings.email_within)
    return (
        Question("acknowledged", f"Investigating within {ack}", f"Ack {ack}", lambda i, c: True),
        Question("on-schedule", "Updated on schedule", "On schedule", lambda i, c: True),
        Question("language", "Plain, owned words", "Words", lambda i, c: True),
        Question("resolution", "Resolved post with cause and timeline", "Resolved post", lambda i, c: not is_open(i)),
        Question("email", f"Customer email within {email}", f"Email {email}", lambda i, c: email_due(i, c.now)),
        Question("credits", "Credits for SLA breaches", "Credits", lambda i, c: bool(breached_components(i, c))),
        Question("postmortem", "Postmortem", "Postmortem", lambda i, c: postmortem_due(i)),
        Question("communicator", "Named communicator", "Communicator", lambda i, c: communicator_due(i)),
    )


@dataclass(frozen=True)
class Cell:
    verdict: str  # ✓ ✗ –
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    slug: str
    title: str
    started: str
    cells: dict[str, Cell]


@dataclass(frozen=True)
class SlaMonth:
    component: str
    month: str
    uptime: str  # so far, for the running month
    target: str
    status: str  # met | breached | on track
    allowance: str  # "27 of 216 min allowed"
    breached: bool
    credits: str  # ✓ recorded on every incident that took it down, ✗ not, – no breach


@dataclass(frozen=True)
class AuditReport:
    questions: dict[str, str]
    short_titles: dict[str, str]
    rows: list[Row]
    totals: dict[str, dict[str, int]]
    sla: list[SlaMonth]
    findings: int


def build_report(site: Site, now: datetime, slugs: tuple[str, ...] = (), since: date | None = None) -> AuditReport:
    context = context_for(site, now)
    findings = audit_context(context)
    asked = questions(site)
    by_incident: dict[str, list[Finding]] = {}
    for finding in findings:
        by_incident.setdefault(finding.incident, []).append(finding)
    zone = site.config.timezone
    chosen = [
        i for i in sorted(context.site.incidents, key=incident_start, reverse=True)
        if (not slugs or i.slug in slugs) and (since is None or incident_start(i).astimezone(zone).date() >= since)
    ]
    rows = []
    for incident in chosen:
        ignored = site.config.audit.ignore | incident.audit_ignore
        cells = {}
        for question in asked:
            reasons = tuple(f"{f.rule}: {f.message}" for f in by_incident.get(incident.slug, [])
                            if RULES[f.rule].question == question.key)
            rules = {r.id for r in RULES.values() if r.question == question.key}
            if reasons:
                cells[question.key] = Cell(FAIL, reasons)
            elif not question.applies(incident, context) or rules <= ignored:
                cells[question.key] = Cell(NOT_APPLICABLE, ())
            else:
                cells[question.key] = Cell(PASS, ())
        started = incident_start(incident).astimezone(zone).strftime("%Y-%m-%d")
        rows.append(Row(incident.slug, incident.title, started, cells))
    totals = {
        q.key: {mark: sum(1 for r in rows if r.cells[q.key].verdict == mark) for mark in (PASS, FAIL, NOT_APPLICABLE)}
        for q in asked
    }
    shown = {r.slug for r in rows}
    return AuditReport(
        {q.key: q.title for q in asked}, {q.key: q.short for q in asked}, rows, totals, sla_months(context, chosen, since),
        sum(1 for f in findings if f.incident in shown),
    )


def sla_months(context: Context, incidents: list[Incident], since: date | None) -> list[SlaMonth]:
    """Each component with an SLA, each month in which one of the chosen incidents took it down."""
    touched: dict[tuple[str, tuple[int, int]], list[Incident]] = {}
    for incident in incidents:
        for component, months in downtime_months(incident, context).items():
            for month in months:
                touched.setdefault((component, month), []).append(incident)
    rows = []
    for component in context.site.config.components:
        if component.sla is None:
            continue
        for (component_id, (year, month)), hit in sorted(touched.items()):
            if component_id != component.id or (since and (year, month) < (since.year, since.month)):
                continue
            sla = context.downtime.sla_month(component.id, component.sla, year, month)
            breached = (year, month) in context.breaches.get(component.id, set())
            credited = PASS if all(i.credits for i in hit) else FAIL
            rows.append(SlaMonth(component.name, f"{year}-{month:02d}", ENGLISH.percent(sla.uptime),
                                 ENGLISH.percent(component.sla), SLA_STATE[sla.state].lower(), allowance_text(ENGLISH, sla),
                                 breached, credited if breached else NOT_APPLICABLE))
    return rows


def _total_line(report: AuditReport) -> list[str]:
    return [f"{t[PASS]} ✓ {t[FAIL]} ✗" for t in report.totals.values()]


def render_text(report: AuditReport) -> str:
    headers = ["Incident", *report.short_titles.values()]
    table = [[f"{r.started} {r.slug}", *(c.verdict for c in r.cells.values())] for r in report.rows]
    table.append(["Total", *_total_line(report)])
    widths = [max(len(str(line[n])) for line in [headers, *table]) for n in range(len(headers))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip() for line in [headers, *table]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines += ["", "Columns: " + "; ".join(f"{report.short_titles[k]} = {v}" for k, v in report.questions.items()), ""]
    lines += _reasons(report, "{slug}:", "  {reason}")
    if report.sla:
        lines += ["", "SLA per component and month:"]
        lines += [f"  {s.component} {s.month}: {s.uptime} against {s.target}, {s.allowance}, "
                  f"{s.status}, credits {s.credits}" for s in report.sla]
    lines.append(f"\n{_summary(report)}")
    return "\n".join(lines) + "\n"


def _reasons(report: AuditReport, heading: str, item: str) -> list[str]:
    lines = []
    for row in report.rows:
        reasons = [reason for cell in row.cells.values() for reason in cell.reasons]
        if reasons:
            lines.append(heading.format(slug=row.slug, title=row.title))
            lines += [item.format(reason=reason) for reason in reasons]
    return lines


def _summary(report: AuditReport) -> str:
    findings, incidents = report.findings, len(report.rows)
    return f"{findings} finding{'s' if findings != 1 else ''} in {incidents} incident{'s' if incidents != 1 else ''}"


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: AuditReport) -> str:
    """GitHub-flavoured Markdown for a pull-request comment or a job summary."""
    lines = ["## Trust audit", ""]
    lines.append("| Incident | " + " | ".join(report.questions.values()) + " |")
    lines.append("|---" * (len(report.questions) + 1) + "|")
    for row in report.rows:
        cells = [c.verdict for c in row.cells.values()]
        lines.append(f"| {row.started} {_escape_cell(row.title)} | " + " | ".join(cells) + " |")
    lines.append("| **Total** | " + " | ".join(_total_line(report)) + " |")
    reasons = _reasons(report, "- **{title}** (`{slug}`)", "  - {reason}")
    if reasons:
        lines += ["", "### Findings", "", *[_escape_cell(line) if line.startswith("  ") else line for line in reasons]]
    if report.sla:
        lines += ["", "### SLA", "", "| Component | Month | Uptime | Target | Downtime | SLA | Credits recorded |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {_escape_cell(s.component)} | {s.month} | {s.uptime} | {s.target} | {s.allowance} | "
                  f"{s.status} | {s.credits} |" for s in report.sla]
    lines.append("")
    lines.append(f"{_summary(report)}.")
    return "\n".join(lines) + "\n"


def render_json(report: AuditReport) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=1) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
