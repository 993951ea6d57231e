"""Read site.yml into a SiteConfig."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sitegen.errors import Problems, did_you_mean
from sitegen.field_table import AUDIT, COMPONENT, CONTACT, MAILING_LIST, SITE, SUBSCRIBE, Kind, Table
from sitegen.fields import MISSING, Reader
from sitegen.i18n import SOURCE_LANGUAGE, escape_percent, languages, message_ids, slot_names, supported_language
from sitegen.model import AuditSettings, Component, Contact, MailingList, SiteConfig, Source
from sitegen.placeholders import is_placeholder_host
from sitegen.source import Document, read_config_document

CONFIG_FILE = "site.yml"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")  # BCP 47's shape: subtags of letters and digits
HOST_NAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}", re.IGNORECASE)


def load_config(root: Path, problems: Problems) -> SiteConfig | None:
    """Read `root/site.yml`; None (with problems recorded) when it cannot give a usable configuration."""
    document = read_config_document(root, root / CONFIG_FILE, problems)
    if document is None:
        return None
    return config_from_document(document, problems)


def config_from_document(document: Document, problems: Problems) -> SiteConfig | None:
    read = Reader(document, problems)
    read.mapping((), SITE)
    title = read.field((), SITE["title"])
    base_url = _base_url(read)
    zone = _zone(read)
    components = _components(read)
    audit = read_audit_settings(read, ("audit",), AUDIT)
    feed_id = read.field((), SITE["feed_id"])
    if feed_id is None and base_url:
        feed_id = urlsplit(base_url).hostname or ""
        advice = (f"set `feed_id: {feed_id}` now" if not is_placeholder_host(feed_id)
                  else "set `feed_id:` to your host once base_url is your real address")
        problems.warning(
            document.path, 1, "feed-id-unset",
            f"feed_id is not set, so feed ids use '{feed_id}' from base_url; {advice} "
            "and keep it if the domain changes, or subscribers will see every entry again",
        )
    config = SiteConfig(
        title=title or "",
        base_url=base_url or "",
        components=tuple(components),
        description=read.field((), SITE["description"]) or "",
        language=_language(read),
        timezone=zone,
        uptime_days=read.field((), SITE["uptime_days"]) or 90,
        theme=read.field((), SITE["theme"]) or "default",
        feed_id=feed_id or "",
        feed_entries=read.field((), SITE["feed_entries"]) or 100,
        cname=_cname(read),
        contact=_contact(read),
        audit=audit,
        mailing_lists=_mailing_lists(read, components),
        strings=_strings(read),
        source=Source(document.path, 1),
    )
    if title is None or base_url is None or not components:
        return None
    return config


def read_audit_settings(read: Reader, path: tuple, table: Table) -> AuditSettings:
    """The `audit:` mapping of site.yml, or of an incident (whose table has only `ignore`)."""
    if not read.mapping(path, table):
        return AuditSettings()
    defaults = AuditSettings()
    durations = {field.name: read.field(path, field) or getattr(defaults, field.name)
                 for field in table.fields if field.kind is Kind.DURATION}
    ignore = read.items(path + ("ignore",))
    return AuditSettings(
        **durations,
        ignore=frozenset(
            rule for index in range(len(ignore))
            if (rule := read.identifier(path + ("ignore", index), True)) and _known_rule(read, path + ("ignore", index), rule)
        ),
    )


def _known_rule(read: Reader, path: tuple, rule: str) -> bool:
    """An ignored rule must exist: a misspelt id would silently ignore nothing."""
    from sitegen.audit.rules import RULES  # the audit owns its rule ids; imported here, when they are needed

    if rule in RULES:
        return True
    read.error(path, f"unknown audit rule '{rule}'; " + did_you_mean(rule, RULES, "the rules are " + ", ".join(RULES)))
    return False
def base_url_problem(value: str) -> str | None:
    """Why `value` cannot be the site's base URL, or None when it can."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it validates it
    except ValueError as error:
        return f"'{value}' is not a valid URL ({error}); use one such as https://acme.github.io/status/"
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        return f"'{value}' must be an absolute http(s) URL such as https://acme.github.io/status/"
    return None


def _base_url(read: Reader) -> str | None:
    value = read.field((), SITE["base_url"])
    if value is None:
        return None
    problem = base_url_problem(value)
    if problem:
        read.error(("base_url",), problem)
        return None
    return value


def _cname(read: Reader) -> str | None:
    """GitHub Pages' CNAME file holds a bare host name: no scheme, port, path or trailing dot."""
    value = read.field((), SITE["cname"])
    if value is None:
        return None
    if HOST_NAME.fullmatch(value):
        return value
    host = urlsplit(value if "://" in value else "//" + value.strip()).hostname or ""
    host = host.rstrip(".")
    hint = f"; use `cname: {host}`" if HOST_NAME.fullmatch(host) else ""
    read.error(("cname",), f"'{value}' must be a bare host name such as status.example.com, "
                           f"without https:// or a path{hint}")
    return None


