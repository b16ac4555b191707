"""The JSON Schema of a plan file, converted from the Cerberus SCHEMA, for editors.

yaml-language-server (VS Code's YAML extension) completes keys and flags errors while typing
when a file names a JSON Schema. Writing that schema by hand would let it drift from
``schema.SCHEMA``; converting it keeps one source of truth, and a rule this converter does not
know stops the conversion instead of being silently dropped.

Cerberus checks a *resolved* plan, but an editor sees the file as written. A child plan
(one with ``extends``) writes only its changes: the keys it inherits are not required, list
items may be bare ``{id: x, drop: true}``. So the schema has two variants: a root plan gets
every ``required`` of the Cerberus schema; a child keeps only the ids, its own identity
(issuer, document, signature …, never inherited) and whatever it writes whole (legal bases,
and lists without ids, which replace the parent's). What JSON Schema cannot say
(a date that does not exist, a unit id that is not declared) is left to ``plangen validate``.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from generator.plan import schema
from generator.plan.inherit import ID_LISTS, IDENTITY_KEYS, NEVER_INHERITED

DRAFT = "http://json-schema.org/draft-07/schema#"
DATE_PATTERN = r"^\d{4}-(0?[1-9]|1[0-2])(-(0?[1-9]|[12]\d|3[01]))?$"

_TYPES = {"string": "string", "list": "array", "dict": "object", "integer": "integer",
          "boolean": "boolean", "number": "number"}
_LENGTH = {"array": ("minItems", "maxItems"), "string": ("minLength", "maxLength"),
           "object": ("minProperties", "maxProperties")}
# schema.CHECKS, as far as JSON Schema can say them.
_CHECKS: dict[str, dict] = {
    "docdate": {"pattern": DATE_PATTERN},
    "cite": {"if": {"type": "string"}, "then": {"const": "parent"}},
    "text": {"pattern": r"\S"},
}
# Rules and mappings the Cerberus schema shares by reference: written once, under definitions.
_SHARED: dict[int, str] = {id(obj): name for name, obj in (
    ("task", schema.TASK), ("part", schema.PART), ("column", schema.COLUMN),
    ("paragraph", schema.PARAGRAPH), ("basis", schema.BASIS), ("cell", schema.CELL),
    ("units", schema.UNITS), ("deadline", schema.DEADLINE), ("id", schema.ID),
    *((f"group-{d}", schema.group_schema(d)) for d in range(1, 5)),
    *((f"sub-group-{d}", schema.task_list(d)["schema"]["oneof_schema"][1]) for d in range(1, 5)))}
_SOURCE = schema.__name__.replace(".", "/") + ".py"
_HANDLED = {"type", "required", "nullable", "regex", "allowed", "min", "max", "minlength",
            "maxlength", "schema", "keysrules", "valuesrules", "check_with", "oneof_schema"}


class _Converter:
    """Converts rules, collecting shared ones under ``definitions``."""

    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}

    def rule(self, rule: dict, partial: bool) -> dict:
        return self._shared(rule, partial, self._rule)

    def mapping(self, mapping: dict, partial: bool, top: bool = False) -> dict:
        """An object whose keys are ``mapping``'s; ``partial`` for a child plan's file."""
        if top:
            return self._mapping(mapping, partial, top)
        return self._shared(mapping, partial, self._mapping)

    def _shared(self, obj: dict, partial: bool, convert: Callable[[dict, bool], dict]) -> dict:
        name = _SHARED.get(id(obj))
        if name is None:
            return convert(obj, partial)
        body = convert(obj, partial)
        if partial and body != convert(obj, False):
            name += "-child"
        self.definitions.setdefault(name, body)
        return {"$ref": f"#/definitions/{name}"}

    def _rule(self, rule: dict, partial: bool) -> dict:
        unknown = set(rule) - _HANDLED
        if unknown:
            raise ValueError(f"cannot convert Cerberus rule(s) {sorted(unknown)} to JSON Schema")
        names = rule["type"] if isinstance(rule.get("type"), list) else [rule.get("type")]
        types = [_TYPES[n] for n in names if n] + (["null"] if rule.get("nullable") else [])
        out: dict[str, Any] = {}
        if types:
            out["type"] = types[0] if len(types) == 1 else types
        out.update(self._checks(rule, types))
        if "schema" in rule:
            out.update(self._inner(rule["schema"], types, partial))
        if "oneof_schema" in rule:      # the alternatives exclude each other (a task, a sub-group)
            out["anyOf"] = [self.mapping(one, partial) for one in rule["oneof_schema"]]
        if "keysrules" in rule:
            out["propertyNames"] = self.rule(rule["keysrules"], False)
        if "valuesrules" in rule:
            out["additionalProperties"] = self.rule(rule["valuesrules"], partial)
        return _merge_ref(out)

    @staticmethod
    def _checks(rule: dict, types: list[str]) -> dict:
        out: dict[str, Any] = {}
        if "regex" in rule:
            out["pattern"] = f"^(?:{rule['regex']})$"     # Cerberus matches the whole value
        if "allowed" in rule:
            out["enum"] = list(rule["allowed"])
        if "min" in rule:
            out["minimum"] = rule["min"]
        if "max" in rule:
            out["maximum"] = rule["max"]
        for n, key in enumerate(("minlength", "maxlength")):
            if key in rule:
                out.update({_LENGTH[t][n]: rule[key] for t in types if t in _LENGTH})
        if "check_with" in rule:
            if rule["check_with"] not in _CHECKS:
                raise ValueError(f"cannot convert check_with '{rule['check_with']}' to JSON Schema")
            out.update(_CHECKS[rule["check_with"]])
        return out

    def _inner(self, inner: dict, types: list[str], partial: bool) -> dict:
        """Cerberus ``schema``: the keys of a mapping, or the rule of every list item."""
        if "object" in types and "array" in types:
            raise ValueError("cannot convert a 'schema' for a value that may be a list or a mapping")
        if "object" in types:
            keys = self.mapping(inner, partial)
            return {k: v for k, v in keys.items() if k != "type"}   # the rule's own types stand
        return {"items": self.rule(inner, partial)} if "array" in types else {}

    def _mapping(self, mapping: dict, partial: bool, top: bool = False) -> dict:
        properties, required = {}, []
        for key, rule in mapping.items():
            own = not partial or key == "id" or (top and key in IDENTITY_KEYS)
            properties[key] = self.rule(rule, partial and not (own or _written_whole(key, rule)))
            if rule.get("required") and own:
                required.append(key)
        out: dict[str, Any] = {"type": "object", "properties": properties,
                               "additionalProperties": False}
        if required:
            out["required"] = required
        return out


def _written_whole(key: str, rule: dict) -> bool:
    """Whether a child writes this value in full: never inherited, or a list that replaces
    the parent's (only the lists in ``ID_LISTS`` are merged item by item)."""
    types = rule.get("type") if isinstance(rule.get("type"), list) else [rule.get("type")]
    return key in NEVER_INHERITED or ("list" in types and key not in ID_LISTS)


