"""The CI files a status site runs, filled in for this repository or for `sitegen init`."""

from __future__ import annotations

from pathlib import Path
from string import Template

STARTER = Path(__file__).resolve().parent / "starter"


def workflow(name: str, action: str) -> str:
    """`pages.yml` or `check.yml`, using the sitegen action as `uses: <action>` (`./` here, OWNER/REPO@TAG elsewhere)."""
    return Template((STARTER / name).read_text(encoding="utf-8")).substitute(action=action)
