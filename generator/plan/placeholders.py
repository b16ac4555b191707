"""Evaluate ``{{ … }}`` placeholders in plan text, once, in a sandbox.

Inherited text must read right in the child ("… của {{ issuer.short }}"), but a plan is data
typed by clerks: nothing in it may reach Python internals, loop without bound or be evaluated
twice. Text without placeholder syntax is returned untouched.
"""
from __future__ import annotations

import functools
import operator
import re
from collections.abc import Mapping, MappingView, Sequence, Set
from typing import Any

from generator.errors import Pos, Problem
from generator.tree import ABSENT, Map, Seq

MAX_OUTPUT = 20_000
MARKERS = ("{{", "{%", "{#")
FILTERS = ("upper", "lower", "capitalize", "title", "trim", "replace")
NAMES = "year, issuer.*, document.*, parent.*, units.*"
_NAME = re.compile(r"\{\{ *([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*) *\}\}")


MAX_ITERATIONS = 10_000
MAX_DIGITS = 1_000
# Template statements a placeholder may use; the rest (macros, call and filter blocks, set
# blocks, recursive loops, includes) can build text or recurse without passing the bounds below.
_STATEMENTS = ("Output", "If", "For", "Assign", "With")
_GROWING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "join",
                      "format", "format_map", "translate"})


class Unbounded(Exception):
    """A placeholder would build more text, digits or iterations than a plan may hold."""


class NotText(Exception):
    """A placeholder names a group of values (a mapping or list) where text is printed."""

    def __init__(self, value):
        super().__init__()
        self.value = value


def _refuse_beyond(size: int, what: str = "text") -> None:
    if size > MAX_OUTPUT:
        raise Unbounded(f"it would build {what} longer than {MAX_OUTPUT:,} characters")


def _sized(value):
    """``value``, once it is known to be no longer than the output limit."""
    if isinstance(value, (str, list, tuple)):
        _refuse_beyond(len(value))
    elif isinstance(value, int) and value.bit_length() > MAX_DIGITS * 4:
        raise Unbounded(f"it would build a number of more than {MAX_DIGITS:,} digits")
    return value


def _is_collection(value) -> bool:
    """A mapping, list or other collection: never turned into text (its printed form is
    Python's, and its length no bound above has measured)."""
    return isinstance(value, (Mapping, Sequence, Set, MappingView)) and not isinstance(value, str)


def _text(value):
    """A piece of text being built (``~``, ``%``, ``format``, ``join``, a filter's input)."""
    if _is_collection(value):
        raise NotText(value)
    return _sized(value)


def _length(value) -> int:
    return len(value) if isinstance(value, str) else len(str(value))


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_FIELD = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")


def _format_bound(fmt: str, args, percent: bool) -> None:
    """A ``%`` or ``format`` template: every width and precision within the output limit,
    checked before Python pads anything (``'%099999999d' % year``). Digits outside the
    conversions (a phone number in the text) are not widths and pass."""
    if percent:
        numbers = [n for m in _PERCENT_SPEC.finditer(fmt) for n in m.groups() if n]
    else:
        numbers = [n for field in _FIELD.findall(fmt) for n in re.findall(r"\d+|\{", field)]
    named = isinstance(args, Mapping) and (not percent or "%(" in fmt)   # else it prints itself
    values = list(args.values() if named else args if isinstance(args, tuple) else [args])
    for value in values:
        _text(value)
    for number in numbers:
        if number.isdigit():
            _refuse_beyond(int(number) if len(number) < 9 else MAX_OUTPUT + 1, "a field")
        else:                                   # a width taken from the arguments: * or {…}
            for value in values:
                if isinstance(value, (int, str)) and not isinstance(value, bool):
                    for run in re.findall(r"\d+", str(value)):
                        _refuse_beyond(int(run) if len(run) < 9 else MAX_OUTPUT + 1, "a field")


def _method_bound(owner: str, name: str, args: tuple, kwargs: dict) -> None:
    """The length a growing string method would give, refused before it is built."""
    if name in ("center", "ljust", "rjust", "zfill"):
        width = args[0] if args else kwargs.get("width", 0)
        if isinstance(width, int):
            _refuse_beyond(width)
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            _refuse_beyond(len(owner) + owner.count("\t") * size)
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        hits = owner.count(args[0]) if args[0] else len(owner) + 1
        _refuse_beyond(len(owner) + hits * len(args[1]))
    elif name == "join" and args:
        items = list(args[0]) if isinstance(args[0], (str, list, tuple)) else None
        if items is None:
            raise NotText(args[0])
        for item in items:
            _text(item)
        _refuse_beyond(len(owner) * len(items) + sum(map(_length, items)))
    elif name in ("format", "format_map"):
        mapping = name == "format_map" and args and isinstance(args[0], Mapping)
        _format_bound(owner, tuple(args[0].values()) if mapping else
                      tuple(args) + tuple(kwargs.values()), percent=False)
    elif name == "translate":
        raise Unbounded("translate is not supported")


