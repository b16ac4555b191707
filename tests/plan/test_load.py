import pytest

from generator.errors import PlanError
from generator.plan.load import MAX_BYTES, load_text
from generator.tree import position


def problems(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(PlanError) as e:
        load_text(data, "p.yaml")
    return [str(p) for p in e.value.problems]


def test_values_keep_file_line_and_column():
    tree = load_text(b"year: 2023\nissuer:\n  full: \"S\xe1\xbb\x9f\"\n  name: [A, B]\n", "p.yaml")
    assert position(tree, ("year",)) == ("p.yaml", 1, 7)
    assert position(tree, ("issuer", "full")) == ("p.yaml", 3, 9)
    assert position(tree, ("issuer", "name", 1)) == ("p.yaml", 4, 13)


def test_yaml_1_1_surprises_stay_text():
    tree = load_text(b"a: no\nb: yes\nc: 2024-13-01\nd: 01\ne: 1.5\nf: 12\ng: true\nh: ~\n", "p.yaml")
    assert tree == {"a": "no", "b": "yes", "c": "2024-13-01", "d": "01", "e": "1.5",
                    "f": 12, "g": True, "h": None}


def test_text_is_normalised_to_nfc():
    decomposed = "Ho\u0302\u0300".encode()  # "Hồ" written with combining marks
    assert load_text(b"a: " + decomposed + b"\n", "p.yaml")["a"] == "H\u1ed3"


def test_duplicate_key_names_both_lines():
    assert problems("a: 1\nb: 2\na: 3\n") == ["p.yaml:3:1: duplicate key 'a' (first at line 1)"]


def test_aliases_are_refused():
    assert problems("a: &x hello\nb: *x\n") == [
        "p.yaml:2:4: invalid YAML: YAML aliases (*x) are not supported: write the value out"]


def test_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    assert "aliases" in problems(bomb)[0]


def test_empty_file_list_and_scalar():
    assert problems("") == ["p.yaml:1:1: the file is empty: a plan is a mapping"]
    assert problems("- a\n") == ["p.yaml:1:1: a plan is a mapping of keys, not a list"]
    assert problems("hello\n") == ["p.yaml:1:1: a plan is a mapping of keys, not a single value"]


def test_tab_indent_unclosed_quote_and_non_utf8():
    assert problems("a:\n\t- b\n") == ["p.yaml:2:1: invalid YAML: tab character: indent with spaces"]
    assert problems('a: "open\nb: 1\n') == [
        "p.yaml:1:4: invalid YAML: this quote is never closed: add the closing quote"]
    assert problems(b"a: \xc0\n") == ["p.yaml:1:4: the file is not UTF-8 (byte 0xc0); save it as UTF-8"]


def test_windows_1258_file_is_reported_not_crashed():
    text = "a: Kê hoa\u0323ch\r\n".encode("cp1258")
    assert problems(text) == ["p.yaml:1:5: the file is not UTF-8 (byte 0xea) (it looks like Windows-1258); save it as UTF-8"]


def test_crlf_utf8_loads():
    assert load_text("a: Kế hoạch\r\nb: 1\r\n".encode(), "p.yaml") == {"a": "Kế hoạch", "b": 1}


def test_oversized_file_is_refused():
    assert problems(b"a: " + b"x" * MAX_BYTES) == [
        f"p.yaml:1:1: file is {MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,}"]


def test_unsupported_tags():
    assert problems("a: !!binary aGVsbG8=\n") == [
        "p.yaml:1:4: unsupported YAML tag tag:yaml.org,2002:binary"]


@pytest.mark.parametrize("text, expected", [
    ("plan:\n  title: a\n    sections: []\n", "p.yaml:3:5: invalid YAML: this line is indented to "
     "column 5, but the line above starts at column 3: indent a key as far as the keys beside it"),
    ("plan:\n  title: a\n sections: []\n", "p.yaml:3:2: invalid YAML: this line is indented to "
     "column 2, but the line above starts at column 3: indent a key as far as the keys beside it"),
    ("title: Kế hoạch: năm 2023\n", "p.yaml:1:16: invalid YAML: the text holds ': ', which YAML "
     "reads as a new key: put the text in quotes"),
    ("plan:\n  - a\n  b: 1\n", "p.yaml:3:3: invalid YAML: a list item ('- ') and a key cannot "
     "stand at the same column: indent the list under its key, or write this line as a list item"),
    ("a: 'b'c\n", "p.yaml:1:7: invalid YAML: text goes on after its closing quote: put the whole "
     "text in quotes"),
    ("x: [a, b\n", "p.yaml:1:4: invalid YAML: this '[' is never closed with ']' (or text inside it "
     "holds ',' or ':': put that text in quotes)"),
    ("plan:\n  title: a\n  b\n  c: d\n", "p.yaml:3:3: invalid YAML: this line has no ':' after its "
     "key: write 'key: value' (text that goes on over several lines is put in quotes)"),
])
def test_yaml_syntax_errors_are_said_in_words(text, expected):
    assert problems(text) == [expected]


def test_a_block_scalar_knows_where_each_of_its_lines_starts():
    tree = load_text(b"a: 1\nnote: >-\n  one two\n  three\n\n  four\n", "p.yaml")
    assert tree.where("note") == (("p.yaml", 2, 7))
    assert tree.where("note").offsets == ((0, 3, 3), (8, 4, 3), (14, 6, 3))
