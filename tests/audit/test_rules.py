"""Each rule: a small incident that triggers it, and a near miss that must not."""

from __future__ import annotations

import pytest

from sitegen.audit.rules import RULES, audit
from tests.helpers import NOW, incident

GOOD_CAUSE = "A configuration change deployed at 09:55 UTC exhausted the database connection pool."
GOOD_RESOLUTION = "Resolved. From 10:00 to 10:40 UTC the API failed; we rolled back the 09:55 UTC change."


def entries(*items: tuple[str, str, str, str | None]) -> str:
    """Timeline YAML from (time, status, message, next_update)."""
    lines = []
    for at, status, message, next_update in items:
        lines += [f"  - at: 2026-11-20T{at}:00Z", f"    status: {status}", f"    message: \"{message}\""]
        if next_update:
            lines.append(f"    next_update: {next_update}")
    return "\n".join(lines)


def one(timeline: str, *, impact: str = "minor", extra: str = "", cause: str | None = GOOD_CAUSE,
        components: str = "[web]", communicator: str | None = "Robin Park") -> dict[str, str]:
    cause_line = f"cause: \"{cause}\"\n" if cause else ""
    communicator_line = f"communicator: {communicator}\n" if communicator else ""
    return incident("2026-11-20-x", f"title: X\nimpact: {impact}\ncomponents: {components}\n{cause_line}"
                                    f"{communicator_line}{extra}timeline:\n{timeline}")


def rules_found(write_site, load, files) -> list[str]:
    return [f.rule for f in audit(load(write_site(files)), NOW)]


INVESTIGATE = ("10:02", "investigating", "We are investigating failing logins on the website.", "20m")
RESOLVE = ("10:20", "resolved", GOOD_RESOLUTION, None)

QUIET_WHILE_OPEN = "audit: {ignore: [update-gap, missed-next-update]}\n"


def stale_timeline(last: str) -> str:
    first = '{at: 2026-11-20T10:02:00Z, status: investigating, message: "Logins on the website fail.", next_update: 1h}'
    return f'  - {first}\n  - {{at: {last}, status: monitoring, message: "A fix is out; we watch logins.", next_update: 4h}}'


CASES = {
    "late-acknowledgement": (
        one(entries(("10:09", "investigating", "Logins on the website fail.", "20m"), RESOLVE),
            extra="started_at: 2026-11-20T10:00:00Z\n"),
        one(entries(("10:05", "investigating", "Logins on the website fail.", "18m"), RESOLVE),
            extra="started_at: 2026-11-20T10:00:00Z\n"),
    ),
    "update-gap": (
        one(entries(INVESTIGATE, ("10:30", "identified", "A bad deploy; rolling back.", "20m"),
                    ("10:45", "resolved", GOOD_RESOLUTION, None))),
        one(entries(INVESTIGATE, ("10:20", "monitoring", "The rollback is done; we are watching.", "90m"),
                    ("11:45", "resolved", GOOD_RESOLUTION, None))),
    ),
    "no-next-update": (
        one(entries(("10:02", "investigating", "We are investigating failing logins on the website.", None), RESOLVE)),
        one(entries(("10:02", "investigating", "Logins on the website fail. Next update by 10:20 UTC.", None), RESOLVE)),
    ),
    "missed-next-update": (
        one(entries(("10:02", "investigating", "Logins on the website fail.", "10m"), RESOLVE)),
        one(entries(("10:02", "investigating", "Logins on the website fail.", "18m"), RESOLVE)),
    ),
    "vague-language": (
        one(entries(("10:02", "investigating", "We are experiencing technical difficulties.", "18m"), RESOLVE)),
        one(entries(("10:02", "investigating", "Logins fail with a technical error page for 12% of users.", "18m"),
                    RESOLVE)),
    ),
    "blames-third-party": (
        one(entries(("10:02", "investigating", "Logins fail due to an outage at our upstream provider.", "18m"),
                    RESOLVE)),
        one(entries(("10:02", "investigating", "Logins fail because our database in AWS us-east-1 is unreachable; "
                                               "we are failing over to our second region.", "18m"), RESOLVE)),
    ),
    "over-promise": (
        one(entries(("10:02", "investigating", "Logins fail; this will be resolved within 5 minutes.", "18m"),
                    RESOLVE)),
        one(entries(("10:02", "investigating", "Logins fail; we expect this fixed within 30 minutes.", "18m"),
                    RESOLVE)),
    ),
    "missing-cause": (
        one(entries(INVESTIGATE, RESOLVE), cause="A technical issue."),
        one(entries(INVESTIGATE, RESOLVE)),
    ),
    "thin-resolution": (
        one(entries(INVESTIGATE, ("10:20", "resolved", "The issue has been resolved.", None))),
        one(entries(INVESTIGATE, ("10:20", "resolved", "Resolved: logins failed from 10:00 to 10:18 UTC after a "
                                                       "bad deploy, which we rolled back.", None))),
    ),
    "no-postmortem": (
        one(entries(INVESTIGATE, RESOLVE), impact="major"),
        one(entries(INVESTIGATE, RESOLVE), impact="major", extra="postmortem: pending\n"),
    ),
    "no-communicator": (
        one(entries(INVESTIGATE, RESOLVE), impact="major", extra="postmortem: pending\n", communicator=None),
        one(entries(INVESTIGATE, RESOLVE), impact="minor", communicator=None),
    ),
    "late-email": (
        one(entries(INVESTIGATE, ("10:18", "identified", "A bad deploy; rolling back.", "20m"),
                    ("10:36", "resolved", GOOD_RESOLUTION, None)),
            impact="major", extra="postmortem: pending\nemail_sent_at: 2026-11-20T13:00:00Z\n"),
        one(entries(INVESTIGATE, ("10:18", "identified", "A bad deploy; rolling back.", "20m"),
                    ("10:36", "resolved", GOOD_RESOLUTION, None)),
            impact="major", extra="postmortem: pending\nemail_sent_at: 2026-11-20T12:00:00Z\n"),
    ),
    "stale-incident": (  # now is 26 Nov 12:00; the threshold is 3 days
        one(stale_timeline("2026-11-23T11:59:00Z"), extra=QUIET_WHILE_OPEN),
        one(stale_timeline("2026-11-23T12:01:00Z"), extra=QUIET_WHILE_OPEN),
    ),
    "sla-breach-without-credit": (
        one(entries(INVESTIGATE, ("10:18", "identified", "A bad deploy; rolling back.", "42m"),
                    ("11:00", "resolved", GOOD_RESOLUTION, None)),
            components="{api: major_outage}", extra="audit: {ignore: [update-gap]}\n"),
        one(entries(INVESTIGATE, ("10:18", "identified", "A bad deploy; rolling back.", "42m"),
                    ("11:00", "resolved", GOOD_RESOLUTION, None)),
            components="{api: major_outage}", extra="audit: {ignore: [update-gap]}\ncredits: 10% off November.\n"),
    ),
}


