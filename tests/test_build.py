"""Whole builds: every page of the spec exists, builds are deterministic, failures touch nothing, links work under a sub-path."""

from __future__ import annotations

import hashlib
from pathlib import Path

import lxml.html
import pytest
from tests.helpers import NOW, SITES

from sitegen.build import build_site
from sitegen.errors import SiteError
from sitegen.output import Staging


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_every_path_of_the_spec_exists_for_the_full_site(built):
    out = built("full")
    expected = [
        "index.html", "incidents/2026-11-20-cdn-outage/index.html", "incidents/2026-11-26-api-outage/index.html",
        "maintenance/2026-11-26-db-maintenance/index.html", "postmortems/2026-11-20-cdn-outage/index.html",
        "components/api/index.html", "components/legacy/index.html", "history/index.html", "feed.atom", "feed.rss",
        "feed.json", "components/api/feed.atom", "components/api/feed.rss", "history.atom", "history.rss",
        "maintenance.ics", "components/api/maintenance.ics", "badge.svg", "components/api/badge.svg",
        "api/v2/summary.json", "api/v2/status.json", "api/v2/components.json", "api/v2/incidents.json",
        "api/v2/incidents/unresolved.json", "api/v2/scheduled-maintenances.json",
        "api/v2/scheduled-maintenances/upcoming.json", "api/v2/scheduled-maintenances/active.json",
        "404.html", "sitemap.xml", ".nojekyll", "CNAME",
    ]
    missing = [path for path in expected if not (out / path).is_file()]
    assert not missing
    assert (out / "CNAME").read_text() == "status.example.com\n"


def test_same_content_and_now_give_byte_identical_output():
    first = build_site(SITES / "full", NOW).tree
    second = build_site(SITES / "full", NOW).tree
    assert first == second
    later = build_site(SITES / "full", NOW.replace(hour=13)).tree
    assert later["index.html"] != first["index.html"]


def test_a_failing_build_leaves_the_output_byte_identical(site_dir, tmp_path):
    root = site_dir("minimal")
    out = tmp_path / "output"
    Staging(out).commit(build_site(root, NOW).tree)
    before = tree_digest(out)
    broken = root / "content" / "incidents" / "2026-11-21-broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n")
    with pytest.raises(SiteError):
        build_site(root, NOW)
    assert tree_digest(out) == before


def test_the_write_replaces_stale_files(tmp_path):
    out = tmp_path / "output"
    Staging(out).commit({"old.html": b"old"})
    Staging(out).commit({"index.html": b"new"})
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no staging folders left behind


@pytest.mark.parametrize("name", ["full", "example"])
def test_no_link_leaves_a_github_pages_sub_path(built, name):
    out = built(name)
    for page in out.rglob("*.html"):
        if page.name == "404.html":
            continue
        document = lxml.html.fromstring(page.read_bytes())
        for element in document.xpath("//*[@href or @src]"):
            target = element.get("href") or element.get("src")
            assert not target.startswith("/"), f"{page}: {target}"


def test_internal_links_resolve_to_files(built):
    out = built("full")
    for page in out.rglob("*.html"):
        document = lxml.html.fromstring(page.read_bytes())
        for target in document.xpath("//a/@href | //link/@href | //script/@src"):
            if "://" in target or target.startswith(("mailto:", "#", "webcal:", "data:")):
                continue
            path = (page.parent / target.split("#")[0].split("?")[0]).resolve()
            if path.is_dir():
                path = path / "index.html"
            assert path.is_file(), f"{page.relative_to(out)} links to missing {target}"


def test_404_links_are_built_from_base_url(built):
    document = lxml.html.fromstring((built("full") / "404.html").read_bytes())
    for target in document.xpath("//a/@href | //link/@href | //script/@src"):
        assert target.startswith(("https://example.com/status/", "#", "data:")), target


def test_base_url_option_overrides_site_yml(built):
    out = built("minimal", base_url="https://status.acme.test/")
    atom = (out / "feed.atom").read_text()
    assert 'href="https://status.acme.test/feed.atom"' in atom


def test_example_site_has_the_promised_content(load, site_dir):
    from sitegen.status import is_open

    site = load(site_dir("example"))
    assert 4 <= len(site.config.components) <= 8
    assert len({c.group for c in site.config.components}) == 2
    assert all(c.sla for c in site.config.components)
    assert len([i for i in site.incidents if not is_open(i)]) >= 8
    assert not [i for i in site.incidents if is_open(i)]
    assert site.postmortems
    assert any(len({c for e in i.timeline for c in e.components}) > 0 for i in site.incidents)


def test_the_example_site_keeps_its_size_budget(built):
    out = built("example")
    assert (out / "index.html").stat().st_size < 60_000
    assets = [p for p in (out / "assets").iterdir() if p.suffix in (".css", ".js")]
    assert sum(p.stat().st_size for p in assets) < 30_000
    images = [p for p in out.rglob("*") if p.suffix in (".svg", ".png", ".jpg", ".gif", ".webp")]
    assert images and all(p.stat().st_size < 10_000 for p in images)
