"""Write a site with N realistic incidents (deterministic for a given seed) for benchmarking builds.

usage: python bench/generate.py N DIR [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

COMPONENTS = ["api", "dashboard", "webhooks", "tracking", "labels", "notifications"]
STATUSES = ["degraded_performance", "partial_outage", "major_outage"]
SITE_YML = """\
title: Benchmark Status
base_url: https://bench.example/status/
feed_id: bench.example
timezone: Europe/Berlin
components:
""" + "".join(
    f"  - {{id: {c}, name: {c.title()}, group: {'Platform' if i < 3 else 'Delivery'}, sla: 99.9}}\n"
    for i, c in enumerate(COMPONENTS)
)
SENTENCES = [
    "Requests to the **{c}** return errors for about {p}% of calls.",
    "We traced the problem to a deploy at {t} UTC and are rolling it back.",
    "Latency on `{c}` is back under 200 ms; we are watching [the dashboards](https://example.com/dash).",
    "Customers in the EU region see timeouts when creating labels.",
    "A database failover left one replica behind; we are resynchronising it.",
    "<em>Note:</em> retries are safe; no data was lost.",
    "Die Störung betrifft Kunden in Deutschland; 接続エラーが発生しています。",
]


def incident_text(rng: random.Random, start: datetime) -> str:
    component = rng.choice(COMPONENTS)
    impact = rng.choice(["minor", "minor", "major", "critical"])
    status = rng.choice(STATUSES)
    lines = [
        "---",
        f"title: {component.title()} {rng.choice(['errors', 'slowness', 'outage', 'delays'])} #{rng.randint(1, 9999)}",
        f"impact: {impact}",
        "components:",
        f"  {component}: {status}",
        f"cause: A {rng.choice(['configuration change', 'deploy', 'failover', 'certificate rotation'])} broke {component}.",
        "timeline:",
    ]
    at = start + timedelta(minutes=rng.randint(1, 5))
    steps = ["investigating", "identified", "monitoring", "resolved"][: rng.randint(2, 4)]
    if steps[-1] != "resolved":
        steps.append("resolved")
    for number, step in enumerate(steps):
        message = " ".join(
            rng.choice(SENTENCES).format(c=component, p=rng.randint(1, 60), t=f"{at:%H:%M}")
            for _ in range(rng.randint(1, 3))
        )
        lines += [
            f"  - at: {at:%Y-%m-%dT%H:%M:%SZ}",
            f"    status: {step}",
            f"    message: {message!r}".replace("'", '"') if '"' not in message else f"    message: '{message}'",
        ]
        if step != "resolved":
            lines.append("    next_update: 20m")
        if number == 1 and rng.random() < 0.3:
            lines += ["    components:", f"      {component}: degraded_performance"]
        at += timedelta(minutes=rng.randint(5, 20))
    lines.append("---")
    if rng.random() < 0.3:
        lines.append("\n".join(rng.choice(SENTENCES).format(c=component, p=5, t="12:00") for _ in range(6)))
    return "\n".join(lines) + "\n"


def generate(count: int, root: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    folder = root / "content" / "incidents"
    folder.mkdir(parents=True)
    (root / "site.yml").write_text(SITE_YML)
    end = datetime(2026, 11, 26, tzinfo=timezone.utc)
    for number in range(count):
        # Spread incidents over the years before `end`, a few a day, newest last.
        start = end - timedelta(minutes=(count - number) * 97 + rng.randint(0, 30))
        (folder / f"{start:%Y-%m-%d}-incident-{number:05d}.md").write_text(incident_text(rng, start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.count, args.root, args.seed)


if __name__ == "__main__":
    main()
