"""`language:` and `strings:` in site.yml, as a team types them and mistypes them."""

from __future__ import annotations

import lxml.html
from click.testing import CliRunner

from sitegen.cli import main
from tests.helpers import SITE_YML, incident

OPEN = incident("2026-11-26-api", """
    title: API errors
    impact: major
    components: [api]
    timeline:
      - {at: 2026-11-26T10:00:00Z, status: investigating, message: We are looking into errors.}
""")


def build(root, out):
    return CliRunner().invoke(main, ["build", "--site", str(root), "--now", "2026-11-26T12:00:00Z", "--output", str(out)])


def check(root):
    return CliRunner().invoke(main, ["check", "--site", str(root), "--now", "2026-11-26T12:00:00Z"])


def page(out, path="index.html"):
    return lxml.html.fromstring((out / path).read_bytes())


def test_a_site_rewords_a_message_everywhere_it_is_shown(write_site, tmp_path):
    root = write_site({}, SITE_YML + 'strings:\n  "All systems operational": "Everything is running <smoothly>"\n')
    result = build(root, tmp_path / "out")
    assert result.exit_code == 0, result.output
    banner = page(tmp_path / "out").xpath("//h2[@id='banner-h']")[0].text_content()
    assert banner.strip().endswith("Everything is running <smoothly>")  # text, escaped, not markup


def test_a_reworded_message_keeps_its_links_and_its_slots(write_site, tmp_path):
    root = write_site(OPEN, SITE_YML + "strings:\n"
                      '  "Next update by %(time)s": "We will post again by %(time)s"\n'
                      '  "Every way to subscribe": "x"\n')
    result = check(root)
    assert result.exit_code == 1
    assert "site.yml:" in result.output and "strings" in result.output
    assert "no message 'Every way to subscribe'" in result.output

    root = write_site(OPEN, SITE_YML + "strings:\n"
                      '  "Next update by %(time)s": "We will post again by %(time)s"\n'
                      '  "We are working on %(count)s open incident.": ["One thing is broken (%(count)s).", '
                      '"%(count)s things are broken."]\n')
    result = build(root, tmp_path / "out")
    assert result.exit_code == 0, result.output


def test_plural_rewording_gives_one_text_per_form(write_site, tmp_path):
    two = {**OPEN, **incident("2026-11-26-web", """
        title: Web slow
        impact: minor
        components: [web]
        timeline:
          - {at: 2026-11-26T10:30:00Z, status: investigating, message: Pages load slowly.}
    """)}
    root = write_site(two, SITE_YML + "strings:\n"
                      '  "We are working on %(count)s open incident.": ["One problem (%(count)s).", '
                      '"%(count)s problems, all being worked on."]\n')
    result = build(root, tmp_path / "out")
    assert result.exit_code == 0, result.output
    detail = page(tmp_path / "out").xpath("//section[@aria-labelledby='banner-h']/p")[0].text_content()
    assert detail == "2 problems, all being worked on."


def test_a_mistyped_message_id_is_an_error_with_a_suggestion(write_site):
    root = write_site({}, SITE_YML + 'strings:\n  "All system operational": "Fine"\n')
    result = check(root)
    assert result.exit_code == 1
    assert "site.yml:" in result.output
    assert "no message 'All system operational'" in result.output
    assert "did you mean 'All systems operational'?" in result.output
    assert "Traceback" not in result.output


def test_a_rewording_with_a_slot_the_message_lacks_is_an_error_naming_its_slots(write_site):
    root = write_site({}, SITE_YML + 'strings:\n  "Next update by %(time)s": "Updated %(when)s"\n')
    result = check(root)
    assert result.exit_code == 1
    assert "'%(when)s' is not a slot of this message; it has %(time)s" in result.output


def test_an_unknown_language_is_an_error_listing_the_supported_ones(write_site):
    root = write_site({}, SITE_YML + "language: klingon\n")
    result = check(root)
    assert result.exit_code == 1
    assert "'klingon' is not a language sitegen speaks" in result.output
    for tag in ("en", "de", "ja", "ar", "pt-BR", "zh-Hans"):
        assert tag in result.output

    root = write_site({}, SITE_YML + "language: dee\n")
    assert "did you mean 'de'?" in check(root).output

    root = write_site({}, SITE_YML + "language: 'de-AT; q=1'\n")  # a tag is letters, digits and hyphens only
    result = check(root)
    assert result.exit_code == 1 and "'de-AT; q=1' is not a language tag such as de, pt-BR or zh-Hans" in result.output


def test_a_regional_tag_reads_its_language_with_its_regions_formats(write_site, tmp_path):
    root = write_site(OPEN, SITE_YML + "language: de-AT\ntimezone: Europe/Vienna\n")
    result = build(root, tmp_path / "out")
    assert result.exit_code == 0, result.output
    html = page(tmp_path / "out")
    assert html.get("lang") == "de-AT"
    times = [t.text_content() for t in html.xpath("//time")]
    assert any("Nov. 2026" in t and "11:00" in t for t in times), times  # German month, 24-hour clock


def test_a_language_tag_in_other_case_is_written_as_the_catalogue_writes_it(write_site, tmp_path):
    root = write_site({}, SITE_YML + "language: pt-br\n")
    assert build(root, tmp_path / "out").exit_code == 0
    assert page(tmp_path / "out").get("lang") == "pt-BR"
