"""`sitegen import FORMAT SOURCE`: read another status page's history and write it as a sitegen site."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sitegen.importers.records import ImportedSite, ImportFailure, Notes

if TYPE_CHECKING:
    from sitegen.importers.writer import Change


def _reader(source_format: str) -> Callable[[Path, str | None, Notes], ImportedSite]:
    """One module per source format, each with `read_FORMAT(source, zone, notes)`."""
    return getattr(import_module(f"sitegen.importers.{source_format}"), f"read_{source_format}")


FORMATS = ("cstate", "statusfy", "statuspage")


@dataclass(frozen=True)
class ImportResult:
    site: ImportedSite
    changes: list["Change"]
    notes: Notes


def import_site(source_format: str, source: Path, root: Path, zone: str | None = None, dry_run: bool = False,
                force: bool = False) -> ImportResult:
    """Read the source, plan every file, check the planned site, then (unless a dry run) write the files."""
    from sitegen.importers.writer import plan, write

    notes = Notes()
    site = _reader(source_format)(source, zone, notes)
    if not site.components:
        raise ImportFailure(f"{source}: the source defines no components, and a sitegen site needs at least one")
    changes = plan(site, root, force)
    if not dry_run:
        write(root, changes)
    return ImportResult(site, changes, notes)


__all__ = ["FORMATS", "ImportFailure", "ImportResult", "import_site"]
