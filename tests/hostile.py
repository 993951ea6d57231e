"""A scratch site with hostile text in every field a user writes, for the escaping tests of every output."""

from __future__ import annotations

EVIL = '<script>alert(1)</script>" onmouseover="alert(2)\' <img src=x onerror=alert(3)> \u202egnp.exe & ü 😀'
EVIL_LINK = "[click](javascript:alert(4)) <a href=\"javascript:alert(5)\">x</a>"


def quoted(text: str) -> str:
    """The text as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_files() -> tuple[dict[str, str], str]:
    q = quoted(EVIL)
    site_yml = f"""\
title: {q}
base_url: https://example.org/status/
description: {q}
feed_id: example.org
contact: {{name: {q}, email: ops@example.org}}
components:
  - id: api
    name: {q}
    group: {q}
    description: {q}
    sla: 99.9
"""
    files = {
        "content/incidents/2026-11-25-evil.md": f"""\
---
title: {q}
impact: critical
components: {{api: major_outage}}
cause: {q}
credits: {q}
postmortem: 2026-11-25-evil-review
timeline:
  - at: 2026-11-25T10:00:00Z
    status: investigating
    message: {quoted(EVIL + " " + EVIL_LINK)}
  - at: 2026-11-25T10:30:00Z
    status: resolved
    message: {q}
---
{EVIL}

{EVIL_LINK}
""",
        "content/maintenance/2026-11-27-evil.md": f"""\
---
title: {q}
components: [api]
scheduled_start: 2026-11-27T01:00:00Z
scheduled_end: 2026-11-27T02:00:00Z
timeline:
  - at: 2026-11-20T10:00:00Z
    status: scheduled
    message: {q}
---
{EVIL}
""",
        "content/postmortems/2026-11-25-evil-review.md": f"""\
---
title: {q}
incident: 2026-11-25-evil
published_at: 2026-11-25T12:00:00Z
timeline:
  - at: 2026-11-25T10:00:00Z
    event: {q}
action_items:
  - {q}
---
{EVIL}
""",
    }
    return files, site_yml
