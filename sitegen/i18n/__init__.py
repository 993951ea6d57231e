"""The words a customer reads, in the site's language: gettext catalogues for sentences, Babel's CLDR data for
dates, times, durations and numbers. One `Words` per build; views, feeds, calendar, badge, email and notify use it.

Messages are English sentences with named slots (`%(name)s`); `locales/sitegen.pot` lists them all (made by
`pybabel extract`, see babel.cfg), and `locales/<lang>/LC_MESSAGES/sitegen.po` translates them. The `.po`
files are compiled in memory the first time a build needs one.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Union

from babel import Locale, UnknownLocaleError
from babel.dates import DateTimePattern, format_skeleton, get_timezone_name, match_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, format_decimal, parse_pattern
from babel.support import NullTranslations, Translations
from babel.units import format_unit
from markupsafe import Markup, escape

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "sitegen"
SOURCE_LANGUAGE = "en"
RTL = "rtl"

Override = Union[str, tuple[str, ...]]  # a plural message may give one text per plural form


_SLOT = re.compile(r"%\((\w+)\)s")
_TAG = re.compile(r"</?[a-z]+(?: [a-z]+=\"[^\"<>]*\")*>")
_PERCENT = re.compile(r"%%|%\(\w+\)s|%")


def slot_names(message: str) -> list[str]:
    """The named slots of a message, `%(name)s`, in order."""
    return _SLOT.findall(message)


def escape_percent(text: str) -> str:
    """A `%` that is not a slot, doubled: messages with slots are %-formatted."""
    return _PERCENT.sub(lambda match: "%%" if match.group() == "%" else match.group(), text)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where it is shown."""
    return message


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """The supported languages as BCP 47 tags: English, then every catalogue (folders are named pt_BR, zh_Hans)."""
    found = sorted(p.name.replace("_", "-") for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return (SOURCE_LANGUAGE, *found)


@lru_cache(maxsize=None)
def supported_language(tag: str) -> str | None:
    """The supported language a BCP 47 tag asks for: itself in any case (`pt-br`), else its language alone
    (`de-AT` is German, `es-MX` Spanish); Chinese only in its simplified script (`zh`, `zh-CN`, `zh-Hans`)."""
    by_key = {t.lower(): t for t in languages()}
    wanted = tag.strip().replace("_", "-").lower()
    if wanted in by_key:
        return by_key[wanted]
    language, _, region = wanted.partition("-")
    if language == "zh":
        return by_key.get("zh-hans") if region in ("", "cn", "sg", "hans-cn") else None
    return next((t for k, t in by_key.items() if k.split("-")[0] == language), None)


@lru_cache(maxsize=None)
def catalogue_translations(language: str) -> NullTranslations:
    """The compiled catalogue of a supported language; English needs none (its messages are the source)."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    with open(LOCALES / language.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po:
        catalog = read_po(po, locale=language.replace("-", "_"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@lru_cache(maxsize=None)
def message_ids() -> tuple[str, ...]:
    """Every message id of the template catalogue, for `strings:` overrides and their did-you-mean."""
    with open(LOCALES / f"{DOMAIN}.pot", "rb") as pot:
        return tuple(m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id)


@dataclass(frozen=True)
class TimeView:
    """A time as `<time datetime=iso>text</time>`: the text is in the site timezone and names the zone."""

    iso: str
    text: str


def iso_utc(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def zone_name(at: datetime) -> str:
    name = at.tzname() or "UTC"
    return f"UTC{name}" if name[:1] in "+-" else name


@lru_cache(maxsize=1024)
def _zone_name(language: str, zone: tzinfo, offset: timedelta | None) -> str:
    """The zone as the language abbreviates it where CLDR has a short name (`MEZ` in German, `JST` in Japanese),
    as the page script's Intl writes it; else the zone database's abbreviation (`CET`, `UTC+05:30`)."""
    local = datetime(2000, 1, 1, tzinfo=timezone.utc).astimezone(zone)
    try:
        name = get_timezone_name(_at_offset(zone, offset) or local, "short", locale=_locale(language))
    except (LookupError, ValueError):
        name = ""
    if not name or name[:1] in "+-" or " " in name or name.startswith("GMT"):
        return zone_name(_at_offset(zone, offset) or local)
    return name


def _at_offset(zone: tzinfo, offset: timedelta | None) -> datetime | None:
    """A time in `zone` at which it has `offset` (standard or summer time), for naming it."""
    for month in (1, 7):
        candidate = datetime(2026, month, 1, 12, tzinfo=timezone.utc).astimezone(zone)
        if candidate.utcoffset() == offset:
            return candidate
    return None


@dataclass(frozen=True)
class Words:
    """Sentences and formats in one language; `strings` are the site's own wordings of chosen messages.

    `language` is the site's tag as written: `en-GB` takes the English catalogue and British formats
    (`26 Nov 2026, 14:02`), `de-AT` the German catalogue and Austrian formats."""

    language: str = SOURCE_LANGUAGE
    strings: Mapping[str, Override] = field(default_factory=dict)
    # Templates ask for the same few messages on every page: each is looked up and marked up once per build.
    _html: dict[str, Markup] = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- sentences ------------------------------------------------------------------------------
    def gettext(self, message: str, /, **slots: object) -> str:
        text = self.message(message)
        return text % slots if slots else text

    def ngettext(self, singular: str, plural: str, count: int, /, **slots: object) -> str:
        """The plural form for `count`; `%(count)s` in the message is the count, written as this language does."""
        return self.plural_message(singular, plural, count) % {"count": self.number(count), **slots}

    def markup(self, message: str, /, **slots: object) -> Markup:
        """The message as HTML, its slots filled (escaped unless they are Markup already)."""
        return self.html(message) % slots

    def html(self, message: str, plural: str = "", count: int = 1) -> Markup:
        """The message as HTML, its slots still to fill. The catalogues are ours, and their markup is the English
        message's (a test holds them to it); a site's own wording is text, in which only the English message's
        own tags (`<a href="%(history)s">`, `</a>`) stay tags."""
        if not plural:
            cached = self._html.get(message)
            if cached is None:
                cached = self._html[message] = self._markup(message, "", self.message(message))
            return cached
        return self._markup(message, plural, self.plural_message(message, plural, count))

    def _markup(self, message: str, plural: str, text: str) -> Markup:
        if self.strings.get(message) is None:
            return Markup(escape_percent(text))
        html = str(escape(escape_percent(text)))
        for tag in set(_TAG.findall(message + plural)):
            html = html.replace(str(escape(tag)), tag)
        return Markup(html)

    def plural_forms(self, singular: str, plural: str, **slots: str) -> dict[str, str]:
        """The message in each of the language's plural forms, by CLDR category (one, few, many, other), for a
        page script that picks one with Intl.PluralRules; the count is given as a slot (`count="{n}"`)."""
        rule = self._locale.plural_form
        forms = {}
        for number in range(0, 200):
            category = rule(number)
            if category not in forms:
                forms[category] = self.plural_message(singular, plural, number) % slots
        # Whole numbers never fall in some languages' `other` (Polish: one, few, many); the script falls back to it.
        forms.setdefault("other", forms[rule(100)])
        if len(set(forms.values())) == 1:
            return {"other": forms["other"]}
        return dict(sorted(forms.items()))

    def message(self, message: str) -> str:
        """The message in this language (or the site's wording), its slots still to fill."""
        override = self.strings.get(message)
        if isinstance(override, tuple):
            override = override[0]
        return override if override is not None else self._translations.gettext(message)

    def plural_message(self, singular: str, plural: str, count: int) -> str:
        override = self.strings.get(singular)
        if isinstance(override, str):
            return override
        if override:
            return override[min(self._plural_index(count), len(override) - 1)]
        return self._translations.ngettext(singular, plural, count)

    def _plural_index(self, count: int) -> int:
        translations = self._translations
        return translations.plural(count) if hasattr(translations, "plural") else int(count != 1)

    # -- formats --------------------------------------------------------------------------------
    @property
    def direction(self) -> str:
        return RTL if self._locale.character_order == "right-to-left" else "ltr"

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self._locale)

    def percent(self, value: float) -> str:
        """Two decimals, never rounding a miss up to 100.00%."""
        shown = round(value, 2)
        if shown >= 100 and value < 100:
            shown = 99.99
        return _percent_pattern(self.language).apply(shown / 100, self._locale)

    def time(self, at: datetime, zone: tzinfo) -> TimeView:
        return _time_view(self.language, at, zone)

    def day(self, day: date) -> str:
        return _day(self.language, day)

    def long_day(self, day: date) -> str:
        """`26 November 2026`, `26. November 2026`: a day in a sentence or a subject line."""
        return format_skeleton("yMMMMd", day, locale=self._locale)

    def join(self, items: list[str]) -> str:
        """`A, B and C` as the language lists things."""
        return format_list(items, locale=self._locale) if items else ""

    def join_html(self, items: list[Markup | str]) -> Markup:
        """`join` for HTML: each item escaped unless it is Markup (a link), the list's own words escaped too."""
        if not items:
            return Markup()
        text = str(escape(format_list([f"\x00{index}\x00" for index in range(len(items))], locale=self._locale)))
        for index, item in enumerate(items):
            text = text.replace(f"\x00{index}\x00", str(escape(item)))
        return Markup(text)

    @property
    def separator(self) -> str:
        """What stands between the items of a list that goes on ("A, B, C and 3 more"): `, `, `、`, `، `."""
        return str(self._locale.list_patterns["standard"]["middle"]).replace("{0}", "").replace("{1}", "")

    def month(self, year: int, month: int) -> str:
        return format_skeleton("yMMMM", date(year, month, 1), locale=self._locale)

    def duration(self, length: timedelta) -> str:
        """`1 hr 12 min`, `45 min`, `2 days 3 hr`: rounded to the minute, largest units first, in this language's
        short units."""
        minutes = max(0, round(length.total_seconds() / 60))
        days, rest = divmod(minutes, 1440)
        hours, minutes = divmod(rest, 60)
        if days:
            return self._units((days, "day"), (hours, "hour"))
        if hours:
            return self._units((hours, "hour"), (minutes, "minute"))
        return self._units((minutes, "minute"), always=True)

    def exact_duration(self, length: timedelta) -> str:
        """To the second, for measured gaps a reader checks against a limit."""
        rest = max(0, round(length.total_seconds()))
        parts = []
        for unit, seconds in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
            count, rest = divmod(rest, seconds)
            parts.append((count, unit))
        return self._units(*parts) or self._units((0, "second"), always=True)

    def minutes(self, minutes: float) -> str:
        """Downtime in the words every duration uses; `under 1 min` rather than `0 min`."""
        if 0 < minutes < 0.5:
            return self.gettext("under %(duration)s", duration=self._units((1, "minute"), always=True))
        return self.duration(timedelta(minutes=minutes))

    def tenths(self, value: float) -> str:
        """To a tenth (`43.3`, `27`), so that which side of a limit a figure is on shows."""
        return format_decimal(round(value, 1), format="#,##0.#", locale=self._locale)

    def _units(self, *parts: tuple[int, str], always: bool = False) -> str:
        return " ".join(_unit(self.language, count, unit) for count, unit in parts if count or always)

    # -- cached per language --------------------------------------------------------------------
    @property
    def _locale(self) -> Locale:
        return _locale(self.language)

    @property
    def _translations(self) -> NullTranslations:
        return catalogue_translations(supported_language(self.language) or SOURCE_LANGUAGE)


@lru_cache(maxsize=None)
def _locale(language: str) -> Locale:
    """CLDR's data for the tag, or for the language it is read as when CLDR has no such region."""
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(supported_language(language) or SOURCE_LANGUAGE, sep="-")


@lru_cache(maxsize=None)
def _time_parts(language: str) -> tuple[DateTimePattern, DateTimePattern, str]:
    """The language's abbreviated-month date, its short time (which holds its 12- or 24-hour convention) and its
    medium glue between them (`{1}, {0}`): `Nov 26, 2026, 2:02 PM`, `26. Nov. 2026, 14:02`."""
    locale = _locale(language)
    skeletons = locale.datetime_skeletons
    date_pattern = skeletons[match_skeleton("yMMMd", skeletons)]
    glue = str(locale.datetime_formats["medium"]).replace("''", "\0").replace("'", "").replace("\0", "'")
    return date_pattern, locale.time_formats["short"], glue


@lru_cache(maxsize=65536)
def _time_view(language: str, at: datetime, zone: tzinfo) -> TimeView:
    local = at.astimezone(zone)
    zone_text = _zone_name(language, zone, local.utcoffset())
    return TimeView(iso_utc(at), f"{_date_and_time(language, local.date(), local.hour, local.minute)} {zone_text}")


@lru_cache(maxsize=65536)
def _date_and_time(language: str, day: date, hour: int, minute: int) -> str:
    return _time_parts(language)[2].format(_clock(language, hour, minute), _short_day(language, day))


@lru_cache(maxsize=4096)
def _short_day(language: str, day: date) -> str:
    return _time_parts(language)[0].apply(day, _locale(language))


@lru_cache(maxsize=4096)
def _clock(language: str, hour: int, minute: int) -> str:
    return _time_parts(language)[1].apply(datetime(2000, 1, 1, hour, minute), _locale(language))


@lru_cache(maxsize=4096)
def _unit(language: str, count: int, unit: str) -> str:
    return format_unit(count, f"duration-{unit}", length="short", locale=_locale(language))


@lru_cache(maxsize=4096)
def _day(language: str, day: date) -> str:
    return format_skeleton("yMMMd", day, locale=_locale(language))


@lru_cache(maxsize=None)
def _percent_pattern(language: str) -> NumberPattern:
    """The language's percent pattern (`#,##0 %`, `%#,##0`) with exactly two decimals."""
    pattern = parse_pattern(_locale(language).percent_formats[None].pattern)
    pattern.frac_prec = (2, 2)
    return pattern


def template_callables(words: Words) -> dict[str, Callable[..., Markup]]:
    """gettext, ngettext and _ as Jinja's i18n extension calls them from templates compiled newstyle (the slots as
    keyword arguments): the message as HTML with its slots filled, their values escaped. Jinja's own newstyle
    wrappers do the same through the template context, at twice the cost of a page."""
    finished: dict[str, Markup] = {}

    def gettext(message: str, /, **slots: object) -> Markup:
        if slots:
            return words.html(message) % slots
        done = finished.get(message)
        if done is None:
            done = finished[message] = words.html(message) % {}
        return done

    def ngettext(singular: str, plural: str, number: int, /, **slots: object) -> Markup:
        return words.html(singular, plural, number) % slots

    def join_list(items: list, show: Callable[[object], Markup] | None = None) -> Markup:
        """The items (each shown by `show`, a macro, when given) as the language lists them."""
        return words.join_html([show(item) if show else item for item in items])

    return {"gettext": gettext, "ngettext": ngettext, "_": gettext, "join_list": join_list,
            "list_separator": escape(words.separator)}


# What the team reads on the command line stays English, with day-month dates and 24-hour times.
ENGLISH = Words("en-GB")
