"""Check a resolved plan tree against the schema and say where each problem is.

Valid plans take the fast path (schema_check.accepts); only a plan with a problem meets
Cerberus, which is imported then and not at start-up.
"""
from __future__ import annotations

import copy
import functools
import unicodedata
from typing import Any

from generator.errors import Problem
from generator.plan.schema import CHECKS, ID, SCHEMA, UNIT_ID, group_schema
from generator.plan.schema_check import accepts
from generator.tree import enclosing_task, position

_TYPE_WORDS = {"string": "text", "list": "a list", "dict": "a mapping", "integer": "an integer",
               "boolean": "true or false", "number": "a number"}


def validator_class(checks: dict, name: str = "_Validator"):
    """A Cerberus validator with a ``_check_with_NAME`` method for each of ``checks`` (a
    function of the value returning a problem or None): the schema names the check, the
    function words the problem."""
    import cerberus

    def method(check):
        def check_with(self, field, value):
            problem = check(value)
            if problem:
                self._error(field, problem)
        return check_with

    return type(name, (cerberus.Validator,),
                {f"_check_with_{n}": method(check) for n, check in checks.items()})


@functools.cache
def _validator_class():
    """The plan's validator: a check for each of schema.CHECKS."""
    return validator_class(CHECKS)


def checked_schema():
    """SCHEMA as Cerberus expands it, after Cerberus has checked the definition (~0.2 s)."""
    return _validator_class()(copy.deepcopy(SCHEMA)).schema.schema


@functools.cache
def _validator():
    """A validator over SCHEMA that skips Cerberus's check of the schema definition.

    That check costs a quarter second per process and its verdict never changes for one
    SCHEMA: tests/plan/test_schema_check.py runs it (checked_schema) and compares.
    """
    from cerberus.schema import DefinitionSchema, UnvalidatedSchema
    expanded = DefinitionSchema.expand(copy.deepcopy(SCHEMA))
    return _validator_class()(UnvalidatedSchema(expanded))


def validate_tree(tree: dict) -> list[Problem]:
    """Every schema problem of ``tree``, each at the position of the value it concerns."""
    if accepts(tree):
        return []
    from cerberus import errors as cerr
    validator = _validator()
    validator.validate(tree)
    problems: list[Problem] = []
    errors = list(_leaves(validator._errors))
    suggested = {(tuple(e.document_path[:-1]), hint) for e in errors
                 if e.code == cerr.UNKNOWN_FIELD.code
                 for hint in _suggest(e.document_path[-1], tuple(e.document_path[:-1]))}
    for error in errors:
        path = tuple(error.document_path)
        if error.code == cerr.REQUIRED_FIELD.code and (path[:-1], path[-1]) in suggested:
            continue  # the misspelt key already says it
        where = position(tree, path)
        if error.code == cerr.UNKNOWN_FIELD.code or (path and error.value == path[-1]):
            holder = _at(tree, path[:-1])       # an unknown key, or a key of the wrong form
            where = getattr(holder, "key_pos", {}).get(path[-1], where)
        problems.append(Problem(where, _message(error, tree, path), enclosing_task(tree, path)))
    return problems


def _at(tree, path):
    node = tree
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _suggest(key, holder_path) -> list[str]:
    import difflib                  # only for a plan with a problem
    allowed = [k for k in _allowed_keys(holder_path) if k != key]   # of the other kind of entry
    return difflib.get_close_matches(visible(str(key)), allowed, n=1, cutoff=0.75)


def _leaves(errors):
    from cerberus import errors as cerr
    for e in errors:
        if e.code == cerr.ONEOF.code:     # a tasks: entry: a task, or a sub-group (kind: ...)
            sub_group = isinstance(e.value, dict) and "kind" in e.value
            yield from _leaves(e.definitions_errors.get(1 if sub_group else 0, []))
        elif e.is_group_error and e.child_errors:
            yield from _leaves(e.child_errors)
        elif not e.is_group_error:
            yield e


def _describe(value: Any) -> str:
    for t, word in (("bool", "true or false"), ("int", "an integer"), ("str", "text"),
                    ("list", "a list"), ("dict", "a mapping"), ("NoneType", "empty")):
        if type(value).__name__ == t or (t == "list" and isinstance(value, list)) or \
                (t == "dict" and isinstance(value, dict)) or (t == "str" and isinstance(value, str)):
            return word
    return type(value).__name__


