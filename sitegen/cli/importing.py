"""`sitegen import`: bring a history over from cState, Statusfy or Statuspage."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitegen.cli.common import SITE_OPTION
from sitegen.importers import FORMATS

ACTIONS = {"create": "wrote", "overwrite": "overwrote", "extend": "added components to", "unchanged": "unchanged",
           "kept": "kept (differs from the source; --force overwrites)"}
DRY_ACTIONS = {"create": "would write", "overwrite": "would overwrite", "extend": "would add components to",
               "unchanged": "unchanged", "kept": "would keep (differs from the source; --force overwrites)"}


@click.command("import")
@click.argument("source_format", metavar="{" + ",".join(FORMATS) + "}", type=click.Choice(FORMATS))
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@SITE_OPTION
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
@click.option("--force", is_flag=True, help="Overwrite files that differ from what the source gives.")
@click.option("--timezone", "zone", metavar="ZONE",
              help="IANA zone of times written without an offset; default: the source's own setting, else UTC.")
def import_command(source_format: str, source: Path, site_dir: Path, dry_run: bool, force: bool,
                   zone: str | None) -> None:
    """Import a history: SOURCE is a cState or Statusfy site folder, or a folder of files saved from a
    Statuspage page (api/v2/*.json, history.atom). New files only, unless --force."""
    from sitegen.importers import ImportFailure, import_site

    try:
        result = import_site(source_format, source, site_dir, zone, dry_run, force)
    except ImportFailure as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for warning in result.notes.warnings:
        click.echo(warning, err=True)
    words = DRY_ACTIONS if dry_run else ACTIONS
    for change in result.changes:
        click.echo(f"{words[change.action]} {site_dir / change.path}")
        if dry_run and change.action in ("create", "overwrite", "extend"):
            click.echo(change.text)
    site = result.site
    postmortems = sum(1 for i in site.incidents if i.postmortem)
    click.echo(f"Read {len(site.incidents)} incidents, {len(site.maintenances)} maintenances, {postmortems} "
               f"postmortems and {len(site.components)} components from {source}.")
    click.echo(f"Times without an offset were read in {result.notes.zone}.")
    if result.notes.labels:
        click.echo(f"{len(result.notes.labels)} labels were mapped by their words (kept in the messages):")
        for line in result.notes.labels:
            click.echo(f"  {line}")
    counts = {}
    for change in result.changes:
        counts[change.action] = counts.get(change.action, 0) + 1
    click.echo("Files: " + ", ".join(f"{n} {words[a]}" for a, n in counts.items()) + ".")
