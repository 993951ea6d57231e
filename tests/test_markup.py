import random

import lxml.html
import pytest

from sitegen.markup import Markdown, converter, plain_text, sanitise

SAMPLES = [
    "Hello world.", "We are investigating elevated error rates on the API (HTTP 503) since 14:02 UTC.",
    "Die Störung betrifft Kunden in Deutschland; 接続エラーが発生しています。", "He said \"hi\" 'quoted' - ok",
    "1. not a list?", "2) also a list", "- a list", "+ another", "* and another", "Ends with two spaces  ",
    "Tabs\tinside", "#hash", "> quote", "a & b", "&amp;", "x < y", "a_b_c", "**bold**", "`code`", "[x](y)",
    "line one\nline two", "===", "---", "100.", "-5 degrees", "1,240 sent", "3/4 done!", "e.g. this",
    "\u202egnp.exe", "emoji 😀 ok", "  leading space", "a\\b", "see https://example.com", "www.example.com",
    "ops@example.com", "a | b", "ftp://x",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_plain_text_shortcut_gives_what_markdown_gives(text):
    assert Markdown().html(text) == sanitise(converter(message=True).convert(text))
    assert Markdown().document(text) == sanitise(converter(message=False).convert(text))


def test_random_texts_match_markdown():
    rng = random.Random(7)
    alphabet = "abc XYZ .,;:!?()-+*_#>=&<`[]|@1234\"'/%ü😀\n"
    rendered, reference = Markdown(), converter(message=True)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        assert rendered.html(text) == sanitise(reference.reset().convert(text)), repr(text)


def test_scripts_handlers_and_javascript_links_never_survive():
    html = Markdown().html('<script>x()</script><a href="javascript:y()" onclick="z()">a</a> [b](javascript:w())')
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html


def test_plain_text_of_html():
    assert plain_text("<p>a &amp; <b>b</b></p>\n<p>c</p>") == "a & b\n\nc"


def test_a_status_update_keeps_its_lines_code_lists_tables_and_links():
    message = (
        "Summary: checkout requests fail\n"
        "Workaround: retry after a minute\n"
        "\n"
        "Affected regions:\n"
        "* eu-west\n"
        "* us-east\n"
        "\n"
        "```\n"
        "$ curl -I https://api.example.com/health\n"
        "HTTP/2 503\n"
        "```\n"
        "\n"
        "| Region | Error rate |\n"
        "|--------|------------|\n"
        "| eu-west | 12% |\n"
        "\n"
        "Details at https://example.com/notes?id=4 soon."
    )
    page = lxml.html.fragment_fromstring(str(Markdown().html(message)), create_parent="div")
    first = page.find("p")
    assert first.find("br") is not None
    assert [line.strip() for line in first.itertext()] == ["Summary: checkout requests fail", "Workaround: retry after a minute"]
    assert [li.text for li in page.iter("li")] == ["eu-west", "us-east"]
    assert page.find("pre/code").text == "$ curl -I https://api.example.com/health\nHTTP/2 503\n"
    assert [td.text for td in page.iter("td")] == ["eu-west", "12%"]
    links = [a.get("href") for a in page.iter("a")]
    assert links == ["https://example.com/notes?id=4"]  # not the one inside the code block
    assert "```" not in page.text_content() and "* eu-west" not in page.text_content()


def test_an_ordered_list_after_a_line_and_what_stays_a_paragraph():
    page = lxml.html.fragment_fromstring(str(Markdown().html("Next steps:\n1. drain\n2. fail over")), create_parent="div")
    assert [li.text for li in page.iter("li")] == ["drain", "fail over"]
    # A number that happens to start a line is not a list, nor is emphasis at a line's start.
    page = lxml.html.fragment_fromstring(str(Markdown().html("Errors since\n14. November\n*all* regions")), create_parent="div")
    assert page.find(".//li") is None and page.find(".//em").text == "all"


def test_documents_keep_paragraphs_and_section_headings_messages_do_not_take_h2():
    body = "## Summary\n\nThe CDN failed\nin Europe.\n\n## Action items\n\n- Add a canary"
    document = lxml.html.fragment_fromstring(str(Markdown().document(body)), create_parent="div")
    assert [h.text for h in document.iter("h2")] == ["Summary", "Action items"]
    assert document.find("p").find("br") is None  # a wrapped line in a document is one paragraph
    message = lxml.html.fragment_fromstring(str(Markdown().html(body)), create_parent="div")
    assert message.find(".//h2") is None and "Summary" in message.text_content()


def test_plain_text_keeps_lines_items_and_code():
    text = plain_text(str(Markdown().html("Summary: a & b\nCause: c\n\nSteps:\n* one\n* two\n\n```\n  x = 1\n```")))
    assert text == "Summary: a & b\nCause: c\n\nSteps:\n\n- one\n- two\n\n  x = 1"
