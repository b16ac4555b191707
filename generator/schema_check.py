"""A fast yes/no check of a plan tree against SCHEMA, ahead of Cerberus.

Cerberus spends 40 ms on a provincial plan (a child validator per mapping and list, rules
looked up by name, the document copied for normalisation); a build of a whole country checks
thousands of plans, nearly all of them valid. ``accepts`` walks the tree once with the same
rule semantics and answers only "certainly valid" or "not sure": any rule it does not know,
any doubt, and the caller falls back to Cerberus, which finds and words every problem. So
the messages stay Cerberus's, and the only property this module must keep is that it never
accepts what Cerberus rejects (tests/build/test_schema_check.py checks that on mutated
plans).
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable

from .schema import SCHEMA
from .vndate import DocDate


def accepts(tree: Any, schema: dict = SCHEMA) -> bool:
    """True only when Cerberus would find no problem in ``tree``."""
    try:
        return _mapping(schema, tree)
    except Exception:           # an unexpected shape is Cerberus's to describe
        return False


def _mapping(schema: dict, document: Any) -> bool:
    """Known keys only, every required key present, every value valid."""
    if not isinstance(document, dict):
        return False
    for key, value in document.items():
        rules = schema.get(key)
        if not isinstance(rules, dict) or not _value(rules, value):
            return False
    return all(key in document for key, rules in schema.items() if rules.get("required") is True)


def _value(rules: dict, value: Any) -> bool:
    if value is None:           # Cerberus drops every other rule once nullable has spoken
        return rules.get("nullable") is True and rules.keys() <= {"type", "nullable", "required"}
    for rule, constraint in rules.items():
        check = _RULES.get(rule)
        if check is None or not check(constraint, value):
            return False
    return True


_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int),            # Cerberus counts bools as integers
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
    "dict": lambda v: isinstance(v, dict),
}


def _type(wanted, value) -> bool:
    names = (wanted,) if isinstance(wanted, str) else wanted
    return any(_TYPES[name](value) for name in names)


@functools.cache
def _pattern(pattern: str) -> re.Pattern:
    """Cerberus anchors the end only (``match`` with ``$`` appended); so do we."""
    return re.compile(pattern if pattern.endswith("$") else pattern + "$")


def _regex(pattern: str, value) -> bool:
    return not isinstance(value, str) or _pattern(pattern).match(value) is not None


def _allowed(allowed, value) -> bool:
    return isinstance(value, str) and value in allowed


def _schema(schema: dict, value) -> bool:
    """A list: every item against the rules; a mapping: against the sub-schema."""
    if isinstance(value, list):
        return all(_value(schema, item) for item in value)
    if isinstance(value, dict):
        return _mapping(schema, value)
    return not isinstance(value, (tuple, set, bytes))


def _length(compare: Callable[[int, int], bool]):
    def check(bound: int, value) -> bool:
        return not isinstance(value, (str, list, dict)) or compare(len(value), bound)
    return check


def _bound(compare: Callable[[Any, Any], bool]):
    def check(bound, value) -> bool:
        try:
            return compare(value, bound)
        except TypeError:
            return True
    return check


def _keys(rules: dict, value) -> bool:
    return not isinstance(value, dict) or all(_value(rules, key) for key in value)


def _values(rules: dict, value) -> bool:
    return not isinstance(value, dict) or all(_value(rules, item) for item in value.values())


def _docdate(value) -> bool:
    try:
        DocDate.parse(value)
    except Exception:
        return False
    return True


_CHECKS = {"docdate": _docdate,
           "cite": lambda value: not isinstance(value, str) or value == "parent"}

_RULES: dict[str, Callable[[Any, Any], bool]] = {
    "type": _type,
    "required": lambda constraint, value: True,          # judged by the holding mapping
    "nullable": lambda constraint, value: True,          # value is not None here
    "regex": _regex,
    "allowed": _allowed,
    "schema": _schema,
    "minlength": _length(lambda n, bound: n >= bound),
    "maxlength": _length(lambda n, bound: n <= bound),
    "min": _bound(lambda v, bound: not v < bound),
    "max": _bound(lambda v, bound: not v > bound),
    "keysrules": _keys,
    "valuesrules": _values,
    "check_with": lambda name, value: _CHECKS[name](value),
}
