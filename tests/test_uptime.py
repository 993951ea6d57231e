import textwrap
from datetime import date, datetime, timezone

import pytest
from tests.helpers import incident

from sitegen.uptime import day_minutes, downtime
from sitegen.status import published

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


def one(status: str, start: str, end: str, slug: str = "x") -> dict[str, str]:
    return incident(slug, f"""
        title: {slug}
        impact: major
        components: {{api: {status}}}
        started_at: {start}
        timeline:
          - at: {start}
            status: investigating
            message: m
          - at: {end}
            status: resolved
            message: m
    """)


@pytest.mark.parametrize(
    "status, minutes",
    [("major_outage", 60), ("partial_outage", 18), ("degraded_performance", 0), ("under_maintenance", 0)],
)
def test_weights(write_site, load, status, minutes):
    site = load(write_site(one(status, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z")))
    assert downtime(site, NOW).day("api", date(2026, 11, 20)) == pytest.approx(minutes)


def test_overlapping_incidents_count_the_worst_status_of_each_minute_once(write_site, load):
    files = one("major_outage", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", "a")
    files.update(one("partial_outage", "2026-11-20T10:30:00Z", "2026-11-20T12:00:00Z", "b"))
    files.update(one("major_outage", "2026-11-20T10:15:00Z", "2026-11-20T10:45:00Z", "c"))
    site = load(write_site(files))
    # 10:00-11:00 fully down, 11:00-12:00 at 30%.
    assert downtime(site, NOW).day("api", date(2026, 11, 20)) == pytest.approx(60 + 18)


def test_days_split_at_midnight_in_the_site_timezone(write_site, load):
    site_yml = "title: T\nbase_url: https://e.org/\nfeed_id: e.org\ntimezone: Europe/Berlin\ncomponents: [{id: api, name: API}]\n"
    site = load(write_site(one("major_outage", "2026-11-19T22:30:00Z", "2026-11-19T23:30:00Z"), site_yml))
    accounted = downtime(site, NOW)
    # 22:30-23:00 UTC is 23:30-24:00 in Berlin on the 19th; the rest falls on the 20th.
    assert accounted.day("api", date(2026, 11, 19)) == pytest.approx(30)
    assert accounted.day("api", date(2026, 11, 20)) == pytest.approx(30)


def test_an_open_incident_counts_up_to_now_and_today_counts_only_minutes_passed(write_site, load):
    files = incident("x", """
        title: x
        impact: critical
        components: {api: major_outage}
        timeline:
          - at: 2026-11-26T11:00:00Z
            status: investigating
            message: m
    """)
    site = published(load(write_site(files)), NOW)
    accounted = downtime(site, NOW)
    assert accounted.day("api", date(2026, 11, 26)) == pytest.approx(60)
    assert day_minutes(date(2026, 11, 26), timezone.utc, NOW) == 720
    assert accounted.uptime("api", [date(2026, 11, 26)]) == pytest.approx(100 * (1 - 60 / 720))


def test_monthly_uptime(write_site, load):
    site = load(write_site(one("major_outage", "2026-10-14T13:58:00Z", "2026-10-14T14:48:00Z")))
    assert downtime(site, NOW).month("api", 2026, 10) == pytest.approx(100 * (1 - 50 / 44640))


def test_a_dst_day_has_23_hours():
    from zoneinfo import ZoneInfo

    assert day_minutes(date(2026, 3, 29), ZoneInfo("Europe/Berlin"), NOW) == 23 * 60


SLA_SITE = """\
title: T
base_url: https://e.org/
feed_id: e.org
components:
  - {id: api, name: API, sla: SLA}
"""


def sla_month(write_site, load, start: str, end: str, now: str, sla: float = 99.5, month=(2026, 11)):
    from sitegen.i18n import ENGLISH
    from sitegen.views.labels import allowance_text

    site = load(write_site(one("major_outage", start, end), SLA_SITE.replace("SLA", str(sla))))
    at = datetime.fromisoformat(now.replace("Z", "+00:00"))
    result = downtime(published(site, at), at).sla_month("api", sla, *month)
    return result.state.value, allowance_text(ENGLISH, result)


def test_a_short_outage_on_the_first_day_of_a_month_is_on_track_not_breached(write_site, load):
    # 27 minutes in the first 4 hours is 88.75% so far, yet well inside the 216 minutes November allows at 99.5%.
    assert sla_month(write_site, load, "2026-11-01T00:00:00Z", "2026-11-01T00:27:00Z", "2026-11-01T04:00:00Z") == (
        "on_track", "27 of 216 min allowed")


def test_a_month_is_breached_as_soon_as_the_whole_allowance_is_used(write_site, load):
    assert sla_month(write_site, load, "2026-11-10T10:00:00Z", "2026-11-10T13:37:00Z", "2026-11-15T00:00:00Z") == (
        "breached", "217 of 216 min allowed")


def test_a_month_within_its_allowance_is_met_only_once_it_has_ended(write_site, load):
    window = ("2026-11-10T10:00:00Z", "2026-11-10T10:27:00Z")
    assert sla_month(write_site, load, *window, "2026-11-30T23:59:00Z")[0] == "on_track"
    assert sla_month(write_site, load, *window, "2026-12-01T00:00:00Z")[0] == "met"


def test_a_month_exactly_at_its_target_is_met(write_site, load):
    # 99.9% of November's 43,200 minutes allows 43.2 minutes: 43 min 12 s.
    exact = sla_month(write_site, load, "2026-11-10T10:00:00Z", "2026-11-10T10:43:12Z", "2026-12-02T00:00:00Z", 99.9)
    assert exact == ("met", "43.2 of 43.2 min allowed")
    over = sla_month(write_site, load, "2026-11-10T10:00:00Z", "2026-11-10T10:43:18Z", "2026-12-02T00:00:00Z", 99.9)
    assert over == ("breached", "43.3 of 43.2 min allowed")


@pytest.mark.parametrize("month, allowance", [((2026, 8), "24,480 of 44.6"), ((2026, 9), "43,200 of 43.2"),
                                               ((2026, 10), "20,160 of 44.6")])
def test_an_outage_across_three_months_counts_in_each(write_site, load, month, allowance):
    state, text = sla_month(write_site, load, "2026-08-15T00:00:00Z", "2026-10-15T00:00:00Z",
                            "2026-11-26T00:00:00Z", 99.9, month)
    assert (state, text) == ("breached", allowance + " min allowed")


def test_the_readme_worked_example(write_site, load):
    from sitegen.i18n import ENGLISH
    from sitegen.views.labels import allowance_text

    files = incident("2026-11-09-x", """
        title: x
        impact: critical
        components: {api: major_outage}
        timeline:
          - {at: 2026-11-09T10:00:00Z, status: investigating, message: m}
          - {at: 2026-11-09T10:20:00Z, status: identified, message: m, components: {api: partial_outage}}
          - {at: 2026-11-09T11:20:00Z, status: monitoring, message: m, components: {api: degraded_performance}}
          - {at: 2026-11-09T13:20:00Z, status: resolved, message: m}
    """)
    root = write_site(files, SLA_SITE.replace("SLA", "99.9"))

    def month(now: str):
        at = datetime.fromisoformat(now)
        result = downtime(published(load(root), at), at).sla_month("api", 99.9, 2026, 11)
        return result.state.value, allowance_text(ENGLISH, result), ENGLISH.percent(result.uptime)

    assert month("2026-11-10T00:00:00+00:00") == ("on_track", "38 of 43.2 min allowed", "99.71%")
    assert month("2026-12-01T00:00:00+00:00") == ("met", "38 of 43.2 min allowed", "99.91%")
    for name, text in one("major_outage", "2026-11-20T10:00:00Z", "2026-11-20T10:06:00Z", "2026-11-20-y").items():
        (root / name).write_text(textwrap.dedent(text))
    assert month("2026-11-20T12:00:00+00:00")[:2] == ("breached", "44 of 43.2 min allowed")
