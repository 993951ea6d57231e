"""Statusfy: a site folder with two locales, YAML and JSON front matter, updates out of order, a label that is
no status, an empty update, a naive time, a scheduled maintenance and an incident with no resolving update."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from tests.importers.helpers import (
    FIXTURES, WARNING, built, by_title, import_ok, imported_pages, page_text, plain, snapshot,
)

SOURCE = FIXTURES / "statusfy"
UTC = timezone.utc


def _import(root, *extra):
    return import_ok("statusfy", root, *extra)



def test_systems_with_their_locale_names_become_components(tmp_path):
    result = _import(tmp_path / "site")
    _, site = built(tmp_path / "site")
    assert [(c.id, c.name, c.description) for c in site.config.components] == [
        ("tiles", "Map tiles", "Raster and vector tiles"), ("routing", "Routing API", ""),
        ("geocoder", "Geocoder", "Address search")]
    assert "Times without an offset were read in UTC (Statusfy reads such times as UTC)." in result.stdout
    assert len(site.incidents) == 4 and len(site.maintenances) == 1


def test_updates_keep_text_and_instants_in_time_order(tmp_path):
    result = _import(tmp_path / "site")
    tree, site = built(tmp_path / "site")
    tiles = by_title(site)["Tile requests failing in Europe"]
    assert [e.at for e in tiles.timeline] == [
        datetime(2026, 6, 3, 6, 20, tzinfo=UTC), datetime(2026, 6, 3, 7, 45, tzinfo=UTC),
        datetime(2026, 6, 3, 9, 10, tzinfo=UTC)]
    pages = imported_pages(tmp_path / "site")
    for path in [*sorted((SOURCE / "content").glob("*.md")), SOURCE / "content/es/2026-07-19_geocoder-lento.md"]:
        source = path.read_text()
        key = re.search(r'^\s*"?id"?: "?([\w-]+)', source, re.M)
        page = page_text(tree, pages[f"statusfy incident {key.group(1) if key else path.stem}"])
        blocks = re.findall(r"^::: update .*?\n(.*?)^:::$", source, re.M | re.S)
        body = re.sub(r"\A---\w*\n.*?^---\n", "", source, flags=re.M | re.S)
        general = re.sub(r"^::: update .*?^:::$", "", body, flags=re.M | re.S)
        for words in [*blocks, *general.split("\n\n")]:
            assert plain(words) in page, (path.name, words)
    text = page_text(tree, f"incidents/{tiles.slug}/index.html")
    assert "Clients served from our Frankfurt edge received errors" in text  # the general content
    assert "Rerouted traffic to Amsterdam" in text
    assert "label 'Rerouted traffic to Amsterdam' kept in the message" in result.stdout
    assert "<strong>five minutes</strong>" in tiles.timeline[-1].message


def test_json_front_matter_a_naive_time_an_empty_update_and_an_open_incident(tmp_path):
    result = _import(tmp_path / "site")
    _, site = built(tmp_path / "site")
    routing = by_title(site)["Routing requests time out"]
    assert routing.timeline[0].at == datetime(2026, 8, 11, 15, 2, tzinfo=UTC)
    assert [e.status.value for e in routing.timeline] == ["investigating", "identified"]
    assert routing.timeline[1].message == "Identified"
    assert "update has no text; its message is its label" in result.stderr
    assert routing.started_at == datetime(2026, 8, 11, 15, tzinfo=UTC)


def test_locales_the_default_one_wins_and_a_translation_only_incident_is_kept(tmp_path):
    result = _import(tmp_path / "site")
    _, site = built(tmp_path / "site")
    assert "Fallan las teselas en Europa" not in by_title(site)
    lento = by_title(site)["Geocodificador lento"]
    assert [e.status.value for e in lento.timeline] == ["investigating", "resolved"]
    lines = result.stderr.strip().splitlines()
    assert lines and all(WARNING.match(line) for line in lines)
    assert any("content/es/2026-06-03_tile-errors.md:1: warning: the 'es' translation is not imported" in line
               for line in lines)


def test_maintenance_window_and_a_missing_resolve_time(tmp_path):
    result = _import(tmp_path / "site")
    _, site = built(tmp_path / "site")
    [migration] = site.maintenances
    start = datetime(2026, 9, 1, 1, tzinfo=UTC)
    assert (migration.scheduled_start, migration.scheduled_end) == (start, start + timedelta(minutes=90))
    assert migration.timeline[0].status.value == "scheduled"
    quick = by_title(site)["Geocoder results missing house numbers"]
    assert [e.status.value for e in quick.timeline] == ["investigating", "resolved"]
    assert "(modified is not set)" in result.stderr


def test_reimport_changes_nothing(tmp_path):
    root = tmp_path / "site"
    _import(root)
    first = snapshot(root)
    assert "Files: 6 unchanged." in _import(root).stdout
    assert snapshot(root) == first
