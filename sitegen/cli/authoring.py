"""Commands for writing content during an incident: new incident|maintenance|postmortem, update."""

from __future__ import annotations

from datetime import datetime

import click

from sitegen.cli.common import SITE_OPTION, authoring, load_or_fail, now_from, now_option, slug_argument
from sitegen.field_table import ENTRY, INCIDENT
from sitegen.model import Impact, IncidentStatus


def time_option(site, text: str | None, now: datetime, name: str) -> datetime:
    """An ISO 8601 option; a naive one is read in the site's timezone."""
    from sitegen.fields import RangeError, parse_timestamp

    if not text:
        return now
    try:
        value = parse_timestamp(text, site.config.timezone)
    except RangeError as error:
        raise click.BadParameter(str(error), param_hint=name) from None
    if value is None:
        raise click.BadParameter(f"'{text}' is not an ISO 8601 time such as 2026-11-26T14:02:00Z", param_hint=name)
    return value


def next_update_option(site, text: str | None) -> str | datetime | None:
    """A duration as given (it counts from the entry), or the time it names; the writer gives either its form."""
    from sitegen.fields import RangeError, parse_duration, parse_timestamp

    try:
        if text is None or parse_duration(text):
            return text
        value = parse_timestamp(text, site.config.timezone)
    except RangeError as error:
        raise click.BadParameter(str(error), param_hint="--next-update") from None
    if value is None:
        raise click.BadParameter(f"'{text}' is neither a duration such as 20m nor a time", param_hint="--next-update")
    return value


IMPACTS = click.Choice(INCIDENT["impact"].choice_values)
STATUSES = click.Choice(ENTRY["status"].choice_values)
AT_OPTION = click.option("--at", "at_text", metavar="ISO8601", help="When it was posted; default now.")
NOW_OPTION = now_option("The time it is now, the default of --at")


@click.group()
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
@click.option("--started-at", "started_text", metavar="ISO8601",
              help="When customer impact began, when that was before the first post; default --at.")
@SITE_OPTION
@NOW_OPTION
def new_incident_command(title, impact, components, message, next_update, at_text, started_text, site_dir,
                         now_text) -> None:
    """Declare an incident with a first `investigating` entry."""
    from sitegen.scaffold import check_written, new_incident, parse_component

    site = load_or_fail(site_dir, tolerate_content_errors=True)
    at = time_option(site, at_text, now_from(now_text), "--at")
    started_at = time_option(site, started_text, at, "--started-at")
    if started_at > at:
        raise click.BadParameter("is after --at; impact cannot begin after it was first reported",
                                 param_hint="--started-at")
    path = authoring(lambda: new_incident(
        site_dir, site, title, Impact(impact), [parse_component(c) for c in components], at, message,
        next_update_option(site, next_update), started_at))
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

    site = load_or_fail(site_dir, tolerate_content_errors=True)
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
    """Start a draft postmortem from an incident's timeline, with the sections a good one has, and link it."""
    from sitegen.update import start_postmortem

    site = load_or_fail(site_dir, tolerate_content_errors=True)
    incident = slug_argument(incident)
    at = time_option(site, at_text, now_from(now_text), "--at")
    click.echo(authoring(lambda: start_postmortem(site_dir, site, incident, at)))


@click.command()
@click.argument("slug")
@click.option("--status", type=STATUSES, required=True)
@click.option("--message", required=True, help="The update's text, as customers will read it.")
@click.option("--next-update", metavar="DURATION|TIME", help="When the next update comes, such as 30m.")
@click.option("--component", "components", multiple=True, metavar="ID=STATUS", help="A status change. Repeatable.")
@click.option("--cause", help="Set the incident's cause.")
@click.option("--reopen", is_flag=True, help="Allow posting to a resolved incident.")
@AT_OPTION
@SITE_OPTION
@NOW_OPTION
def update(slug, status, message, next_update, components, cause, reopen, at_text, site_dir, now_text) -> None:
    """Append one entry to an incident's timeline, leaving every other byte of the file as it was."""
    from sitegen.scaffold import ScaffoldError, parse_component
    from sitegen.update import Update, post_update

    site = load_or_fail(site_dir, tolerate_content_errors=True)
    at = time_option(site, at_text, now_from(now_text), "--at")
    slug = slug_argument(slug)

    def changes():
        chosen = [parse_component(c) for c in components]
        if any(c.status is None for c in chosen):
            raise ScaffoldError("--component takes ID=STATUS, such as api=operational")
        return tuple((c.id, c.status) for c in chosen)

    path = authoring(lambda: post_update(site_dir, site, slug, Update(
        IncidentStatus(status), message, at, next_update_option(site, next_update), changes(), cause), reopen))
    click.echo(path)
