"""docs/plan-format.md names every key of the schema, and no other.

The doc's convention (said in its opening): a key is named when it is a key of one of the
doc's ```yaml examples, or written in backticks in the first column of a table headed "key".
Keys are compared by name: a name the schema uses in several mappings (``id``, ``title``)
is named once. Below a key whose rule has ``keysrules`` (``units``, ``layouts``) the keys
are the plan's own names (unit ids, layout names), not schema keys.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.plan.schema import SCHEMA

DOC = Path(__file__).resolve().parents[2] / "docs" / "plan-format.md"


def _types(rule: dict) -> list:
    wanted = rule.get("type")
    return wanted if isinstance(wanted, list) else [wanted]


def _walk(mapping: dict, keys: set[str], named: set[str]) -> None:
    """Every key of ``mapping`` and of the mappings nested in its rules."""
    for key, rule in mapping.items():
        keys.add(key)
        if "keysrules" in rule:
            named.add(key)
        for inner in (rule, rule.get("valuesrules", {})):
            schema = inner.get("schema")
            if schema is None:
                continue
            if "dict" in _types(inner):
                _walk(schema, keys, named)
            elif "dict" in _types(schema) and "schema" in schema:     # a list of mappings
                _walk(schema["schema"], keys, named)


SCHEMA_KEYS: set[str] = set()
NAMED: set[str] = set()        # keys whose mapping holds the plan's own names
_walk(SCHEMA, SCHEMA_KEYS, NAMED)


def doc_keys(text: str) -> set[str]:
    """The keys ``text`` names, by the convention above."""
    keys: set[str] = set()

    def collect(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                keys.add(key)
                if key in NAMED and isinstance(value, dict):
                    for own in value.values():
                        collect(own)
                else:
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    for block in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M):
        collect(yaml.safe_load(block))
    for table in re.findall(r"^\| key \|.*\n(?:\|.*\n?)+", text, re.M):
        for row in table.splitlines()[2:]:
            keys.update(re.findall(r"`([^`]+)`", row.split("|")[1]))
    return keys


def difference(text: str) -> str:
    """'' when ``text`` names exactly the schema's keys; else which are missing and extra."""
    named = doc_keys(text)
    missing, extra = sorted(SCHEMA_KEYS - named), sorted(named - SCHEMA_KEYS)
    return "; ".join(f"{what}: {', '.join(keys)}" for what, keys in (
        ("keys of the schema the doc does not name", missing),
        ("keys the doc names that the schema lacks", extra)) if keys)


def test_the_doc_names_exactly_the_keys_of_the_schema():
    assert difference(DOC.read_text(encoding="utf-8")) == ""


def test_a_key_left_out_or_made_up_is_named():
    text = DOC.read_text(encoding="utf-8")
    assert "merge_up:" in text and "| `recipients` |" in text
    broken = (text.replace("merge_up:", "merge-up:")
              .replace("| `recipients` |", "| `recipient` |"))
    assert difference(broken) == (
        "keys of the schema the doc does not name: merge_up; "
        "keys the doc names that the schema lacks: merge-up, recipient")


def test_the_plans_own_names_are_not_keys():
    example = "```yaml\nunits:\n  vp_ubnd_tinh: \"Văn phòng\"\nappendix:\n  layouts:\n    tasks8: {}\n```\n"
    assert doc_keys(example) == {"units", "appendix", "layouts"}


def test_the_schema_walk_reaches_nested_mappings():
    """Keys only a list of mappings (columns, rows), a string-or-mapping (cite) or a
    valuesrules (a layout's columns) hold."""
    assert {"field", "width", "assignee", "about", "columns", "from", "lines"} <= SCHEMA_KEYS
    assert {"units", "layouts"} <= NAMED
