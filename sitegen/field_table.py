"""Every field of site.yml and of each kind of front matter, declared once.

The loader's allowed keys and its reading of each plain field (sitegen.fields), the JSON Schemas (sitegen.schema),
the writer's YAML form (sitegen.writer) and the CLI's choices all come from these tables, so a field cannot say one
thing to `sitegen check` and another to an editor, an importer or `sitegen new`. Adding a field is one line here;
what the field means beyond its kind (a check across fields, a default) is the loader's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from sitegen.i18n import languages
from sitegen.model import ComponentStatus, Impact, IncidentStatus, MaintenancePhase


class Kind(Enum):
    """What a field's value is: how it is read, what its schema says and how it is written."""

    TEXT = "text"
    ONE_LINE_TEXT = "one-line text"  # titles and names: a line break is refused
    MARKDOWN = "Markdown"
    IDENTIFIER = "identifier"  # lower-case letters, digits and '-'
    CHOICE = "choice"  # one of the values of the field's `choices` enum
    TIMESTAMP = "timestamp"  # ISO 8601; naive ones are read in the site's timezone
    DURATION = "duration"  # 90s, 20m, 2h, 1d
    TIME_OR_DURATION = "time or duration"  # a duration counts from the entry's own time
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    ID_LIST = "list of identifiers"
    TEXT_LIST = "list of text"
    STATUS_MAP = "mapping of component id to status"
    COMPONENTS = "list of component ids, or mapping of component id to status"
    MAPPING = "mapping"  # the fields of `table`
    RECORDS = "list of records"  # mappings with the fields of `table`
    MESSAGES = "mapping of message to wording"  # a catalogue message (its English text) -> text, or one per form


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = False
    choices: type[Enum] | None = None  # CHOICE, and the statuses of STATUS_MAP and COMPONENTS
    description: str = ""
    bounds: tuple[float, float] | None = None  # NUMBER and INTEGER: the lowest and highest value
    pattern: str | None = None  # text the value must match (re.search); `refusal` is the error, {} the value
    refusal: str = ""
    table: Table | None = None  # MAPPING and RECORDS

    def __post_init__(self) -> None:
        """A declaration that lacks what its kind needs fails when the table is made, not when a file is read."""
        needs = {"choices": self.kind in (Kind.CHOICE, Kind.STATUS_MAP, Kind.COMPONENTS),
                 "bounds": self.kind in (Kind.NUMBER, Kind.INTEGER), "table": self.kind in (Kind.MAPPING, Kind.RECORDS),
                 "refusal": self.pattern is not None}
        missing = [name for name, needed in needs.items() if needed and not getattr(self, name)]
        if missing:
            raise ValueError(f"the {self.kind.value} field '{self.name}' needs {' and '.join(missing)}")

    @property
    def choice_values(self) -> list[str]:
        return [member.value for member in self.choices or ()]


@dataclass(frozen=True)
class Table:
    """The fields one mapping may have, in the order they are written; any other key is an error."""

    fields: tuple[Field, ...]
    expected: str = "a mapping of fields"  # what the loader says it expected when the value is not a mapping

    def __getitem__(self, name: str) -> Field:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"no field '{name}' is declared; the fields are {', '.join(self.names)}") from None

    # Cached: the loader asks for them for every mapping of every file it reads.
    @cached_property
    def _by_name(self) -> dict[str, Field]:
        return {field.name: field for field in self.fields}

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields if field.required)


TITLE = Field("title", Kind.ONE_LINE_TEXT, required=True)
AT = Field("at", Kind.TIMESTAMP, required=True)
IGNORE = Field("ignore", Kind.ID_LIST, description="audit rule ids not checked")
EMAIL = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"

