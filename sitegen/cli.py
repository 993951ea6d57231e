"""The command line: parse arguments, call one function per command, print problems, set the exit status."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Iterable

import click

from sitegen import __version__
from sitegen.clock import ClockError, resolve_now
from sitegen.errors import Problem, Severity, SiteError

SITE_OPTION = click.option(
    "--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
    help="The status site's folder (holding site.yml and content/).",
)
NOW_OPTION = click.option(
    "--now", "now_text", metavar="ISO8601",
    help="The time to build as of; default SOURCE_DATE_EPOCH, else the clock.",
)


def now_from(text: str | None) -> datetime:
    try:
        return resolve_now(text)
    except ClockError as error:
        raise click.BadParameter(str(error), param_hint="--now") from None


def report(problems: Iterable[Problem]) -> None:
    """Errors first, then warnings, each `path:line: field: message`, then the counts, on stderr."""
    problems = sorted(problems)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for problem in errors:
        click.echo(str(problem), err=True)
    for problem in warnings:
        click.echo(str(problem), err=True)
    counts = []
    if errors:
        counts.append(f"{len(errors)} error{'s' if len(errors) != 1 else ''}")
    if warnings:
        counts.append(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
    if counts:
        click.echo(", ".join(counts), err=True)


def fail(error: SiteError) -> None:
    report(error.problems.items)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """sitegen: build a static status site from incidents written in Markdown."""


@main.command()
@SITE_OPTION
@click.option("--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the site; default SITE/output. Replaced as a whole, only on success.")
@NOW_OPTION
@click.option("--base-url", metavar="URL", help="Serve from this URL instead of site.yml's base_url.")
def build(site_dir: Path, output_dir: Path | None, now_text: str | None, base_url: str | None) -> None:
    """Validate the site and write it to the output folder."""
    from sitegen.build import build_site
    from sitegen.output import Staging

    output_dir = output_dir or site_dir / "output"
    if output_dir.resolve() in (site_dir.resolve(), *site_dir.resolve().parents):
        raise click.BadParameter("the output folder must not hold the site itself", param_hint="--output")
    now = now_from(now_text)
    staging = Staging(output_dir)
    try:
        result = build_site(site_dir, now, base_url, on_pages=staging.write)
        staging.commit(result.tree)
    except SiteError as error:
        staging.discard()
        fail(error)
    except BaseException:
        staging.discard()
        raise
    report(result.warnings)
    pages = sum(1 for path in result.tree if path.endswith(".html"))
    click.echo(f"Built {pages} pages, {len(result.tree)} files into {output_dir}")


@main.command()
@SITE_OPTION
@NOW_OPTION
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--explain-templates", is_flag=True, help="Show which file each template comes from.")
def check(site_dir: Path, now_text: str | None, strict: bool, explain_templates: bool) -> None:
    """Validate the site without writing anything, then run the trust audit (its findings are warnings)."""
    from sitegen.audit.rules import audit
    from sitegen.build import build_site

    if explain_templates:
        from sitegen.errors import Problems
        from sitegen.theme import explain, load_theme
        from sitegen.config import load_config

        config = load_config(site_dir, Problems())
        for line in explain(load_theme(site_dir, config.theme if config else "default", Problems())):
            click.echo(line)
    now = now_from(now_text)
    try:
        result = build_site(site_dir, now)
    except SiteError as error:
        fail(error)
    warnings = result.warnings + [finding.problem() for finding in audit(result.site, now)]
    report(warnings)
    if strict and warnings:
        sys.exit(1)
    click.echo("No errors." if not warnings else "No errors; see the warnings above.")


def load_or_fail(site_dir: Path):
    """The validated model of the site, or the located errors and exit 1."""
    from sitegen.build import load_site
    from sitegen.errors import Problems

    problems = Problems()
    site = load_site(site_dir, problems)
    if problems.errors or site is None:
        fail(SiteError(problems))
    return site


@main.command("audit")
@click.argument("slugs", nargs=-1)
@SITE_OPTION
@NOW_OPTION
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only incidents that started on or after DATE.")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="markdown suits a pull-request comment or a GitHub job summary.")
def audit_command(slugs: tuple[str, ...], site_dir: Path, now_text: str | None, since: datetime | None,
                  output_format: str) -> None:
    """The trust audit as a table: one row per incident, one column per question, and SLA months."""
    from sitegen.audit.report import RENDERERS, build_report

    site = load_or_fail(site_dir)
    unknown = sorted(set(slugs) - {i.slug for i in site.incidents})
    if unknown:
        raise click.BadParameter(f"no incident {', '.join(unknown)} in content/incidents/", param_hint="SLUG")
    result = build_report(site, now_from(now_text), slugs, since.date() if since else None)
    click.echo(RENDERERS[output_format](result), nl=False)


@main.command("email")
@click.argument("slug")
@SITE_OPTION
@NOW_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "eml"]), default="text", show_default=True)
def email_command(slug: str, site_dir: Path, now_text: str | None, output_format: str) -> None:
    """Draft the customer email for an incident, signed by site.yml's contact."""
    from sitegen.customer_email import UnknownIncident, as_eml, draft_email

    site = load_or_fail(site_dir)
    now = now_from(now_text)
    try:
        draft = draft_email(site, slug, now)
    except UnknownIncident:
        raise click.BadParameter(f"no published incident '{slug}' in content/incidents/", param_hint="SLUG") from None
    for warning in draft.warnings:
        click.echo(f"warning: {warning}", err=True)
    if output_format == "eml":
        sys.stdout.buffer.write(as_eml(draft, now))
    else:
        click.echo(f"Subject: {draft.subject}\n\n{draft.body}", nl=False)


