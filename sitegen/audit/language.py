"""The words the audit looks for, as data: vague phrases, blame, promises. English first; add a language by
adding entries. Each pattern is a case-insensitive regular expression matched against plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Phrase:
    pattern: re.Pattern[str]
    advice: str


def _phrases(*pairs: tuple[str, str]) -> tuple[Phrase, ...]:
    return tuple(Phrase(re.compile(pattern, re.IGNORECASE), advice) for pattern, advice in pairs)


# Phrases that sound like information and carry none.
VAGUE = _phrases(
    (r"\b(?:experiencing|having) (?:some |a few |minor )?(?:technical )?(?:difficulties|issues|problems)\b",
     "say what is broken and for whom, e.g. 'API requests fail with HTTP 503 for about 30% of customers'"),
    (r"\btechnical (?:difficulties|issues|problems|glitch(?:es)?)\b",
     "name the symptom customers see and the part of the service it affects"),
    (r"\b(?:the|this|that) (?:issue|problem) (?:has been|was|is) (?:addressed|fixed|resolved|mitigated|taken care of)\b",
     "say what you changed and when, e.g. 'we rolled back the 13:55 UTC deploy at 14:40 UTC'"),
    (r"\bsome (?:users|customers|clients|accounts)\b",
     "say who: which region, plan, feature or share of requests"),
    (r"\b(?:minor|small|brief|temporary) (?:disruption|hiccup|glitch|blip|issue)s?\b",
     "give the times and the effect: 'from 14:02 to 14:16 UTC, 12% of logins failed'"),
    (r"\b(?:a|the) (?:glitch|hiccup|blip)\b", "name what failed"),
    (r"\b(?:unexpected|unforeseen) (?:error|issue|problem|behaviou?r)s?\b", "say what went wrong"),
    (r"\bfor a (?:short|brief) (?:time|period|while)\b", "give the start and end times"),
    (r"\b(?:as soon as possible|asap)\b", "promise a time for the next update instead"),
    (r"\b(?:aware of|looking into) (?:an|the|this|some) (?:issue|problem)s?\b",
     "describe the symptom you are investigating"),
    (r"\bshould (?:now )?be (?:back to normal|working|resolved|fixed)\b",
     "say what you verified, e.g. 'error rates have been back to normal since 14:40 UTC'"),
)

# A cause that names nothing.
VAGUE_CAUSE = _phrases(
    (r"^(?:an? )?(?:technical |internal |unknown |unexpected )?(?:issue|problem|error|bug|glitch|failure)\.?$",
     "name the change, component or condition that failed and why"),
    (r"^(?:human|user|operator) error\.?$", "say what was done and what let it cause an outage"),
    (r"^(?:unknown|under investigation|tbd|n/?a)\.?$", "write the cause once you know it"),
) + VAGUE

# Putting the cause on someone else: own the impact, name the dependency.
_PROVIDERS = (
    r"aws|amazon(?: web services)?|azure|microsoft|google(?: cloud)?|gcp|cloudflare|fastly|akamai|digitalocean|"
    r"heroku|github|stripe|twilio|sendgrid|an? (?:upstream|third[- ]party|external) (?:provider|vendor|service|partner)|"
    r"(?:our|the) (?:upstream |third[- ]party |hosting |cloud |dns |network |data ?cent(?:er|re) |sms |email )?"
    r"(?:provider|vendor|supplier|partner)"
)
BLAME = _phrases(
    (rf"\b(?:due to|caused by|because of|the result of|a result of|blame)\b[^.;]{{0,40}}?\b(?:{_PROVIDERS})\b",
     "own the impact and name the dependency: 'our API failed when our database host in us-east-1 became unreachable'"),
    (r"\b(?:upstream|third[- ]party|provider'?s?|vendor'?s?) (?:outage|issue|problem|failure|incident)\b",
     "say what failed in your service and what you are doing about it"),
    (r"\b(?:outside|out) of our control\b|\bnot (?:our|on our) (?:fault|end|side)\b|\bon (?:their|the provider's) end\b",
     "customers rely on you, not on your vendors: say what you will change"),
)

# Promising when it will be fixed (a promised next update is a different matter).
_NUMBER = r"(?P<count>\d+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty)"
OVER_PROMISE_WITHIN = re.compile(
    r"\b(?:resolved|fixed|restored|recovered|back (?:up|online|to normal)|fully operational)\b[^.;]{0,30}?"
    rf"\b(?:within|in) (?:the next |about |around |roughly )?{_NUMBER} (?P<unit>minutes?|mins?|hours?|hrs?)\b",
    re.IGNORECASE,
)
OVER_PROMISE_BY = re.compile(
    r"\b(?:resolved|fixed|restored|recovered|back (?:up|online|to normal)|fully operational)\b[^.;]{0,30}?"
    r"\bby (?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<utc>utc|gmt|z)?\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "fifteen": 15,
                "twenty": 20, "thirty": 30}

# Words that promise the next update without a `next_update` field.
NEXT_UPDATE_IN_WORDS = re.compile(
    r"\bnext update\b|\bupdate (?:you |this page |again )*(?:by|at|in|within|before)\b|"
    r"\bwe(?:'ll| will) (?:post|provide|share|send|give) (?:an(?:other)? |a further |more )?updates?\b",
    re.IGNORECASE,
)

# A resolution that explains nothing.
THIN_RESOLUTION = re.compile(
    r"^(?:this |the )?(?:issue|incident|problem)?\s*(?:has been |is |was )?(?:now )?"
    r"(?:resolved|fixed|closed|done|mitigated)(?: now)?[.!]*$|^(?:all )?(?:systems|services|everything) "
    r"(?:are |is )?(?:back to normal|operational|working)[.!]*$",
    re.IGNORECASE,
)
MIN_RESOLUTION_WORDS = 8
MIN_CAUSE_WORDS = 4


def first_match(phrases: tuple[Phrase, ...], text: str) -> tuple[str, str] | None:
    """The first phrase found in `text` as (quoted words, advice)."""
    for phrase in phrases:
        match = phrase.pattern.search(text)
        if match:
            return match.group(0), phrase.advice
    return None
