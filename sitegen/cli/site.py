"""Commands on the whole site: build, check, serve, init, schema, due."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitegen.cli.common import NOW_OPTION, SITE_OPTION, authoring, fail, load_or_fail, now_from, now_option, report
from sitegen.clock import resolve_now
from sitegen.errors import SiteError
from sitegen.field_table import DOCUMENTS


@click.command()
@SITE_OPTION
@click.option("--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the site; default SITE/output. Replaced as a whole, only on success.")
@NOW_OPTION
@click.option("--base-url", metavar="URL", help="Serve from this URL instead of site.yml's base_url.")
def build(site_dir: Path, output_dir: Path | None, now_text: str | None, base_url: str | None) -> None:
    """Validate the site and write it to the output folder."""
    from sitegen.build import build_site
    from sitegen.output import OutputError, Staging, output_problem

    output_dir = output_dir or site_dir / "output"
    problem = output_problem(site_dir, output_dir)
    if problem:
        raise click.BadParameter(problem, param_hint="--output")
    now = now_from(now_text)
    try:
        staging = Staging(output_dir)
    except OutputError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
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


@click.command()
@SITE_OPTION
@now_option("The time to check as of: later entries are reported as not yet published")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--explain-templates", is_flag=True, help="Show which file each template comes from.")
def check(site_dir: Path, now_text: str | None, strict: bool, explain_templates: bool) -> None:
    """Validate the site without writing anything, then run the trust audit (its findings are warnings)."""
    from sitegen.audit.rules import audit
    from sitegen.build import build_site, load_site
    from sitegen.errors import Problems
    from sitegen.placeholders import placeholder_warnings

    if explain_templates:
        from sitegen.config import load_config
        from sitegen.theme import explain, load_theme

        config = load_config(site_dir, Problems())
        for line in explain(load_theme(site_dir, config.theme if config else "default", Problems())):
            click.echo(line)
    now = now_from(now_text)
    try:
        result = build_site(site_dir, now)
    except SiteError as error:
        # The audit still runs over every file that loaded, so one broken file does not hide the rest;
        # a file with errors gets no findings, since its rejected entries would make false ones.
        problems = Problems()
        site = load_site(site_dir, problems)
        broken = {problem.path for problem in error.problems.errors}
        findings = [finding.problem() for finding in audit(site, now)] if site else []
        findings = [finding for finding in findings if finding.path not in broken]
        report(error.problems.items + placeholder_warnings(site_dir) + findings)
        sys.exit(1)
    warnings = result.warnings + placeholder_warnings(site_dir) + [f.problem() for f in audit(result.site, now)]
    report(warnings)
    if strict and warnings:
        sys.exit(1)
    click.echo("No errors." if not warnings else "No errors; see the warnings above.")


@click.command()
@SITE_OPTION
@click.option("--port", default=8000, show_default=True, help="0 picks a free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback by default: the preview is yours.")
@now_option("The time the preview shows the site as of")
def serve(site_dir: Path, port: int, host: str, now_text: str | None) -> None:
    """Preview the site: rebuild on every save and reload open browser tabs."""
    from sitegen.escaping import terminal_text
    from sitegen.serve import ServeError, serve as run_server

    now_from(now_text)  # a bad --now is a usage error before the server starts
    try:
        run_server(site_dir, host, port, lambda: resolve_now(now_text),
                   lambda line: click.echo(terminal_text(line), err=True))
    except ServeError as error:
        click.echo(terminal_text(f"error: {error}"), err=True)
        sys.exit(1)


@click.command()
@click.argument("kind", type=click.Choice(list(DOCUMENTS)))
def schema(kind: str) -> None:
    """Print the JSON Schema of site.yml or of a kind of front matter, for editors and other tools."""
    from sitegen.schema import schema_text

    click.echo(schema_text(kind), nl=False)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", type=click.Choice(["github", "gitlab"]), default="github", show_default=True,
              help="Where the site is published: GitHub Pages (Actions workflows) or GitLab Pages (.gitlab-ci.yml).")
@click.option("--force", is_flag=True, help="Overwrite files that exist; without it init writes nothing if any does.")
@now_option("The time the example content is dated from")
def init(directory: Path, host: str, force: bool, now_text: str | None) -> None:
    """Create a new status-site repository in DIRECTORY that builds and publishes as it stands."""
    from sitegen.init import init_site

    written = authoring(lambda: init_site(directory, now_from(now_text), host, force))
    for path in written:
        click.echo(path)
    click.echo(f"Next: replace the placeholders in {directory / 'site.yml'} (sitegen check --strict lists them), "
               f"then cd {directory} && sitegen serve", err=True)


@click.command()
@SITE_OPTION
@NOW_OPTION
@click.option("--window", default="15m", show_default=True, metavar="DURATION",
              help="The cron interval: windows of this length tile time, so a late run looks at its own tick's window.")
def due(site_dir: Path, now_text: str | None, window: str) -> None:
    """Say whether the page moved with the clock in the window ending at the last WINDOW tick, so that a
    scheduled run deploys only then.

    Prints `due: REASON` or `not due: ...` and exits 0 either way; writes due=true|false to $GITHUB_OUTPUT
    when that variable is set.
    """
    import os

    from sitegen.due import due_reason, window_ending
    from sitegen.fields import parse_duration

    length = parse_duration(window)
    if length is None or not length:
        raise click.BadParameter(f"'{window}' is not a duration such as 15m", param_hint="--window")
    now = now_from(now_text)
    reason = due_reason(load_or_fail(site_dir), now, length)
    start, end = window_ending(now, length)
    click.echo(f"due: {reason}" if reason else f"not due: nothing on the page moves after {start.isoformat()} "
               f"until {end.isoformat()}")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"due={'true' if reason else 'false'}\n")
