"""A fast yes/no check of a plan tree against SCHEMA, ahead of Cerberus.

Cerberus spends 40 ms on a provincial plan (a child validator per mapping and list, rules
looked up by name, the document copied for normalisation); a build of a whole country checks
thousands of plans, nearly all of them valid (bench/fast_path.py: the 3,355-plan nation
tree took 66 s of CPU with this check and 151 s with Cerberus on every plan). ``accepts``
walks the tree once with the same rule semantics and answers only "certainly valid" or "not
sure": any rule it does not know, any doubt, and the caller falls back to Cerberus, which
finds and words every problem. So the messages stay Cerberus's, and the only property this
module must keep is that it never accepts what Cerberus rejects (tests/plan/test_schema_check.py
checks that on mutated plans).

Each rule dict is compiled once, on first use, into a closure with its constraints bound
(types as one ``isinstance``, regexes compiled, required keys collected), so checking a value
is one call rather than a lookup of every rule by name. A false answer and an exception mean
the same ("not sure"), so a constraint that would make the rule raise compiles to a check
that fails on the values the rule would have raised on.

A mapping or list of a plan tree that a check accepted keeps that check as its ``accepted``
note (tree.py): a child plan holds its parent's subtrees themselves, so checking the child
walks only what the child changed.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from generator.plan.schema import CHECKS, SCHEMA
from generator.tree import ABSENT, Map, Seq

Check = Callable[[Any], bool]


def accepts(tree: Any, schema: dict = SCHEMA) -> bool:
    """True only when Cerberus would find no problem in ``tree``."""
    try:
        return _built(_mapping, schema)(tree)
    except Exception:           # an unexpected shape is Cerberus's to describe
        return False


_BUILT: dict[tuple[int, Callable], tuple[Any, Check]] = {}


def _built(build: Callable[[Any], Check], rules: Any) -> Check:
    """``build(rules)``, once per rules object (kept alive so that its id stays its own)."""
    key = (id(rules), build)
    hit = _BUILT.get(key)
    if hit is None:
        hit = _BUILT[key] = (rules, build(rules))
    return hit[1]




def _never(value: Any) -> bool:
    return False


def _passed_base(node: Map, check: Check) -> Map | None:
    """The node ``node`` was merged from, when ``check`` passed it: a value the child left as
    it was (the very same object) passed there already (tree.py)."""
    base = node.base
    return base if base is not None and base.accepted is check else None


def _mapping(schema: Any) -> Check:
    """Known keys only, every required key present, every value valid."""
    try:
        checks = {key: _built(_value, rules) if isinstance(rules, dict) else _never
                  for key, rules in schema.items()}
        required = frozenset(key for key, rules in schema.items() if rules.get("required") is True)
    except Exception:
        return _never

    def check(document: Any) -> bool:
        if not isinstance(document, dict):
            return False
        node = document.__class__ is Map
        base = None
        if node:
            if document.accepted is check:
                return True
            base = _passed_base(document, check)    # its values passed there already
        for key, value in document.items():
            if base is not None and base.get(key, ABSENT) is value:
                continue
            value_check = checks.get(key)
            if value_check is None or not value_check(value):
                return False
        if not required <= document.keys():
            return False
        if node:
            document.accepted = check
        return True
    return check


_NULLABLE_ONLY = frozenset({"type", "nullable", "required"})


def _value(rules: Any) -> Check:
    """One value against a rules dict; nested rules compile when first met (schemas may recur)."""
    try:                        # Cerberus drops every other rule once nullable has spoken
        nullable = rules.get("nullable") is True and rules.keys() <= _NULLABLE_ONLY
    except Exception:
        nullable = False
    try:
        items = list(rules.items())
    except Exception:           # not a rules dict: its every rule raised, so only None may pass
        return lambda value: value is None and nullable
    classes, excluded, rest = object, (), []
    entries = [(rule, constraint) for rule, constraint in items if rule in _ENTRY_RULES]
    for rule, constraint in items:
        if rule == "type":
            classes, excluded = _type(constraint)
        elif rule in _ENTRY_RULES:              # both as one check, where the first is written
            if rule == entries[0][0]:
                rest.append(_entries(entries))
        elif rule not in ("required", "nullable"):   # judged by the mapping; None is handled
            compile_rule = _RULES.get(rule)
            rest.append(_never if compile_rule is None else compile_rule(constraint))
    rest = tuple(rest)

    def check(value: Any) -> bool:
        if value is None:
            return nullable
        if not isinstance(value, classes) or isinstance(value, excluded):
            return False
        for rule in rest:
            if not rule(value):
                return False
        return True
    return check


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "boolean": (bool,),    # bools are integers to Cerberus
    "list": (list,), "dict": (dict,)}


def _type(wanted: Any) -> tuple[tuple[type, ...], tuple[type, ...]]:
    """Classes to accept and to exclude ("number" takes ints and floats, but not bools).

    Names count only up to the first unknown one: checking a value against that one would
    raise, and an error means "not sure"."""
    others: tuple[type, ...] = ()
    number = False
    try:
        for name in (wanted,) if isinstance(wanted, str) else wanted:
            if name == "number":
                number = True
            else:
                others += _TYPES[name]
    except Exception:
        pass
    if not number:
        return others, ()
    return others + (int, float), () if issubclass(bool, others) else (bool,)


def _regex(pattern: Any) -> Check:
    """Cerberus anchors the end only (``match`` with ``$`` appended); so do we."""
    try:
        match = re.compile(pattern if pattern.endswith("$") else pattern + "$").match
    except Exception:           # a bad pattern fails every string (compiling it raises)
        return lambda value: not isinstance(value, str)
    return lambda value: not isinstance(value, str) or match(value) is not None


def _allowed(allowed: Any) -> Check:
    return lambda value: isinstance(value, str) and value in allowed


def _schema(schema: Any) -> Check:
    """A list: every item against the rules; a mapping: against the sub-schema."""
    items = mapping = None

    def check(value: Any) -> bool:
        nonlocal items, mapping
        if isinstance(value, list):
            node = value.__class__ is Seq
            if node and value.accepted is check:
                return True
            items = items or _built(_value, schema)
            for item in value:
                if not items(item):
                    return False
            if node:
                value.accepted = check
            return True
        if isinstance(value, dict):
            mapping = mapping or _built(_mapping, schema)
            return mapping(value)
        return not isinstance(value, (tuple, set, bytes))
    return check


_ENTRY_RULES = ("keysrules", "valuesrules")


def _entries(rules: list[tuple[str, Any]]) -> Check:
    """keysrules and valuesrules, in the order written: every key, then every value, of a
    mapping against the rules. A mapping of a plan tree that passed keeps this check as its
    note, so a child's units (its parent's, with its own over them) are looked at only where
    they differ from the base's."""
    checks = None

    def check(value: Any) -> bool:
        nonlocal checks
        if not isinstance(value, dict):
            return True
        if checks is None:
            checks = [(rule == "keysrules", _built(_value, each)) for rule, each in rules]
        node = value.__class__ is Map
        base = None
        if node:
            if value.accepted is check:
                return True
            base = _passed_base(value, check)
        for of_keys, each in checks:
            for key, item in value.items():
                if base is not None and base.get(key, ABSENT) is item:
                    continue
                if not each(key if of_keys else item):
                    return False
        if node:
            value.accepted = check
        return True
    return check


