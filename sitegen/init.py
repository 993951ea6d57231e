"""`sitegen init DIR`: a new status-site repository that builds at once and publishes from GitHub Actions or GitLab CI."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from string import Template

from sitegen import placeholders
from sitegen.project import action_ref, home, requirement
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


HOSTS = ("github", "gitlab")


def init_site(target: Path, now: datetime, host: str = "github", force: bool = False) -> list[Path]:
    """Write the starter files into `target`; unless `force`, write nothing if any of them exists."""
    files = starter_files(now, host)
    existing = [target / name for name in files if (target / name).exists()]
    if existing and not force:
        listed = "\n".join(f"  {path}" for path in existing)
        raise ScaffoldError(f"init writes nothing: {len(existing)} of its files exist already:\n{listed}\n"
                            "(--force overwrites them)")
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def starter_files(now: datetime, host: str) -> dict[str, str]:
    """Every file of a new site for `host` (github or gitlab), by path; nothing in them needs a package index."""
    start = (now - timedelta(days=2)).replace(second=0, microsecond=0)
    times = {"start": start, "ack": start + timedelta(minutes=3), "identified": start + timedelta(minutes=18),
             "resolved": start + timedelta(minutes=31)}
    incident = EXAMPLE_INCIDENT.format(
        **{name: yaml_time(at) for name, at in times.items()},
        start_hm=f"{start:%H:%M}", end_hm=f"{start + timedelta(minutes=29):%H:%M}",
    )
    publishing = _starter(f"publishing-{host}.md", action=action_ref())
    if host == "github":
        ci = {".github/workflows/pages.yml": workflow("pages.yml", action_ref()),
              ".github/workflows/check.yml": workflow("check.yml", action_ref())}
    else:
        ci = {".gitlab-ci.yml": _starter("gitlab-ci.yml")}
    return {
        "site.yml": _starter("site.yml", **placeholders.STARTER),
        "README.md": _starter("README.md", title="Status page", home=home(), publishing=publishing,
                              publisher={"github": "GitHub Actions", "gitlab": "GitLab CI"}[host]),
        "requirements.txt": requirement() + "\n",
        ".gitignore": _starter("gitignore"),
        f"content/incidents/{start:%Y-%m-%d}-slow-api-responses.md": incident,
        "content/maintenance/.gitkeep": "",
        "content/postmortems/.gitkeep": "",
        **ci,
        **{f"schemas/{name}.schema.json": schema_text(name) for name in SCHEMAS},
    }


def _starter(name: str, **values: str) -> str:
    return Template((STARTER / name).read_text(encoding="utf-8")).substitute(values)
