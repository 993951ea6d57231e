"""`sitegen init DIR`: a new status-site repository that builds at once and publishes from GitHub Actions."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from string import Template

from sitegen import __version__
from sitegen.schema import SCHEMAS, schema_text
from sitegen.scaffold import ScaffoldError
from sitegen.workflows import STARTER, workflow
from sitegen.writer import yaml_time

EXAMPLE_INCIDENT = """\
---
title: Slow API responses
impact: minor
components:
  api: degraded_performance
started_at: {start}
cause: A database index was dropped by a migration, so searches scanned whole tables.
timeline:
  - at: {ack}
    status: investigating
    message: API requests take 3 to 5 seconds instead of under 300 ms. We are investigating.
    next_update: 20m
  - at: {identified}
    status: identified
    message: A migration dropped an index that searches use. We are rebuilding it; this takes about 10 minutes.
    next_update: 15m
  - at: {resolved}
    status: resolved
    message: >-
      Resolved. From {start_hm} to {end_hm} UTC, API requests took 3 to 5 seconds. Cause: a migration dropped
      an index. The index is rebuilt, and migrations are now checked for dropped indexes.
---
This example shows how an incident is written; delete it once you have your own.
"""


def init_site(target: Path, now: datetime) -> list[Path]:
    """Write the starter files into `target`; refuse to overwrite a site that is already there."""
    if (target / "site.yml").exists():
        raise ScaffoldError(f"{target / 'site.yml'} exists; init makes new sites only")
    start = (now - timedelta(days=2)).replace(second=0, microsecond=0)
    times = {"start": start, "ack": start + timedelta(minutes=3), "identified": start + timedelta(minutes=18),
             "resolved": start + timedelta(minutes=31)}
    incident = EXAMPLE_INCIDENT.format(
        **{name: yaml_time(at) for name, at in times.items()},
        start_hm=f"{start:%H:%M}", end_hm=f"{start + timedelta(minutes=29):%H:%M}",
    )
    files = {
        "site.yml": Template((STARTER / "site.yml").read_text()).substitute(),
        "README.md": Template((STARTER / "README.md").read_text()).substitute(title="Status page"),
        "requirements.txt": f"sitegen=={__version__}\n",
        ".gitignore": (STARTER / "gitignore").read_text(),
        f"content/incidents/{start:%Y-%m-%d}-slow-api-responses.md": incident,
        "content/maintenance/.gitkeep": "",
        "content/postmortems/.gitkeep": "",
        ".github/workflows/pages.yml": workflow("pages.yml", "-r requirements.txt"),
        ".github/workflows/check.yml": workflow("check.yml", "-r requirements.txt"),
        **{f"schemas/{name}.schema.json": schema_text(name) for name in SCHEMAS},
    }
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
