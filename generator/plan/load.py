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
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.errors import PlanError, Pos, Problem
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


_StrictLoader.add_implicit_resolver(_BOOLTAG, _BOOL, list("tf"))
_StrictLoader.add_implicit_resolver(_INTTAG, _INT, list("-+0123456789"))
_StrictLoader.add_implicit_resolver(_NULLTAG, _NULL, ["~", "n", ""])

if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser with _StrictLoader's implicit types: ten times faster.

        It cannot refuse aliases as it composes, so ``_fast_tree`` refuses any tree in which
        a node occurs twice, and leaves every error to _StrictLoader to find and word.
        """

        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:                                              # pragma: no cover - PyYAML without libyaml
    _FastLoader = None


def load_file(path: Path, label: str | None = None) -> Map:
    """Load ``path``; raise PlanError with every problem found. ``label`` names it in messages."""
    name = label or str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise PlanError([Problem(Pos(name, 1, 1), f"cannot read file: {e.strerror}")]) from None
    return load_text(data, name)


def load_text(data: bytes, name: str) -> Map:
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
                                 "which a plan cannot hold: delete it")]) from None
    if node is None:
        raise PlanError([Problem(Pos(name, 1, 1), "the file is empty: a plan is a mapping")])
    problems: list[Problem] = []
    tree = _build(node, name, problems, 0, text.split("\n"))
    if not problems and not isinstance(tree, Map):
        kind = "a list" if isinstance(tree, Seq) else "a single value"
        problems.append(Problem(_pos(node, name), f"a plan is a mapping of keys, not {kind}"))
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
    """The plan composed by libyaml when it is certainly what _StrictLoader would give.

    None sends the text down the pure-Python path, which then owns every message: on any
    character PyYAML's reader refuses, any tab (libyaml takes tabs in places PyYAML does
    not), a U+FEFF inside the text (libyaml counts its columns otherwise), any libyaml
    error, any alias, any problem at all.
    tests/plan/test_fast_yaml.py checks that both paths give the same trees.
    """
    if _FastLoader is None or "\t" in text or "\ufeff" in text or _NON_PRINTABLE.search(text):
        return None
    try:
        node = yaml.compose(text, Loader=_FastLoader)
    except Exception:
        return None
    if node is None or _differs(node):
        return None
    problems: list[Problem] = []
    tree = _build(node, name, problems, 0, text.split("\n"))
    return tree if not problems and isinstance(tree, Map) else None


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_FLOW_DOUBT = re.compile(r"^$|[,?\[\]{}:#]")


def _differs(root) -> bool:
    """True where libyaml's tree may differ from PyYAML's: a node occurring twice (an alias
    libyaml resolved), or inside ``{…}`` or ``[…]`` an empty value (libyaml places it one
    column further) or a plain value holding a flow indicator (PyYAML refuses ``a?b``)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        children = node.value if isinstance(node, SequenceNode) else \
            [n for pair in node.value for n in pair] if isinstance(node, MappingNode) else []
        if node.__class__ is not ScalarNode and node.flow_style and any(
                isinstance(c, ScalarNode) and not c.style and _FLOW_DOUBT.search(c.value) for c in children):
            return True
        stack.extend(children)
    return False


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
    block = BlockPos(*pos)
    offsets, cursor = [], 0
    for line_no in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
        content = lines[line_no].strip()
        found = node.value.find(content, cursor) if content else -1
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
        return int(node.value)
    if tag == _BOOLTAG:
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
