"""The values `sitegen init` writes for a team to replace, and `check`'s warnings until they are replaced."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from sitegen.errors import Problem, Problems
from sitegen.source import Document, read_config_document

# What init's site.yml says until the team writes its own.
STARTER = {
    "title": "Example Status",
    "description": "Live and past status of Example's services",
    "base_url": "https://owner.github.io/status/",
    "contact_name": "Your Name, Head of Engineering",
    "contact_email": "you@example.com",
}
# Reserved for documentation (RFC 2606): no status page is served from them, no customer can write to them.
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")
OWNER_HOST = "owner.github.io"

TEXT_FIELDS = {("title",): STARTER["title"], ("description",): STARTER["description"],
               ("contact", "name"): STARTER["contact_name"]}
HOST_FIELDS = (("base_url",), ("feed_id",), ("cname",), ("contact", "email"))


def placeholder_warnings(root: Path) -> list[Problem]:
    """A warning for each field of site.yml that still holds a placeholder (so `check --strict` fails)."""
    problems = Problems()
    document = read_config_document(root, root / "site.yml", Problems())
    if document is None:
        return []
    for path, starter in TEXT_FIELDS.items():
        if _value(document, path) == starter:
            _warn(problems, document, path, f"is still init's placeholder '{starter}'; write your own")
    for path in HOST_FIELDS:
        value = _value(document, path)
        host = _host(value) if isinstance(value, str) else ""
        if host == OWNER_HOST:
            _warn(problems, document, path, f"'{value}' names the placeholder account 'owner'; use your GitHub "
                                            "account or organization, as in https://ACCOUNT.github.io/REPO/")
        elif is_placeholder_host(host):
            _warn(problems, document, path, f"'{value}' is a placeholder address ({host} is reserved for "
                                            "examples); use your own")
    return problems.warnings


def is_placeholder_host(host: str) -> bool:
    """owner.github.io, or an example.com/.org/.net address."""
    host = host.lower()
    return host == OWNER_HOST or any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS)


def _value(document: Document, path: tuple) -> object:
    node: object = document.data
    for part in path:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _host(value: str) -> str:
    """The host of a URL, an email address or a bare host name."""
    if "@" in value and "://" not in value:
        return value.rsplit("@", 1)[1].strip().lower()
    return (urlsplit(value if "://" in value else "//" + value).hostname or "").lower()


def _warn(problems: Problems, document: Document, path: tuple, message: str) -> None:
    field = ".".join(path)
    problems.warning(document.path, document.line_of(path), "placeholder", f"{field} {message}")