def _message(e, tree: dict, path: tuple) -> str:
    import cerberus
    from cerberus import errors as cerr
    key = _key_name(path)
    if e.code == cerr.REQUIRED_FIELD.code:
        return f"missing required key '{key}'"
    if e.code == cerr.UNKNOWN_FIELD.code:
        return _unknown(key, e, tree, path)
    if e.code == cerr.BAD_TYPE.code:
        wanted = e.constraint if isinstance(e.constraint, list) else [e.constraint]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        if wanted == ["boolean"]:
            return f"'{key}' is {_shown(e.value)}: write true or false"
        return f"'{key}' must be {words}, not {_describe(e.value)}"
    if e.code == cerr.UNALLOWED_VALUE.code:
        allowed = ", ".join(map(str, e.constraint))
        return f"'{key}' is '{e.value}'; allowed: {allowed}"
    if e.code == cerr.REGEX_MISMATCH.code:
        hidden = [c for c in str(e.value) if invisible(c)]
        if hidden:
            return (f"'{key}' is '{visible(str(e.value))}' with the invisible character "
                    f"U+{ord(hidden[0]):04X} at position {str(e.value).index(hidden[0]) + 1}: delete it")
        form = _FORMS.get(e.constraint, "it has the wrong form")
        if e.value == key:                          # a key of its own (a unit id)
            return f"'{key}' cannot be used as a name: {form}"
        if e.constraint == UNIT_ID and "," in str(e.value):     # several units as one text
            ids = ", ".join(part.strip() for part in str(e.value).split(","))
            return f"'{key}' is '{e.value}': write several units as a list, like [{ids}]"
        return f"'{key}' is '{e.value}': {form}"
    if e.code == cerr.MIN_LENGTH.code:
        return f"'{key}' needs at least {e.constraint} item(s)"
    if e.code == cerr.MAX_LENGTH.code:
        return f"'{key}' takes at most {e.constraint} item(s)"
    if e.code in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        bound = "at least" if e.code == cerr.MIN_VALUE.code else "at most"
        return f"'{key}' must be {bound} {e.constraint}, not {e.value}"
    if e.code == cerr.CUSTOM.code:
        return f"'{key}' {e.info[0]}" if e.info[0].startswith("must ") else f"'{key}': {e.info[0]}"
    if e.code == cerr.NOT_NULLABLE.code:
        return f"'{key}' must not be empty"
    return f"'{key}': {cerberus.errors.BasicErrorHandler.messages.get(e.code, 'invalid value')}"


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, (str, int)) else _describe(value)


# What each pattern of the schema asks for, in words (a message never shows a regex).
_FORMS = {
    ID["regex"]: "ids are lower-case letters, digits, '.', '_' and '-', "
                 "starting with a letter or digit",
    UNIT_ID: "unit ids are lower-case letters, digits and _, starting with a letter",
    SCHEMA["issuer"]["schema"]["abbr"]["regex"]: "write it in capital letters and digits, like UBND",
    SCHEMA["document"]["schema"]["number"]["regex"]: "write digits only, like 77 (or leave it empty)",
}


def _key_name(path: tuple) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return "plan"


def _unknown(key: str, e, tree: dict, path: tuple) -> str:
    hidden = [c for c in key if invisible(c)]
    if hidden and visible(key) in _allowed_keys(path[:-1]):
        return (f"the key '{visible(key)}' holds the invisible character {_code(hidden[0])} "
                f"at position {key.index(hidden[0]) + 1}: delete it")
    if len(path) > 2 and path[-3] == "tasks" and key in group_schema(1):
        return f"unknown key '{key}' in a task: a sub-group written among tasks says 'kind: group'"
    hint = _suggest(key, path[:-1])
    if hint:
        return f"unknown key '{visible(key)}'; did you mean '{hint[0]}'?"
    home = _home(key)
    if home:
        return f"'{key}' does not belong here: it goes {home}"
    return f"unknown key '{visible(key)}'"


def invisible(char: str) -> bool:
    """Characters that look like nothing or like a space: BOM, zero-width, no-break space."""
    return unicodedata.category(char) in ("Cf", "Zl", "Zp") or (
        unicodedata.category(char) == "Zs" and char != " ")


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def visible(key: str) -> str:
    return "".join(c for c in key if not invisible(c))


# Where a key lives, in words, for a key written at the wrong level.
_HOMES = {("appendix", "parts"): "in a part of the appendix",
          ("appendix", "parts", "groups"): "in a group of the appendix",
          ("appendix", "parts", "groups", "tasks"): "in a task",
          ("appendix", "parts", "tasks"): "in a task",
          ("appendix",): "under 'appendix:'", ("plan",): "under 'plan:'",
          ("decision",): "under 'decision:'", ("issuer",): "under 'issuer:'",
          ("document",): "under 'document:'", (): "at the top of the file, not indented"}


def _home(key: str) -> str | None:
    for where, words in _HOMES.items():
        if key in _allowed_keys(where):
            return words
    return None


def _allowed_keys(path: tuple) -> list[str]:
    """The keys the schema allows in the mapping at ``path``."""
    node: Any = SCHEMA
    for step in path:
        if isinstance(step, int):
            continue
        rule = node.get(step, {}) if isinstance(node, dict) else {}
        node = _keys_of(rule.get("schema", {}))
    node = _keys_of(node)
    return [k for k in node if isinstance(node.get(k), dict)] if isinstance(node, dict) else []


def _keys_of(node):
    """The mapping of keys under a rule: its ``schema``, or every alternative's keys together."""
    if isinstance(node, dict) and node.get("type") == "dict" and "oneof_schema" in node:
        return {key: rule for one in node["oneof_schema"] for key, rule in one.items()}
    if isinstance(node, dict) and "schema" in node and isinstance(node["schema"], dict):
        return node["schema"]
    return node