def _budgeted(iterable):
    """A loop's items, counted against the budget of the text being evaluated."""
    for item in iterable:
        _BUDGET[0] -= 1
        if _BUDGET[0] < 0:
            raise Unbounded(f"its loops would run more than {MAX_ITERATIONS:,} times")
        yield item


_BUDGET = [MAX_ITERATIONS]        # reset by render_text; a process evaluates one text at a time


def _finalize(value):
    """What ``{{ … }}`` prints: text or a number, never a whole mapping or list."""
    if _is_collection(value):
        raise NotText(value)
    return value


def _on_text(plain_filter):
    """A filter that takes text only (none of FILTERS but replace takes Jinja's context)."""
    def text_filter(value, *args, **kwargs):
        return plain_filter(_text(value), *args, **kwargs)
    return text_filter


@functools.cache
def _environment():
    """The sandbox, built on first use: a plan whose placeholders are all plain names never
    imports Jinja (see _plain_names).

    Every operation that can make text longer is bounded before it runs: ``*``, ``+`` and
    ``%``, the string methods that pad, replace or join, ``~``, and each loop (an iteration
    budget per text). The bounds are checked on the operands, so a refused expression never
    allocates what it asked for.
    """
    from jinja2 import StrictUndefined, nodes, pass_eval_context
    from jinja2.visitor import NodeTransformer
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class _Env(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def call_binop(self, context, operator_name, left, right):
            if operator_name == "**":
                if isinstance(right, int) and (right > 64 or (isinstance(left, int) and
                                                              left.bit_length() * right > MAX_DIGITS * 4)):
                    raise Unbounded(f"it would build a number of more than {MAX_DIGITS:,} digits")
                return _sized(operator.pow(left, right))
            if operator_name == "*":
                if isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple)):
                    seq, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
                    if isinstance(count, int):
                        _refuse_beyond(count * len(seq))
                return _sized(operator.mul(left, right))
            if operator_name == "+":
                if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                    _refuse_beyond(len(left) + len(right))
                return _sized(operator.add(left, right))
            if operator_name == "%":
                if isinstance(left, str):
                    _format_bound(left, right, percent=True)
            return _sized(operator.mod(left, right))

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
            method = getattr(__obj, "__wrapped__", __obj)
            owner = getattr(method, "__self__", None)
            if isinstance(owner, str) and getattr(method, "__name__", "") in _GROWING:
                _method_bound(owner, method.__name__, args, kwargs)
            return _sized(super().call(__context, __obj, *args, **kwargs))

        def _parse(self, source, name, filename):
            tree = super()._parse(source, name, filename)
            for node in tree.find_all(nodes.Stmt):
                kind = type(node).__name__
                if kind not in _STATEMENTS or (kind == "For" and node.recursive):
                    word = "a recursive loop" if kind == "For" else f"'{kind.lower()}'"
                    raise SecurityError(f"{word} is not supported in plan text")
            return _Bounds().visit(tree)

    class _Bounds(NodeTransformer):
        """Each loop's items through the budget, each ``~`` result through the limit."""

        def visit_For(self, node):
            node = self.generic_visit(node)
            node.iter = nodes.Filter(node.iter, "_budgeted", [], [], None, None, lineno=node.lineno)
            return node

        def visit_Concat(self, node):
            node = self.generic_visit(node)
            node.nodes = [nodes.Filter(n, "_text", [], [], None, None, lineno=node.lineno)
                          for n in node.nodes]
            return nodes.Filter(node, "_sized", [], [], None, None, lineno=node.lineno)

    env = _Env(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
               finalize=_finalize)
    filters = {k: _on_text(env.filters[k]) for k in FILTERS if k != "replace"}
    plain_replace = env.filters["replace"]

    @pass_eval_context
    def replace(eval_ctx, value, old, new, count=None):
        _text(value)
        if isinstance(value, str) and isinstance(old, str) and isinstance(new, str):
            _method_bound(value, "replace", (old, new), {})
        return plain_replace(eval_ctx, value, old, new, count)
    env.filters = {**filters, "replace": replace, "_budgeted": _budgeted, "_sized": _sized,
                   "_text": _text}
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
    """The evaluated text, or the original and a problem at the line of the text it concerns."""
    if not has_placeholder(text):
        return text, None
    plain = _plain_names(text, context)
    if plain is not None:
        return plain, None
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    _BUDGET[0] = MAX_ITERATIONS
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
        return text, Problem(_place(pos, text, e.lineno), f"malformed placeholder: {e.message}")
    except UndefinedError as e:
        return text, Problem(_place(pos, text, _line(e), e.message),
                             f"unknown placeholder name: {e.message} (available: {NAMES})")
    except Unbounded as e:
        return text, Problem(_place(pos, text, _line(e)), f"placeholder refused: {e}")
    except NotText as e:
        return text, Problem(_place(pos, text, _line(e)), _not_text(e.value, context))
    except SecurityError as e:
        return text, Problem(_place(pos, text, _line(e)), f"placeholder not allowed: {e}")
    except MemoryError:                          # a bound above missed a way to grow
        return text, Problem(pos, "placeholder refused: it needs more memory than a plan may use")
    except (TemplateError, TypeError, ValueError, ArithmeticError, RecursionError) as e:
        return text, Problem(_place(pos, text, _line(e)), f"placeholder cannot be evaluated: {e}")


