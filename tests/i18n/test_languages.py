"""Every supported language, on every channel a customer reads: the full sample site built in it shows no English
UI sentence outside what the team wrote; feeds, calendar, badge, email and notices follow it; the API does not."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import feedparser
import lxml.html
import pytest
from babel.messages.pofile import read_po
from icalendar import Calendar

from sitegen.build import load_site
from sitegen.customer_email import as_eml, draft_email
from sitegen.errors import Problems
from sitegen.i18n import LOCALES, Words, languages
from sitegen.markup import Markdown, plain_text
from tests.helpers import NOW, full_site_in

TRANSLATED = [language for language in languages() if language != "en"]
_BUILT: dict[str, tuple[Path, Path]] = {}
# Names that are the same in every language: products, formats, the tool.
SAME_EVERYWHERE = {"SLA", "Atom", "RSS", "JSON", "Feed", "JSON Feed", "Slack", "Microsoft Teams", "Teams", "Discord",
                   "Workflows", "sitegen", "Statuspage", "ics"}


def site_in(language: str, tmp_path_factory) -> tuple[Path, Path]:
    """The full sample site, its language set to `language`, and its build at NOW."""
    if language not in _BUILT:
        _BUILT[language] = full_site_in(language, tmp_path_factory.mktemp(f"site-{language}"))
    return _BUILT[language]


def catalogue(language: str) -> dict[str, list[str]]:
    """msgid (singular) -> its translations."""
    with open(LOCALES / language.replace("-", "_") / "LC_MESSAGES" / "sitegen.po", "rb") as file:
        return {(m.id if isinstance(m.id, str) else m.id[0]): ([m.string] if isinstance(m.id, str) else list(m.string))
                for m in read_po(file) if m.id}


def _fragments(message_id: str) -> list[str]:
    """The runs of English words of a message, between its slots, tags and punctuation."""
    return [f.strip() for f in re.split(r"%\(\w+\)s|<[^>]+>|[.,:;()\"“”–·]", message_id) if f.strip()]


def english_fragments(language: str) -> tuple[dict[str, str], list[str]]:
    """Each run of English words of a message -> its message, for the messages whose translation does not keep
    those words; and the runs a translation keeps on purpose (a quoted English app menu), to take out first."""
    fragments, kept = {}, []
    for message_id, translations in catalogue(language).items():
        for fragment in _fragments(message_id):
            words = re.findall(r"[A-Za-z']+", fragment)
            if not words or words == [fragment] and (len(fragment) < 4 or fragment in SAME_EVERYWHERE):
                continue
            if any(fragment in t for t in translations):
                kept.append(fragment)
            elif fragment not in SAME_EVERYWHERE:
                fragments[fragment] = message_id
    return fragments, sorted(set(kept), key=len, reverse=True)


def team_texts(root: Path) -> list[str]:
    """Everything the team wrote that a page shows, as plain text, longest first (removed before looking)."""
    problems = Problems()
    site = load_site(root, problems)
    markdown = Markdown()
    texts = [site.config.title, site.config.description]
    for component in site.config.components:
        texts += [component.name, component.group or "", component.description]
    texts += [m.name for m in site.config.mailing_lists]
    for incident in site.incidents:
        texts += [incident.title, incident.cause or "", incident.credits or "", plain_text(markdown.document(incident.body))
                  if getattr(incident, "body", "") else ""]
        texts += [plain_text(markdown.html(entry.message)) for entry in incident.timeline]
    for maintenance in site.maintenances:
        texts += [maintenance.title] + [plain_text(markdown.html(u.message)) for u in maintenance.timeline if u.message]
        if getattr(maintenance, "body", ""):
            texts.append(plain_text(markdown.document(maintenance.body)))
    for postmortem in site.postmortems:
        texts += [postmortem.title, plain_text(markdown.document(postmortem.body))] + list(postmortem.action_items)
        texts += [event.event for event in postmortem.timeline]
    pieces = {line.strip() for text in texts if text for line in text.splitlines() if line.strip()}
    return sorted(pieces, key=len, reverse=True)


def visible_text(page: Path, team: list[str]) -> str:
    """What a page says to a reader: its text nodes (title and body, not scripts, styles or code), the descriptions
    a link preview or search result shows, titles, labels and alt texts; with what the team wrote taken out."""
    document = lxml.html.fromstring(page.read_bytes())
    for element in document.xpath("//script|//style|//code|//time"):
        element.drop_tree()
    text = " ".join(document.xpath("//title//text()|//body//text()|//meta[@name='description' or @property='og:title' or "
                                   "@property='og:description' or @property='og:site_name']/@content|//link[@rel='alternate']/@title|"
                                   "//@aria-label|//@alt|//body//@title"))
    text = " ".join(text.split())
    for piece in team:  # whole words only: a name "Status" must not cut "Statuspage" into "page"
        text = re.sub(r"(?<![A-Za-z0-9])" + re.escape(" ".join(piece.split())) + r"(?![A-Za-z0-9])", " ", text)
    return text


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_ui_sentence_is_left_on_any_page(language, tmp_path_factory):
    root, out = site_in(language, tmp_path_factory)
    fragments, kept = english_fragments(language)
    pattern = re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(f) for f in sorted(fragments, key=len, reverse=True))
                         + r")(?![A-Za-z])")
    team = team_texts(root) + kept
    found = {}
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        for match in pattern.finditer(visible_text(page, team)):
            found.setdefault(match.group(1), str(page.relative_to(out)))
    assert not found, f"{language}: English left on its pages: {found}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_page_says_its_language_and_direction(language, tmp_path_factory):
    _, out = site_in(language, tmp_path_factory)
    html = lxml.html.fromstring((out / "index.html").read_bytes())
    assert html.get("lang") == language
    assert html.get("dir") == ("rtl" if language in ("ar", "he") else "ltr")


@pytest.mark.parametrize("language", TRANSLATED)
def test_feeds_calendar_and_badge_speak_the_language_and_the_api_stays_english(language, tmp_path_factory):
    _, out = site_in(language, tmp_path_factory)
    words = Words(language)
    statuses = {words.gettext(s) for s in ("Investigating", "Identified", "Monitoring", "Resolved")}
    phases = {words.gettext(s) for s in ("Scheduled", "In progress", "Verifying", "Completed", "Cancelled")}
    feed = feedparser.parse((out / "feed.atom").read_bytes())
    assert feed.feed.title == words.gettext("%(site)s: status updates", site="Acme Cloud") or \
        feed.feed.title.endswith(words.gettext("%(site)s: status updates", site="").strip())
    for entry in feed.entries:
        if "/incidents/" in entry.link:
            assert any(entry.title.startswith(words.gettext("%(status)s: %(title)s", status=s, title="").rstrip())
                       for s in statuses), entry.title
        elif "/maintenance/" in entry.link:
            assert any(entry.title.startswith(words.gettext("%(status)s: %(title)s", status=s, title="").rstrip())
                       for s in phases), entry.title
    components_line = words.gettext("Components: %(components)s", components="")
    assert any(components_line.strip() in e.summary for e in feed.entries if "/incidents/" in e.link)
    calendar = Calendar.from_ical((out / "maintenance.ics").read_bytes())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries and all(s.startswith(words.gettext("Maintenance: %(title)s", title="").rstrip()) for s in summaries)
    widget = (out / "embed" / "status.js").read_text(encoding="utf-8")
    said = json.loads(re.search(r"W = (\{.*?\}), here", widget).group(1))  # the widget's words
    assert said["lang"] == language
    assert said["one"] == words.gettext("%(description)s: %(incident)s", description="{d}", incident="{i}")
    badge = (out / "badge.svg").read_text(encoding="utf-8")
    assert f">{words.gettext('status')}<" in badge
    status = json.loads((out / "api" / "v2" / "status.json").read_bytes())
    assert status["status"]["description"] in ("All Systems Operational", "Minor Service Outage", "Partial System Outage",
                                               "Major System Outage", "Service Under Maintenance",
                                               "Systems Operational; an incident is open")


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_customer_email_draft_is_in_the_language(language, tmp_path_factory):
    root, _ = site_in(language, tmp_path_factory)
    problems = Problems()
    site = load_site(root, problems)
    resolved = next(i for i in site.incidents if i.timeline[-1].status.value == "resolved")
    draft = draft_email(site, resolved.slug, NOW)
    words = Words(language)
    assert draft.body.startswith(words.gettext("Hello,"))
    assert words.gettext("Every update we posted during the incident is at %(link)s", link="").strip() in draft.body
    assert draft.subject.startswith(words.message("[Resolved] %(title)s on %(day)s").split("%(")[0])
    assert "Hello," not in draft.body and "What happened:" not in draft.body
    assert f"Content-Language: {language}".encode() in as_eml(draft, NOW)


PLURAL_COUNTS = (0, 1, 2, 5, 11, 21, 100)


@pytest.mark.parametrize("language", ["pl", "ar", "uk"])
def test_plural_forms_follow_the_languages_rules(language):
    """At 0, 1, 2, 5, 11, 21 and 100, the catalogue's plural rule picks one form for the numbers CLDR puts in one
    category and different forms for different categories, and the page says that form with the number in it."""
    words = Words(language)
    category = words._locale.plural_form
    rule = words._translations.plural
    forms: dict[str, set[int]] = {}
    for n in PLURAL_COUNTS:
        forms.setdefault(category(n), set()).add(rule(n))
    assert all(len(indexes) == 1 for indexes in forms.values()), forms
    assert len({next(iter(indexes)) for indexes in forms.values()}) == len(forms) >= 3, forms
    message = next(m for m in _messages(language) if m.id == ("%(count)s day ago", "%(count)s days ago"))
    for n in PLURAL_COUNTS:
        expected = message.string[rule(n)].replace("%(count)s", words.number(n))
        assert words.ngettext("%(count)s day ago", "%(count)s days ago", n) == expected


def _messages(language: str):
    with open(LOCALES / language.replace("-", "_") / "LC_MESSAGES" / "sitegen.po", "rb") as file:
        return list(read_po(file))


def test_dates_follow_cldr_for_german_japanese_and_arabic():
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    at = datetime(2026, 11, 26, 14, 2, tzinfo=timezone.utc)
    berlin = ZoneInfo("Europe/Berlin")
    assert Words("de").time(at, berlin).text == "26. Nov. 2026, 15:02 MEZ"
    assert Words("ja").time(at, berlin).text == "2026年11月26日 15:02 CET"
    assert Words("ar").time(at, berlin).text == "26 نوفمبر 2026، 3:02 م CET"
    assert Words("de").duration(timedelta(hours=3, minutes=20)) == "3 Std. 20 Min."
    assert Words("de").percent(99.954) == "99,95\xa0%"
    assert Words("ja").month(2026, 11) == "2026年11月"
