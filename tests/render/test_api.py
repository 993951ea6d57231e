"""The api/v2 documents against the Statuspage v2 field lists (tests/render/statuspage_v2.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import NOW, SITES

from sitegen.build import build_site

FIELDS = json.loads((Path(__file__).parent / "statuspage_v2.json").read_text())


@pytest.fixture(scope="module")
def api():
    tree = build_site(SITES / "full", NOW).tree
    return {path.removeprefix("api/v2/"): json.loads(data) for path, data in tree.items() if path.startswith("api/v2/")}


def assert_fields(obj: dict, kind: str) -> None:
    missing = set(FIELDS[kind]) - set(obj)
    assert not missing, f"{kind} lacks {missing}"


def test_every_document_exists_with_its_top_level_keys(api):
    for name, keys in FIELDS["documents"].items():
        assert set(keys) <= set(api[name]), name
        assert_fields(api[name]["page"], "page")


def test_status_indicator_and_description(api):
    status = api["status.json"]["status"]
    assert status["indicator"] in FIELDS["indicator_values"]
    assert status == {"indicator": "critical", "description": "Major System Outage"}
    assert api["summary.json"]["status"] == status


def test_components_and_groups(api):
    components = api["components.json"]["components"]
    for component in components:
        assert_fields(component, "component")
        assert component["status"] in FIELDS["component_status_values"]
    by_id = {c["id"]: c for c in components}
    assert by_id["api"]["status"] == "major_outage"
    assert by_id["db"]["status"] == "under_maintenance"
    assert by_id["group-core"]["group"] is True
    assert by_id["group-core"]["components"] == ["api", "web", "db"]
    assert by_id["group-core"]["status"] == "major_outage"
    assert by_id["api"]["group_id"] == "group-core"
    assert by_id["cdn"]["group_id"] is None


def test_incidents_and_updates(api):
    unresolved = api["incidents/unresolved.json"]["incidents"]
    assert {i["id"] for i in unresolved} == {"2026-11-26-api-outage", "2026-11-25-search-slow"}
    for incident in api["incidents.json"]["incidents"]:
        assert_fields(incident, "incident")
        assert incident["status"] in FIELDS["incident_status_values"]
        assert incident["impact"] in FIELDS["impact_values"]
        times = [u["created_at"] for u in incident["incident_updates"]]
        assert times == sorted(times, reverse=True)
        for update in incident["incident_updates"]:
            assert_fields(update, "incident_update")
            for affected in update["affected_components"]:
                assert_fields(affected, "affected_component")
    api_outage = next(i for i in unresolved if i["id"] == "2026-11-26-api-outage")
    first = api_outage["incident_updates"][-1]
    assert {a["code"]: (a["old_status"], a["new_status"]) for a in first["affected_components"]} == {
        "api": ("operational", "major_outage"), "web": ("operational", "degraded_performance")}
    assert api_outage["resolved_at"] is None
    assert [c["id"] for c in api_outage["components"]] == ["api", "web"]


def test_scheduled_maintenances(api):
    everything = api["scheduled-maintenances.json"]["scheduled_maintenances"]
    for maintenance in everything:
        assert_fields(maintenance, "scheduled_maintenance")
        assert maintenance["status"] in FIELDS["maintenance_status_values"]
    assert [m["id"] for m in api["scheduled-maintenances/active.json"]["scheduled_maintenances"]] == [
        "2026-11-26-db-maintenance"]
    upcoming = api["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]
    assert [m["id"] for m in upcoming] == ["2026-12-03-search-reindex"]
    assert upcoming[0]["scheduled_for"] == "2026-12-03T02:00:00Z"
    assert upcoming[0]["scheduled_until"] == "2026-12-03T04:00:00Z"
    cancelled = next(m for m in everything if m["id"] == "2026-11-15-cdn-cancelled")
    assert cancelled["status"] == "completed"
    assert cancelled["resolved_at"] == "2026-11-14T12:00:00Z"


def test_positions_are_unique_and_follow_the_display_order(api):
    components = api["components.json"]["components"]
    positions = [c["position"] for c in components]
    assert positions == list(range(1, len(components) + 1))
    group = next(c for c in components if c["group"])
    first_child = next(c for c in components if c["id"] == group["components"][0])
    assert first_child["position"] == group["position"] + 1


def test_created_at_comes_from_the_content_not_the_build():
    later = NOW.replace(year=2027)
    first = json.loads(build_site(SITES / "full", NOW).tree["api/v2/components.json"])["components"]
    second = json.loads(build_site(SITES / "full", later).tree["api/v2/components.json"])["components"]
    assert [c["created_at"] for c in first] == [c["created_at"] for c in second]
    by_id = {c["id"]: c for c in first}
    # db first appears in the maintenance announced at 09:00 on 20 Nov; a group is as old as its oldest member.
    assert by_id["db"]["created_at"] == "2026-11-20T09:00:00Z"
    group = by_id[by_id["db"]["group_id"]]
    assert group["created_at"] == min(by_id[c]["created_at"] for c in group["components"])
    before_any = json.loads(build_site(SITES / "minimal", NOW.replace(year=2025)).tree["api/v2/components.json"])
    assert [c["created_at"] for c in before_any["components"]] == ["2000-01-01T00:00:00Z"]  # nothing published yet


def test_a_maintenance_the_clock_started_has_a_newest_update_in_its_phase(api):
    active = api["scheduled-maintenances/active.json"]["scheduled_maintenances"][0]
    assert active["status"] == "in_progress"
    newest = active["incident_updates"][0]
    assert newest["status"] == "in_progress" and newest["created_at"] == active["scheduled_for"]
    assert newest["id"] == "2026-11-26-db-maintenance-20261126t110000z-in-progress"
    later = build_site(SITES / "full", NOW.replace(minute=30)).tree["api/v2/scheduled-maintenances/active.json"]
    assert json.loads(later)["scheduled_maintenances"][0]["incident_updates"][0]["id"] == newest["id"]
    ids = [u["id"] for m in api["scheduled-maintenances.json"]["scheduled_maintenances"] for u in m["incident_updates"]]
    assert len(ids) == len(set(ids))
