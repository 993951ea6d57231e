"""The four text rules against the audit guide, paragraph by paragraph: updates a careful reader would flag, and near
misses she would not. All texts are written for these tests."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from sitegen.audit import promises, reading
from sitegen.audit.language import languages, phrasebook, plain_text
from sitegen.audit.rules import audit
from sitegen.model import Component, SiteConfig
from tests.helpers import NOW, SITE_YML, incident

EN = phrasebook("en")
DE = phrasebook("de")
SITE = SiteConfig("Lumen Status", "https://status.lumen.example/",
                  (Component("api", "Render API"), Component("web", "Studio"), Component("mail", "Mail relay")))
NAMES = reading.own_names(SITE)


def is_vague(text: str, earlier: bool = False, book=EN) -> bool:
    return reading.vague(plain_text(text), book, NAMES, earlier) is not None


# Guide, vague: a cause named only generically; a resolution that only says something happened; stock filler.
VAGUE = [
    "We are experiencing some technical difficulties.",
    "Our team is aware of an issue and is looking into it.",
    "The outage was caused by an internal issue.",
    "A system issue is affecting a subset of customers.",
    "We have found an issue with one of our systems and are working on it.",
    "The problem has been fixed.",
    "The issue has been addressed and we are monitoring.",
    "We have located the root cause and rolled out a fix.",
    "Engineers have identified the problem. A fix is being deployed.",
    "We are investigating reports of degraded availability for some of our services.",
    "All issues have been fixed now.",
    "Engineers are working to resolve the problem.",
]
# Guide, do not flag: an early update naming what is affected; scope words beside a symptom; a detailed report
# with a generic word in it; hedged future wording.
NOT_VAGUE = [
    "We are investigating reports of Studio being unavailable.",
    "Some users see HTTP 502 responses from the Render API.",
    "A subset of customers in the EU region cannot upload images.",
    "Renders are intermittently slow for some accounts; we are looking into it.",
    "At 08:12 UTC a schema migration locked the jobs table; the Render API queued requests until 08:31, when we "
    "cancelled the migration. This technical issue affected 14% of renders.",
    "We identified the cause: the certificate on the mail relay expired at 06:00 UTC.",
    "We will post an update every 30 minutes until this issue is resolved.",
    "We are continuing to monitor the Studio login fix.",
]


def test_filler_after_an_update_that_said_what_is_affected_is_not_vague_but_a_hollow_claim_still_is():
    assert is_vague("We are still investigating the issue.", earlier=False)
    assert not is_vague("We are still investigating the issue.", earlier=True)
    assert is_vague("We have identified the cause and applied a mitigation.", earlier=True)


def test_a_claim_naming_the_site_s_own_component_is_specific():
    assert not is_vague("We have identified the cause of the Mail relay delays.")


def is_blame(text: str, names=NAMES, book=EN) -> bool:
    return reading.blame(plain_text(text), book, names) is not None


# Guide, blame: the cause or the wait for recovery on an outside party, named or not.
BLAME = [
    "Renders fail because of an outage at our cloud provider.",
    "AWS is having issues in eu-west-1, which affects the Render API.",
    "The delay is due to a problem with an upstream model provider.",
    "We are waiting on our vendor for a fix.",
    "Our hosting company's network failed this morning.",
    "Studio is slow as a result of heavy load from an integrated partner.",
    "Our ISP has been notified and is looking into the line fault.",
    "We continue to work with our email provider on resolving the bounces.",
    "Logins failed due to the Okta outage.",
    "The cause of the failed payments was traced to a specific payment processor.",
    "The root cause was a failure at our DNS provider.",
    "Renders are slow; the problem is on Azure's side.",
    "Our SMS partner, Textly, is having delivery problems.",
]
# Guide, do not flag: the organisation's own names; a third party where customers see the symptom; a dependency
# named together with what the team owns and does about it.
NOT_BLAME = [
    "Lumen Render API requests fail in the EU; Lumen engineers are on it.",
    "Links to status.lumen.example return 404.",
    "Uploads to Google Drive from Studio time out.",
    "Mail from the relay to Outlook addresses is delayed.",
    "Our payment provider had an outage; we failed over to the backup provider at 10:04 UTC.",
    "Our pager did not ring because of a billing change with our SMS provider; we have paid and added a second pager.",
    "The upstream provider is investigating the cause, and all our services are back online.",
]


def test_a_cloud_name_that_is_the_site_s_own_is_not_a_third_party():
    google = reading.own_names(SiteConfig("Cloud Status", "https://status.cloud.example/",
                                          (Component("gcs", "Google Cloud Storage"),)), EN.providers,
                               affected=("Google Cloud Storage",))
    assert not is_blame("Writes to Google Cloud Storage fail due to a Google Cloud Storage quota bug.", google)
    assert not is_blame("Uploads failed because of a change to Google's front-end load balancers.", google)
    assert is_blame("Writes fail due to an Azure outage.", google)
    assert is_blame("Builds fail because of a Google outage.")  # a site that is not Google's


def is_thin(text: str, book=EN) -> bool:
    return reading.thin(plain_text(text), book, NAMES)


# Guide, thin: says that it is over, perhaps thanks, apologises or promises a later report, and nothing else.
THIN = [
    "Resolved.",
    "This incident is resolved.",
    "All fixed - thanks everyone for your patience!",
    "Things are back to normal. We apologise for any inconvenience.",
    "The incident has been resolved. A full post-mortem will be published next week.",
    "This should now be fixed.",
    "Everything is operating normally again.",
    "",
    "<!-- closed from the admin panel -->",
    "Back to normal.",
    "We are no longer seeing any issues.",
]
# Guide, not thin: what was wrong, what was done, or when and whom it hit, even if short.
NOT_THIN = [
    "Rolled back the 09:40 deploy; renders succeed again.",
    "Resolved: Studio logins failed for EU customers between 07:55 and 08:20 UTC.",
    "The expired certificate on the mail relay was replaced and queued mail has been delivered.",
    "The Render API is operating normally.",
    "Planned maintenance is complete.",
]


JUDGED = [(judge, text, flagged) for judge, flagged_texts, clean_texts in (
    (is_vague, VAGUE, NOT_VAGUE), (is_blame, BLAME, NOT_BLAME), (is_thin, THIN, NOT_THIN))
    for texts, flagged in ((flagged_texts, True), (clean_texts, False)) for text in texts]


@pytest.mark.parametrize("judge, text, flagged", JUDGED,
                         ids=[f"{j.__name__}-{'flag' if f else 'pass'}-{t[:40]}" for j, t, f in JUDGED])
def test_each_text_is_judged_as_the_guide_says(judge, text, flagged):
    assert judge(text) is flagged


AT = datetime(2026, 11, 20, 9, 20, tzinfo=timezone.utc)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("text, deadline", [
    ("We expect the Render API to be restored within 45 minutes.", "2026-11-20T10:05:00+00:00"),
    ("Recovery should be complete in the next 2 hours.", "2026-11-20T11:20:00+00:00"),
    ("The fix is estimated to finish rolling out by 11:00 UTC.", "2026-11-20T11:00:00+00:00"),
    ("We expect full recovery by 3:30 AM PST.", "2026-11-20T11:30:00+00:00"),
    ("Mitigation is expected to complete by Saturday, 2026-11-21 08:00 US/Pacific.", "2026-11-21T16:00:00+00:00"),
    ("Studio should be back up within the hour.", "2026-11-20T10:20:00+00:00"),
    ("A fix should be live by 11:30.", "2026-11-20T10:30:00+00:00"),  # the site's zone, Berlin
    ("Recovery is expected by tomorrow.", "2026-11-21T22:59:59+00:00"),
    ("We anticipate the remaining nodes to recover over the next 1 to 3 hours.", "2026-11-20T12:20:00+00:00"),
    ("Full recovery is expected at about 10:50 UTC.", "2026-11-20T10:50:00+00:00"),
])
def test_fix_promises_are_read_with_their_date_and_zone(text, deadline):
    found = promises.fix_promise(text, AT, BERLIN, EN)
    assert found is not None
    assert found[1] == datetime.fromisoformat(deadline)


@pytest.mark.parametrize("text", [
    "The backlog was fully processed by 18:36.",  # past tense: a report, not a promise
    "We will post the next update within 30 minutes.",  # a promised update, not a fix
    "Next update in 30 minutes; we expect a fix soon.",
    "Restarts are expected to last about 5 minutes each.",  # how long something lasts, not when it is fixed
    "We do not have an ETA for the fix at this time.",
])
def test_past_reports_update_promises_and_durations_are_not_fix_promises(text):
    assert promises.fix_promise(text, AT, BERLIN, EN) is None


def test_german_promises_put_the_time_before_the_verb():
    found = promises.fix_promise("Die Störung wird voraussichtlich bis 11:30 Uhr behoben sein.", AT, BERLIN, DE)
    assert found is not None and found[1] == datetime(2026, 11, 20, 10, 30, tzinfo=timezone.utc)
    assert promises.fix_promise("Die Störung wurde bis 11:30 Uhr behoben.", AT, BERLIN, DE) is None


CLEARED = ("10:00", "resolved", "Jobs run again since we cleared the disk at 09:52 UTC.")


def renders(*entries: tuple[str, str, str]) -> dict:
    lines = ["title: Renders fail", "impact: minor", "components: [api]",
             'cause: "A full disk on the render queue host stopped new jobs from starting."',
             "audit: {ignore: [update-gap, missed-next-update, no-next-update, stale-incident]}", "timeline:",
             "  - at: 2026-11-20T09:00:00Z", "    status: investigating",
             '    message: "Render API jobs fail to start with error 507."']
    for at, status, message in entries:
        lines += [f"  - at: 2026-11-20T{at}:00Z", f"    status: {status}", f'    message: "{message}"']
    return incident("2026-11-20-renders", "\n".join(lines))


def promised(text: str) -> tuple[str, str, str]:
    return ("09:10", "identified", "The render queue host ran out of disk. " + text)


def resolved(at: str) -> tuple[str, str, str]:
    return (at, "resolved", CLEARED[2])


def rules(write_site, load, files, site_yml: str = SITE_YML) -> list[str]:
    return [f.rule for f in audit(load(write_site(files, site_yml)), NOW)]


IN_20_MIN = "We expect the Render API to recover within 20 minutes."
IN_AN_HOUR = "Recovery is expected within the hour."


def test_a_fix_promise_broken_before_resolution_is_an_over_promise(write_site, load):
    assert rules(write_site, load, renders(promised(IN_20_MIN), resolved("09:55"))) == ["over-promise"]


def test_a_kept_estimate_and_one_missed_by_a_few_minutes_of_an_hour_are_not(write_site, load):
    assert rules(write_site, load, renders(promised(IN_20_MIN), resolved("09:28"))) == []
    assert rules(write_site, load, renders(promised(IN_AN_HOUR), resolved("10:14"))) == []  # 4 min: within 10%
    assert rules(write_site, load, renders(promised(IN_AN_HOUR), resolved("10:20"))) == ["over-promise"]


def test_a_promise_is_kept_when_a_later_update_says_it_is_fixed_before_the_resolving_post(write_site, load):
    restored = ("09:25", "monitoring", "The render queue has been restored; we are watching the backlog drain.")
    assert rules(write_site, load, renders(promised(IN_20_MIN), restored, resolved("11:00"))) == []
    draining = ("09:25", "monitoring", "Half of the render queue is running again.")
    assert rules(write_site, load, renders(promised(IN_20_MIN), draining, resolved("11:00"))) == ["over-promise"]


def test_an_open_incident_is_judged_by_its_later_updates(write_site, load):
    still = ("09:40", "identified", "The render queue host is still out of disk; we are moving jobs.")
    assert rules(write_site, load, renders(promised(IN_20_MIN), still)) == ["over-promise"]
    assert rules(write_site, load, renders(promised(IN_20_MIN))) == []  # nothing since: update-gap speaks


GERMAN_SITE = SITE_YML.replace("base_url:", "language: de\nbase_url:")
FRENCH_SITE = SITE_YML.replace("base_url:", "language: fr\nbase_url:")


def german_incident(resolution: str) -> dict:
    return incident("2026-11-20-portal", f"""
        title: Portal langsam
        impact: minor
        components: [web]
        cause: "Ein voller Datenträger auf dem Datenbankserver hat Schreibzugriffe blockiert."
        timeline:
          - at: 2026-11-20T09:00:00Z
            status: investigating
            message: "Die Anmeldung im Portal dauert bis zu 30 Sekunden. Nächstes Update um 10:15 Uhr."
          - at: 2026-11-20T09:12:00Z
            status: resolved
            message: "{resolution}"
        """)


def test_german_sites_are_read_with_german_lists(write_site, load):
    assert rules(write_site, load, german_incident("Die Störung ist behoben. Vielen Dank für Ihre Geduld."),
                 GERMAN_SITE) == ["thin-resolution"]
    well_written = "Behoben: Wir haben um 09:10 Uhr Speicher freigegeben; die Anmeldung ist wieder schnell."
    assert rules(write_site, load, german_incident(well_written), GERMAN_SITE) == []


def test_a_language_without_phrase_lists_gets_no_text_findings(write_site, load):
    assert "fr" not in languages() and {"en", "de"} <= set(languages())
    files = german_incident("Résolu.")
    assert rules(write_site, load, files, FRENCH_SITE) == []


def test_regional_language_tags_use_their_language_s_lists():
    assert phrasebook("de-CH") is DE and phrasebook("en_GB") is EN


@pytest.mark.parametrize("words, when", [
    ("16 Uhr", "2026-11-20T16:00:00+01:00"),
    ("9 Uhr", "2026-11-21T09:00:00+01:00"),  # already past at 10:20 Berlin: the next 9 o'clock
    ("15.30 Uhr MEZ", "2026-11-20T15:30:00+01:00"),
    ("Freitag, 21.11.2026, 16 Uhr", "2026-11-21T16:00:00+01:00"),
    ("21.11.", "2026-11-21T23:59:59+01:00"),  # a date alone: the end of that day
    ("Montag", "2026-11-23T23:59:59+01:00"),
])
def test_german_times_are_read_day_first_with_german_names(words, when):
    assert promises.moment(words, AT, BERLIN, DE) == datetime.fromisoformat(when)


def test_a_promise_is_judged_by_when_the_report_says_it_was_fixed_not_when_it_was_posted(write_site, load):
    posted_late = ("09:45", "resolved", "Render API jobs run again; the queue host was repaired as of 09:29 UTC.")
    assert rules(write_site, load, renders(promised(IN_20_MIN), posted_late)) == []
    window = ("09:45", "resolved", "Between 08:58 and 09:38 UTC, render jobs failed to start; we cleared the disk.")
    assert rules(write_site, load, renders(promised(IN_20_MIN), window)) == ["over-promise"]
