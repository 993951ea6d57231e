"""The words the text rules look for, per language, read from `phrases/<language>.yml`; and the plain text they read.

A language without a phrase file has no phrasebook: the text rules then say nothing rather than judge it in English.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from dateutil.parser import parserinfo

PHRASES = Path(__file__).parent / "phrases"


@dataclass(frozen=True)
class Phrase:
    pattern: re.Pattern[str]
    advice: str


@dataclass(frozen=True)
class Phrasebook:
    language: str
    specific: tuple[re.Pattern[str], ...]
    scope: tuple[re.Pattern[str], ...]
    vague_hint: re.Pattern[str]
    vague_claims: tuple[Phrase, ...]
    vague_filler: tuple[Phrase, ...]
    blame_cause: tuple[re.Pattern[str], ...]
    blame_wait: tuple[re.Pattern[str], ...]
    party: re.Pattern[str]
    party_hint: re.Pattern[str]  # a party's word or name somewhere; without one only `unnamed` blame can apply
    blame_unnamed: tuple[re.Pattern[str], ...]  # the blame patterns that name no party ("out of our control")
    owned: tuple[re.Pattern[str], ...]
    providers: tuple[str, ...]
    over: tuple[re.Pattern[str], ...]
    empty_words: frozenset[str]
    thin_leftover: int
    not_names: frozenset[str] | None  # capitalised words that are no names; None: capitals mark no names
    future: re.Pattern[str]
    fix: re.Pattern[str]
    not_fix: re.Pattern[str]
    past: re.Pattern[str]
    within: re.Pattern[str]
    by: re.Pattern[str]
    done: re.Pattern[str]
    ended: tuple[re.Pattern[str], ...]  # where a report of the fix says when it happened
    clock: re.Pattern[str]
    hour_word: str  # the word after an hour ("16 Uhr"), or ""
    next_update: re.Pattern[str]
    next_update_untimed: re.Pattern[str]
    numbers: dict[str, float]
    units: dict[str, re.Pattern[str]]
    zones: dict[str, str]
    days: dict[str, int]  # "tomorrow": 1
    day_first: bool
    calendar: parserinfo  # weekday and month names for the date parser


def languages() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in PHRASES.glob("*.yml")))


def primary(tag: str) -> str:
    """`de` for `de-CH`: phrase files are per language, not per region."""
    return tag.replace("_", "-").split("-")[0].lower()


def phrasebook(language: str) -> Phrasebook | None:
    """The phrase lists for a BCP 47 tag (`de-CH` reads de.yml), or None when the language has none."""
    return _load(primary(language))


@cache
def _load(language: str) -> Phrasebook | None:
    path = PHRASES / f"{language}.yml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    providers = tuple(data["providers"])
    fragments = {name: re.sub(r"\s+", "", value) for name, value in data["fragments"].items()}
    fragments["providers"] = "|".join(re.escape(p).replace(r"\ ", r"\s") for p in sorted(providers, key=len, reverse=True))
    fragments["day"] = "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in sorted(data["days"], key=len, reverse=True))
    fragments["zone"] = "|".join(re.escape(z) for z in sorted(data["zones"], key=len, reverse=True))

    def expand(text: str) -> str:
        # Fragments may use each other ({party} uses {providers}, {when} uses {zone}); two passes resolve them.
        for _ in range(3):
            text = re.sub(r"\{(party|party_noun|count|unit|when|zone|day|providers)\}", lambda m: fragments[m.group(1)], text)
        return text

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(expand(pattern), re.IGNORECASE)

    def many(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(compiled(p) for p in patterns)

    def phrases(items: list[dict[str, str]]) -> tuple[Phrase, ...]:
        return tuple(Phrase(compiled(item["pattern"]), item["advice"]) for item in items)

    promise, thin = data["promise"], data["thin"]
    return Phrasebook(
        language=path.stem,
        specific=many(data["specific"]),
        scope=many(data["scope"]),
        vague_hint=compiled(data["vague"]["hint"]),
        vague_claims=phrases(data["vague"]["claims"]),
        vague_filler=phrases(data["vague"]["filler"]),
        blame_cause=many(data["blame"]["cause"]),
        blame_wait=many(data["blame"]["wait"]),
        party=compiled(r"\b(?:{party})\b"),
        party_hint=compiled(data["blame"]["hint"]),
        blame_unnamed=many([p for p in data["blame"]["cause"] + data["blame"]["wait"] if "{party}" not in p]),
        owned=many(data["blame"]["owned"]),
        providers=providers,
        over=many(thin["over"]),
        empty_words=frozenset(str(word).lower() for word in thin["empty"]),
        thin_leftover=int(thin["leftover"]),
        not_names=frozenset(str(w).lower() for w in data["not_names"]) if "not_names" in data else None,
        future=compiled(promise["future"]),
        fix=compiled(promise["fix"]),
        not_fix=compiled(promise["not_fix"]),
        past=compiled(promise["past"]),
        within=compiled(promise["within"]),
        by=compiled(promise["by"]),
        done=compiled(promise["done"]),
        ended=many(promise["ended"]),
        clock=compiled(promise["clock"]),
        hour_word=promise.get("hour_word", ""),
        next_update=compiled(data["next_update"]["said"]),
        next_update_untimed=compiled(data["next_update"]["untimed"]),
        numbers={str(word).lower(): float(value) for word, value in data["numbers"].items()},
        units={unit: re.compile(prefix, re.IGNORECASE) for unit, prefix in data["units"].items()},
        zones={str(abbreviation).lower(): zone for abbreviation, zone in data["zones"].items()},
        days={" ".join(str(words).lower().split()): int(count) for words, count in data["days"].items()},
        day_first=bool(data["day_first"]),
        calendar=_calendar(data.get("calendar")),
    )


def _calendar(names: dict[str, list[list[str]]] | None) -> parserinfo:
    """python-dateutil's parser knows English names; a phrase file may give its own as `calendar:`."""
    if not names:
        return parserinfo()
    fields = {key.upper(): [tuple(item) for item in value] for key, value in names.items() if key != "jump"}
    if "jump" in names:
        fields["JUMP"] = parserinfo.JUMP + list(names["jump"])
    return type("PhrasebookCalendar", (parserinfo,), fields)()


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>|</p>|</li>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_URL = re.compile(r"https?://\S+")
_MARKS = re.compile(r"[*_`#>|]+")


