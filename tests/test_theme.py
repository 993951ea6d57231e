"""Theme overrides: a site's themes/NAME/ replaces built-in files one by one, and may extend the default."""

from __future__ import annotations

import lxml.html

from sitegen.build import build_site
from sitegen.errors import SiteError
from tests.helpers import NOW


def themed(site_dir):
    root = site_dir("minimal")
    (root / "site.yml").write_text((root / "site.yml").read_text() + "theme: acme\n")
    templates = root / "themes" / "acme" / "templates"
    templates.mkdir(parents=True)
    return root, templates


def test_a_template_extends_the_default_and_replaces_one_block(site_dir):
    root, templates = themed(site_dir)
    (templates / "base.html").write_text(
        '{% extends "default/base.html" %}'
        '{% block footer %}<p class="banner-note">Call us: +1 555 0100</p>{{ super() }}{% endblock %}'
    )
    static = root / "themes" / "acme" / "static"
    static.mkdir()
    (static / "style.css").write_text("body{color:purple}")
    (static / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    tree = build_site(root, NOW).tree
    page = lxml.html.fromstring(tree["incidents/2026-11-20-api-errors/index.html"])
    assert page.xpath("//p[@class='banner-note']/text()") == ["Call us: +1 555 0100"]
    assert "Last updated" in page.xpath("string(//footer)")  # the default block's content, kept
    assert tree["assets/style.css"] == b"body{color:purple}"
    assert tree["assets/logo.svg"].startswith(b"<svg")
    assert b"Intl.DateTimeFormat" in tree["assets/sitegen.js"]  # files the site does not override stay


def test_a_template_error_in_a_site_theme_is_located(site_dir):
    root, templates = themed(site_dir)
    (templates / "incident.html").write_text('{% extends "default/incident.html" %}\n{% block main %}{{ oops(}}')
    try:
        build_site(root, NOW)
    except SiteError as error:
        messages = [str(p) for p in error.problems.errors]
    assert messages and messages[0].startswith("themes/acme/templates/incident.html:2: template syntax error")
