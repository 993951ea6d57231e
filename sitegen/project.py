"""Where sitegen comes from: its distribution name, home repository and release tag.

The home is read from the installed package's metadata (`[project.urls]` in pyproject.toml), so that
`init`'s files, the action reference and the README all follow the one place that names it.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, metadata
from urllib.parse import urlsplit

from sitegen import __version__

DISTRIBUTION = "sitegen-status"


def home() -> str:
    """The home repository's URL, such as https://github.com/OWNER/REPO."""
    try:
        urls = metadata(DISTRIBUTION).get_all("Project-URL") or []
    except PackageNotFoundError:
        raise RuntimeError(f"the {DISTRIBUTION} package is not installed; install it with pip install -e .") from None
    found = dict(entry.split(", ", 1) for entry in urls if ", " in entry)
    return found["Homepage"].rstrip("/")


def repository() -> str:
    """OWNER/REPO on GitHub."""
    return urlsplit(home()).path.strip("/")


def release_tag() -> str:
    return f"v{__version__}"


def action_ref() -> str:
    """The composite action at this release: `uses:` in a workflow."""
    return f"{repository()}@{release_tag()}"


def requirement() -> str:
    """A pip requirement for this release, straight from the home repository (no package index)."""
    return f"{DISTRIBUTION} @ git+{home()}@{release_tag()}"