@lru_cache(maxsize=8192)
def plain_text(markdown: str) -> str:
    """What a reader takes in: no comments, template shortcodes, tags, link targets or emphasis marks."""
    text = _SHORTCODE.sub(" ", _COMMENT.sub(" ", markdown))
    text = _TAG.sub(" ", _BREAK.sub("\n", text))
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(lambda m: m.group(0).split("/")[2], text)  # a link counts as its host
    text = html.unescape(_MARKS.sub("", text))
    return re.sub(r"[ \t]+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """Sentences: a promise, a cause or a claim is read within one. A line that goes on in lower case continues the
    sentence of the line before (hard-wrapped Markdown); other line breaks end one."""
    lines: list[str] = []
    for line in (raw.strip() for raw in text.split("\n")):
        if lines and lines[-1] and line[:1].islower() and not lines[-1].endswith((".", "!", "?", ":", ";")):
            lines[-1] += " " + line
        else:
            lines.append(line)
    parts = (part.strip() for line in lines for part in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", line))
    return [part for part in parts if part]


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
_SENTENCE_START = (".", "!", "?", ":", ";", "·", "(", "-", "–", "—", '"', "'", "[")


def capitalised_names(text: str, not_names: frozenset[str]) -> list[str]:
    """Words written with a capital inside a sentence: in English, the names of products, features and places."""
    found = []
    for match in _CAPITALISED.finditer(text):
        before = text[:match.start()].rstrip()
        if before and not before.endswith(_SENTENCE_START) and match.group(0).lower() not in not_names:
            found.append(match.group(0))
    return found
