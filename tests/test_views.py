"""The view layer without a browser: banner words, uptime bars, recent days, history pages."""

from __future__ import annotations

from datetime import datetime, timezone

from sitegen.markup import Markdown
from sitegen.views import SiteFacts
from sitegen.views.home import banner, home_page
from sitegen.views.listing import HISTORY_PAGE_SIZE, component_page, history_pages
from tests.helpers import NOW, incident


def facts_of(site, now=NOW) -> SiteFacts:
    return SiteFacts(site, now, Markdown())


def test_the_banner_follows_the_worst_status(load, site_dir):
    full = banner(facts_of(load(site_dir("full"))))
    assert (full.key, full.headline) == ("major_outage", "Major outage")
    assert full.detail == "We are working on 2 open incidents."
    quiet = banner(facts_of(load(site_dir("minimal"))))
    assert (quiet.key, quiet.headline) == ("operational", "All systems operational")


def test_the_banner_never_says_operational_while_an_incident_is_open(write_site, load):
    site = load(write_site(incident("x", """
        title: Webhooks delayed
        impact: none
        components: {api: degraded_performance}
        timeline:
          - at: 2026-11-26T11:00:00Z
            status: monitoring
            message: Delays are gone; we are watching.
            components: {api: operational}
    """)))
    shown = banner(facts_of(site))
    assert "operational" not in shown.headline.lower()
    assert shown.headline == "Incident: monitoring"
    assert "Webhooks delayed" in shown.detail


def test_maintenance_in_progress_shows_in_the_banner(write_site, load):
    site = load(write_site({"content/maintenance/m.md": """\
        ---
        title: Upgrade
        components: [web]
        scheduled_start: 2026-11-26T11:00:00Z
        scheduled_end: 2026-11-26T13:00:00Z
        ---
    """}))
    assert banner(facts_of(site)).headline == "Scheduled maintenance in progress"


def test_uptime_bars_have_one_bar_per_day_with_level_and_words(load, site_dir):
    site = load(site_dir("full"))
    home = home_page(facts_of(site)).view
    core = home.groups[0]
    assert core.name == "Core" and [c.id for c in core.components] == ["api", "web", "db"]
    api = core.components[0]
    assert len(api.uptime.days) == 30
    today = api.uptime.days[-1]
    assert today.level == "major"
    assert today.label == "26 Nov 2026: 40 mins of downtime; API requests failing"
    quiet = api.uptime.days[0]
    assert (quiet.level, quiet.label) == ("ok", "28 Oct 2026: no downtime")
    cdn = next(g for g in home.groups if g.name is None).components[0]
    cdn_day = next(d for d in cdn.uptime.days if d.label.startswith("20 Nov"))
    assert cdn_day.level == "minor" and "28 mins of downtime" in cdn_day.label  # 15 min down + 45 min at 30%
    search_day = next(g for g in home.groups if g.name == "Extras").components[0].uptime.days[-2]
    assert search_day.level == "note"  # degraded only: an incident, but no downtime
    assert api.uptime.percent == "99.91%"


def test_retired_components_are_left_off_the_home_page(load, site_dir):
    home = home_page(facts_of(load(site_dir("full")))).view
    ids = [c.id for g in home.groups for c in g.components]
    assert "legacy" not in ids and "search" in ids


def test_recent_days_list_quiet_days(load, site_dir):
    home = home_page(facts_of(load(site_dir("full")))).view
    assert len(home.recent) == 14
    assert home.recent[0].label == "26 Nov 2026"
    assert [i.title for i in home.recent[0].items] == ["API requests failing", "Database maintenance"]
    quiet = next(d for d in home.recent if d.label == "22 Nov 2026")
    assert quiet.items == ()
    assert home.open_incidents[0].next_update.text == "26 Nov 2026, 13:10 CET"
    assert home.upcoming_maintenance[0].title == "Search reindex"


def test_component_pages_compare_months_with_the_sla(load, site_dir):
    facts = facts_of(load(site_dir("full")))
    page = component_page(facts, facts.components["api"]).view
    assert [m.month for m in page.months] == ["November 2026", "October 2026"]
    november, october = page.months
    assert (november.uptime, november.verdict.text, november.allowance) == ("99.89%", "On track", "40 of 43.2 min allowed")
    assert october.verdict.text == "Met"
    cdn = component_page(facts, facts.components["cdn"]).view
    assert cdn.months[0].verdict.text == "No target"


def test_history_is_paginated_newest_first_and_grouped_by_month(write_site, load):
    files = {}
    for day in range(1, 29):
        for hour in (8, 14):
            files.update(incident(f"2026-10-{day:02d}-i{hour}", f"""
                title: Incident {day}-{hour}
                impact: minor
                components: [api]
                timeline:
                  - at: 2026-10-{day:02d}T{hour:02d}:00:00Z
                    status: resolved
                    message: done
            """))
    files.update(incident("2026-11-02-late", """
        title: November one
        impact: minor
        components: [api]
        timeline:
          - at: 2026-11-02T10:00:00Z
            status: resolved
            message: done
    """))
    pages = history_pages(facts_of(load(write_site(files)), datetime(2026, 11, 26, tzinfo=timezone.utc)))
    assert [p.file for p in pages] == ["history/index.html", "history/2/index.html"]
    first = pages[0].view
    assert [m.label for m in first.months] == ["November 2026", "October 2026"]
    assert first.months[0].items[0].title == "November one"
    assert sum(len(m.items) for m in first.months) == HISTORY_PAGE_SIZE
    assert first.pagination.older == "../history/2/" and first.pagination.newer is None
    assert pages[1].view.pagination.newer == "../../history/"


def test_a_busy_day_lists_a_few_incidents_and_sends_the_rest_to_the_history(write_site, load):
    from sitegen.views.home import RECENT_PER_DAY

    files = {}
    for n in range(RECENT_PER_DAY + 4):
        files.update(incident(f"2026-11-25-x{n:02d}", f"""
            title: Number {n}
            impact: minor
            components: [api]
            timeline:
              - {{at: 2026-11-25T{10 + n}:00:00Z, status: investigating, message: m}}
              - {{at: 2026-11-25T{10 + n}:30:00Z, status: resolved, message: m}}
        """))
    day = home_page(facts_of(load(write_site(files)))).view.recent[1]
    assert len(day.items) == RECENT_PER_DAY and day.items[0].title == f"Number {RECENT_PER_DAY + 3}"
    assert day.more == 4
