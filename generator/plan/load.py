"""Read one plan file into a position-keeping tree, with YAML 1.1 surprises switched off.

Only ``true``/``false``, plain integers and ``null``/``~``/empty are typed; everything else
(dates, ``no``, ``yes``, ``1.5``) stays text for the schema to judge. Aliases and merge keys
are refused: they are the one YAML feature that can copy values without positions, and the
door to alias bombs.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml
from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent,
                         MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent,
                         StreamEndEvent)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.errors import PlanError, Pos, Problem
from generator.record import record
from generator.tree import Map, Seq

MAX_BYTES = 2_000_000
MAX_DEPTH = 40

_INT = re.compile(r"^(?:0|[-+]?[1-9][0-9]*)$")
_BOOL = re.compile(r"^(?:true|false)$")
_NULL = re.compile(r"^(?:~|null|)$")
_STR, _INTTAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_BOOLTAG, _NULLTAG = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with a small set of implicit types and no aliases."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None,
                f"YAML aliases (*{event.anchor}) are not supported: write the value out",
                event.start_mark)
        return super().compose_node(parent, index)


# (tag, pattern, the first characters a value of that type can start with; "" is empty)
_IMPLICIT = ((_BOOLTAG, _BOOL, list("tf")), (_INTTAG, _INT, list("-+0123456789")),
             (_NULLTAG, _NULL, ["~", "n", ""]))
for _tag, _pattern, _first in _IMPLICIT:
    _StrictLoader.add_implicit_resolver(_tag, _pattern, _first)

try:
    from yaml._yaml import CParser as _CParser
except ImportError:                                # pragma: no cover - PyYAML without libyaml
    _CParser = None


@record
class FileKind:
    """What a file read here holds, in the words its messages use (a plan; a status file)."""

    noun: str                   # "a plan"
    empty: str                  # what an empty file is told


PLAN_FILE = FileKind("a plan", "a plan is a mapping")


def load_file(path: Path, label: str | None = None, kind: FileKind = PLAN_FILE) -> Map:
    """Load ``path``; raise PlanError with every problem found. ``label`` names it in messages."""
    name = label or str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise PlanError([Problem(Pos(name, 1, 1), f"cannot read file: {e.strerror}")]) from None
    return load_text(data, name, kind)


def load_text(data: bytes, name: str, kind: FileKind = PLAN_FILE) -> Map:
    if len(data) > MAX_BYTES:
        raise PlanError([Problem(Pos(name, 1, 1),
                                 f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")])
    text = _decode(data, name)
    fast = _fast_tree(text, name)
    if fast is not None:
        return fast
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as e:
        line, col, msg = _syntax(e, text)
        raise PlanError([Problem(Pos(name, line, col), f"invalid YAML: {msg}")]) from None
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        raise PlanError([Problem(Pos(name, line, col),
                                 f"the text holds the control character U+{e.character:04X}, "
                                 f"which {kind.noun} cannot hold: delete it")]) from None
    if node is None:
        raise PlanError([Problem(Pos(name, 1, 1), f"the file is empty: {kind.empty}")])
    problems: list[Problem] = []
    tree = _build(node, name, problems, 0, text.split("\n"))
    if not problems and not isinstance(tree, Map):
        shape = "a list" if isinstance(tree, Seq) else "a single value"
        problems.append(Problem(_pos(node, name), f"{kind.noun} is a mapping of keys, not {shape}"))
    if problems:
        raise PlanError(problems)
    return tree


def _syntax(e: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """PyYAML's complaint in the words of what to do about it, and where: (line, col, text)."""
    mark = e.problem_mark or e.context_mark
    if mark is None:
        return 1, 1, "the file cannot be read as YAML"
    problem, context = (e.problem or "").strip(), e.context or ""
    lines = text.split("\n")
    line, col = mark.line + 1, mark.column + 1
    source = lines[mark.line] if mark.line < len(lines) else ""
    used = len(source) - len(source.lstrip(" ")) + 1
    above = next((l for l in reversed(lines[:mark.line]) if l.strip() and not l.lstrip().startswith("#")), "")
    expected = len(above) - len(above.lstrip(" ")) + 1
    if problem.startswith("YAML aliases"):                    # our own words (_StrictLoader)
        return line, col, problem
    if "\\t" in problem or (problem.startswith("found character") and "\t" in source):
        return line, col, "tab character: indent with spaces"
    if problem.startswith("mapping values are not allowed"):
        key = re.match(r"\s*(?:- )?[^\s\"'#][^#]*?: ", source)
        if key and key.end() < col:
            return line, col, "the text holds ': ', which YAML reads as a new key: put the text in quotes"
        return line, used, (f"this line is indented to column {used}, but the line above starts at "
                            f"column {expected}: indent a key as far as the keys beside it")
    if problem.startswith("expected <block end>"):
        if used != expected:
            return line, used, (f"this line is indented to column {used}, but the line above starts "
                                f"at column {expected}: indent a key as far as the keys beside it")
        if above.lstrip().startswith("- ") != source.lstrip().startswith("- "):
            return line, used, ("a list item ('- ') and a key cannot stand at the same column: "
                                "indent the list under its key, or write this line as a list item")
        if re.search(r"[\"'] *\S", source[:col]):
            return line, col, "text goes on after its closing quote: put the whole text in quotes"
    if problem.startswith("could not find expected ':'") and e.context_mark:
        start = e.context_mark
        return start.line + 1, start.column + 1, (
            "this line has no ':' after its key: write 'key: value' "
            "(text that goes on over several lines is put in quotes)")
    if "quoted scalar" in context and e.context_mark:
        start = e.context_mark
        return start.line + 1, start.column + 1, "this quote is never closed: add the closing quote"
    if "flow" in context and e.context_mark:
        start = e.context_mark
        closing = "]" if "sequence" in context else "}"
        return start.line + 1, start.column + 1, (
            f"this '{'[' if closing == ']' else '{'}' is never closed with "
            f"'{closing}' (or text inside it holds ',' or ':': put that text in quotes)")
    return line, col, ("the file cannot be read as YAML here: check the indentation and the "
                       "quotes of this line and the line above")


