"""site.yml `subscribe:` and the subscribe/ page: every way to follow the site, per component, without JavaScript."""

from __future__ import annotations

import lxml.html
from click.testing import CliRunner

from sitegen.cli import main
from tests.helpers import NOW, SITE_YML


def page_text(built_dir, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((built_dir / path).read_bytes())


def test_the_subscribe_page_lists_each_list_and_each_components_feeds(built):
    out = built("full")
    page = page_text(out, "subscribe/index.html")
    lists = {a.text_content(): a.get("href") for a in page.xpath("//section[@aria-labelledby='email-h']//a")}
    assert lists == {
        "Every update": "https://lists.example.com/join/status-all",
        "Core services": "https://lists.example.com/join/status-core",
        "Search": "https://lists.example.com/join/status-search",
    }
    rows = {row.xpath("string(th)"): row for row in page.xpath("//table[@class='subscribe-components']/tbody/tr")}
    assert list(rows) == ["API", "Website", "Database", "CDN", "Search"]  # the retired component is not offered
    assert rows["Search"].xpath("string(td[3])") == "Every update, Search"
    assert rows["CDN"].xpath("string(td[3])") == "Every update"
    api_links = [a.get("href") for a in rows["API"].xpath(".//a")]
    assert api_links[1:3] == ["../components/api/feed.atom", "../components/api/feed.rss"]
    assert "webcal://example.com/status/components/api/maintenance.ics" in api_links
    for href in api_links:  # every relative link leads to a built file
        if not href.startswith("webcal:"):
            target = (out / "subscribe" / href).resolve()
            assert target.is_file() or (target / "index.html").is_file(), href
    slack = page.xpath("string(//dl[@class='chat']/dd[1]/code)")
    assert slack == "/feed subscribe https://example.com/status/feed.atom"
    assert not page.xpath("//script[not(@src)]")  # nothing on it needs a script


def test_every_page_links_the_subscribe_page(built):
    out = built("full")
    for path in ("index.html", "incidents/2026-11-26-api-outage/index.html", "subscribe/index.html"):
        links = page_text(out, path).xpath("//footer//a[text()='Subscribe to updates']/@href")
        assert len(links) == 1
        target = (out / path).parent / links[0]
        assert (target / "index.html").is_file(), (path, links[0])


def test_a_site_without_lists_says_how_else_to_follow_it(built):
    page = page_text(built("minimal"), "subscribe/index.html")
    assert "This site has no email list" in page.xpath("string(//section[@aria-labelledby='email-h'])")
    assert not page.xpath("//th[text()='Email lists']")


def test_mistakes_in_subscribe_are_located_errors(write_site):
    site_yml = SITE_YML + """\
subscribe:
  email:
    - name: Everything
      join: lists.example.com/join
      post: not-an-address
      unsubscribe: ftp://x
    - name: API only
      join: https://lists.example.com/api
      post: api@lists.example.com
      components: [api, wbe]
      groups: [Core]
    - {name: No address}
  sms: yes
"""
    root = write_site({}, site_yml)
    result = CliRunner().invoke(main, ["check", "--site", str(root), "--now", NOW.isoformat()])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("site.yml:") and ": placeholder:" not in line]
    assert errors == [  # site.yml: SITE_YML's 9 lines, then `subscribe:` at line 10
        "site.yml:13: subscribe.email[0].join: 'lists.example.com/join' must be the https:// (or mailto:) address where people join the list",
        "site.yml:14: subscribe.email[0].post: 'not-an-address' must be the list's posting address, such as status@lists.example.com",
        "site.yml:15: subscribe.email[0].unsubscribe: 'ftp://x' must be a mailto: or https:// address",
        "site.yml:19: subscribe.email[1].components[1]: no component 'wbe' in components",
        "site.yml:20: subscribe.email[1].groups[0]: no group 'Core'; the groups are none",
        "site.yml:21: subscribe.email[2].join: is required but missing",
        "site.yml:21: subscribe.email[2].post: is required but missing",
        "site.yml:22: subscribe.sms: unknown field 'sms'; expected one of email",
    ], result.output
