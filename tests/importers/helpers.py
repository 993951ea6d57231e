"""Running an import and reading what it made: the built pages as text, the model, the files."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from click.testing import CliRunner

from sitegen.build import build_site, load_site
from sitegen.cli import main
from sitegen.errors import Problems
from tests.helpers import NOW

FIXTURES = Path(__file__).resolve().parent
WARNING = re.compile(r"^\S+:\d+: warning: \S")


def run_import(*args: str):
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


def import_ok(source_format: str, root: Path, *extra: str):
    """Import the fixture of `source_format` into `root`; it must succeed."""
    result = run_import(source_format, str(FIXTURES / source_format), "--site", str(root), *extra)
    assert result.exit_code == 0, result.output
    return result


def by_title(site) -> dict:
    return {i.title: i for i in site.incidents}


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def built(root: Path):
    """The built tree and the model; fails on any error (an import must give a site that passes check)."""
    result = build_site(root, NOW)
    return result.tree, result.site


def page_text(tree: dict, page: str) -> str:
    """What a reader sees on a page: its text, whitespace collapsed."""
    document = lxml.html.fromstring(tree[page])
    return " ".join(document.text_content().split())


def plain(html_text: str) -> str:
    """Source text with its HTML tags and Markdown emphasis dropped, whitespace collapsed."""
    text = lxml.html.fromstring(f"<div>{html_text}</div>").text_content() if html_text.strip() else ""
    return " ".join(text.replace("**", "").replace("*", "").split())


def model(root: Path):
    problems = Problems()
    site = load_site(root, problems)
    assert not problems.errors, problems.errors
    return site


def imported_pages(root: Path) -> dict[str, str]:
    """The source key each imported document names in its first lines -> the page it is built into."""
    pages = {}
    for folder, page in (("incidents", "incidents"), ("maintenance", "maintenance"), ("postmortems", "postmortems")):
        for path in sorted((root / "content" / folder).glob("*.md")):
            match = re.search(r"^# sitegen import: (.+)$", path.read_text(), re.M)
            if match:
                pages[match.group(1)] = f"{page}/{path.stem}/index.html"
    return pages
