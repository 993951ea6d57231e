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
_HAS_TIME = re.compile(r"\d:\d\d|\d\s*(?:[ap]\.?m\.?)(?!\w)", re.IGNORECASE)
_HAS_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d/\d|[^\W\d]{3,}\.?\s+\d|\d\s+[^\W\d]{3,}", re.IGNORECASE)
_ZONE_NAME = re.compile(r"\b[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?\b")
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


def moment(words: str, at: datetime, zone: tzinfo, book: Phrasebook) -> datetime | None:
    """The time `words` ("3:00 AM PST", "Friday, 2022-05-27 17:30 US/Pacific", "15:00") name, as seen at `at`.

    A date without a clock time means the end of that day; a clock time without a date the next such time."""
    rest, named_zone = _zone_in(words, book)
    local = at.astimezone(named_zone or zone)
    days = book.days.get(" ".join(rest.lower().split()))
    if days is not None:
        return local.replace(hour=23, minute=59, second=59, microsecond=0) + timedelta(days=days)
    has_time, has_date = bool(_HAS_TIME.search(rest)), bool(_HAS_DATE.search(rest))
    weekday = bool(re.search(r"[^\W\d]{3,}", _HAS_DATE.sub(" ", rest)))
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
    if not has_date and not weekday and result < local:
        result += timedelta(days=1)
    return result


def _duration(match: re.Match[str], book: Phrasebook) -> timedelta | None:
    if match.group("the_unit"):
        count, unit = 1.0, match.group("the_unit")
    else:
        word = re.sub(r"\s+", " ", match.group("count").lower())
        count = float(word) if word[0].isdigit() else book.numbers.get(word, 0.0)
        unit = match.group("unit")
    for name, prefix in book.units.items():
        if prefix.search(unit):
            return count * _UNITS[name] if count else None
    return None


def _time_after(tail: str, at: datetime, zone: tzinfo, book: Phrasebook) -> tuple[str, datetime] | None:
    """The first time expression that begins within REACH characters of the start of `tail`."""
    found = []
    for match in book.within.finditer(tail):
        length = _duration(match, book)
        if length is not None:
            found.append((match.start(), match.group(0), at + length))
            break
    for match in book.by.finditer(tail):
        when = moment(match.group("when"), at, zone, book) if match.group("when").strip() else None
        if when is not None:
            found.append((match.start(), match.group(0), when))
            break
    found = [item for item in found if item[0] <= REACH]
    if not found:
        return None
    start, words, when = min(found, key=lambda item: item[0])
    return tail[:start] + words, when


def fix_promise(text: str, at: datetime, zone: tzinfo, book: Phrasebook) -> tuple[str, datetime] | None:
    """(the words, the deadline) when `text` promises the fix by a time; past tense and next updates are no promise."""
    for sentence in sentences(text):
        future = book.future.search(sentence)
        if not future:
            continue
        for fix in book.fix.finditer(sentence):
            if book.past.search(sentence[:fix.start()]):
                continue
            found = _time_after(sentence[fix.end():], at, zone, book)
            if found is None or book.not_fix.search(found[0]):
                continue
            if future.start() > fix.end() + len(found[0]):
                continue
            return sentence[min(future.start(), fix.start()):fix.end()] + found[0], found[1]
    return None


def states_fixed(text: str, book: Phrasebook) -> bool:
    """The words say the problem is fixed (an update that resolves in words while its status says otherwise)."""
    return bool(book.done.search(text))


def next_update_promise(text: str, at: datetime, zone: tzinfo, book: Phrasebook) -> tuple[bool, datetime | None]:
    """(whether the words promise a next update, the time they promise it by when they say)."""
    for sentence in sentences(text):
        for said in book.next_update.finditer(sentence):
            found = _time_after(sentence[said.end():], at, zone, book)
            if found is not None:
                return True, found[1]
    return bool(book.next_update_untimed.search(text) or book.next_update.search(text)), None
