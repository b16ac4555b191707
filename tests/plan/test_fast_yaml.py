"""libyaml's fast path gives exactly the tree PyYAML's gives, positions included, or stands aside."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from generator.plan import load
from generator.errors import PlanError
from generator.tree import Map, Seq

from .test_fuzz_inputs import PROVINCE, mutated
from ..conftest import examples

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(ROOT.glob("plans/*.yaml")) + sorted(ROOT.glob("tests/**/*.yaml"))


def slow_tree(text: str, name: str):
    """The pure-PyYAML result: a tree, or the problems it reports."""
    original = load._CParser
    load._CParser = None
    try:
        return load.load_text(text.encode("utf-8", "surrogatepass"), name)
    except PlanError as e:
        return e.problems
    finally:
        load._CParser = original


def same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, Map):
        return (a.pos == b.pos and a.key_pos == b.key_pos and a.val_pos == b.val_pos
                and list(a) == list(b) and all(same(a[k], b[k]) for k in a))
    if isinstance(a, Seq):
        return (a.pos == b.pos and a.item_pos == b.item_pos and len(a) == len(b)
                and all(same(x, y) for x, y in zip(a, b)))
    return a == b


def check(text: str, name: str = "p.yaml") -> None:
    fast = load._fast_tree(text, name)
    if fast is not None:
        assert same(fast, slow_tree(text, name))


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_yaml_file_in_the_repository(path):
    try:
        text = load._decode(path.read_bytes(), path.name)
    except PlanError:
        return                                  # not UTF-8: refused before any parser runs
    check(text, path.name)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated(PROVINCE))
def test_mutated_plans(text):
    check(text)


def test_aliases_and_odd_characters_take_the_slow_path():
    assert load._fast_tree("a: &x 1\nb: *x\n", "p.yaml") is None
    assert load._fast_tree("a: \x07\n", "p.yaml") is None
    assert load._fast_tree("a:\t1\n", "p.yaml") is None
    assert load._fast_tree("a: 1\n", "p.yaml") is not None


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_every_character_pyyaml_refuses_sends_the_text_down_the_slow_path():
    """The fast path looks for no such character itself: libyaml's reader refuses each one
    PyYAML's reader refuses, wherever it stands, and takes the others in a text (line breaks
    aside, and the tab and U+FEFF, which the fast path leaves aside itself)."""
    refused = yaml.reader.Reader.NON_PRINTABLE
    places = ('a: "x{}y"\n', "a: x{}y\n", "# c{}\na: 1\n", "a: |\n  x{}y\n", "a: 1\n# end {}")
    for code in range(0x110000):
        ch = chr(code)
        if refused.match(ch):
            for place in places:
                assert load._fast_tree(place.format(ch), "p.yaml") is None, (hex(code), place)
        elif ch not in "\t\n\r\x85\u2028\u2029\ufeff" and (
                code < 0x100 or 0xD700 <= code < 0xE100 or 0xFFF0 <= code < 0x10010
                or code % 97 == 0):
            assert load._fast_tree(f"a: |\n  x{ch}y\n", "p.yaml") is not None, hex(code)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", sorted(ROOT.glob("plans/*.yaml")), ids=lambda p: p.name)
def test_every_plan_takes_the_fast_path(path):
    """The fast path standing aside is silent (the slow one answers the same), so a plan that
    falls to it by mistake would only be slow: none may."""
    assert load._fast_tree(load._decode(path.read_bytes(), path.name), path.name) is not None


def test_what_the_fast_path_leaves_the_slow_path_words_as_before():
    """An alias is stopped where it stands and a duplicate anchor, a second document or a
    root list are left to the pure-Python path, which says what is wrong and where."""
    cases = {"a: &x 1\nb: *x\n": "p.yaml:2:4: invalid YAML: YAML aliases (*x) are not "
                                 "supported: write the value out",
             "- 1\n": "p.yaml:1:1: a plan is a mapping of keys, not a list",
             "a: !!int x1\n": None}
    for text, message in cases.items():
        assert load._fast_tree(text, "p.yaml") is None
        if message is None:
            continue
        with pytest.raises(PlanError) as caught:
            load.load_text(text.encode(), "p.yaml")
        assert [str(p) for p in caught.value.problems] == [message]
    for text in ("a: &x 1\nb: &x 2\n", "a: 1\n---\nb: 2\n", "{a: , b: 1}\n", "<<: {a: 1}\n",
                 "a: 1\na: 2\n", "a: !foo x\n"):
        assert load._fast_tree(text, "p.yaml") is None, text


@pytest.mark.parametrize("text", ["?", "a: 1\n?", "a:", "a: [b,\n  c]", "a: |\n  x\n  y"])
def test_positions_on_the_last_line_and_past_it(text):
    """libyaml places an empty value at the very end one line past the text (PyYAML does
    not): such a text takes the slow path."""
    check(text)