# -- site.yml --------------------------------------------------------------------------------------------------
COMPONENT = Table((
    Field("id", Kind.IDENTIFIER, required=True),
    Field("name", Kind.ONE_LINE_TEXT, required=True),
    Field("group", Kind.ONE_LINE_TEXT),
    Field("description", Kind.TEXT),
    Field("sla", Kind.NUMBER, bounds=(0, 100), description="monthly uptime target in percent"),
    Field("retired", Kind.BOOLEAN),
), "a component such as {id: api, name: API}")
CONTACT = Table((
    Field("name", Kind.ONE_LINE_TEXT, required=True),
    Field("email", Kind.ONE_LINE_TEXT, required=True, pattern="@", refusal="'{}' is not an email address"),
))
AUDIT = Table((
    Field("acknowledge_within", Kind.DURATION),
    Field("max_update_gap", Kind.DURATION),
    Field("email_within", Kind.DURATION),
    Field("stale_after", Kind.DURATION),
    IGNORE,
))
MAILING_LIST = Table((
    Field("name", Kind.TEXT, required=True),
    Field("join", Kind.TEXT, required=True, description="where people join the list", pattern="^(https?://|mailto:)",
          refusal="'{}' must be the https:// (or mailto:) address where people join the list"),
    Field("post", Kind.TEXT, required=True, description="the list's posting address; notify sends here",
          pattern=EMAIL, refusal="'{}' must be the list's posting address, such as status@lists.example.com"),
    Field("unsubscribe", Kind.TEXT, description="for List-Unsubscribe", pattern="^(https://|mailto:)",
          refusal="'{}' must be a mailto: or https:// address"),
    Field("components", Kind.ID_LIST, description="the components it is for; default all"),
    Field("groups", Kind.TEXT_LIST, description="or the groups it is for"),
), "a mailing list such as {name: All updates, join: https://…, post: status@lists.example.com}")
SUBSCRIBE = Table((Field("email", Kind.RECORDS, table=MAILING_LIST),))
SITE = Table((
    TITLE,
    Field("base_url", Kind.ONE_LINE_TEXT, required=True, description="absolute URL the site is served from",
          pattern="^https?://[^/]+",
          refusal="'{}' must be an absolute http(s) URL such as https://acme.github.io/status/"),
    Field("description", Kind.TEXT),
    Field("language", Kind.ONE_LINE_TEXT, description="the language of every word a customer reads: "
          + ", ".join(languages()) + ", or a regional tag of one (de-AT reads German with Austrian formats)"),
    Field("timezone", Kind.TEXT, description="IANA time zone name"),
    Field("uptime_days", Kind.INTEGER, bounds=(1, 3660)),
    Field("theme", Kind.IDENTIFIER),
    Field("feed_id", Kind.ONE_LINE_TEXT, description="host part of feed ids; keep it forever"),
    Field("feed_entries", Kind.INTEGER, bounds=(1, 100000)),
    Field("cname", Kind.TEXT),
    Field("contact", Kind.MAPPING, table=CONTACT),
    Field("components", Kind.RECORDS, required=True, table=COMPONENT),
    Field("audit", Kind.MAPPING, table=AUDIT),
    Field("subscribe", Kind.MAPPING, table=SUBSCRIBE),
    Field("strings", Kind.MESSAGES,
          description="the site's own wording of messages: English message -> text (a list: one per plural form)"),
))

# -- content ---------------------------------------------------------------------------------------------------
ENTRY = Table((
    AT,
    Field("status", Kind.CHOICE, required=True, choices=IncidentStatus),
    Field("message", Kind.MARKDOWN, required=True),
    Field("next_update", Kind.TIME_OR_DURATION),
    Field("components", Kind.STATUS_MAP, choices=ComponentStatus),
), "an entry with at, status and message")
INCIDENT = Table((
    TITLE,
    Field("impact", Kind.CHOICE, required=True, choices=Impact),
    Field("components", Kind.COMPONENTS, required=True, choices=ComponentStatus),
    Field("started_at", Kind.TIMESTAMP),
    Field("cause", Kind.TEXT),
    Field("postmortem", Kind.IDENTIFIER, description="pending, or a postmortem's slug"),
    Field("email_sent_at", Kind.TIMESTAMP),
    Field("credits", Kind.TEXT),
    Field("communicator", Kind.TEXT),
    Field("audit", Kind.MAPPING, table=Table((IGNORE,))),
    Field("timeline", Kind.RECORDS, required=True, table=ENTRY),
    Field("atom_id", Kind.TEXT,
          description="the incident's entry id in history feeds from before an import; keep it"),
))
MAINTENANCE_ENTRY = Table((
    AT,
    Field("status", Kind.CHOICE, required=True, choices=MaintenancePhase),
    Field("message", Kind.MARKDOWN),
    Field("scheduled_start", Kind.TIMESTAMP),
    Field("scheduled_end", Kind.TIMESTAMP),
), "an entry with at and status")
MAINTENANCE = Table((
    TITLE,
    Field("components", Kind.ID_LIST, required=True),
    Field("scheduled_start", Kind.TIMESTAMP, required=True),
    Field("scheduled_end", Kind.TIMESTAMP, required=True),
    Field("timeline", Kind.RECORDS, table=MAINTENANCE_ENTRY),
))
POSTMORTEM_EVENT = Table((AT, Field("event", Kind.TEXT, required=True)), "an entry with at and event")
POSTMORTEM = Table((
    TITLE,
    Field("incident", Kind.IDENTIFIER, required=True),
    Field("published_at", Kind.TIMESTAMP, required=True),
    Field("draft", Kind.BOOLEAN, description="true while it is being written: published nowhere"),
    Field("timeline", Kind.RECORDS, required=True, table=POSTMORTEM_EVENT),
    Field("action_items", Kind.TEXT_LIST),
))

# The document tables by the name `sitegen schema` and the schemas/ files use.
DOCUMENTS = {"site": SITE, "incident": INCIDENT, "maintenance": MAINTENANCE, "postmortem": POSTMORTEM}