def _place(pos: Pos | None, text: str, lineno: int | None, undefined: str | None = None) -> Pos | None:
    """Where in the file the problem on line ``lineno`` of ``text`` is.

    A block scalar (load.BlockPos) knows where each of its lines starts: the problem is put at
    the first placeholder of that line of the text (at the one naming ``undefined``, for an
    unknown name), which a folded block (``>``) may have moved from line to line."""
    offsets = getattr(pos, "offsets", None)
    if not offsets:
        return _shift(pos, lineno)
    start = sum(len(line) + 1 for line in text.split("\n")[:(lineno or 1) - 1])
    name = re.match(r"'([^']*)' is undefined", undefined or "")
    found = name and re.compile(r"\{[{%][^}]*?\b" + re.escape(name[1]) + r"\b").search(text, start)
    found = found or re.compile(r"\{[{%#]").search(text, start)
    at = found.start() if found else start
    offset, line, col = max((o for o in offsets if o[0] <= at), default=offsets[0])
    return Pos(pos.file, line, col + at - offset)


def _shift(pos: Pos | None, lineno: int | None) -> Pos | None:
    """``pos`` moved to the ``lineno``-th line of a text that spans lines (a block scalar)."""
    if pos is None or not lineno or lineno <= 1:
        return pos
    return Pos(pos.file, pos.line + lineno - 1, 1)


def _line(error: BaseException) -> int | None:
    """The line of the text where Jinja was when ``error`` was raised (Jinja rewrites the
    traceback so that its frames carry the template's own line numbers)."""
    line, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _not_text(value, context: dict) -> str:
    """What to write instead of a placeholder that names a whole mapping or list."""
    for name, held in context.items():
        if held is value and isinstance(value, dict):
            keys = ", ".join(f"{{{{ {name}.{k} }}}}" for k in list(value)[:3])
            return f"placeholder {{{{ {name} }}}} is a group of values, not text: write one of them, like {keys}"
        if isinstance(held, dict):
            for key, inner in held.items():
                if inner is value and isinstance(value, dict):
                    keys = ", ".join(f"{{{{ {name}.{key}.{k} }}}}" for k in list(value)[:3])
                    return (f"placeholder {{{{ {name}.{key} }}}} is a group of values, not text: "
                            f"write one of them, like {keys}")
    return ("a placeholder gives a group of values, not text: name a single value, "
            "like {{ issuer.short }} or {{ year }}")


def evaluate_tree(value: Any, context: dict, problems: list[Problem],
                  pos: Pos | None = None, task: str | None = None) -> Any:
    """A copy of the tree with every placeholder evaluated (each value exactly once).

    A mapping or list evaluated without a problem keeps its copy as its ``evaluated`` note
    (tree.py), with the placeholder values the copy depends on; a child plan holds most of its
    parent's subtrees, and where those values are the child's too (``{{ year }}``, and text
    with no placeholder at all) it takes the parent's copy instead of building its own."""
    return _evaluate(value, _Run(context, problems, pos), None, None, task)[0]


_NOTHING: dict = {}         # the values a text without placeholders depends on
_ALL = "*"                  # a text only Jinja evaluates depends on the whole context


