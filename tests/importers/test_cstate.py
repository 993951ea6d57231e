"""cState: a Hugo site folder with naive and zoned times, free-text labels, untimed updates, a post-mortem
section, a notice with a schedule, an informational post and an empty issue."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from tests.importers.helpers import (
    FIXTURES, WARNING, built, by_title, import_ok, imported_pages, model, page_text, plain, run_import, snapshot,
)

SOURCE = FIXTURES / "cstate"
LONDON = ZoneInfo("Europe/London")
TRACK = re.compile(r"\{\{< track \"[^\"]+\" >\}\}")
STATUS_LABEL = re.compile(r"^\*(Investigating|Identified|Monitoring|Resolved)\* -\s*")  # a status's name: dropped


def _import(root, *extra):
    return import_ok("cstate", root, *extra)



def test_systems_and_categories_become_components_and_groups(tmp_path):
    result = _import(tmp_path / "site")
    tree, site = built(tmp_path / "site")
    assert [(c.id, c.name, c.group) for c in site.config.components] == [
        ("web-editor", "Web editor", "Editor"), ("sync", "Sync", "Editor"), ("exports", "Exports", "Uncategorized")]
    assert (site.config.title, site.config.timezone.key, site.config.language) == (
        "Quillmate Status", "Europe/London", "en-GB")
    assert "Europe/London (from" in result.stdout and "config.yml timeZone)" in result.stdout
    assert len(site.incidents) == 5 and len(site.maintenances) == 1


def test_naive_times_are_read_in_the_config_zone_and_updates_sorted_by_instant(tmp_path):
    _import(tmp_path / "site")
    _, site = built(tmp_path / "site")
    sync = by_title(site)["Edits lost to sync conflicts"]
    assert [e.at for e in sync.timeline] == [
        datetime(2026, 7, 14, 9, 5, tzinfo=LONDON), datetime(2026, 7, 14, 8, 31, tzinfo=timezone.utc),
        datetime(2026, 7, 14, 10, 40, tzinfo=LONDON), datetime(2026, 7, 14, 11, 30, tzinfo=LONDON)]
    assert [e.status.value for e in sync.timeline] == ["investigating", "identified", "monitoring", "resolved"]
    assert sync.impact.value == "critical" and set(sync.components.values()) == {"major_outage"}


def test_every_update_text_is_on_its_page_and_free_labels_keep_their_words(tmp_path):
    result = _import(tmp_path / "site")
    tree, site = built(tmp_path / "site")
    pages = imported_pages(tmp_path / "site")
    issues = sorted((SOURCE / "content/issues").glob("*.md"))
    assert len(pages) == len(issues)
    for issue in issues:
        text = page_text(tree, pages[f"cstate issue content/issues/{issue.stem}"])
        for paragraph in issue.read_text().split("---\n", 2)[2].split("\n\n"):
            words = plain(STATUS_LABEL.sub("", TRACK.sub("", paragraph).strip()))
            if words and words != "---":
                assert words in text, (issue.name, words)
    sync = by_title(site)["Edits lost to sync conflicts"]
    assert "Mitigated, service recovering" in sync.timeline[2].message
    assert "label 'Mitigated, service recovering' kept in the message, mapped to monitoring" in result.stdout
    assert "clock skew" in sync.timeline[1].message and "<code>" in sync.timeline[1].message
    assert sync.body.startswith("*Post-mortem*")


def test_updates_without_track_times_and_a_missing_resolve_time_are_placed_and_reported(tmp_path):
    result = _import(tmp_path / "site")
    _, site = built(tmp_path / "site")
    queue = by_title(site)["PDF exports queued"]
    start = datetime(2026, 8, 2, 14, 10, tzinfo=LONDON)
    assert [(e.at, e.status.value) for e in queue.timeline] == [
        (start, "investigating"), (start, "investigating"), (start, "resolved")]
    assert "Exports leave the queue within a minute again." in queue.timeline[1].message
    assert "(resolvedWhen is not set)" in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(WARNING.match(line) for line in lines)
    assert any(line.startswith(str(SOURCE / "content/issues/2026-08-02-export-queue.md") + ":12: warning:")
               for line in lines)


def test_unresolved_stays_open_notice_with_a_window_is_maintenance_informational_has_no_impact(tmp_path):
    _import(tmp_path / "site")
    tree, site = built(tmp_path / "site")
    lag = by_title(site)["Editor typing lag"]
    assert lag.timeline[-1].status.value == "monitoring"
    [move] = site.maintenances
    assert (move.scheduled_start, move.scheduled_end, move.components) == (
        datetime(2026, 10, 4, 1, tzinfo=LONDON), datetime(2026, 10, 4, 3, tzinfo=LONDON), ("sync",))
    assert "Sync pauses for up to five minutes" in move.timeline[0].message
    shortcuts = by_title(site)["New keyboard shortcuts"]
    assert shortcuts.impact.value == "none" and set(shortcuts.components.values()) == {"operational"}
    assert "<kbd>Ctrl</kbd>" in shortcuts.timeline[0].message
    blip = by_title(site)["Brief sync blip"]
    assert [e.status.value for e in blip.timeline] == ["investigating", "resolved"]
    assert blip.timeline[-1].at == datetime(2026, 11, 1, 8, 4, tzinfo=LONDON)


def test_reimport_is_idempotent_and_an_edit_is_kept(tmp_path):
    root = tmp_path / "site"
    _import(root)
    first = snapshot(root)
    _import(root)
    assert snapshot(root) == first
    edited = next((root / "content/incidents").glob("*typing-lag.md"))
    edited.write_text(edited.read_text().replace("a second or more", "a second or two"))
    result = _import(root)
    assert "a second or two" in edited.read_text() and "1 kept" in result.stdout


def test_a_timezone_option_overrides_the_config(tmp_path):
    result = _import(tmp_path / "site", "--timezone", "America/New_York")
    assert "America/New_York (from --timezone)" in result.stdout


def test_a_toml_config_and_toml_front_matter_are_read(tmp_path):
    source = tmp_path / "cstate-toml"
    (source / "content" / "issues").mkdir(parents=True)
    (source / "config.toml").write_text(
        'title = "Toml Status"\nbaseURL = "https://toml.example"\ntimeZone = "Asia/Tokyo"\n'
        '[params]\n[[params.systems]]\nname = "Gateway"\ncategory = "Edge"\n')
    (source / "content" / "issues" / "gateway.md").write_text(
        '+++\ntitle = "Gateway resets"\ndate = 2026-05-01T09:00:00\nresolved = true\n'
        'resolvedWhen = 2026-05-01T09:30:00\nseverity = "down"\naffected = ["Gateway"]\n+++\n\n'
        '*Resolved* - Connections hold again. {{< track "2026-05-01 09:30:00" >}}\n\n'
        '*Investigating* - Connections reset every few minutes. {{< track "2026-05-01 09:00:00" >}}\n')
    result = run_import("cstate", str(source), "--site", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    _, site = built(tmp_path / "site")
    [gateway] = site.incidents
    assert [(c.name, c.group) for c in site.config.components] == [("Gateway", "Edge")]
    assert [e.at for e in gateway.timeline] == [datetime(2026, 5, 1, 0, tzinfo=timezone.utc),
                                                datetime(2026, 5, 1, 0, 30, tzinfo=timezone.utc)]


def test_a_mistyped_timezone_option_is_an_error_and_writes_nothing(tmp_path):
    result = run_import("cstate", str(SOURCE), "--site", str(tmp_path / "site"), "--timezone", "Europe/Londn")
    assert result.exit_code == 1
    assert "error: --timezone: 'Europe/Londn' is not an IANA time zone name" in result.stderr
    assert not (tmp_path / "site").exists()


def test_maintenance_updates_map_their_labels_to_phases_and_keep_other_words(tmp_path):
    source = tmp_path / "cstate-notice"
    (source / "content" / "issues").mkdir(parents=True)
    (source / "config.yml").write_text("title: N\nbaseURL: https://n.example\nparams:\n  systems:\n    - name: Core\n")
    (source / "content" / "issues" / "window.md").write_text(
        "---\ntitle: Core upgrade\ndate: 2026-05-02 01:00:00\nresolvedWhen: 2026-05-02 02:00:00\nresolved: true\n"
        "severity: notice\naffected: [Core]\n---\n\n"
        '*Completed* - Core runs the new version. {{< track "2026-05-02 01:40:00" >}}\n\n'
        '*Heads-up* - The window may run long. {{< track "2026-05-01 20:00:00" >}}\n')
    result = run_import("cstate", str(source), "--site", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    [window] = model(tmp_path / "site").maintenances
    assert [(u.status.value, u.message) for u in window.timeline] == [
        ("scheduled", "*Heads-up* - The window may run long."), ("completed", "Core runs the new version.")]
    assert "label 'Heads-up' kept in the message, mapped to scheduled" in result.stdout
