"""What every command shares: the --site and --now options, "now", and how problems are reported."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path, PurePath
from typing import Iterable

import click

from sitegen.clock import ClockError, resolve_now
from sitegen.errors import Problem, Severity, SiteError
from sitegen.escaping import terminal_text

SITE_OPTION = click.option(
    "--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
    help="The status site's folder (holding site.yml and content/).",
)


def now_option(meaning: str = "The time to build as of"):
    """--now, with what it means for the command at hand."""
    return click.option("--now", "now_text", metavar="ISO8601",
                        help=f"{meaning}; default SOURCE_DATE_EPOCH, else the clock.")


NOW_OPTION = now_option()


def slug_argument(text: str) -> str:
    """A slug, also when given as the file's path (the path that `sitegen new` printed)."""
    return PurePath(text).stem if text.lower().endswith(".md") or "/" in text or "\\" in text else text


def now_from(text: str | None) -> datetime:
    try:
        return resolve_now(text)
    except ClockError as error:
        raise click.BadParameter(str(error), param_hint="--now") from None


def report(problems: Iterable[Problem]) -> None:
    """Errors first, then warnings, each `path:line: field: message` on one line, then the counts, on stderr.

    Messages quote content, so each is shown by `terminal_text`: no value can split it or forge a CI annotation.
    """
    problems = sorted(problems)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for problem in errors + warnings:
        click.echo(terminal_text(str(problem)), err=True)
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


def load_or_fail(site_dir: Path, tolerate_content_errors: bool = False):
    """The validated model of the site, or the located errors and exit 1.

    Authoring commands tolerate errors in content files (one broken file must not stop a team posting
    an update elsewhere); they still need a site.yml that loads.
    """
    from sitegen.build import load_site
    from sitegen.errors import Problems

    problems = Problems()
    site = load_site(site_dir, problems)
    if site is None or (problems.errors and not tolerate_content_errors):
        fail(SiteError(problems))
    return site


def authoring(action):
    """Run an authoring action; a refusal is one clear line on stderr and exit 1, with nothing written."""
    from sitegen.scaffold import ScaffoldError

    try:
        return action()
    except ScaffoldError as error:
        click.echo(terminal_text(f"error: {error}"), err=True)
        sys.exit(1)