def test_every_rule_has_a_case():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_triggers_and_its_near_miss_does_not(write_site, load, tmp_path, rule):
    bad, near_miss = CASES[rule]
    assert rule in rules_found(write_site, load, bad)
    assert rules_found(write_site, load, near_miss) == [], rule


def test_an_open_incident_past_its_promise_and_silent_is_reported_at_now(write_site, load):
    files = one(entries(("11:30", "investigating", "Logins fail.", "10m")))
    files = {k.replace("2026-11-20-x", "2026-11-26-x"): v.replace("2026-11-20T", "2026-11-26T")
             for k, v in files.items()}
    assert sorted(rules_found(write_site, load, files)) == ["missed-next-update", "update-gap"]


def test_rules_can_be_ignored_per_incident_and_site_wide(write_site, load):
    bad = CASES["vague-language"][0]
    ignored_here = {k: v.replace("title: X\n", "title: X\naudit: {ignore: [vague-language]}\n") for k, v in bad.items()}
    assert rules_found(write_site, load, ignored_here) == []
    from tests.helpers import SITE_YML

    root = write_site(bad, SITE_YML + "audit:\n  ignore: [vague-language]\n")
    assert [f.rule for f in audit(load(root), NOW)] == []


def test_thresholds_come_from_site_yml(write_site, load):
    from tests.helpers import SITE_YML

    bad = CASES["late-acknowledgement"][0]
    root = write_site(bad, SITE_YML + "audit:\n  acknowledge_within: 10m\n")
    assert [f.rule for f in audit(load(root), NOW)] == []


WELL_WRITTEN = [
    "We are investigating elevated error rates on the API. Next update by 14:30 UTC.",
    "The EU region's database failed over at 14:02 UTC; writes are paused while the replica catches up.",
    "Our DNS provider's resolvers in Frankfurt stopped answering, so EU customers could not reach the API. "
    "We moved traffic to our secondary DNS at 14:20 UTC.",
    "We rolled back the 13:55 UTC deploy; error rates are back to normal since 14:40 UTC.",
    "Resolved. From 13:58 to 14:44 UTC (46 minutes), the API rejected 71% of requests.",
    "Some background jobs will be retried automatically; no action is needed on your side.",
    "Label creation is slow for customers in the US region: 8 seconds instead of 1.",
    "We are restoring the last backup; about 40% is done and we will post the next update at 15:00 UTC.",
]


@pytest.mark.parametrize("text", WELL_WRITTEN)
def test_well_written_updates_raise_no_language_findings(text):
    from sitegen.audit import reading
    from sitegen.audit.language import phrasebook
    from sitegen.model import Component, SiteConfig

    book = phrasebook("en")
    names = reading.own_names(SiteConfig("Scratch Status", "https://example.org/status/", (Component("api", "API"),)))
    assert reading.vague(text, book, names, said_what_earlier=False) is None
    assert reading.blame(text, book, names) is None


