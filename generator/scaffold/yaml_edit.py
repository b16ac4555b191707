"""Edit a YAML file as text, at the places its values occupy, keeping everything else as it is.

A plan's comments, quoting and layout are its author's. Rolling a plan forward changes a few
values and adds review comments, so the file is edited in place instead of dumped again:
each value is found by its path with the positions PyYAML records, and replaced or commented
there. A comment goes at the end of the line where a value ends, unless that line continues
a multi-line text, in which case it goes on a line of its own above the value's key.
"""
from __future__ import annotations

from typing import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple            # keys and list indexes from the root


def compose(text: str) -> Node:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def walk(node: Node, path: Path = ()) -> Iterator[tuple[Path, Node, Node | None]]:
    """(path, value node, key node) for every value under ``node``, depth first, in order."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield path + (key.value,), value, key
            yield from walk(value, path + (key.value,))
    elif isinstance(node, SequenceNode):
        for n, item in enumerate(node.value):
            yield path + (n,), item, None
            yield from walk(item, path + (n,))


def end_of(node: Node) -> int:
    """Where ``node``'s own text ends: a block collection ends with its last value.

    (PyYAML ends a block collection where the next token starts, on a later line.)
    """
    while not isinstance(node, ScalarNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node.end_mark.index


class Editor:
    """Collects replacements, insertions and comments; ``result`` applies them all at once."""

    def __init__(self, text: str):
        self.text = text
        self.root = compose(text)
        self._found = {path: (value, key) for path, value, key in walk(self.root)}
        self._edits: list[tuple[int, int, str]] = []
        self._notes: dict[int, list[str]] = {}
        self._inside = [(n.start_mark.index, n.end_mark.index) for _, n, _ in walk(self.root)
                        if isinstance(n, ScalarNode) and n.start_mark.line != n.end_mark.line]

    def node(self, path: Path) -> Node | None:
        return self._found.get(tuple(path), (None, None))[0]

    def key(self, path: Path) -> Node | None:
        return self._found.get(tuple(path), (None, None))[1]

    def items(self) -> Iterator[tuple[Path, Node, Node | None]]:
        return walk(self.root)

    def source(self, node: Node) -> str:
        return self.text[node.start_mark.index:node.end_mark.index]

    def replace(self, node: Node, text: str) -> None:
        self.replace_span(node.start_mark.index, node.end_mark.index, text)

    def replace_span(self, start: int, end: int, text: str) -> None:
        self._edits.append((start, end, text))

    def insert(self, index: int, text: str) -> None:
        self._edits.append((index, index, text))

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def within_text(self, index: int) -> bool:
        """Whether ``index`` falls inside a text that spans several lines."""
        return any(start < index < end for start, end in self._inside)

    def note(self, path: Path, comment: str) -> None:
        """``# comment`` after the value at ``path``, or above its key when that cannot be."""
        value, key = self._found[tuple(path)]
        if isinstance(value, ScalarNode) and value.style in ("|", ">"):
            where = self.line_end(value.start_mark.index)        # after the block's header
        elif isinstance(value, ScalarNode) or value.flow_style:
            where = self.line_end(value.end_mark.index)
            where = None if self.within_text(where) else where
        else:
            where = self.line_end((key or value).end_mark.index)  # a block: after its key
        if where is None:
            self._note_above(key or value, comment)
        else:
            self._notes.setdefault(where, []).append(comment)

    def note_at(self, index: int, comment: str) -> None:
        """``# comment`` at the end of the line holding ``index``, unless a text goes on there."""
        where = self.line_end(index)
        if not self.within_text(where):
            self._notes.setdefault(where, []).append(comment)

    def _note_above(self, node: Node, comment: str) -> None:
        start = self.line_start(node.start_mark.index)
        if not self.within_text(start):
            line = self.text[start:self.line_end(start)]
            indent = line[:len(line) - len(line.lstrip(" "))]
            self.insert(start, f"{indent}# {comment}\n")

    def result(self) -> str:
        """The text with every edit applied; comments at one place joined by "; "."""
        edits = self._edits + [(at, at, "  # " + _joined(notes))
                               for at, notes in self._notes.items()]
        text = self.text
        for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _joined(notes: list[str]) -> str:
    """Comments for one line as one: "REVIEW: a; b" rather than "REVIEW: a; REVIEW: b"."""
    out = [notes[0]]
    for note in notes[1:]:
        prefix = note.split(": ", 1)[0] + ": "
        out.append(note[len(prefix):] if out[0].startswith(prefix) and ": " in note else note)
    return "; ".join(out)