def config_or_fail(site_dir: Path):
    """The site's model for authoring commands: site.yml must load; other files' errors do not block writing."""
    from sitegen.build import load_site
    from sitegen.errors import Problems

    problems = Problems()
    site = load_site(site_dir, problems)
    if site is None:
        fail(SiteError(problems))
    return site


def time_option(site, text: str | None, now: datetime, name: str) -> datetime:
    """An ISO 8601 option; a naive one is read in the site's timezone."""
    from sitegen.fields import parse_timestamp

    if not text:
        return now
    value = parse_timestamp(text, site.config.timezone)
    if value is None:
        raise click.BadParameter(f"'{text}' is not an ISO 8601 time such as 2026-11-26T14:02:00Z", param_hint=name)
    return value


def next_update_option(site, text: str | None) -> str | None:
    from sitegen.fields import parse_duration, parse_timestamp
    from sitegen.scaffold import yaml_time

    if text is None or parse_duration(text):
        return text
    value = parse_timestamp(text, site.config.timezone)
    if value is None:
        raise click.BadParameter(f"'{text}' is neither a duration such as 20m nor a time", param_hint="--next-update")
    return yaml_time(value)


def authoring(action):
    """Run an authoring action; a refusal is one clear line on stderr and exit 1, with nothing written."""
    from sitegen.scaffold import ScaffoldError

    try:
        return action()
    except ScaffoldError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


IMPACTS = click.Choice(["none", "minor", "major", "critical"])
AT_OPTION = click.option("--at", "at_text", metavar="ISO8601", help="When it was posted; default now.")


@main.group()
def new() -> None:
    """Write a new incident, maintenance or postmortem file and print its path."""


@new.command("incident")
@click.argument("title")
@click.option("--impact", type=IMPACTS, required=True)
@click.option("--component", "components", multiple=True, required=True, metavar="ID[=STATUS]",
              help="An affected component, with its status or the one that follows from the impact. Repeatable.")
@click.option("--message", help="The first update; default: 'We are investigating TITLE.'")
@click.option("--next-update", metavar="DURATION|TIME", help="When the next update comes; default max_update_gap.")
@AT_OPTION
@SITE_OPTION
@NOW_OPTION
def new_incident_command(title, impact, components, message, next_update, at_text, site_dir, now_text) -> None:
    """Declare an incident with a first `investigating` entry."""
    from sitegen.model import Impact
    from sitegen.scaffold import check_written, new_incident, parse_component

    site = config_or_fail(site_dir)
    at = time_option(site, at_text, now_from(now_text), "--at")
    path = authoring(lambda: new_incident(
        site_dir, site, title, Impact(impact), [parse_component(c) for c in components], at, message,
        next_update_option(site, next_update)))
    authoring(lambda: check_written(site_dir, site, path, "incident"))
    click.echo(path)


@new.command("maintenance")
@click.argument("title")
@click.option("--component", "components", multiple=True, required=True, metavar="ID", help="Repeatable.")
@click.option("--start", "start_text", required=True, metavar="ISO8601")
@click.option("--end", "end_text", required=True, metavar="ISO8601")
@click.option("--message", help="The announcement; default: 'We will carry out TITLE.'")
@AT_OPTION
@SITE_OPTION
@NOW_OPTION
def new_maintenance_command(title, components, start_text, end_text, message, at_text, site_dir, now_text) -> None:
    """Announce a maintenance window."""
    from sitegen.scaffold import check_written, new_maintenance

    site = config_or_fail(site_dir)
    now = now_from(now_text)
    start, end = time_option(site, start_text, now, "--start"), time_option(site, end_text, now, "--end")
    path = authoring(lambda: new_maintenance(site_dir, site, title, list(components), start, end,
                                             time_option(site, at_text, now, "--at"), message))
    authoring(lambda: check_written(site_dir, site, path, "maintenance"))
    click.echo(path)


@new.command("postmortem")
@click.argument("incident")
@AT_OPTION
@SITE_OPTION
@NOW_OPTION
def new_postmortem_command(incident, at_text, site_dir, now_text) -> None:
    """Start a postmortem from an incident's timeline, with the sections a good one has."""
    from sitegen.scaffold import check_written, new_postmortem

    site = config_or_fail(site_dir)
    path = authoring(lambda: new_postmortem(site_dir, site, incident, time_option(site, at_text, now_from(now_text), "--at")))
    authoring(lambda: check_written(site_dir, site, path, "postmortem"))
    click.echo(path)


