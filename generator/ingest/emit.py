"""A plan dict as YAML text in the house style of ``plans/``, with comments where a person should look.

PyYAML's dumper cannot place comments and writes long Vietnamese texts folded or escaped; this
writer is small because plan data is small in kind: mappings with string keys, lists, strings,
numbers, booleans. Strings are double-quoted (every text of a plan is, in ``plans/``) unless they
are plain ids (``vp_ubnd_tinh``, ``kh-2024``); a short mapping of scalars is written on one line
(``{id: x, kind: item, text: "…"}``), and so is a list of ids (``[so_tu_phap, ubnd_cap_huyen]``).
The text always loads back to the same data (``yaml.safe_load(emit_plan(d)) == d``, property-tested).
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import yaml

from generator.scaffold.draft import quoted

_RESOLVER = yaml.resolver.Resolver()
_PLAIN_VALUE = re.compile(r"[a-z][a-z0-9_-]*\Z")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
# Characters a YAML reader treats as line breaks or rejects as unprintable: escaped in quotes.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
FLOW_KEYS = 3                     # a mapping of at most this many scalars is written on one line
FLOW_WIDTH = 100                  # … unless it is a list item without an id, longer than this


def emit_plan(data: Mapping, comments: Mapping[tuple, str] | None = None) -> str:
    """``data`` as block-style YAML in key order; ``comments[path]`` above the value at ``path``.

    A path is the keys and list indexes from the root, e.g. ``("appendix", "parts", 0)``; the
    empty path puts the comment at the top of the file. Top-level entries are separated by a
    blank line, as in the plans written by hand.
    """
    comments = dict(comments or {})
    inside = {path[:i] for path in comments for i in range(len(path))}   # holders of a comment
    lines: list[str] = _comment(comments.get(()), 0)
    for i, (key, value) in enumerate(data.items()):
        if i:
            lines.append("")
        lines += _entry(key, value, (key,), 0, comments, inside)
    return "\n".join(lines) + "\n"


def _comment(text: str | None, indent: int) -> list[str]:
    if text is None:
        return []
    return [" " * indent + ("# " + line).rstrip() for line in str(text).split("\n")]


def _entry(key, value, path, indent, comments, inside) -> list[str]:
    """``key: value`` at ``indent``, with the comment above it."""
    head = " " * indent + _key(key) + ":"
    out = _comment(comments.get(path), indent)
    if _inline(value, path, inside):
        return out + [head + " " + _flow(value)]
    out.append(head)
    if isinstance(value, Mapping):
        for k, v in value.items():
            out += _entry(k, v, path + (k,), indent + 2, comments, inside)
    else:
        out += _items(value, path, indent + 2, comments, inside)
    return out


def _items(values: list, path, indent, comments, inside) -> list[str]:
    """The items of a block list at ``indent``: ``- item``, a mapping's keys under the dash."""
    pad = " " * indent
    out: list[str] = []
    for i, value in enumerate(values):
        here = path + (i,)
        out += _comment(comments.get(here), indent)
        if _inline(value, here, inside):
            out.append(pad + "- " + _flow(value))
        elif isinstance(value, Mapping):
            body: list[str] = []
            for k, v in value.items():
                body += _entry(k, v, here + (k,), indent + 2, comments, inside)
            first = next(j for j, line in enumerate(body) if not line.lstrip().startswith("#"))
            if first:            # a comment on the first key goes above the dash
                out += [pad + line[indent + 2:] if line.strip() else line for line in body[:first]]
            out.append(pad + "- " + body[first][indent + 2:])
            out += body[first + 1:]
        else:
            out.append(pad + "-")
            out += _items(value, here, indent + 2, comments, inside)
    return out


def _inline(value, path, inside) -> bool:
    """Whether ``value`` is written on its key's line: scalars, empties, short flat mappings, id lists."""
    if not isinstance(value, (Mapping, list)) or not value:
        return True
    if path in inside:
        return False
    if isinstance(value, Mapping):
        flat = len(value) <= FLOW_KEYS and not any(isinstance(v, (Mapping, list)) for v in value.values())
        # a list's item without an id (a task's rows) reads better in block style when long
        keyed = "id" in value or not path or not isinstance(path[-1], int)
        return flat and (keyed or len(_flow(value)) <= FLOW_WIDTH)
    return all(isinstance(v, str) and _plain(v) for v in value)


def _flow(value) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


def _scalar(value) -> str:
    if isinstance(value, str):
        return value if _plain(value) else _quoted(value)
    if isinstance(value, (Mapping, list)) and not value:
        return "{}" if isinstance(value, Mapping) else "[]"
    return yaml.safe_dump(value, default_flow_style=True).removesuffix("\n...\n").strip()


def _key(key) -> str:
    if isinstance(key, str) and _PLAIN_KEY.match(key) and _is_str(key):
        return key
    return _scalar(key) if not isinstance(key, str) else _quoted(key)


def _plain(text: str) -> bool:
    return bool(_PLAIN_VALUE.match(text)) and _is_str(text)


def _is_str(text: str) -> bool:
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def _quoted(text: str) -> str:
    """A double-quoted scalar that reads back as ``text`` exactly (JSON escapes, plus YAML's breaks)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted(text))
