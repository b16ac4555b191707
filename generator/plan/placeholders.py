"""Evaluate ``{{ … }}`` placeholders in plan text, once, in a sandbox.

Inherited text must read right in the child ("… của {{ issuer.short }}"), but a plan is data
typed by clerks: nothing in it may reach Python internals, loop without bound or be evaluated
twice. Text without placeholder syntax is returned untouched.
"""
from __future__ import annotations

import functools
import operator
import re
from typing import Any

from generator.errors import Pos, Problem
from generator.tree import Map, Seq

MAX_OUTPUT = 20_000
MARKERS = ("{{", "{%", "{#")
FILTERS = ("upper", "lower", "capitalize", "title", "trim", "replace")
NAMES = "year, issuer.*, document.*, parent.*, units.*"
_NAME = re.compile(r"\{\{ *([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*) *\}\}")


@functools.cache
def _environment():
    """The sandbox, built on first use: a plan whose placeholders are all plain names never
    imports Jinja (see _plain_names)."""
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class _Env(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator_name, left, right):
            if operator_name == "**":
                if isinstance(right, int) and right > 64:
                    raise SecurityError("exponent too large")
                return operator.pow(left, right)
            if isinstance(left, (str, list)) or isinstance(right, (str, list)):
                count = right if isinstance(left, (str, list)) else left
                size = len(left if isinstance(left, (str, list)) else right)
                if isinstance(count, int) and count * size > MAX_OUTPUT:
                    raise SecurityError("output too long")
            return operator.mul(left, right)

    env = _Env(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters = {k: env.filters[k] for k in FILTERS}
    env.globals = {}
    env.tests = {k: env.tests[k] for k in ("defined", "undefined", "eq", "ne")}
    return env


@functools.lru_cache(maxsize=4096)
def _compiled(text: str):
    """Children inherit most of their text: each distinct text is compiled once per process."""
    return _environment().from_string(text)


def has_placeholder(text: str) -> bool:
    return "{" in text and any(m in text for m in MARKERS)


def _plain_names(text: str, context: dict) -> str | None:
    """``text`` with each ``{{ name.path }}`` replaced, when that is all it holds and Jinja
    would give the same; else None, and Jinja evaluates it.

    Nearly every placeholder in real plans is ``{{ year }}`` or ``{{ issuer.short }}``;
    compiling each distinct text with Jinja cost more than loading the plan. Taken only for
    names of strings and integers (not of dict methods), with no other braces and no carriage
    return (Jinja rewrites line ends); tests/plan/test_placeholders.py checks it against Jinja.
    """
    if "\r" in text:
        return None
    pieces = _NAME.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if "{" in piece or "}" in piece:
                return None
            out.append(piece)
            continue
        value = context
        for name in piece.split("."):
            if not isinstance(value, dict) or name not in value or hasattr(dict, name):
                return None
            value = value[name]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return None
        out.append(str(value))
    result = "".join(out)
    return result if len(result) <= MAX_OUTPUT else None


def render_text(text: str, context: dict, pos: Pos | None) -> tuple[str, Problem | None]:
    """The evaluated text, or the original and a problem."""
    if not has_placeholder(text):
        return text, None
    plain = _plain_names(text, context)
    if plain is not None:
        return plain, None
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    try:
        template = _compiled(text)
        out, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                return text, Problem(pos, f"placeholder output longer than {MAX_OUTPUT:,} characters")
            out.append(chunk)
        return "".join(out), None
    except TemplateSyntaxError as e:
        return text, Problem(_shift(pos, e.lineno), f"malformed placeholder: {e.message}")
    except UndefinedError as e:
        return text, Problem(pos, f"unknown placeholder name: {e.message} (available: {NAMES})")
    except SecurityError as e:
        return text, Problem(pos, f"placeholder not allowed: {e}")
    except (TemplateError, TypeError, ValueError, ArithmeticError, RecursionError) as e:
        return text, Problem(pos, f"placeholder cannot be evaluated: {e}")


def _shift(pos: Pos | None, lineno: int | None) -> Pos | None:
    if pos is None or not lineno or lineno <= 1:
        return pos
    return Pos(pos.file, pos.line + lineno - 1, 1)


def evaluate_tree(value: Any, context: dict, problems: list[Problem],
                  pos: Pos | None = None, task: str | None = None) -> Any:
    """A copy of the tree with every placeholder evaluated (each value exactly once)."""
    if isinstance(value, Map):
        if "content" in value and isinstance(value.get("id"), str):
            task = value["id"]
        return value.with_values({key: evaluate_tree(item, context, problems, value.where(key), task)
                                  for key, item in value.items()})
    if isinstance(value, Seq):
        return Seq([evaluate_tree(v, context, problems, value.where(n), task)
                    for n, v in enumerate(value)], value.pos, value.item_pos)
    if isinstance(value, str):
        if "{" not in value:                     # most text: no placeholder possible
            return value
        text, problem = render_text(value, context, pos)
        if problem:
            problems.append(Problem(problem.pos, problem.message, task))
        return text
    return value