@main.command()
@click.argument("slug")
@click.option("--status", type=click.Choice(["investigating", "identified", "monitoring", "resolved"]), required=True)
@click.option("--message", required=True)
@click.option("--next-update", metavar="DURATION|TIME")
@click.option("--component", "components", multiple=True, metavar="ID=STATUS", help="A status change. Repeatable.")
@click.option("--cause", help="Set the incident's cause.")
@click.option("--reopen", is_flag=True, help="Allow posting to a resolved incident.")
@AT_OPTION
@SITE_OPTION
@NOW_OPTION
def update(slug, status, message, next_update, components, cause, reopen, at_text, site_dir, now_text) -> None:
    """Append one entry to an incident's timeline, leaving every other byte of the file as it was."""
    from sitegen.model import IncidentStatus
    from sitegen.scaffold import ScaffoldError, parse_component
    from sitegen.update import Update, post_update

    site = config_or_fail(site_dir)
    at = time_option(site, at_text, now_from(now_text), "--at")

    def changes():
        chosen = [parse_component(c) for c in components]
        if any(c.status is None for c in chosen):
            raise ScaffoldError("--component takes ID=STATUS, such as api=operational")
        return tuple((c.id, c.status) for c in chosen)

    path = authoring(lambda: post_update(site_dir, site, slug, Update(
        IncidentStatus(status), message, at, next_update_option(site, next_update), changes(), cause), reopen))
    click.echo(path)


@main.command()
@SITE_OPTION
@click.option("--port", default=8000, show_default=True, help="0 picks a free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback by default: the preview is yours.")
@NOW_OPTION
def serve(site_dir: Path, port: int, host: str, now_text: str | None) -> None:
    """Preview the site: rebuild on every save and reload open browser tabs."""
    from sitegen.serve import serve as run_server

    now_from(now_text)  # a bad --now is a usage error before the server starts
    run_server(site_dir, host, port, lambda: resolve_now(now_text), lambda line: click.echo(line, err=True))


@main.command()
@click.argument("kind", type=click.Choice(["site", "incident", "maintenance", "postmortem"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of site.yml or of a kind of front matter, for editors and other tools."""
    from sitegen.schema import schema_text

    click.echo(schema_text(kind), nl=False)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@NOW_OPTION
def init(directory: Path, now_text: str | None) -> None:
    """Create a new status-site repository in DIRECTORY that builds and publishes as it stands."""
    from sitegen.init import init_site

    written = authoring(lambda: init_site(directory, now_from(now_text)))
    for path in written:
        click.echo(path)
    click.echo(f"Next: cd {directory} && sitegen serve", err=True)


@main.command()
@click.option("--since", "ref", required=True, metavar="REF", help="The commit before the push (github.event.before).")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
@click.option("--max-age", default="1d", show_default=True, metavar="DURATION",
              help="Older new entries (an imported history) are not sent.")
@SITE_OPTION
@NOW_OPTION
def notify(ref: str, dry_run: bool, max_age: str, site_dir: Path, now_text: str | None) -> None:
    """Send the updates the commits since REF added to Slack, Discord, Teams, a webhook and email.

    Channels come from SITEGEN_SLACK_WEBHOOK_URL, SITEGEN_DISCORD_WEBHOOK_URL, SITEGEN_TEAMS_WEBHOOK_URL,
    SITEGEN_WEBHOOK_URL and SITEGEN_SMTP_URL (with SITEGEN_EMAIL_FROM and SITEGEN_EMAIL_TO). A failing
    channel is reported and never fails the command: notifications must not fail a deploy.
    """
    import os

    from sitegen.fields import parse_duration
    from sitegen.notify import NotifyError, channels, new_notices, send

    age = parse_duration(max_age)
    if age is None:
        raise click.BadParameter(f"'{max_age}' is not a duration such as 1d", param_hint="--max-age")
    try:
        notices, too_old = new_notices(site_dir, ref, now_from(now_text), age)
    except NotifyError as error:
        click.echo(f"notify: {error}; nothing sent", err=True)
        return
    targets = channels(os.environ)
    click.echo(f"{len(notices)} new update{'s' if len(notices) != 1 else ''} since {ref[:12]}"
               + (f" ({too_old} older than {max_age} not sent)" if too_old else "")
               + f"; channels: {', '.join(targets) or 'none configured'}")
    for notice in notices:
        click.echo(f"  {notice.title} <{notice.link}>")
    if dry_run or not notices:
        return
    for outcome in send(notices, targets):
        if outcome.error:
            click.echo(f"FAILED {outcome.channel}: {outcome.notice.title}: {outcome.error} "
                       f"after {outcome.attempts} attempts", err=True)
        else:
            click.echo(f"sent {outcome.channel}: {outcome.notice.title}")
