import random

import markdown
import pytest

from sitegen.markup import Markdown, plain_text, sanitise

SAMPLES = [
    "Hello world.", "We are investigating elevated error rates on the API (HTTP 503) since 14:02 UTC.",
    "Die Störung betrifft Kunden in Deutschland; 接続エラーが発生しています。", "He said \"hi\" 'quoted' - ok",
    "1. not a list?", "2) also a list", "- a list", "+ another", "* and another", "Ends with two spaces  ",
    "Tabs\tinside", "#hash", "> quote", "a & b", "&amp;", "x < y", "a_b_c", "**bold**", "`code`", "[x](y)",
    "line one\nline two", "===", "---", "100.", "-5 degrees", "1,240 sent", "3/4 done!", "e.g. this",
    "\u202egnp.exe", "emoji 😀 ok", "  leading space", "a\\b",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_plain_text_shortcut_gives_what_markdown_gives(text):
    expected = sanitise(markdown.Markdown(extensions=["sane_lists"]).convert(text))
    assert Markdown().html(text) == expected


def test_random_texts_match_markdown():
    rng = random.Random(7)
    alphabet = "abc XYZ .,;:!?()-+*_#>=&<`[]1234\"'/%ü😀"
    converter = Markdown()
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        expected = sanitise(markdown.Markdown(extensions=["sane_lists"]).convert(text))
        assert converter.html(text) == expected, repr(text)


def test_scripts_handlers_and_javascript_links_never_survive():
    html = Markdown().html('<script>x()</script><a href="javascript:y()" onclick="z()">a</a> [b](javascript:w())')
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html


def test_plain_text_of_html():
    assert plain_text("<p>a &amp; <b>b</b></p>\n<p>c</p>") == "a & b\n\nc"
