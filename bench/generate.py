"""Write a site with N realistic incidents (deterministic for a given seed) for benchmarking builds.

usage: python bench/generate.py N DIR [--seed 1] [--real-scale]
--real-scale: the shape of a large provider's page: 350 components, most without a group, and 80 incidents
that were never resolved (open for 30 to 900 days, each naming up to 25 components), besides the N.
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


def incident_text(rng: random.Random, start: datetime, components: list[str] = COMPONENTS) -> str:
    component = rng.choice(components)
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


# The real-scale shape: many organisations' components on one page, most of them in no group.
SCALE_COMPONENTS, SCALE_OPEN, SCALE_ORGS, GROUPED_ORGS = 350, 80, 14, 4
SERVICES = ["API", "Dashboard", "Webhooks", "Search", "CDN", "DNS", "Login", "Billing", "Email", "Storage", "Queue",
            "Database", "Analytics", "Mobile app", "Status API"]
REGIONS = ["US East", "US West", "EU Central", "EU West", "Asia Pacific", "South America"]
LONG_TITLE = ("Intermittent elevated error rates and increased latency for a subset of customers using "
              "https://api.example.com/v2/organisations/{id}/deployments/pipelines/artifacts?include=everything "
              "in several regions while we continue to investigate the underlying cause")


def scale_components(rng: random.Random) -> list[tuple[str, str, str | None, int]]:
    """(id, name, group, organisation): organisations of 25, the first few grouped by name, the rest ungrouped."""
    components = []
    for number in range(SCALE_COMPONENTS):
        org = number % SCALE_ORGS
        name = f"Org{org:02d} {SERVICES[number // SCALE_ORGS % len(SERVICES)]} {REGIONS[number % len(REGIONS)]}"
        group = f"Organisation {org:02d}" if org < GROUPED_ORGS else None
        components.append((f"c{number:03d}", f"{name} {number}", group, org))
    return components


def scale_site_yml(components: list[tuple[str, str, str | None, int]]) -> str:
    head = SITE_YML[: SITE_YML.index("components:\n")] + "components:\n"
    return head + "".join(
        f"  - {{id: {cid}, name: {name}" + (f", group: {group}" if group else "") + ", sla: 99.9}\n"
        for cid, name, group, _ in components
    )


def open_incident_text(rng: random.Random, number: int, start: datetime, names: list[str], lasting: bool) -> str:
    """Never resolved: a first update naming many components, a last one days later; most returned to operational
    unless `lasting`."""
    title = LONG_TITLE.format(id=number) if number == 0 else f"Degraded service for some customers #{number}"
    later = start + timedelta(days=rng.randint(1, 20))
    back = "\n".join(f"      {c}: operational" for c in names[3:]) if not lasting else ""
    return "\n".join([
        "---", f"title: {title!r}".replace("'", '"'), f"impact: {rng.choice(['minor', 'major'])}", "components:",
        *(f"  {c}: {rng.choice(STATUSES)}" for c in names),
        "timeline:",
        f"  - at: {start:%Y-%m-%dT%H:%M:%SZ}", "    status: investigating",
        "    message: 'We are investigating reports of errors for some customers.'",
        f"  - at: {later:%Y-%m-%dT%H:%M:%SZ}", "    status: monitoring",
        "    message: 'A fix is in place for most customers; we keep watching the error rates.'",
        *(["    components:", back] if back else []),
        "---", "",
    ])


def generate(count: int, root: Path, seed: int = 1, real_scale: bool = False) -> None:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    folder = root / "content" / "incidents"
    folder.mkdir(parents=True)
    end = datetime(2026, 11, 26, tzinfo=timezone.utc)
    ids = COMPONENTS
    if real_scale:
        components = scale_components(rng)
        ids = [c[0] for c in components]
        (root / "site.yml").write_text(scale_site_yml(components))
        for number in range(SCALE_OPEN):
            org = number % SCALE_ORGS
            members = [c[0] for c in components if c[3] == org]
            names = rng.sample(members, rng.randint(3, len(members)))
            start = end - timedelta(days=rng.randint(30, 900), minutes=rng.randint(0, 1440))
            text = open_incident_text(rng, number, start, names, lasting=org in (1, 5))
            (folder / f"{start:%Y-%m-%d}-open-{number:03d}.md").write_text(text)
    else:
        (root / "site.yml").write_text(SITE_YML)
    # Spread incidents over the years before `end`, newest last: a few a day, or at real scale over 900 days.
    spacing = 900 * 1440 // max(count, 1) if real_scale else 97
    for number in range(count):
        start = end - timedelta(minutes=(count - number) * spacing + rng.randint(0, 30))
        (folder / f"{start:%Y-%m-%d}-incident-{number:05d}.md").write_text(incident_text(rng, start, ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--real-scale", action="store_true", help="350 components, most ungrouped, 80 open incidents")
    args = parser.parse_args()
    generate(args.count, args.root, args.seed, args.real_scale)


if __name__ == "__main__":
    main()
