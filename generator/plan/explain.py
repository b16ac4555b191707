"""Show a resolved plan: as a standalone YAML plan, or value by value with its origin."""
from __future__ import annotations

import re
from typing import Any, Iterator

import yaml

from generator.errors import Pos
from generator.tree import Map, Seq, plain

_UNIT_PATH = re.compile(r"\.(lead|coordinating|evaluator)(\[\d+\])?$")
_UNIT_LINE = re.compile(r"^(\s*(?:- )?(?:lead|coordinating|evaluator): )(\[.*\]|[a-z][a-z0-9_]*)$")


def resolved_yaml(tree: Map) -> str:
    """The resolved plan as YAML that loads on its own; unit ids carry their names as comments."""
    data = plain(tree)
    data.pop("extends", None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=None)
    units = tree.get("units") or {}
    lines = []
    for line in text.splitlines():
        m = _UNIT_LINE.match(line)
        if m:
            ids = re.findall(r"[a-z][a-z0-9_]*", m[2])
            line += "  # " + "; ".join(units.get(i, "?") for i in ids)
        lines.append(line)
    return "\n".join(lines) + "\n"


def explain_lines(tree: Map, own_file: str) -> Iterator[str]:
    """``path = value    file:line`` for every leaf; inherited values are marked."""
    units = tree.get("units") or {}
    for path, value, pos in _leaves(tree, "", tree.pos):
        origin = str(pos) if pos else "?"
        mark = "" if pos is None or pos.file == own_file else "  (inherited)"
        name = f" ({units[value]})" if _UNIT_PATH.search(path) and value in units else ""
        yield f"{path} = {_show(value)}{name}    ← {origin}{mark}"


def _leaves(value: Any, path: str, pos: Pos | None):
    if isinstance(value, Map):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else key, value.where(key))
    elif isinstance(value, Seq):
        for n, item in enumerate(value):
            label = item.get("id") if isinstance(item, Map) and isinstance(item.get("id"), str) else n
            yield from _leaves(item, f"{path}[{label}]", value.where(n))
    else:
        yield path, value, pos


def _show(value: Any) -> str:
    if isinstance(value, str):
        short = value if len(value) <= 90 else value[:87] + "…"
        return '"' + short.replace("\n", " ") + '"'
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
