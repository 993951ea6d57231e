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


def report(problems: Iterable[Problem], strict: bool = False) -> None:
    """Errors first, then warnings, each `path:line: field: message`, then the counts, on stderr."""
    problems = sorted(problems)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for problem in errors:
        click.echo(str(problem), err=True)
    for problem in warnings:
        click.echo(f"{problem} (warning)" if not strict else str(problem), err=True)
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
    """Validate the site without writing anything."""
    from sitegen.build import build_site

    if explain_templates:
        from sitegen.errors import Problems
        from sitegen.theme import explain, load_theme
        from sitegen.config import load_config

        config = load_config(site_dir, Problems())
        for line in explain(load_theme(site_dir, config.theme if config else "default", Problems())):
            click.echo(line)
    try:
        result = build_site(site_dir, now_from(now_text))
    except SiteError as error:
        fail(error)
    report(result.warnings, strict)
    if strict and result.warnings:
        sys.exit(1)
    click.echo("No errors." if not result.warnings else "No errors; see the warnings above.")
