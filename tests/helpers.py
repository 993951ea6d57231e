"""Constants and small helpers the tests share."""

from __future__ import annotations

import textwrap
from datetime import datetime, timezone
from pathlib import Path

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
TESTS = Path(__file__).resolve().parent
SITES = TESTS / "sites"
REPO = TESTS.parent

SITE_YML = """\
title: Scratch Status
base_url: https://example.org/status/
feed_id: example.org
components:
  - id: api
    name: API
    sla: 99.9
  - id: web
    name: Website
"""


def incident(slug: str, body: str) -> dict[str, str]:
    """A scratch incident file: {path: front matter + body}."""
    return {f"content/incidents/{slug}.md": "---\n" + textwrap.dedent(body).strip("\n") + "\n---\n"}


def full_site_in(language: str, folder: Path) -> tuple[Path, Path]:
    """The full sample site copied into `folder` with its `language` set, and its build at NOW: (site, output)."""
    import re
    import shutil

    from sitegen.build import build_site
    from sitegen.output import Staging

    root = folder / "site"
    shutil.copytree(SITES / "full", root)
    config = root / "site.yml"
    config.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", config.read_text()))
    out = folder / "output"
    Staging(out).commit(build_site(root, NOW).tree)
    return root, out
