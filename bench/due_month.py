"""What a month of scheduled runs costs: deploys and GitHub Actions minutes, with and without `sitegen due`.

Runs `due` at every 15-minute tick of November 2026 on the example site's configuration with (a) no
incident and no maintenance, (b) three incidents (45 minutes, 1.5 hours, 3 hours, an update every
20 minutes, each update pushed) and one maintenance window. GitHub bills each job rounded up to a whole
minute: the scheduled build job (checkout, install, due) is one minute even when nothing is due; a
deploy adds the deploy job's minute; a push runs build, deploy and notify.

Each run looks at the window of its cron tick, so the figures hold for runs that start late.

usage: python bench/due_month.py [MINUTES]   (the cron interval; default 15)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sitegen.build import load_site
from sitegen.due import due_reason
from sitegen.errors import Problems

REPO = Path(__file__).resolve().parent.parent
TICK = timedelta(minutes=int(sys.argv[1]) if len(sys.argv) > 1 else 15)
MONTH = [datetime(2026, 11, 1, tzinfo=timezone.utc) + TICK * n for n in range(1, timedelta(days=30) // TICK + 1)]
INCIDENTS = [(datetime(2026, 11, 4, 14, 10, tzinfo=timezone.utc), 45), (datetime(2026, 11, 12, 3, 30, tzinfo=timezone.utc), 90),
             (datetime(2026, 11, 23, 9, 5, tzinfo=timezone.utc), 180)]
MAINTENANCE = """---
title: Certificate rotation
components: [api]
scheduled_start: 2026-11-21T01:00:00Z
scheduled_end: 2026-11-21T01:30:00Z
timeline:
  - at: 2026-11-19T16:00:00Z
    status: scheduled
    message: We will rotate the API's TLS certificates; a few connections may be reset.
---
"""


def incident(start: datetime, minutes: int) -> tuple[str, int]:
    """An incident file with an update every 20 minutes, and how many updates (pushes) it has."""
    times = [start + timedelta(minutes=m) for m in range(0, minutes, 20)] + [start + timedelta(minutes=minutes)]
    lines = ["---", "title: Slow label printing", "impact: minor", "components: [api]",
             "cause: A full disk on one print server.", "timeline:"]
    for number, at in enumerate(times):
        last = number == len(times) - 1
        lines += [f"  - at: {at:%Y-%m-%dT%H:%M:%SZ}", f"    status: {'resolved' if last else 'investigating'}",
                  f"    message: Update {number + 1} on the slow label printing."]
        if not last:
            lines.append("    next_update: 20m")
    return "\n".join(lines + ["---", ""]), len(times)


def month(with_incidents: bool) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(REPO / "site.yml", root / "site.yml")
        pushes = 0
        (root / "content" / "incidents").mkdir(parents=True)
        if with_incidents:
            for start, minutes in INCIDENTS:
                text, updates = incident(start, minutes)
                (root / "content" / "incidents" / f"{start:%Y-%m-%d}-labels.md").write_text(text)
                pushes += updates
            (root / "content" / "maintenance").mkdir()
            (root / "content" / "maintenance" / "2026-11-21-certificates.md").write_text(MAINTENANCE)
            pushes += 1
        problems = Problems()
        site = load_site(root, problems)
        assert site is not None and not problems.errors, problems.errors
        late = timedelta(minutes=7)  # scheduled runs start late; each still looks at its own tick
        due = sum(1 for now in MONTH if due_reason(site, now + late, TICK))
    runs = len(MONTH)
    return {"scheduled runs": runs, "scheduled deploys": due, "push deploys": pushes,
            "minutes": runs + due + 3 * pushes, "minutes before": 2 * runs + 3 * pushes}


def main() -> None:
    for label, busy in (("quiet month", False), ("three incidents and a maintenance", True)):
        figures = month(busy)
        print(f"{label}: " + ", ".join(f"{name} {value:,}" for name, value in figures.items()))


if __name__ == "__main__":
    main()
