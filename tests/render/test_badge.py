from tests.helpers import NOW, SITES
from lxml import etree

from sitegen.build import build_site


def text_of(svg: bytes) -> str:
    root = etree.fromstring(svg)
    return " ".join(root.xpath("//*[local-name()='text']/text()"))


def test_badges_say_the_status_in_words():
    full = build_site(SITES / "full", NOW).tree
    assert text_of(full["badge.svg"]) == "status major outage"
    assert text_of(full["components/db/badge.svg"]) == "Database maintenance"
    assert text_of(full["components/cdn/badge.svg"]) == "CDN operational"
    root = etree.fromstring(full["badge.svg"])
    assert root.get("role") == "img" and root.get("aria-label") == "status: major outage"
    minimal = build_site(SITES / "minimal", NOW).tree
    assert text_of(minimal["badge.svg"]) == "status operational"
