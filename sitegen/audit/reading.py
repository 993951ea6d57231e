"""How the text rules read one update: is it specific, vague, blaming someone else, or a thin resolution.

Each judgement follows the audit guide (README, "How the text rules read an update"): it asks what a sentence says
about the problem, its cause or the fix, not whether a word occurs somewhere. The words are the phrasebook's; the
site's own names (its title, component names and domains) are never a third party, and its components count as
specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

from sitegen.audit.language import Phrase, Phrasebook, capitalised_names
from sitegen.model import SiteConfig

_TITLE_SUFFIX = re.compile(r"\s*(?:status(?:\s+page)?|statusseite|störungen)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class OwnNames:
    """What the site calls itself: components (matched as written) and its title and hosts (any case)."""
    components: re.Pattern[str] | None
    own: re.Pattern[str] | None


def _alternation(names: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    names = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", flags)


@lru_cache(maxsize=1024)
def own_names(config: SiteConfig, providers: tuple[str, ...] = (), affected: tuple[str, ...] = ()) -> OwnNames:
    """The site's names. A provider whose name begins the title or the name of a component the incident affects
    ("Google Cloud Storage") is the organisation speaking of its own products, never a third party."""
    components = [c.name for c in config.components]
    host = urlsplit(config.base_url).hostname or ""
    title = _TITLE_SUFFIX.sub("", config.title)
    own_providers = [p for p in providers
                     if any(re.match(rf"{re.escape(p)}(?!\w)", name, re.IGNORECASE) for name in [*affected, title])]
    return OwnNames(_alternation(components),
                    _alternation([*components, config.title, title, host, *own_providers], re.IGNORECASE))


def _without(text: str, spans: Iterable[tuple[int, int]]) -> str:
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            pieces.append(text[last:start])
            last = end
        elif end > last:
            last = end
    return " · ".join(pieces + [text[last:]])


def _spans(patterns: Iterable[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    return [m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()]


def is_specific(text: str, book: Phrasebook, names: OwnNames) -> bool:
    """Names a service, feature, region, symptom or time; scope words alone ("some users") do not count."""
    rest = _without(text, _spans(book.scope, text))
    if names.components is not None and names.components.search(rest):
        return True
    if book.not_names is not None and capitalised_names(rest, book.not_names):
        return True
    return any(p.search(rest) for p in book.specific)


def vague(text: str, book: Phrasebook, names: OwnNames, said_what_earlier: bool) -> tuple[str, str] | None:
    """(the words, advice) when the update speaks of the problem, cause or fix without saying what.

    A claim ("we found the cause", "a fix has been applied") or a generic cause is vague unless the same update is
    specific; stock filler ("we are investigating this issue") is vague unless this or an earlier update said what
    is affected."""
    if not book.vague_hint.search(text):
        return None

    def found(phrases: tuple[Phrase, ...]) -> list[tuple[re.Match[str], Phrase]]:
        return [(m, phrase) for phrase in phrases for m in phrase.pattern.finditer(text)]

    claims, filler = found(book.vague_claims), found(book.vague_filler)
    if not claims and not filler:
        return None
    if is_specific(_without(text, [m.span() for m, _ in claims + filler]), book, names):
        return None
    if not claims and said_what_earlier:
        return None
    match, phrase = min(claims or filler, key=lambda item: item[0].start())
    return match.group(0), phrase.advice


def _mask_own(text: str, names: OwnNames) -> str:
    return names.own.sub("·", text) if names.own is not None else text


def blame(text: str, book: Phrasebook, names: OwnNames) -> str | None:
    """The words that put the cause, or the wait for recovery, on an outside party without owning the impact."""
    masked = _mask_own(text, names)
    named = bool(book.party_hint.search(masked))
    # The patterns keep within a clause themselves, so the whole text is searched at once.
    for pattern in book.blame_cause if named else book.blame_unnamed:
        match = pattern.search(masked)
        if match:
            return _unless_owned(match.group(0), masked, book)
    for pattern in book.blame_wait if named else ():
        match = pattern.search(masked)
        # "working with them on a fix" blames only when the update names who "them" is.
        if match and (not re.search(r"\bthem\b", match.group(0), re.IGNORECASE) or book.party.search(masked)):
            return _unless_owned(match.group(0), masked, book)
    return None


def _unless_owned(words: str, text: str, book: Phrasebook) -> str | None:
    """A dependency named together with what the team owns and does about it is no blame."""
    return None if any(p.search(text) for p in book.owned) else words


def thin(text: str, book: Phrasebook, names: OwnNames) -> bool:
    """A resolution that only says it is over (perhaps thanking, apologising or promising a later report)."""
    rest = _without(text, _spans(book.over, text))
    if is_specific(rest, book, names):
        return False
    leftover = [w for w in _WORD.findall(rest.lower()) if w not in book.empty_words]
    return len(leftover) <= book.thin_leftover
