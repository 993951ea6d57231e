"""Located problems in a site's files, collected so that a build reports all of them at once."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


FieldPath = tuple  # e.g. ("timeline", 1, "status")


def format_field(path: FieldPath) -> str:
    """Render ("timeline", 1, "status") as `timeline[1].status`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def suggest(value: str, choices: Iterable[str]) -> str | None:
    """The choice `value` was probably meant to be: the same letters in another case, else a close spelling."""
    choices = list(choices)
    folded = {choice.casefold(): choice for choice in choices}
    if value.casefold() in folded:
        return folded[value.casefold()]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1)
    return folded[close[0]] if close else None


def did_you_mean(value: str, choices: Iterable[str], otherwise: str) -> str:
    """`did you mean 'x'?`, or `otherwise` when nothing is close."""
    close = suggest(value, choices)
    return f"did you mean '{close}'?" if close else otherwise


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (an error) or worth fixing (a warning) at a place in a file.

    `field` is the field path for errors and the rule id for warnings.
    """

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


@dataclass
class Problems:
    """Collects problems from every stage; `raise_if_errors` stops the build once, at the end of a stage."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, field_path: FieldPath | str, message: str) -> None:
        name = field_path if isinstance(field_path, str) else format_field(field_path)
        self.items.append(Problem(path, line, name, message))

    def warning(self, path: str, line: int, rule: str, message: str) -> None:
        self.items.append(Problem(path, line, rule, message, Severity.WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity is Severity.WARNING)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise SiteError(self)


class SiteError(Exception):
    """The site's files break the content contract; carries every problem found."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        count = len(problems.errors)
        super().__init__(f"{count} error{'' if count == 1 else 's'}")