def test_the_example_site_passes_the_audit(load, site_dir):
    findings = audit(load(site_dir("example")), NOW)
    assert [str(f.problem()) for f in findings] == []


def test_ignoring_an_unknown_rule_is_an_error_that_suggests_the_rule_meant(write_site):
    from sitegen.build import load_site
    from sitegen.errors import Problems
    from tests.helpers import SITE_YML

    misspelt = {k: v.replace("title: X\n", "title: X\naudit: {ignore: [update-gaps]}\n")
                for k, v in CASES["update-gap"][0].items()}
    root = write_site(misspelt, SITE_YML + "audit:\n  ignore: [vague-langauge, no-such-check]\n")
    problems = Problems()
    load_site(root, problems)
    assert [str(p) for p in problems.errors] == [
        "content/incidents/2026-11-20-x.md:3: audit.ignore[0]: unknown audit rule 'update-gaps'; "
        "did you mean 'update-gap'?",
        "site.yml:11: audit.ignore[0]: unknown audit rule 'vague-langauge'; did you mean 'vague-language'?",
        "site.yml:11: audit.ignore[1]: unknown audit rule 'no-such-check'; the rules are " + ", ".join(RULES),
    ]


def findings_of(write_site, load, files) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in audit(load(write_site(files)), NOW)]


def test_a_next_update_promised_in_words_is_kept_or_missed_like_the_field(write_site, load):
    promised_in_words = ("10:02", "investigating", "Logins on the website fail. Next update by 10:45 UTC.", None)
    kept = one(entries(promised_in_words, ("10:40", "identified", "A bad deploy; rolling back.", "15m"),
                       ("10:50", "resolved", GOOD_RESOLUTION, None)))
    assert findings_of(write_site, load, kept) == []  # 38 min apart, but as promised: no update-gap
    missed = one(entries(promised_in_words, ("10:51", "identified", "A bad deploy; rolling back.", "15m"),
                         ("11:00", "resolved", GOOD_RESOLUTION, None)))
    assert findings_of(write_site, load, missed) == [
        "missed-next-update: promised the next update by 20 Nov 2026, 10:45 UTC; it came 6 mins late",
        "update-gap: 49 mins passed between updates (20 Nov 2026, 10:02 UTC to 20 Nov 2026, 10:51 UTC); update at "
        "least every 20 mins"]


def test_durations_in_findings_are_exact_to_the_second(write_site, load):
    files = one(entries(("10:05:19", "investigating", "Logins on the website fail.", "20m"), RESOLVE),
                extra="started_at: 2026-11-20T10:00:00Z\n")
    files = {k: v.replace("T10:05:19:00Z", "T10:05:19Z") for k, v in files.items()}
    assert findings_of(write_site, load, files) == [
        "late-acknowledgement: the first update came 5 mins 19 secs after impact began at 20 Nov 2026, 10:00 UTC; post "
        "within 5 mins, even before you know the cause"]
def long_outage(start: str, end: str) -> dict[str, str]:
    return incident("2026-08-15-x", f"""
        title: X
        impact: critical
        components: {{api: major_outage}}
        cause: "{GOOD_CAUSE}"
        postmortem: pending
        email_sent_at: {end}
        audit: {{ignore: [update-gap, no-next-update, thin-resolution]}}
        timeline:
          - {{at: {start}, status: investigating, message: "API requests fail."}}
          - {{at: {end}, status: resolved, message: "{GOOD_RESOLUTION}"}}
    """)


def test_a_credit_is_asked_for_every_month_a_long_outage_breached(write_site, load):
    site = load(write_site(long_outage("2026-08-15T00:00:00Z", "2026-10-15T00:00:00Z")))
    [finding] = [f for f in audit(site, NOW) if f.rule == "sla-breach-without-credit"]
    assert [month in finding.message for month in ("August 2026", "September 2026", "October 2026")] == [True] * 3
    assert "43,200 of 43.2 min allowed" in finding.message


def test_no_credit_is_asked_for_while_the_month_is_still_within_its_allowance(write_site, load):
    # 40 minutes on the 20th: 99.9% over the 20 days so far would be breached, but November allows 43.2 minutes.
    site = load(write_site(long_outage("2026-11-20T10:00:00Z", "2026-11-20T10:40:00Z")))
    assert "sla-breach-without-credit" not in [f.rule for f in audit(site, NOW)]


def test_the_stale_threshold_comes_from_site_yml_and_the_finding_points_at_the_last_update(write_site, load):
    from tests.helpers import SITE_YML

    files = one(stale_timeline("2026-11-21T12:00:00Z"), extra=QUIET_WHILE_OPEN)
    [finding] = audit(load(write_site(files)), NOW)
    assert finding.rule == "stale-incident" and "5 days ago" in finding.message
    assert finding.source.line == 10  # the last timeline entry
    assert audit(load(write_site(files, SITE_YML + "audit:\n  stale_after: 7d\n")), NOW) == []
