"""The GitHub Actions workflows a status site runs, filled in for this repository or for `sitegen init`."""

from __future__ import annotations

from pathlib import Path
from string import Template

STARTER = Path(__file__).resolve().parent / "starter"


def workflow(name: str, install: str) -> str:
    """`pages.yml` or `check.yml`, installing sitegen with `pip install <install>`."""
    return Template((STARTER / name).read_text(encoding="utf-8")).substitute(install=install)
