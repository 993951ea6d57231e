"""Placeholders from `sitegen init` are warnings of `check` until replaced; `cname` is a bare host name."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitegen.build import load_site
from sitegen.cli import main
from sitegen.errors import Problems
from sitegen.placeholders import placeholder_warnings
from tests.helpers import REPO

SITE = """\
title: Acme Status
base_url: {base_url}
feed_id: {feed_id}
contact:
  name: Ana Diaz, CTO
  email: {email}
{extra}components:
  - id: api
    name: API
"""


def site_yml(base_url="https://status.acme.test/", feed_id="status.acme.test", email="ana@acme.test", extra=""):
    return SITE.format(base_url=base_url, feed_id=feed_id, email=email, extra=extra)


@pytest.mark.parametrize("value, hint", [
    ("https://status.acme.test/", "use `cname: status.acme.test`"),
    ("status.acme.test/", "use `cname: status.acme.test`"),
    ("status.acme.test:443", "use `cname: status.acme.test`"),
    ("http://status.acme.test/path", "use `cname: status.acme.test`"),
    ("status.acme.test.", "use `cname: status.acme.test`"),
    ("status acme", None),
    ("localhost", None),
])
def test_a_cname_that_is_not_a_bare_host_is_an_error_naming_the_host_to_use(write_site, value, hint):
    root = write_site({}, site_yml(extra=f"cname: {value}\n"))
    problems = Problems()
    load_site(root, problems)
    [error] = [p for p in problems.errors if p.field == "cname"]
    assert error.path == "site.yml" and error.line == 7
    assert f"'{value}' must be a bare host name such as status.example.com, without https:// or a path" in error.message
    if hint:
        assert error.message.endswith(hint)
    else:
        assert "use `cname:" not in error.message


@pytest.mark.parametrize("value", ["status.acme.test", "Status.Acme.Test", "xn--bcher-kva.example"])
def test_a_bare_host_is_a_cname(write_site, value):
    root = write_site({}, site_yml(extra=f"cname: {value}\n"))
    problems = Problems()
    site = load_site(root, problems)
    assert not problems.errors and site.config.cname == value


@pytest.mark.parametrize("fields, flagged", [
    ({}, []),
    ({"base_url": "https://owner.github.io/status/"}, ["base_url"]),
    ({"feed_id": "owner.github.io"}, ["feed_id"]),
    ({"email": "ops@mail.example.org"}, ["contact.email"]),
    ({"base_url": "https://example.com/status/", "feed_id": "example.com"}, ["base_url", "feed_id"]),
    ({"extra": "cname: status.example.net\n"}, ["cname"]),
    ({"base_url": "https://notexample.com/"}, []),  # only the reserved domains and their subdomains
])
def test_placeholder_addresses_are_flagged_with_their_field_and_line(write_site, fields, flagged):
    root = write_site({}, site_yml(**fields))
    warnings = placeholder_warnings(root)
    assert [w.message.split(" ")[0] for w in warnings] == flagged
    assert all(w.field == "placeholder" and w.path == "site.yml" for w in warnings)


def test_the_example_site_and_a_site_without_site_yml_have_no_placeholder_warnings(tmp_path):
    assert placeholder_warnings(REPO) == []
    assert placeholder_warnings(tmp_path) == []


def test_check_shows_placeholders_as_warnings_even_when_content_is_broken(site_dir):
    root = site_dir("minimal")  # it uses example.org
    (root / "content" / "incidents" / "broken.md").write_text("---\ntitle: [\n---\n")
    result = CliRunner().invoke(main, ["check", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])
    assert result.exit_code == 1
    assert "site.yml:2: placeholder: base_url 'https://example.org/status/' is a placeholder address" in result.output
