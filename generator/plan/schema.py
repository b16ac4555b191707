"""The Cerberus schema of a resolved plan: what every key means and which values it takes.

The same schema checks a root plan and a child after inheritance, so the positions in its
messages point at whichever file wrote the offending value.
"""
from __future__ import annotations

import functools

from generator.plan.dates import DocDate

ID = {"type": "string", "regex": r"[a-z0-9][a-z0-9_.-]*"}
UNIT_ID = r"[a-z][a-z0-9_]*"
TEXT = {"type": "string"}
# Text a document cannot do without: empty or only spaces is refused as null is.
REQUIRED_TEXT = {"type": "string", "required": True, "check_with": "text"}
# A cell: one paragraph, or a list of paragraphs (bullets keep their literal "- ").
CELL = {"type": ["string", "list"], "schema": {"type": "string"}}
UNITS = {"type": ["string", "list"], "regex": UNIT_ID,
         "schema": {"type": "string", "regex": UNIT_ID}}
DATE = {"type": "string", "check_with": "docdate"}  # see CHECKS at the end
DEADLINE = {"type": ["string", "list"], "schema": {"type": "string"}}

# Keys that steer inheritance; the merge removes them from the resolved plan.
CONTROL = {"drop": {"type": "boolean"}, "after": ID, "before": ID,
           "at": {"type": "string", "allowed": ["start", "end"]}}

TASK_FIELDS = ("content", "lead", "coordinating", "deadline", "result", "note", "assignee",
               "measure", "target", "evaluator")
COMPUTED_FIELDS = ("stt", "stt2", "number")
COLUMN_FIELDS = COMPUTED_FIELDS + TASK_FIELDS
UNIT_FIELDS = ("lead", "coordinating", "evaluator")

_ROW = {"content": CELL, "lead": UNITS, "coordinating": UNITS, "deadline": DEADLINE,
        "result": CELL, "note": CELL, "assignee": CELL, "measure": CELL, "target": CELL,
        "evaluator": UNITS}

TASK = {
    "id": {**ID, "required": True},
    **_ROW,
    "content": {**CELL, "required": True, "check_with": "text",
                "schema": {"type": "string", "check_with": "text"}},
    "deadline_reason": TEXT,
    "number": TEXT,
    "stt": TEXT,
    "stt2": TEXT,
    "span": {"type": "dict", "schema": {
        "from": {"type": "string", "required": True, "allowed": list(COLUMN_FIELDS)},
        "to": {"type": "string", "required": True, "allowed": list(COLUMN_FIELDS)},
        "text": {**CELL, "required": True, "check_with": "text",
                 "schema": {"type": "string", "check_with": "text"}}}},
    "rows": {"type": "list", "minlength": 1, "schema": {"type": "dict", "schema": _ROW}},
    "merge_up": {"type": "list", "schema": {"type": "string", "allowed": list(TASK_FIELDS)}},
    **CONTROL,
}


GROUP_KIND = "group"    # ``kind: group`` marks a sub-group written among a list's tasks


def is_group(item) -> bool:
    """Whether an entry of a ``tasks:`` list is a sub-group (``kind: group``), not a task."""
    return isinstance(item, dict) and item.get("kind") == GROUP_KIND


@functools.cache
def group_schema(depth: int) -> dict:
    """A group at ``depth`` (1 under a part), with sub-groups down to depth 4."""
    schema = {
        "id": {**ID, "required": True},
        "kind": {"type": "string", "allowed": [GROUP_KIND]},
        "title": REQUIRED_TEXT,
        "number": TEXT,
        "tasks": task_list(depth + 1),
        **CONTROL,
    }
    if depth < 4:
        schema["groups"] = {"type": "list", "schema": {"type": "dict", "schema": group_schema(depth + 1)}}
    return schema


@functools.cache
def task_list(depth: int) -> dict:
    """A ``tasks:`` list whose groups are at ``depth``: tasks, and sub-groups written where they
    print (``kind: group``) while the depth allows them."""
    if depth > 4:
        return {"type": "list", "schema": {"type": "dict", "schema": TASK}}
    sub_group = {**group_schema(depth),
                 "kind": {"type": "string", "required": True, "allowed": [GROUP_KIND]}}
    return {"type": "list", "schema": {"type": "dict", "oneof_schema": [TASK, sub_group]}}


COLUMN = {"field": {"type": "string", "required": True, "allowed": list(COLUMN_FIELDS)},
          "label": REQUIRED_TEXT,
          "width": {"type": "number", "required": True, "min": 5, "max": 300}}

PART = {
    "id": {**ID, "required": True},
    "title": TEXT,
    "layout": ID,
    "stt_continues": {"type": "boolean"},
    "groups": {"type": "list", "schema": {"type": "dict", "schema": group_schema(1)}},
    "tasks": task_list(1),
    **CONTROL,
}

PARAGRAPH = {"type": ["string", "dict"], "schema": {
    "id": ID,
    "kind": {"type": "string", "allowed": ["text", "bullet", "item", "heading", "note"]},
    "text": REQUIRED_TEXT,
    "number": TEXT,
    **CONTROL,
}}

CITE = {"type": ["string", "dict"], "check_with": "cite", "schema": {
    "type": REQUIRED_TEXT,
    "number": REQUIRED_TEXT,
    "date": {**DATE, "required": True},
    "issuer": REQUIRED_TEXT,
    "about": TEXT,
}}

