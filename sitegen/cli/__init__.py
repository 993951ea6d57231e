"""The command line: parse arguments, call one function per command, print problems, set the exit status."""

from __future__ import annotations

import click

from sitegen import __version__
from sitegen.cli import authoring, importing, reports, site


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """sitegen: build a static status site from incidents written in Markdown."""


for command in (site.build, site.check, site.serve, site.init, site.schema, site.due, authoring.new, authoring.update,
                reports.audit_command, reports.email_command, reports.notify, reports.remind_command,
                importing.import_command):
    main.add_command(command)