def _zone(read: Reader) -> ZoneInfo:
    name = read.field((), SITE["timezone"]) or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "Europe", a name too long
        pass
    # Listing the database costs ~80 ms, so it is read only to guess what a wrong name meant.
    hint = did_you_mean(name, available_timezones(), "use a name such as UTC or Europe/Berlin")
    shown = name if len(name) <= 60 else name[:60] + "…"
    read.error(("timezone",), f"'{shown}' is not a time zone name from the IANA database; {hint}")
    return ZoneInfo("UTC")


def _language(read: Reader) -> str:
    tag = read.field((), SITE["language"]) or SOURCE_LANGUAGE
    if not LANGUAGE_TAG.fullmatch(tag):  # it goes into <html lang> and Content-Language as written
        read.error(("language",), f"'{tag}' is not a language tag such as de, pt-BR or zh-Hans")
        return SOURCE_LANGUAGE
    supported = supported_language(tag)
    if supported is None:
        read.error(("language",), f"'{tag}' is not a language sitegen speaks; "
                   + did_you_mean(tag, languages(), "the languages are " + ", ".join(languages())))
        return SOURCE_LANGUAGE
    return supported if supported.lower() == tag.lower() else tag  # `pt-br` is written pt-BR, as the catalogue is


def _strings(read: Reader) -> dict[str, str | tuple[str, ...]]:
    """`strings:` rewords messages for this site: message id (the English text) -> text, or for a message with
    plural forms a list with one text per form of the site's language."""
    value = read.value(("strings",))
    if value is MISSING or value is None:
        return {}
    if not isinstance(value, dict):
        read.error(("strings",), "expected a mapping of message (its English text) to the site's own wording")
        return {}
    known = message_ids()
    strings: dict[str, str | tuple[str, ...]] = {}
    for key in value:
        path = ("strings", key)
        if key not in known:
            read.error(path, f"no message '{key}'; " + did_you_mean(
                str(key), known, "the ids are the English messages of sitegen/i18n/locales/sitegen.pot"))
            continue
        if isinstance(value[key], list):
            forms = [_wording(read, path + (index,), key) for index in range(len(value[key]))]
            if not forms:
                read.error(path, "needs at least one text")
            elif all(forms):
                strings[key] = tuple(forms)  # type: ignore[arg-type]
            continue
        text = _wording(read, path, key)
        if text:
            strings[key] = text
    return strings


def _wording(read: Reader, path: tuple, message: str) -> str | None:
    """The site's text for `message`: it may use the message's `%(slot)s`s and no others."""
    text = read.text(path, required=True)
    if text is None:
        return None
    slots = set(slot_names(message))
    unknown = [name for name in slot_names(text) if name not in slots]
    if unknown:
        read.error(path, f"'%({unknown[0]})s' is not a slot of this message; it has "
                   + (", ".join(f"%({name})s" for name in sorted(slots)) or "none"))
        return None
    return escape_percent(text) if slots else text


def _contact(read: Reader) -> Contact | None:
    if not read.mapping(("contact",), CONTACT):
        return None
    name = read.field(("contact",), CONTACT["name"])
    email = read.field(("contact",), CONTACT["email"])
    if email and email.split("@")[0].replace("-", "").replace("_", "").lower() in ("noreply", "donotreply"):
        read.error(("contact", "email"), "customer emails are signed by a person; use an address a customer can reply to")
        return None
    return Contact(name, email) if name and email else None


def _components(read: Reader) -> list[Component]:
    components: list[Component] = []
    seen: set[str] = set()
    for path in read.records((), SITE["components"]):
        component_id, name, group, description, sla, retired = read.fields(
            path, COMPONENT, "id", "name", "group", "description", "sla", "retired")
        if component_id in seen:
            read.error(path + ("id",), f"component id '{component_id}' is used twice")
            continue
        if component_id is None or name is None:
            continue
        seen.add(component_id)
        components.append(Component(component_id, name, group, description or "", sla, bool(retired)))
    return components


def _mailing_lists(read: Reader, components: list[Component]) -> tuple[MailingList, ...]:
    """`subscribe: {email: [...]}`: one list for everything, or lists for some components or groups."""
    if not read.mapping(("subscribe",), SUBSCRIBE):
        return ()
    known = {c.id for c in components}
    groups = {c.group for c in components if c.group}
    lists = []
    for path in read.records(("subscribe",), SUBSCRIBE["email"]):
        name, join, post, unsubscribe = read.fields(path, MAILING_LIST, "name", "join", "post", "unsubscribe")
        chosen = []
        for index, component_id in enumerate(read.field(path, MAILING_LIST["components"])):
            if component_id not in known:
                read.error(path + ("components", index), f"no component '{component_id}' in components")
            chosen.append(component_id)
        for index, group in enumerate(read.items(path + ("groups",))):
            if group not in groups:
                read.error(path + ("groups", index), f"no group '{group}'; the groups are {', '.join(sorted(groups)) or 'none'}")
            chosen += [c.id for c in components if c.group == group]
        if name and join and post:
            lists.append(MailingList(name, join, post, unsubscribe, tuple(dict.fromkeys(chosen))))
    return tuple(lists)