BASIS = {"type": ["string", "dict"], "schema": {
    "id": ID, "text": TEXT, "cite": CITE, **CONTROL,
}}

SIGNATURE = {"type": "dict", "schema": {
    "lines": {"type": "list", "required": True, "minlength": 1, "maxlength": 3,
              "schema": TEXT},
    "name": {**TEXT, "required": True},     # empty in a draft: the signer writes it by hand
}}

# The decision that amends this version of the plan (plangen amend), and the amendments
# already issued, which the plan's documents then cite. Neither is inherited (inherit.py).
AMENDMENT = {"type": "dict", "schema": {
    "number": {"type": "string", "required": True, "regex": r"\d*"},
    "date": {**DATE, "required": True},
    "authority": TEXT,
    "bases": {"type": "list", "schema": TEXT},
    "proposal": TEXT,
    "signature": SIGNATURE,
    "recipients": {"type": "list", "schema": TEXT},
}}

AMENDMENTS = {"type": "list", "schema": {"type": "dict", "schema": {
    "number": {"type": "string", "required": True, "regex": r"\d+"},
    "date": {**DATE, "required": True},
}}}

SCHEMA = {
    "extends": {"type": "string"},
    "cite_parent": {"type": "boolean"},
    "reconstructed": TEXT,
    "year": {"type": "integer", "required": True, "min": 1990, "max": 2100},
    "issuer": {"type": "dict", "required": True, "schema": {
        "parent": TEXT,
        "name": {"type": ["string", "list"], "required": True, "check_with": "text",
                 "schema": {"type": "string", "check_with": "text"}},
        "full": REQUIRED_TEXT,
        "short": TEXT,
        "abbr": {"type": "string", "required": True, "regex": r"[A-ZĐ0-9]+"},
        "place": REQUIRED_TEXT,
    }},
    "document": {"type": "dict", "required": True, "schema": {
        "number": {"type": "string", "required": True, "regex": r"\d*"},
        "type": {"type": "string",
                 "allowed": ["QĐ", "KH", "BC", "TTr", "TB", "HD", "CTr", "PA", "ĐA"]},
        "date": {**DATE, "required": True},
    }},
    "units": {"type": "dict", "keysrules": {"type": "string", "regex": UNIT_ID},
              "valuesrules": {"type": "string", "check_with": "text"}},
    "decision": {"type": "dict", "schema": {
        "title": REQUIRED_TEXT,
        "authority": REQUIRED_TEXT,
        "bases": {"type": "list", "schema": BASIS},
        "proposal": TEXT,
        "articles": {"type": "list", "required": True, "minlength": 1, "schema": {
            "type": "dict", "schema": {"id": ID, "text": REQUIRED_TEXT,
                                       **CONTROL}}},
    }},
    "plan": {"type": "dict", "required": True, "schema": {
        "title": REQUIRED_TEXT,
        "letterhead": {"type": "boolean"},
        "attached": {"type": "string", "nullable": True},
        "bases": {"type": "list", "schema": BASIS},
        "preamble": {"type": "list", "schema": PARAGRAPH},
        "sections": {"type": "list", "schema": {"type": "dict", "schema": {
            "id": {**ID, "required": True},
            "heading": REQUIRED_TEXT,
            "paragraphs": {"type": "list", "schema": PARAGRAPH},
            **CONTROL,
        }}},
    }},
    "appendix": {"type": "dict", "schema": {
        "title": REQUIRED_TEXT,
        "attached": {"type": "string", "nullable": True},
        "numbering": {"type": "dict", "schema": {
            "parts": {"type": "string", "allowed": ["arabic", "roman", "none"]},
            "groups": {"type": "string", "allowed": ["arabic", "roman"]},
            "tasks": {"type": "string", "allowed": ["flat", "outline"]},
        }},
        "layouts": {"type": "dict", "required": True, "minlength": 1,
                    "keysrules": ID, "valuesrules": {"type": "dict", "schema": {
                        "columns": {"type": "list", "required": True, "minlength": 1,
                                    "schema": {"type": "dict", "schema": COLUMN}},
                        "split_rows": {"type": "boolean"}}}},
        "layout": {**ID, "required": True},
        "parts": {"type": "list", "required": True, "schema": {"type": "dict", "schema": PART}},
    }},
    "signature": {**SIGNATURE, "required": True},
    "recipients": {"type": "list", "schema": TEXT},
    "amendment": AMENDMENT,
    "amendments": AMENDMENTS,
}


def _docdate(value: str) -> str | None:
    try:
        DocDate.parse(value)
    except ValueError as e:
        return str(e)
    return None


def _text(value) -> str | None:
    if isinstance(value, str) and not value.strip():
        return "must not be empty"
    return None


def _cite(value: str | dict) -> str | None:
    if isinstance(value, str) and value != "parent":
        return f"a citation is 'parent' or a mapping, not '{value}'"
    return None


# The checks that rules name with ``check_with``: each says what is wrong with a value, or
# None. Cerberus (validate.py) reports the problem; schema_check.py only asks whether there is one.
CHECKS = {"docdate": _docdate, "cite": _cite, "text": _text}
