"""A home page that holds up at real scale: 350 components, most without a group, 80 incidents never resolved."""

from __future__ import annotations

import lxml.html
import pytest

from sitegen.markup import Markdown
from sitegen.model import ComponentStatus
from sitegen.views.facts import SiteFacts
from tests.helpers import NOW

HOME_BUDGET_BYTES = 250 * 1024
HOME_BUDGET_ELEMENTS = 6000
EXAMPLE_BUDGET_BYTES = 60 * 1024


def parse(path):
    return lxml.html.parse(str(path)).getroot()


def element_count(root) -> int:
    return sum(1 for _ in root.iter(lxml.etree.Element))


@pytest.fixture(scope="module")
def large(real_scale):
    from sitegen.build import load_site
    from sitegen.errors import Problems

    root, out = real_scale
    problems = Problems()
    site = load_site(root, problems)
    assert not problems.errors
    return SiteFacts(site, NOW, Markdown()), out


def test_the_real_scale_home_page_is_within_its_budget(large):
    facts, out = large
    assert len(facts.config.components) == 350 and len(facts.open_incidents) == 80
    assert sum(1 for c in facts.config.components if c.group is None) > 175
    home = out / "index.html"
    assert home.stat().st_size < HOME_BUDGET_BYTES
    assert element_count(parse(home)) < HOME_BUDGET_ELEMENTS


def test_the_example_home_page_stays_small(built):
    assert (built("example") / "index.html").stat().st_size < EXAMPLE_BUDGET_BYTES


def folded(element) -> bool:
    """Inside a closed <details>: not shown until someone clicks."""
    return any(a.tag == "details" and a.get("open") is None for a in element.iterancestors())


def test_every_component_that_is_not_operational_is_shown_with_its_status_without_a_click(large):
    facts, out = large
    home = parse(out / "index.html")
    components = home.get_element_by_id("components-h").getparent()
    shown: dict[str, str] = {}
    for heading in components.iterfind(".//h4"):
        status = heading.text_content().split("(")[0].strip("✖◆▲◇ \n")
        for link in heading.getnext().iterfind(".//a"):
            assert not folded(link)
            shown[link.get("href")] = status
    affected = {f"components/{c}/": s for c, s in facts.statuses.items() if s is not ComponentStatus.OPERATIONAL}
    assert 20 < len(affected) < 350
    words = {"degraded_performance": "Degraded performance", "partial_outage": "Partial outage",
             "major_outage": "Major outage", "under_maintenance": "Under maintenance"}
    assert shown == {href: words[s.value] for href, s in affected.items()}
    # The operational ones are folded into their group's summary line, but every one is still in the page.
    fine = {a.get("href") for a in components.iterfind(".//details//a")}
    assert fine == {f"components/{c}/" for c, s in facts.statuses.items() if s is ComponentStatus.OPERATIONAL}


def test_components_without_a_group_fall_into_a_default_group_with_bars_per_group(large):
    _, out = large
    home = parse(out / "index.html")
    groups = [h.text_content() for h in home.iterfind(".//section[@class='group']/div/h3")]
    assert groups == [f"Organisation {n:02d}" for n in range(4)] + ["Other components"]
    assert len(home.findall(".//ol[@class='bars']")) == len(groups)
    summaries = [s.text_content() for s in home.iterfind(".//details[@class='fine']/summary")]
    assert all(s.endswith("operational") for s in summaries)


def test_open_incident_cards_name_a_few_components_and_the_incident_page_all_of_them(large):
    facts, out = large
    home = parse(out / "index.html")
    cards = home.findall(".//article[@class]")
    assert len(cards) == 5
    for card in cards:
        affects = card.find(".//span[@class='meta']")
        links = affects.findall("a")
        more = [a for a in links if a.text.startswith("and ")]
        assert len(links) - len(more) <= 3
        if more:
            page, anchor = more[0].get("href").split("#")
            incident = parse(out / page / "index.html")
            table = incident.get_element_by_id(anchor).getnext()
            rows = {th.text_content() for th in table.iterfind(".//tbody/tr/th")}
            assert len(rows) == 3 + int(more[0].text.split()[1])
    rest = home.find(".//details[@class='more-open']")
    assert rest.find("summary").text_content().startswith("75 more open incidents")
    assert len(rest.findall(".//li")) == 75


def test_the_incident_page_table_has_a_row_per_stretch_with_from_and_to(large):
    facts, out = large
    incident = next(i for i in facts.open_incidents if i.slug.endswith("open-000"))
    page = parse(out / "incidents" / incident.slug / "index.html")
    table = page.get_element_by_id("components").getnext().find("table")
    assert [th.text_content() for th in table.iterfind("thead//th")] == ["Component", "Status", "From", "To"]
    bodies = table.findall("tbody")
    assert len(bodies) == len(incident.components)
    # The last update returned all but three to operational: those stretches end, the three go on.
    ends = [body.findall("tr")[-1].findall("td")[-1].text_content() for body in bodies]
    assert ends.count("Ongoing") == 3
