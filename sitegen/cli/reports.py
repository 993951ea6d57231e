"""Commands that report on the site or tell people: audit, email, notify."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from sitegen.cli.common import SITE_OPTION, load_or_fail, now_from, now_option, slug_argument


@click.command("audit")
@click.argument("slugs", nargs=-1)
@SITE_OPTION
@now_option("The time the audit is made as of (open incidents are measured up to it)")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Only incidents that started on or after DATE (YYYY-MM-DD).")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="markdown suits a pull-request comment or a GitHub job summary.")
def audit_command(slugs: tuple[str, ...], site_dir: Path, now_text: str | None, since: datetime | None,
                  output_format: str) -> None:
    """The trust audit as a table: one row per incident, one column per question, and SLA months."""
    from sitegen.audit.report import RENDERERS, build_report
    from sitegen.escaping import terminal_lines

    site = load_or_fail(site_dir)
    slugs = tuple(slug_argument(slug) for slug in slugs)
    unknown = sorted(set(slugs) - {i.slug for i in site.incidents})
    if unknown:
        raise click.BadParameter(f"no incident {', '.join(unknown)} in content/incidents/", param_hint="SLUG")
    result = build_report(site, now_from(now_text), slugs, since.date() if since else None)
    text = RENDERERS[output_format](result)
    click.echo(text if output_format == "json" else terminal_lines(text), nl=False)


@click.command("email")
@click.argument("slug")
@SITE_OPTION
@now_option("The time the email is drafted as of")
@click.option("--format", "output_format", type=click.Choice(["text", "eml"]), default="text", show_default=True)
@click.option("--send", is_flag=True, help="Send it to the mailing lists of the affected components (SITEGEN_SMTP_URL) "
                                         "and record email_sent_at in the incident's file.")
def email_command(slug: str, site_dir: Path, now_text: str | None, output_format: str, send: bool) -> None:
    """Draft the customer email for an incident, signed by site.yml's contact; or, with --send, send it."""
    from sitegen.customer_email import UnknownIncident, UnusableSender, as_eml, as_text, draft_email
    from sitegen.escaping import terminal_lines, terminal_text

    site = load_or_fail(site_dir)
    now = now_from(now_text)
    slug = slug_argument(slug)
    try:
        draft = draft_email(site, slug, now)
    except UnknownIncident:
        raise click.BadParameter(f"no published incident '{slug}' in content/incidents/", param_hint="SLUG") from None
    for warning in draft.warnings:
        click.echo(f"warning: {terminal_text(warning)}", err=True)
    if send:
        _send_email(site_dir, site, slug, draft, now)
    elif output_format == "eml":
        try:
            sys.stdout.buffer.write(as_eml(draft, now))
        except UnusableSender as error:
            raise click.ClickException(terminal_text(f"site.yml: {error}")) from None
    else:
        click.echo(terminal_lines(as_text(draft)), nl=False)


def _send_email(site_dir: Path, site, slug: str, draft, now: datetime) -> None:
    import os

    from sitegen.escaping import terminal_text
    from sitegen.customer_email import UnusableSender
    from sitegen.send_email import SendRefused, send_draft

    try:
        sent = send_draft(site_dir, site, slug, draft, now, os.environ)
    except (SendRefused, UnusableSender) as error:
        raise click.ClickException(terminal_text(f"nothing sent: {error}")) from None
    for mailing_list in sent.lists:
        click.echo(terminal_text(f"sent to {mailing_list.name} <{mailing_list.post}>"))
    for mailing_list, reason in sent.failed:
        click.echo(terminal_text(f"FAILED {mailing_list.name}: {reason}"), err=True)
    if sent.recorded:
        click.echo(terminal_text(f"recorded email_sent_at in {sent.recorded.relative_to(site_dir)}"))
    if sent.failed:
        sys.exit(1)


@click.command()
@click.option("--since", "ref", required=True, metavar="REF", help="The commit before the push (github.event.before; all zeros on a first push).")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
@click.option("--max-age", default="1d", show_default=True, metavar="DURATION",
              help="Older new entries (an imported history) are not sent.")
