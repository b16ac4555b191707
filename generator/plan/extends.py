"""Follow ``extends`` without resolving: which plans a plan depends on.

The Resolver (inherit.py) merges a chain and reports where it breaks; the callers here only
need the chain itself, and cheaply (a build's no-op run, a redline deciding what changed, a
git revision's plans copied out), so this module imports no YAML until a text is read with it.
"""
from __future__ import annotations

import os
import re
from pathlib import PurePath
from typing import Callable, Iterator, TypeVar

from generator.errors import PlanError

MAX_CHAIN = 20                 # plans an extends chain is followed through, at most

P = TypeVar("P", bound=PurePath)


def extends_chain(path: P, parent_of: Callable[[P], P | None], limit: int = MAX_CHAIN) -> Iterator[P]:
    """``path``, the plan it extends, that plan's parent …: nearest first, each once.

    The one walk along ``extends`` outside the Resolver (a REV's plans copied out of git,
    the plans a redline depends on, a build's order). ``parent_of`` gives one plan's parent
    (``parent_in`` makes it from a way to read text); the walk ends at a plan without one,
    at a cycle or after ``limit`` plans. It only follows: the Resolver reports a broken chain
    where it breaks.
    """
    seen: set[P] = set()
    current: P | None = path
    while current is not None and current not in seen and len(seen) < limit:
        seen.add(current)
        yield current
        current = parent_of(current)


# a top-level ``extends:`` line: its value double-quoted, single-quoted or bare, then a comment
_EXTENDS_LINE = re.compile(rb"^extends:[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)'|([^\s#'\"][^#\n]*?))"
                           rb"[ \t]*(?:#.*)?$", re.MULTILINE)


def quick_extends(text: bytes) -> str | None:
    """The ``extends`` a plan names, read off its top-level line (every plan of a tree is
    read at every build and roll-up); YAML only when the line is written in a way the
    pattern does not know."""
    match = _EXTENDS_LINE.search(text)
    if match:
        return next(g for g in match.groups() if g is not None).decode("utf-8").strip() or None
    return declared_extends(text) if b"extends" in text else None


def declared_extends(text: bytes) -> str | None:
    """The ``extends`` of a plan's text; None when it names none or the text does not load."""
    from generator.plan.load import load_text
    try:
        value = load_text(text, "plan").get("extends")
    except PlanError:
        return None            # the pipeline reports the file's own problems
    return value if isinstance(value, str) else None


def parent_path(path: P, value: str | None) -> P | None:
    """The plan that ``extends: value`` in the plan at ``path`` names, its path normalised."""
    if not value or not value.strip():
        return None
    return type(path)(os.path.normpath(os.path.join(os.path.dirname(path), value)))


def parent_in(read: Callable[[P], bytes | None],
              extends: Callable[[bytes], str | None] = declared_extends) -> Callable[[P], P | None]:
    """``parent_of`` for extends_chain: ``read`` gives a plan's text (None when it cannot),
    ``extends`` the value it names; YAML reads it by default."""
    def parent_of(path: P) -> P | None:
        text = read(path)
        return None if text is None else parent_path(path, extends(text))
    return parent_of
