"""Times promised in an update's words: a fix by a time or within a duration, and the next update.

A promise is future wording with a time ("expected to be restored within 2 hours", "mitigation is estimated to
complete by Friday, 2021-07-30 16:00 US/Pacific"); the time is read with its date and zone (python-dateutil does the
calendar), relative to the update's own time, in the site's zone when the words name none.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser

from sitegen.audit.language import Phrasebook, sentences

REACH = 40  # characters between the promised thing ("recovery", "next update") and its time
_HAS_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d/\d|\d\.\d{1,2}\.|[^\W\d]{3,}\.?\s+\d|\d\s+[^\W\d]{3,}", re.IGNORECASE)
_ZONE_NAME = re.compile(r"\b[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?\b")
_CLAUSE_END = re.compile(r"[;:!?]|\.\s")
_UNITS = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1),
          "day": timedelta(days=1)}


def _zone_in(words: str, book: Phrasebook) -> tuple[str, tzinfo | None]:
    """The words without their zone, and the zone they name (None when they name none)."""
    for match in _ZONE_NAME.finditer(words):
        try:
            zone = ZoneInfo(match.group(0))
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return _ZONE_NAME.sub(" ", words), zone
    for token in re.findall(r"[A-Za-z]+", words):
        if token.lower() in book.zones:
            return re.sub(rf"\b{token}\b", " ", words), ZoneInfo(book.zones[token.lower()])
    return words, None


def moment(words: str, at: datetime, zone: tzinfo, book: Phrasebook, past: bool = False) -> datetime | None:
    """The time `words` ("3:00 AM PST", "Friday, 2022-05-27 17:30 US/Pacific", "15:00") name, as seen at `at`.

    A date without a clock time means the end of that day; a clock time without a date the next such time, or with
    `past` (a report of when something happened) the last one."""
    rest, named_zone = _zone_in(words, book)
    if book.hour_word:  # "16 Uhr", "15.30 Uhr": the parser reads clock times written with a colon
        rest = re.sub(rf"\b(\d{{1,2}})(?:[.:](\d\d))?\s*{book.hour_word}\b", lambda m: f" {m[1]}:{m[2] or '00'} ", rest,
                      flags=re.IGNORECASE)
    local = at.astimezone(named_zone or zone)
    if book.day_first:  # "21.11." and "21.11.2026": day, month and perhaps year, as the parser reads them
        rest = re.sub(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?", lambda m: f" {m[1]}/{m[2]}/{m[3] or local.year} ", rest)
    days = book.days.get(" ".join(rest.lower().split()))
    if days is not None:
        return local.replace(hour=23, minute=59, second=59, microsecond=0) + timedelta(days=days)
    has_time, has_date = bool(book.clock.search(rest)), bool(_HAS_DATE.search(rest))
    weekday = any(book.calendar.weekday(word) is not None for word in re.findall(r"[^\W\d]+", rest))
    if not (has_time or has_date or weekday):
        return None
    if has_time:
        default = local.replace(second=0, microsecond=0, tzinfo=None)
    else:
        default = local.replace(hour=23, minute=59, second=59, microsecond=0, tzinfo=None)
    try:
        parsed = dateparser.parse(rest, default=default, fuzzy=True, dayfirst=book.day_first, parserinfo=book.calendar)
    except (ValueError, OverflowError):
        return None
    result = parsed.replace(tzinfo=local.tzinfo)
    if not has_date and not weekday and not past and result < local:
        result += timedelta(days=1)
    if not has_date and not weekday and past and result > local:
        result -= timedelta(days=1)
    return result


def _duration(match: re.Match[str], book: Phrasebook) -> timedelta | None:
    if match.group("the_unit"):
        count, unit = 1.0, match.group("the_unit")
    else:
        word = re.sub(r"\s+", " ", match.group("count").lower())
        figures = re.findall(r"\d+(?:\.\d+)?", word)  # "1 to 2 hours": the later end of a range
        count = max(map(float, figures)) if figures else book.numbers.get(word, 0.0)
        unit = match.group("unit")
    for name, prefix in book.units.items():
        if prefix.search(unit):
            return count * _UNITS[name] if count else None
    return None


def _times(text: str, at: datetime, zone: tzinfo, book: Phrasebook) -> list[tuple[int, int, str, datetime]]:
    """Every time expression in `text` as (start, end, words, the time)."""
    found = []
    for match in book.within.finditer(text):
        length = _duration(match, book)
        if length is not None:
            found.append((match.start(), match.end(), match.group(0), at + length))
    for match in book.by.finditer(text):
        when = moment(match.group("when"), at, zone, book) if match.group("when").strip() else None
        if when is not None:
            found.append((match.start(), match.end(), match.group(0), when))
    return found


def _time_near(sentence: str, start: int, end: int, at: datetime, zone: tzinfo, book: Phrasebook,
               blocker: re.Pattern[str] | None = None) -> tuple[str, datetime] | None:
    """The time expression nearest the words at start:end, after them ("restored within 2 hours") or, as German puts
    it, before them ("bis 15 Uhr behoben"), with nothing between that `blocker` finds (what makes a fix promise
    about an update instead)."""
    best = None
    for t_start, t_end, words, when in _times(sentence, at, zone, book):
        if t_start >= end and t_start - end <= REACH:
            between, distance = sentence[end:t_start], t_start - end
        elif t_end <= start and start - t_end <= REACH:
            # before the words, the time must not belong to what precedes it ("next update in 30 min; a fix ...")
            between, distance = sentence[max(0, t_start - REACH):t_start] + sentence[t_end:start], start - t_end
        else:
            continue
        if _CLAUSE_END.search(between) or (blocker is not None and blocker.search(between)) or (best is not None and distance >= best[0]):
            continue
        best = (distance, sentence[min(start, t_start):max(end, t_end)], when)
    return (best[1], best[2]) if best else None


def fix_promise(text: str, at: datetime, zone: tzinfo, book: Phrasebook) -> tuple[str, datetime] | None:
    """(the words, the deadline) when `text` promises the fix by a time; past tense and next updates are no promise."""
    for sentence in sentences(text):
        future = book.future.search(sentence)
        if not future:
            continue
        for fix in book.fix.finditer(sentence):
            if book.past.search(sentence[:fix.start()]):
                continue
            found = _time_near(sentence, fix.start(), fix.end(), at, zone, book, book.not_fix)
            if found is not None:
                return found
    return None


def states_fixed(text: str, book: Phrasebook) -> bool:
    """The words say the problem is fixed (an update that resolves in words while its status says otherwise)."""
    return bool(book.done.search(text))


def fixed_at(text: str, at: datetime, zone: tzinfo, book: Phrasebook) -> datetime:
    """When an update that reports the fix says it happened ("resolved as of 15:45", "between 14:02 and 14:40"),
    else the update's own time."""
    for pattern in book.ended:
        for match in pattern.finditer(text):
            when = moment(match.group("when"), at, zone, book, past=True)
            if when is not None and when <= at:
                return when
    return at


def next_update_promise(text: str, at: datetime, zone: tzinfo, book: Phrasebook) -> tuple[bool, datetime | None]:
    """(whether the words promise a next update, the time they promise it by when they say)."""
    for sentence in sentences(text):
        for said in book.next_update.finditer(sentence):
            found = _time_near(sentence, said.start(), said.end(), at, zone, book)
            if found is not None:
                return True, found[1]
    return bool(book.next_update_untimed.search(text) or book.next_update.search(text)), None