@SITE_OPTION
@now_option("The time it is now, from which --max-age counts back")
def notify(ref: str, dry_run: bool, max_age: str, site_dir: Path, now_text: str | None) -> None:
    """Send the updates the commits since REF added to Slack, Discord, Teams, a webhook and email.

    Channels come from SITEGEN_SLACK_WEBHOOK_URL, SITEGEN_DISCORD_WEBHOOK_URL, SITEGEN_TEAMS_WEBHOOK_URL,
    SITEGEN_WEBHOOK_URL and SITEGEN_SMTP_URL (with SITEGEN_EMAIL_FROM and SITEGEN_EMAIL_TO). A failing
    channel is reported and never fails the command: notifications must not fail a deploy.
    """
    import os

    from sitegen.escaping import terminal_text
    from sitegen.fields import RangeError, parse_duration
    from sitegen.notify import NotifyError, channels, new_notices, routes, send

    try:
        age = parse_duration(max_age)
    except RangeError as error:
        raise click.BadParameter(str(error), param_hint="--max-age") from None
    if age is None:
        raise click.BadParameter(f"'{max_age}' is not a duration such as 1d", param_hint="--max-age")
    try:
        news = new_notices(site_dir, ref, now_from(now_text), age)
    except NotifyError as error:
        click.echo(terminal_text(f"notify: {error}; nothing sent"), err=True)
        return
    notices, too_old = news.notices, news.too_old
    targets = channels(os.environ, news.mailing_lists)
    click.echo(f"{len(notices)} new update{'s' if len(notices) != 1 else ''}, {news.baseline.reason}"
               + (f" ({too_old} older than {max_age} not sent)" if too_old else "")
               + f"; channels: {', '.join(targets) or 'none configured'}")
    for notice in notices:
        click.echo(terminal_text(f"  {notice.title} <{notice.link}>"))
    if dry_run or not notices:
        return
    for outcome in send(notices, targets, takes=routes(news.mailing_lists)):
        title = terminal_text(outcome.notice.title)
        if outcome.unknown:
            click.echo(f"UNKNOWN {outcome.channel}: {title}: {outcome.error}", err=True)
        elif outcome.error:
            plural = "s" if outcome.attempts != 1 else ""
            tries = f" after {outcome.attempts} attempt{plural}" if outcome.attempts else ""
            click.echo(f"FAILED {outcome.channel}: {title}: {outcome.error}{tries}", err=True)
        else:
            click.echo(f"sent {outcome.channel}: {title}")


@click.command("remind")
@SITE_OPTION
@now_option("The time it is now: the run's tick is the last --window boundary at or before it")
@click.option("--within", default="10m", show_default=True, metavar="DURATION",
              help="How long before a promised update the person on duty is told.")
@click.option("--window", default="15m", show_default=True, metavar="DURATION",
              help="The cron interval, as for `due`: each promise is reminded in exactly one run.")
@click.option("--dry-run", is_flag=True, help="Print the reminders instead of sending them.")
def remind_command(site_dir: Path, now_text: str | None, within: str, window: str, dry_run: bool) -> None:
    """Tell the team (SITEGEN_TEAM_WEBHOOK_URL: Slack, Discord, Teams or any URL) before a promised
    update is missed, with the command that posts it. Never exits non-zero for a failed send."""
    import os

    from sitegen.escaping import terminal_text
    from sitegen.fields import parse_duration
    from sitegen.remind import reminder_notice, reminders_due, send_reminders

    lengths = {}
    for name, text in (("--within", within), ("--window", window)):
        lengths[name] = parse_duration(text)
        if not lengths[name]:
            raise click.BadParameter(f"'{text}' is not a duration such as 10m", param_hint=name)
    site = load_or_fail(site_dir)
    now = now_from(now_text)
    notices = [reminder_notice(site, r, now) for r in reminders_due(site, now, lengths["--within"], lengths["--window"])]
    click.echo(f"{len(notices)} reminder{'s' if len(notices) != 1 else ''}")
    for notice in notices:
        click.echo(terminal_text(f"  {notice.title}"))
    if dry_run or not notices:
        return
    for notice, error in send_reminders(os.environ, notices):
        title = terminal_text(notice.title)
        click.echo(f"FAILED team: {title}: {error}" if error else f"sent team: {title}", err=bool(error))
