from sitegen.errors import Problems
from sitegen.source import SourceError, decode, parse_yaml, read_document, split_front_matter

import pytest


def test_byte_order_mark_and_crlf_are_accepted_and_lines_stay_right(tmp_path):
    file = tmp_path / "2026-11-01-x.md"
    file.write_bytes(b"\xef\xbb\xbf---\r\ntitle: Hello\r\ntimeline:\r\n  - at: 2026-11-01T10:00:00Z\r\n---\r\nBody\r\n")
    problems = Problems()
    document = read_document(tmp_path, file, "incident", problems)
    assert not problems.items
    assert document.data["title"] == "Hello"
    assert document.line_of(("title",)) == 2
    assert document.line_of(("timeline", 0, "at")) == 4
    assert document.body == "Body"
    assert document.body_line == 6


def test_a_missing_key_points_at_the_mapping_that_should_hold_it():
    data, lines, _ = parse_yaml("title: x\ntimeline:\n  - at: 1\n    status: y\n", 2)
    from sitegen.source import Document

    document = Document("x.md", "incident", "x", data, lines, {})
    assert document.line_of(("timeline", 0, "message")) == 4
    assert document.line_of(("impact",)) == 2


def test_keys_keep_the_text_the_author_wrote():
    data, _, raw = parse_yaml("components:\n  no: major_outage\nsla: 99.9\n", 1)
    assert data == {"components": {"no": "major_outage"}, "sla": 99.9}
    assert raw[("sla",)] == "99.9"


def test_a_key_given_twice_is_an_error_at_its_second_line():
    with pytest.raises(SourceError) as error:
        parse_yaml("title: a\nimpact: minor\ntitle: b\n", 1)
    assert error.value.line == 3
    assert "'title' is given twice" in error.value.message


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("", 1, "the file is empty"),
        ("   \n\n", 1, "the file is empty"),
        ("title: x\n", 1, "start with a '---' line"),
        ("---\ntitle: x\n", 1, "no closing '---'"),
    ],
)
def test_broken_front_matter_is_located(text, line, words):
    with pytest.raises(SourceError) as error:
        split_front_matter(text)
    assert error.value.line == line
    assert words in error.value.message


def test_the_body_may_contain_horizontal_rules():
    front, front_line, body, body_line = split_front_matter("---\ntitle: x\n---\nOne\n\n---\n\nTwo\n")
    assert front.strip() == "title: x"
    assert front_line == 1
    assert body == "One\n\n---\n\nTwo\n"
    assert body_line == 4


def test_non_utf8_bytes_name_the_line_and_column():
    with pytest.raises(SourceError) as error:
        decode(b"---\ntitle: ok\nmessage: caf\xe9\n")
    assert error.value.line == 3
    assert "column 13" in error.value.message


def test_yaml_errors_carry_the_line_in_the_file():
    with pytest.raises(SourceError) as error:
        parse_yaml("title: x\nimpact: [minor\n", 5)
    assert error.value.line >= 6
    assert error.value.message.startswith("YAML syntax error")
