"""The YAML writer: what it writes loads back to the same data, in the house style of plans/."""
from __future__ import annotations

import unicodedata

import yaml
from hypothesis import given, settings, strategies as st

from generator.ingest.emit import emit_plan
from tests.conftest import ROOT, examples

TRICKY = ["a: b", "# not a comment", "- item", "-", "'single'", '"double"', "yes", "No", "on",
          "007", "0x1F", "1e3", "~", "null", "", " lead", "trail ", "a\nb", "tab\there",
          "{x}", "[y]", "&a", "*b", "!tag", "%x", "@x", "`x", "|", ">", "? q", "…", "\u2028",
          "\x85", "\x7f", "\ufeffbom", unicodedata.normalize("NFC", "Ủy ban nhân dân tỉnh"),
          "Thời gian hoàn thành: 15/02/{{ year }}", "vp_ubnd_tinh", "kh-2024", "true_id"]

texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=30))
scalars = st.one_of(texts, st.integers(), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=20)


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(texts, values, min_size=1, max_size=5))
def test_what_is_written_loads_back_the_same(data):
    assert yaml.safe_load(emit_plan(data)) == data


@settings(max_examples=examples(100), deadline=None)
@given(st.dictionaries(texts, values, min_size=1, max_size=5), st.data())
def test_comments_never_change_the_data(data, draw):
    paths = [()]
    def walk(value, path):
        paths.append(path)
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
    for k, v in data.items():
        walk(v, (k,))
    chosen = draw.draw(st.lists(st.sampled_from(paths), max_size=4))
    comments = {path: "REVIEW: look\nsecond line" for path in chosen}
    text = emit_plan(data, comments)
    assert yaml.safe_load(text) == data
    assert text.count("# REVIEW: look") == len(set(chosen))


def test_a_hand_written_plan_comes_out_in_its_own_style():
    """an-giang-2023.yaml, written again, differs only in the comments the writer was not given."""
    source = (ROOT / "plans" / "an-giang-2023.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    text = emit_plan(data, {("appendix", "parts", 0, "tasks"): "REVIEW"})
    assert yaml.safe_load(text) == data
    expected = [line.split("  #")[0].rstrip() for line in source.splitlines()[3:]
                if not line.lstrip().startswith("#")]
    assert [line for line in text.splitlines() if not line.lstrip().startswith("#")] == expected
    assert emit_plan(data) == emit_plan(yaml.safe_load(emit_plan(data)))     # same bytes again


def test_comment_sits_above_the_value_it_names():
    data = {"appendix": {"parts": [{"id": "p", "tasks": [
        {"id": "a", "content": "Nội dung"},
        {"id": "b", "content": "Báo cáo", "lead": "u", "coordinating": ["v", "w"]}]}]}}
    text = emit_plan(data, {("appendix", "parts", 0, "tasks", 0): "REVIEW: matched 0.62",
                            ("appendix", "parts", 0, "id"): "first key",
                            ("appendix", "parts", 0, "tasks", 1, "lead"): "renamed"})
    assert text == (
        "appendix:\n"
        "  parts:\n"
        "    # first key\n"
        "    - id: p\n"
        "      tasks:\n"
        "        # REVIEW: matched 0.62\n"
        "        - {id: a, content: \"Nội dung\"}\n"
        "        - id: b\n"
        "          content: \"Báo cáo\"\n"
        "          # renamed\n"
        "          lead: u\n"
        "          coordinating: [v, w]\n")