def _fast_tree(text: str, name: str) -> Map | None:
    """The plan built from libyaml's events when it is certainly what _StrictLoader would give.

    One pass over the events, no node graph. None sends the text down the pure-Python path,
    which then owns every message: on any tab (libyaml takes tabs in places PyYAML does not),
    a U+FEFF inside the text (libyaml counts its columns otherwise), any libyaml error (its
    reader refuses the very characters PyYAML's refuses, and a lone surrogate cannot even be
    handed to it: no pattern of ours looks for them), an alias (stopped where it stands), any
    problem at all. tests/plan/test_fast_yaml.py checks that both paths give the same trees.
    """
    if _CParser is None or "\t" in text or "\ufeff" in text:
        return None
    try:
        return _EventTree(name, text).build(_CParser(text))
    except (_Unsure, UnicodeEncodeError):
        return None


_FLOW_DOUBT = re.compile(r"^$|[,?\[\]{}:#]")
# A plain value starting otherwise (or not empty) is text: _fast_tree tries no pattern on it.
_TYPED_FIRST = frozenset(c for _, _, first in _IMPLICIT for c in first if c)


class _Unsure(Exception):
    """The fast path stands aside: the pure-Python path decides (and words any problem)."""


class _EventTree:
    """The tree of one document from libyaml's events, as _build makes it from nodes.

    Where PyYAML's composer and _build would report a problem, or libyaml may read the text
    otherwise than PyYAML (inside ``{…}`` or ``[…]``, an empty value, which libyaml places
    one column further, or a plain value holding a flow indicator, which PyYAML refuses), it
    raises _Unsure.
    """

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        self.lines: list[str] | None = None        # split when a block scalar needs them
        # One int object per line number, shared by every position on that line: a plan of
        # ten thousand tasks keeps some 200,000 positions (columns are small, cached ints).
        self.line_numbers = list(range(1, text.count("\n") + 2))

    def build(self, parser) -> Map:
        """The tree, or _Unsure. Any error of libyaml's is the pure-Python path's to word."""
        try:
            return self._walk(parser.get_event)
        except _Unsure:
            raise
        except Exception:
            raise _Unsure from None

    def _walk(self, get) -> Map:
        """One pass over the events (the hot loop of a build's reading: kept flat, a text
        first, since most events are one)."""
        get()                                      # StreamStartEvent
        if get().__class__ is not DocumentStartEvent:
            raise _Unsure                          # an empty file
        anchors: set[str] = set()
        name, line_numbers = self.name, self.line_numbers
        last = len(line_numbers)
        new_pos = tuple.__new__                    # Pos(...) without its Python-level __new__
        normalize, flow_doubt = unicodedata.normalize, _FLOW_DOUBT.search
        # Open collections: [container, flow style, key awaiting its value, that key's pos,
        # its key_pos (a Seq: its item_pos), its val_pos (a Seq: None), whether a mapping]
        stack: list[list] = []
        parent = root = None
        while True:
            event = get()
            kind = event.__class__
            if kind is ScalarEvent:
                if event.anchor is not None:
                    _new_anchor(event.anchor, anchors)
                mark = event.start_mark
                line = mark.line
                if line >= last:                   # an empty value at the very end, which
                    raise _Unsure                  # libyaml places past it, PyYAML not
                pos = new_pos(Pos, (name, line_numbers[line], mark.column + 1))
                text = event.value
                style = event.style
                if parent is not None and parent[6] and parent[2] is None:
                    # a mapping's key: plain text, no merge key, not seen before in it
                    if not style and (text == "<<" or parent[1] and flow_doubt(text)):
                        raise _Unsure
                    key = normalize("NFC", text)
                    if key in parent[0]:
                        raise _Unsure
                    parent[2], parent[3] = key, pos
                    continue
                if len(stack) > MAX_DEPTH:
                    raise _Unsure
                if parent is not None and parent[1] and not style and flow_doubt(text):
                    raise _Unsure
                if event.tag is None and not (event.implicit[0] and (not text or
                                                                     text[0] in _TYPED_FIRST)):
                    value = normalize("NFC", text)     # text, the most common value
                else:
                    value = _event_scalar(event)
                value_pos = self._block_pos(pos, event) if style == "|" or style == ">" else pos
                frame = None
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                parent = stack[-1] if stack else None
                continue
            elif kind is DocumentEndEvent:
                break
            else:
                if kind is AliasEvent:
                    raise _Unsure                  # _StrictLoader refuses it, in its words
                if event.anchor is not None:
                    _new_anchor(event.anchor, anchors)
                mark = event.start_mark
                if mark.line >= last:
                    raise _Unsure
                if parent is not None and parent[6] and parent[2] is None:
                    raise _Unsure                  # a key that is not plain text
                if len(stack) > MAX_DEPTH:
                    raise _Unsure
                value_pos = new_pos(Pos, (name, line_numbers[mark.line], mark.column + 1))
                if kind is MappingStartEvent:
                    if event.tag not in (None, "!", _MAP):
                        raise _Unsure
                    value = Map(pos=value_pos)
                    frame = [value, event.flow_style, None, None, value.key_pos, value.val_pos,
                             True]
                elif kind is SequenceStartEvent:
                    if event.tag not in (None, "!", _SEQ):
                        raise _Unsure
                    value = Seq(pos=value_pos)
                    frame = [value, event.flow_style, None, None, value.item_pos, None, False]
                else:
                    raise _Unsure
            if parent is None:
                root = value
            elif parent[6]:
                key = parent[2]
                parent[0][key] = value
                parent[4][key] = parent[3]
                parent[5][key] = value_pos
                parent[2] = None
            else:
                parent[0].append(value)
                parent[4].append(value_pos)
            if frame is not None:
                parent = frame
                stack.append(parent)
        if get().__class__ is not StreamEndEvent or root.__class__ is not Map:
            raise _Unsure                          # another document, or not a mapping
        return root

    def _block_pos(self, pos: Pos, event) -> Pos:
        if self.lines is None:
            self.lines = self.text.split("\n")
        return _block_pos(pos, event.start_mark.line, event.end_mark.line, event.value, self.lines)