class _Run:
    """One evaluate_tree call. A child's notes share a few tables of what they depend on
    (``{"year": 2023}``, most often), so each table is judged once per call (``held``, by
    id, with the table kept so that its id stays its own), and the texts of one call that
    name the same placeholders share one table (``tables``)."""

    __slots__ = ("context", "problems", "pos", "held", "tables")

    def __init__(self, context: dict, problems: list[Problem], pos: Pos | None):
        self.context, self.problems, self.pos = context, problems, pos
        self.held: dict[int, tuple[dict, bool]] = {}
        self.tables: dict[tuple[str, ...], dict] = {}

    def holds(self, depends: dict) -> bool:
        seen = self.held.get(id(depends))
        if seen is None:
            seen = self.held[id(depends)] = (depends, _holds(depends, self.context))
        return seen[1]

    def table(self, names: tuple[str, ...]) -> dict:
        """{name: its value} for the placeholders a plain-names text holds."""
        found = self.tables.get(names)
        if found is None:
            found = self.tables[names] = {name: _named(self.context, name) for name in names}
        return found


def _joined(depends: dict, more: dict) -> dict:
    """What a value depends on, with what one more of its parts depends on (the same table,
    or one whose names it already holds, most of the time: no new dict then). A name's value
    is the same in every table of a call: _holds checked each against the context."""
    if depends is _NOTHING or depends is more:
        return more
    if more.keys() <= depends.keys():
        return depends
    return {**depends, **more}


def _evaluate(value: Any, run: _Run, holder: Any, key: Any, task: str | None) -> tuple[Any, dict]:
    """The evaluated ``value`` (``holder[key]``; the top of the tree when holder is None) and
    {placeholder name: the value it had} for what it depends on. The position of a value is
    looked up only for a problem; text with no brace, the most common value, is taken in the
    loops themselves, without a call."""
    if value.__class__ is str:                  # the most common value first
        return _evaluate_text(value, run, holder, key, task)
    is_map = isinstance(value, Map)
    if is_map or isinstance(value, Seq):
        note = value.evaluated          # the copy alone when it depends on nothing
        if note is not None:
            if note.__class__ is not tuple:
                return note, _NOTHING
            if run.holds(note[1]):
                return note
        problems = run.problems
        before, depends = len(problems), _NOTHING
        if is_map:
            if "content" in value and isinstance(value.get("id"), str):
                task = value["id"]
            base, done = _base(value, run)
            if done is not None:
                depends = done[1] or _NOTHING
                done = done[0]
            values = {}
            for k, item in value.items():
                if base is not None and base.get(k, ABSENT) is item:
                    values[k] = done[k]         # the base's copy holds (tree.py)
                elif item.__class__ is str and "{" not in item:
                    values[k] = item
                else:
                    values[k], more = _evaluate(item, run, value, k, task)
                    if more:
                        depends = _joined(depends, more)
            out = value.with_values(values)
            if base is not None:
                out.base = done
        else:
            items = []
            for n, item in enumerate(value):
                if item.__class__ is str and "{" not in item:
                    items.append(item)
                    continue
                done, more = _evaluate(item, run, value, n, task)
                items.append(done)
                if more:
                    depends = _joined(depends, more)
            out = Seq(items, value.pos, value.item_pos)
        if len(problems) == before and note is None:
            value.evaluated = (out, depends) if depends else out
        return out, depends
    if isinstance(value, str):
        return _evaluate_text(value, run, holder, key, task)
    return value, _NOTHING


def _base(value: Map, run: _Run) -> tuple[Map | None, tuple | None]:
    """The node ``value`` was merged from and (its evaluated copy, what that depends on),
    when that copy holds in this run's context; else (None, None)."""
    base = value.base
    note = base.evaluated if base is not None else None
    if note is None:
        return None, None
    if note.__class__ is not tuple:
        return base, (note, None)
    if run.holds(note[1]):
        return base, note
    return None, None


def _evaluate_text(value: str, run: _Run, holder: Any, key: Any,
                   task: str | None) -> tuple[str, dict]:
    if "{" not in value or not has_placeholder(value):     # most text: no placeholder
        return value, _NOTHING
    context = run.context
    plain = _plain_names(value, context)
    if plain is not None:
        return plain, run.table(tuple(_NAME.findall(value)))
    pos = holder.where(key) if holder is not None else run.pos
    text, problem = render_text(value, context, pos)
    if problem:
        run.problems.append(Problem(problem.pos, problem.message, task))
    return text, {_ALL: context}


def _named(context: dict, name: str) -> Any:
    """The value ``name`` has in ``context``, looked up as _plain_names does."""
    if name == _ALL:
        return context
    value: Any = context
    for step in name.split("."):
        if not isinstance(value, dict) or step not in value or hasattr(dict, step):
            return ABSENT
        value = value[step]
    return value


def _holds(depends: dict, context: dict) -> bool:
    """Whether every value in ``depends`` is the same (type and value) in ``context``."""
    for name, value in depends.items():
        now = _named(context, name)
        if now is not value and (type(now) is not type(value) or now != value):
            return False
    return True
