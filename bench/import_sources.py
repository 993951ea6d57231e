"""Time `sitegen import` on generated histories: N incidents in each source format, then a build of the result.

usage: python bench/import_sources.py [N] [WORKDIR]     (default 500 incidents, a temporary folder)
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sitegen.build import build_site
from sitegen.importers import import_site

START = datetime(2022, 1, 3, 8, 0, tzinfo=timezone.utc)
SYSTEMS = ["Web app", "API", "Billing", "Search", "Notifications", "Mobile sync"]


def _times(n: int):
    for index in range(n):
        begin = START + timedelta(hours=31 * index)
        yield index, [begin + timedelta(minutes=m) for m in (0, 14, 37, 65)]


def cstate(root: Path, n: int) -> None:
    (root / "content" / "issues").mkdir(parents=True)
    systems = "\n".join(f"    - name: {s}\n      category: Core" for s in SYSTEMS)
    (root / "config.yml").write_text(f"title: Bench\nbaseURL: https://bench.example\ntimeZone: Europe/Paris\n"
                                     f"params:\n  categories:\n    - name: Core\n  systems:\n{systems}\n")
    labels = ["Investigating", "Identified", "Mitigated, recovering", "Resolved"]
    for index, times in _times(n):
        updates = "\n\n".join(
            f"*{label}* - Update {k} of issue {index}: requests to {SYSTEMS[index % 6]} were slow. "
            f"{{{{< track \"{at:%Y-%m-%d %H:%M:%S}\" >}}}}"
            for k, (label, at) in reversed(list(enumerate(zip(labels, times)))))
        (root / "content" / "issues" / f"issue-{index}.md").write_text(
            f"---\ntitle: Slow {SYSTEMS[index % 6]} number {index}\ndate: {times[0]:%Y-%m-%d %H:%M:%S}\n"
            f"resolved: true\nresolvedWhen: {times[-1]:%Y-%m-%d %H:%M:%S}\nseverity: disrupted\n"
            f"affected:\n  - {SYSTEMS[index % 6]}\nsection: issue\n---\n\n{updates}\n")


def statusfy(root: Path, n: int) -> None:
    (root / "content").mkdir(parents=True)
    ids = [s.lower().replace(" ", "-") for s in SYSTEMS]
    (root / "config.yml").write_text("title: Bench\nbaseUrl: https://bench.example\ndefaultLocale: en\n"
                                     "content:\n  systems: [" + ", ".join(ids) + "]\n")
    labels = ["Investigating", "Identified", "Monitoring", "Resolved"]
    for index, times in _times(n):
        updates = "\n\n".join(f"::: update {label} | {at:%Y-%m-%dT%H:%M:%S.000Z}\nUpdate {k} of incident {index}.\n:::"
                              for k, (label, at) in enumerate(zip(labels, times)))
        (root / "content" / f"incident-{index}.md").write_text(
            f"---\nid: b{index:05d}\ntitle: Errors on {SYSTEMS[index % 6]} number {index}\n"
            f"date: {times[0]:%Y-%m-%dT%H:%M:%S.000Z}\nseverity: partial-outage\n"
            f"affectedsystems:\n  - {ids[index % 6]}\nresolved: true\n---\n\n{updates}\n")


def statuspage(root: Path, n: int) -> None:
    (root / "api" / "v2").mkdir(parents=True)
    page = {"id": "bench", "name": "Bench", "url": "https://bench.example", "time_zone": "Etc/UTC",
            "updated_at": "2026-01-01T00:00:00Z"}
    components = [{"id": f"c{i}", "name": s, "position": i, "group": False, "group_id": None}
                  for i, s in enumerate(SYSTEMS)]
    statuses = ["investigating", "identified", "monitoring", "resolved"]
    incidents, entries = [], []
    for index, times in _times(n):
        code = f"inc{index:05d}"
        updates = [{"id": f"{code}-{k}", "status": s, "body": f"Update {k} of incident {index}.",
                    "created_at": at.isoformat(), "display_at": at.isoformat(),
                    "affected_components": [{"code": f"c{index % 6}", "new_status":
                                             "operational" if s == "resolved" else "partial_outage"}]}
                   for k, (s, at) in enumerate(zip(statuses, times))]
        incidents.append({"id": code, "name": f"Outage {index}", "status": "resolved", "impact": "major",
                          "updated_at": times[-1].isoformat(), "incident_updates": updates[::-1],
                          "components": [components[index % 6]]})
        entries.append(f"<entry><id>tag:bench.example,2005:Incident/{10000 + index}</id>"
                       f"<published>{times[0].isoformat()}</published><updated>{times[-1].isoformat()}</updated>"
                       f"<link rel=\"alternate\" type=\"text/html\" href=\"https://bench.example/incidents/{code}\"/>"
                       f"<title>Outage {index}</title><content type=\"html\"></content></entry>")
    (root / "api" / "v2" / "summary.json").write_text(json.dumps({"page": page, "components": components}))
    (root / "api" / "v2" / "incidents.json").write_text(json.dumps({"page": page, "incidents": incidents}))
    (root / "history.atom").write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                                       '<feed xmlns="http://www.w3.org/2005/Atom">'
                                       "<id>tag:bench.example,2005:/history</id><title>Bench</title>"
                                       f"<updated>{START.isoformat()}</updated>{''.join(entries)}</feed>")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="sitegen-import-bench-"))
    now = START + timedelta(hours=31 * n + 24)
    for name, make in (("cstate", cstate), ("statusfy", statusfy), ("statuspage", statuspage)):
        source, site = work / name / "source", work / name / "site"
        make(source, n)
        began = time.perf_counter()
        result = import_site(name, source, site)
        imported = time.perf_counter() - began
        began = time.perf_counter()
        again = import_site(name, source, site)
        reimported = time.perf_counter() - began
        began = time.perf_counter()
        built = build_site(site, now)
        building = time.perf_counter() - began
        written = sum(1 for c in result.changes if c.action == "create")
        unchanged = sum(1 for c in again.changes if c.action == "unchanged")
        updates = sum(len(i.timeline) for i in built.site.incidents)
        print(f"{name:10} {len(built.site.incidents)} incidents, {updates} updates: import {imported:.2f} s "
              f"({written} files), re-import {reimported:.2f} s ({unchanged} unchanged), "
              f"build {building:.2f} s ({len(built.tree)} files)")


if __name__ == "__main__":
    main()
