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
    from sitegen.output import write_atomically

    output_dir = output_dir or site_dir / "output"
    if output_dir.resolve() in (site_dir.resolve(), *site_dir.resolve().parents):
        raise click.BadParameter("the output folder must not hold the site itself", param_hint="--output")
    try:
        result = build_site(site_dir, now_from(now_text), base_url)
    except SiteError as error:
        fail(error)
    write_atomically(result.tree, output_dir)
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
