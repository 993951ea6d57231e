"""`sitegen new postmortem` starts a draft that is linked from its incident and published nowhere until ready."""

from __future__ import annotations

import difflib
import json

from click.testing import CliRunner

from sitegen.build import build_site
from sitegen.cli import main
from sitegen.customer_email import draft_email
from sitegen.scaffold import POSTMORTEM_PLACEHOLDER
from tests.helpers import NOW

SLUG = "2026-11-12-api-latency-eu"


def run(root, *args: str):
    return CliRunner().invoke(main, [*args, "--site", str(root), "--now", "2026-11-26T12:00:00Z"])


def test_a_draft_is_linked_from_its_incident_and_appears_nowhere_until_published(site_dir):
    root = site_dir("example")
    incident_file = root / "content" / "incidents" / f"{SLUG}.md"
    before = incident_file.read_bytes()
    result = run(root, "new", "postmortem", SLUG)
    assert result.exit_code == 0, result.output
    draft = root / result.output.strip()
    assert draft.name == f"{SLUG}.md" and "draft: true" in draft.read_text()
    # The incident gains exactly one line, written the way `update` writes: nothing else moves.
    changes = [line for line in difflib.ndiff(before.decode().splitlines(), incident_file.read_text().splitlines())
               if line[:1] in "+-"]
    assert changes == [f"+ postmortem: {SLUG}"]

    tree = build_site(root, NOW).tree
    assert f"postmortems/{SLUG}/index.html" not in tree
    assert not any(SLUG in path for path in tree if path.startswith("postmortems/"))
    feeds = b"".join(data for path, data in tree.items() if path.endswith((".atom", ".rss", ".json")))
    assert b"Postmortem: Slow API" not in feeds and POSTMORTEM_PLACEHOLDER.encode() not in feeds
    assert b"A postmortem will be published." in tree[f"incidents/{SLUG}/index.html"]
    assert f"postmortems/{SLUG}/" not in tree["sitemap.xml"].decode()

    from sitegen.build import load_site
    from sitegen.errors import Problems

    email = draft_email(load_site(root, Problems()), SLUG, NOW)
    assert POSTMORTEM_PLACEHOLDER not in email.body and "We are writing a postmortem" in email.body

    strict = CliRunner().invoke(main, ["check", "--strict", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    assert strict.exit_code == 1
    assert f"content/postmortems/{SLUG}.md" in strict.output and "draft, pending" in strict.output

    draft.write_text(draft.read_text().replace("draft: true", "draft: false"))
    tree = build_site(root, NOW).tree
    assert f"postmortems/{SLUG}/index.html" in tree
    titles = [item["title"] for item in json.loads(tree["feed.json"])["items"]]
    assert "Postmortem: Slow API responses in the EU region" in titles
    # Published with the scaffold's example action item still in it: the email does not promise it.
    email = draft_email(load_site(root, Problems()), SLUG, NOW)
    assert POSTMORTEM_PLACEHOLDER not in email.body


def test_a_second_postmortem_for_the_same_incident_is_refused(site_dir):
    root = site_dir("example")
    assert run(root, "new", "postmortem", SLUG).exit_code == 0
    files = sorted((root / "content" / "postmortems").iterdir())
    again = run(root, "new", "postmortem", SLUG)
    assert again.exit_code == 1
    assert f"already has postmortem '{SLUG}'" in again.output and "Traceback" not in again.output
    assert sorted((root / "content" / "postmortems").iterdir()) == files
    published = run(root, "new", "postmortem", "2026-10-14-api-outage")  # has a published one already
    assert published.exit_code == 1 and "already has postmortem '2026-10-14-api-outage'" in published.output


def test_the_draft_timeline_does_not_repeat_a_status_its_message_already_names(site_dir):
    root = site_dir("example")
    draft = root / run(root, "new", "postmortem", SLUG).output.strip()
    text = draft.read_text()
    assert "Resolved: Resolved" not in text
    assert 'event: "Investigating: ' in text


def test_commands_print_times_in_the_sites_zone_as_the_pages_do(write_site):
    root = write_site({"content/incidents/2026-11-27-later.md": """\
        ---
        title: Later
        impact: minor
        components: [api]
        timeline:
          - at: 2026-11-27T09:30:00Z
            status: investigating
            message: We are investigating.
        ---
        """})
    result = CliRunner().invoke(main, ["check", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    assert "27 Nov 2026, 09:30 UTC is later than now (26 Nov 2026, 12:00 UTC)" in result.output
    assert "+00:00" not in result.output