def _merge_ref(out: dict) -> dict:
    """A rule whose keys came from a shared mapping: the ``$ref`` alone when it says it all.

    Draft-07 ignores keywords beside ``$ref``; and the shared object schema must apply only
    when the value is a mapping, when the rule also allows other types.
    """
    if "$ref" not in out:
        return out
    ref = {"$ref": out.pop("$ref")}
    if out == {"type": "object"}:
        return ref
    return {**out, "if": {"type": "object"}, "then": ref}


def plan_json_schema() -> dict:
    """The whole schema: a child plan (with ``extends``) is checked as a partial file."""
    converter = _Converter()
    root = converter.mapping(schema.SCHEMA, partial=False, top=True)
    child = converter.mapping(schema.SCHEMA, partial=True, top=True)
    return {
        "$schema": DRAFT,
        "title": "plangen plan",
        "description": f"A plan file (docs/plan-format.md). Generated from {_SOURCE} "
                       "by `plangen schema -o schema/plan.schema.json`: do not edit by hand.",
        "type": "object",
        "if": {"required": ["extends"]},
        "then": {"$ref": "#/definitions/child-plan"},
        "else": {"$ref": "#/definitions/root-plan"},
        "definitions": {"root-plan": root, "child-plan": child,
                        **dict(sorted(converter.definitions.items()))},
    }


def schema_text() -> str:
    """The schema as written to schema/plan.schema.json: stable, UTF-8, one final newline."""
    return json.dumps(plan_json_schema(), ensure_ascii=False, indent=2) + "\n"