_SIZED = (str, list, dict)


def _min_length(bound: Any) -> Check:
    return lambda value: not isinstance(value, _SIZED) or len(value) >= bound


def _max_length(bound: Any) -> Check:
    return lambda value: not isinstance(value, _SIZED) or len(value) <= bound


def _bound(outside: Callable[[Any, Any], bool]) -> Callable[[Any], Check]:
    """min and max; values that do not compare with the bound are left to other rules."""
    def compile_rule(bound: Any) -> Check:
        def check(value: Any) -> bool:
            try:
                return not outside(value, bound)
            except TypeError:
                return True
        return check
    return compile_rule


def _check_with(name: Any) -> Check:
    """One of schema.CHECKS; a check that raises means "not sure", as any exception does."""
    try:
        problem = CHECKS[name]
    except Exception:           # an unknown name raised for every value
        return _never
    return lambda value: problem(value) is None


def _oneof_schema(schemas: Any) -> Check:
    """Exactly one of the sub-schemas accepts the mapping (a task, or a sub-group). An
    alternative whose required keys are not all there is out without a look at the values,
    and one whose mapping check left its note on the node (a task a child shares) is in
    without a call."""
    alternatives = [(frozenset(k for k, rules in one.items() if rules.get("required") is True),
                     _schema(one), one) for one in schemas]
    mappings: list[Check | None] = [None] * len(alternatives)   # each one's, once built

    def check(value: Any) -> bool:
        keys = value.keys() if isinstance(value, dict) else ()
        note = value.accepted if value.__class__ is Map else None
        found = 0
        for n, (required, accepted, one) in enumerate(alternatives):
            if not required <= keys:
                continue
            if note is not None and mappings[n] is None:
                mappings[n] = _BUILT.get((id(one), _mapping), (None, None))[1]
            if (note is not None and note is mappings[n]) or accepted(value):
                found += 1
        return found == 1
    return check


_RULES: dict[str, Callable[[Any], Check]] = {
    "regex": _regex,
    "allowed": _allowed,
    "schema": _schema,
    "minlength": _min_length,
    "maxlength": _max_length,
    "min": _bound(lambda value, bound: value < bound),
    "max": _bound(lambda value, bound: value > bound),
    "check_with": _check_with,
    "oneof_schema": _oneof_schema,
}