def _new_anchor(anchor: str, anchors: set[str]) -> None:
    """Note an anchor (values name one seldom); a second of the same name is the composer's
    error, worded by the pure-Python path."""
    if anchor in anchors:
        raise _Unsure
    anchors.add(anchor)


def _event_scalar(event):
    """A value scalar typed as _StrictLoader types it (see _scalar)."""
    tag = event.tag
    if tag is None or tag == "!":
        value = event.value
        if event.implicit[0]:                      # plain: the implicit types apply
            if _NULL.match(value):
                return None
            if _BOOL.match(value):
                return value == "true"
            if _INT.match(value):
                return int(value)
        return unicodedata.normalize("NFC", value)
    if tag == _INTTAG:
        try:
            return int(event.value)
        except ValueError:                         # not a number: as the slow path has it
            raise _Unsure from None
    if tag == _BOOLTAG:
        return event.value == "true"
    if tag == _NULLTAG:
        return None
    if tag == _STR:
        return unicodedata.normalize("NFC", event.value)
    raise _Unsure


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        guess = " (it looks like Windows-1258)" if _is_cp1258(data) else ""
        raise PlanError([Problem(Pos(name, line, col),
                                 f"the file is not UTF-8 (byte 0x{data[e.start]:02x}){guess}; "
                                 "save it as UTF-8")]) from None
    return text.replace("\r\n", "\n")


