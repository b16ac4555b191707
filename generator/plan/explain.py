"""Show a resolved plan: as a standalone YAML plan, or value by value with its origin."""
from __future__ import annotations

import re
from typing import Any, Iterator

import yaml

from generator.errors import Pos
from generator.plan.inherit import IDENTITY_KEYS
from generator.plan.model import Plan
from generator.plan.to_model import parent_citation
from generator.tree import Map, Seq, plain

_UNIT_PATH = re.compile(r"\.(lead|coordinating|evaluator)(\[\d+\])?$")
_UNIT_LINE = re.compile(r"^(\s*(?:- )?(?:lead|coordinating|evaluator): )(\[.*\]|[a-z][a-z0-9_]*)$")


def resolved_yaml(tree: Map, parent: Plan | None = None) -> str:
    """The resolved plan as YAML that loads and builds on its own to the same document.

    What the plan took from its parent beyond the tree is written out: the automatic citation
    of the parent's document becomes the first legal basis (``cite: parent`` its text), as
    ``extends`` and ``cite_parent`` go. Block style, long text on one line (never wrapped
    mid-phrase), short lists of words in brackets; unit ids carry their names as comments.
    """
    data = plain(tree)
    data.pop("extends", None)
    cite_parent = data.pop("cite_parent", True)
    if parent is not None:
        _write_out_citation(data, parent_citation(parent), cite_parent)
    text = yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False,
                     width=_NO_WRAP)
    units = tree.get("units") or {}
    lines = []
    for line in text.splitlines():
        m = _UNIT_LINE.match(line)
        if m:
            ids = re.findall(r"[a-z][a-z0-9_]*", m[2])
            line += "  # " + "; ".join(units.get(i, "?") for i in ids)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write_out_citation(data: dict, citation: str, cite_parent: bool) -> None:
    """The bases as the model reads them with the parent (to_model._bases), without it."""
    holder = data.get("decision") or data.get("plan")
    if not isinstance(holder, dict):
        return
    bases = holder.get("bases") or []
    cited = any(isinstance(b, dict) and b.get("cite") == "parent" for b in bases)
    bases = [citation if isinstance(b, dict) and b.get("cite") == "parent" else b for b in bases]
    if not cited and cite_parent is not False:
        bases.insert(0, citation)
    if bases:
        holder["bases"] = bases


_NO_WRAP = 1 << 20
_SHORT_LIST = 60           # a list of scalars this long or shorter is written in brackets


class _BlockDumper(yaml.SafeDumper):
    """Maps always in block style; lists in brackets only when short words; text with line
    breaks as a ``|`` block; list items indented under their key, as the plans write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, items: list):
    short = (all(isinstance(i, (str, int, float, bool)) or i is None for i in items)
             and sum(len(str(i)) + 2 for i in items) <= _SHORT_LIST
             and not any(isinstance(i, str) and "\n" in i for i in items))
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=short)


def _represent_str(dumper: yaml.SafeDumper, text: str):
    style = "|" if "\n" in text.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_dict(dumper: yaml.SafeDumper, data: dict):
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_BlockDumper.add_representer(list, _represent_list)
_BlockDumper.add_representer(str, _represent_str)
_BlockDumper.add_representer(dict, _represent_dict)


def explain_lines(tree: Map, own_file: str, parent: Map | None = None, raw: Map | None = None,
                  select: tuple[str, ...] = (), changed: bool = False) -> Iterator[str]:
    """``path = value    ← file:line`` for every leaf, texts in full; inherited values are
    marked. A value the plan's own file sets over a different inherited value is followed by
    ``replaces <parent value>    ← parent file:line``; a task the plan drops (``raw``, the
    file as written, says which) by ``<path> dropped``. ``select`` keeps the values whose
    path names one of them (a task, group or part id, or a field such as ``deadline`` or
    ``issuer.place``); ``changed`` keeps what the plan's own file sets."""
    units = tree.get("units") or {}
    before = {path: (value, pos) for path, value, pos in _leaves(parent, "", parent.pos)} \
        if parent is not None else {}
    for path, value, pos in _leaves(tree, "", tree.pos):
        own = pos is not None and pos.file == own_file
        if (changed and not own) or (select and not selected(path, select)):
            continue
        origin = str(pos) if pos else "?"
        mark = "" if pos is None or own else "  (inherited)"
        yield f"{path} = {_show(value)}{_unit(path, value, units)}    ← {origin}{mark}"
        if own and path in before and before[path][0] != value and \
                re.split(r"[.\[]", path, 1)[0] not in IDENTITY_KEYS:
            old, where = before[path]
            yield f"    replaces {_show(old)}{_unit(path, old, units)}    ← {where or '?'}"
    for path, pos in dropped(raw):
        if not select or selected(path, select):
            was = next((p for key, (_, p) in before.items() if key.startswith(path + ".")), None)
            yield f"{path} dropped    ← {pos}" + (f"  (the parent's at {was})" if was else "")


def selected(path: str, select: tuple[str, ...]) -> bool:
    """Whether ``path`` names one of ``select``: an id or key among its parts, or its start."""
    parts = set(re.findall(r"[^.\[\]]+", path))
    return any(s in parts or path == s or path.startswith((s + ".", s + "[")) for s in select)


def dropped(raw: Map | None) -> Iterator[tuple[str, Pos | None]]:
    """Each item the file drops (``drop: true``): its path and the position of the drop."""
    if raw is None:
        return
    for path, value, pos in _leaves(raw, "", raw.pos):
        if path.endswith(".drop") and value is True:
            yield path[:-len(".drop")], pos


def _unit(path: str, value: Any, units: dict) -> str:
    return f" ({units[value]})" if _UNIT_PATH.search(path) and isinstance(value, str) \
        and value in units else ""


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
    """A value on one line, in full: a line break in a text shows as \\n."""
    if isinstance(value, str):
        return '"' + value.replace("\n", "\\n") + '"'
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