def _is_cp1258(data: bytes) -> bool:
    """Vietnamese legacy text: decodes as Windows-1258 and yields Vietnamese letters."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    return any(c in text for c in "ăâêôơưđĂÂÊÔƠƯĐ\u0300\u0301\u0303\u0309\u0323")


def _pos(node, name: str) -> Pos:
    return Pos(name, node.start_mark.line + 1, node.start_mark.column + 1)


class BlockPos(Pos):
    """The position of a block scalar (``|``, ``>``, ``>-``): its indicator, and where each of
    its lines starts in the file, so that a problem inside the text names its own line.

    ``offsets`` holds (offset in the value, line, column) for each non-blank source line."""

    offsets: tuple[tuple[int, int, int], ...] = ()


def _value_pos(node, name: str, lines: list[str]) -> Pos:
    pos = _pos(node, name)
    if not isinstance(node, ScalarNode) or node.style not in ("|", ">"):
        return pos
    return _block_pos(pos, node.start_mark.line, node.end_mark.line, node.value, lines)


def _block_pos(pos: Pos, start: int, end: int, value: str, lines: list[str]) -> BlockPos:
    """``pos`` of a block scalar whose indicator is on line ``start`` and which ends on line
    ``end`` (0-based), with where each line of ``value`` starts."""
    block = BlockPos(*pos)
    offsets, cursor = [], 0
    for line_no in range(start + 1, min(end + 1, len(lines))):
        content = lines[line_no].strip()
        found = value.find(content, cursor) if content else -1
        if found >= 0:
            col = len(lines[line_no]) - len(lines[line_no].lstrip())
            offsets.append((found, line_no + 1, col + 1))
            cursor = found + len(content)
    block.offsets = tuple(offsets)
    return block


def _build(node, name: str, problems: list[Problem], depth: int, lines: list[str]):
    if depth > MAX_DEPTH:
        problems.append(Problem(_pos(node, name), f"nesting deeper than {MAX_DEPTH} levels"))
        return None
    if isinstance(node, ScalarNode):
        return _scalar(node, name, problems)
    if isinstance(node, SequenceNode):
        _check_tag(node, _SEQ, name, problems)
        seq = Seq(pos=_pos(node, name))
        for item in node.value:
            seq.add(_build(item, name, problems, depth + 1, lines), _value_pos(item, name, lines))
        return seq
    if isinstance(node, MappingNode):
        _check_tag(node, _MAP, name, problems)
        return _mapping(node, name, problems, depth, lines)
    problems.append(Problem(_pos(node, name), "unsupported YAML node"))
    return None


def _mapping(node: MappingNode, name: str, problems: list[Problem], depth: int,
             lines: list[str]) -> Map:
    out = Map(pos=_pos(node, name))
    for key_node, val_node in node.value:
        kpos = _pos(key_node, name)
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(kpos, "a key must be plain text"))
            continue
        key = key_node.value
        if key == "<<" and not key_node.style:        # plain: None from PyYAML, "" from libyaml
            problems.append(Problem(kpos, "YAML merge keys (<<) are not supported"))
            continue
        key = unicodedata.normalize("NFC", key)
        if key in out:
            first = out.key_pos[key]
            problems.append(Problem(kpos, f"duplicate key '{key}' (first at line {first.line})"))
            continue
        out.set(key, _build(val_node, name, problems, depth + 1, lines), kpos,
                _value_pos(val_node, name, lines))
    return out


def _scalar(node: ScalarNode, name: str, problems: list[Problem]):
    tag = node.tag
    if tag == _INTTAG:
        try:
            return int(node.value)
        except ValueError:              # only a value marked `!!int` by hand gets here
            problems.append(Problem(_pos(node, name), f"'{node.value}' is marked as a whole "
                                    "number (!!int) but is not one"))
            return None
    if tag == _BOOLTAG:
        if node.value not in ("true", "false"):     # `!!bool yes`: marked by hand
            problems.append(Problem(_pos(node, name), f"'{node.value}' is marked as true or "
                                    "false (!!bool) but is neither"))
        return node.value == "true"
    if tag == _NULLTAG:
        return None
    if tag in (_STR, "!"):
        return unicodedata.normalize("NFC", node.value)
    problems.append(Problem(_pos(node, name), f"unsupported YAML tag {tag}"))
    return None


def _check_tag(node, expected: str, name: str, problems: list[Problem]) -> None:
    if node.tag != expected:
        problems.append(Problem(_pos(node, name), f"unsupported YAML tag {node.tag}"))
