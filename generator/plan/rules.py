"""Domain rules the schema cannot say: unique ids, known units and layouts, sane deadlines.

They run on the resolved tree after placeholders, so every problem still has its position.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Iterator

from generator.plan import deadlines, emphasis
from generator.errors import Problem
from generator.page import LANDSCAPE_TEXT_WIDTH_MM
from generator.plan.schema import UNIT_FIELDS, is_group
from generator.tree import ABSENT, Map, Seq
from generator.plan.validate import invisible, visible
from generator.plan.xmlchars import NOT_XML



def iter_items(tree: Map) -> Iterator[tuple[str, Map, Seq, int]]:
    """Every item with an id in the plan: (list name, item, its list, index in the list)."""
    return iter(_items(tree))


def _items(tree: Map) -> list[tuple[str, Map, Seq, int]]:
    found: list[tuple[str, Map, Seq, int]] = []
    for top in ("decision", "plan", "appendix"):
        if isinstance(tree.get(top), Map):
            _collect(tree[top], found)
    return found


def walk_items(holder: Map) -> Iterator[tuple[str, Map, Seq, int]]:
    """The items under ``holder``, depth first, in document order. A sub-group written in a
    ``tasks:`` list (``kind: group``) comes as a "groups" item, in its place among the tasks."""
    found: list[tuple[str, Map, Seq, int]] = []
    _collect(holder, found)
    return iter(found)


_ITEM_LISTS = ("parts", "groups", "tasks", "sections", "paragraphs", "articles")
_HOLDS_ITEMS = frozenset(_ITEM_LISTS)


def _collect(holder: Map, found: list) -> None:
    """walk_items into a list (a recursive generator costs a frame per level per item). An
    item with none of the item lists (a task, nearly always) is not looked into."""
    for key in _ITEM_LISTS:
        items = holder.get(key)
        if isinstance(items, Seq):
            for n, item in enumerate(items):
                if isinstance(item, Map):
                    group = key == "tasks" and "kind" in item and is_group(item)
                    found.append(("groups" if group else key, item, items, n))
                    if not item.keys().isdisjoint(_HOLDS_ITEMS):
                        _collect(item, found)


def iter_tasks(tree: Map) -> Iterator[Map]:
    for key, item, _, _ in iter_items(tree):
        if key == "tasks":
            yield item


class _Clean:
    """The rules' note on an evaluated node (its ``accepted``, tree.py): the character check
    found its text clean; on a task, also that every unit it names is one of ``known``'s and
    that every deadline parses and none falls before ``year`` (None: not judged). A child
    holds most of its parent's evaluated tasks, and those of a changed task's ``base`` for
    what it left: the unit and deadline checks pass over them while the child's units still
    hold ``known``'s and its year is ``year``."""

    __slots__ = ("known", "year")

    def __init__(self, known: dict | None = None, year: int | None = None):
        self.known, self.year = known, year


_TEXT_CLEAN = _Clean()          # the note of a node whose text alone was judged


def check_plan(tree: Map, parent: Map | None, tolerant: bool = False) -> list[Problem]:
    """Every rule's problems. ``tolerant``: the schema refused the plan, so a rule that meets
    a value of the wrong shape is skipped (the schema's message already names that value)."""
    items = _items(tree)                         # walked once, read by every rule
    tasks = [item for key, item, _, _ in items if key == "tasks"]
    judged = _Judged(tree)
    rules = [lambda: _unique_ids(items), lambda: _units(tree, tasks, judged),
             lambda: _layouts(tree, items), lambda: _deadlines(tree, tasks, judged),
             lambda: _characters(tree)]
    if parent is not None:
        rules.append(lambda: _not_later_than_parent(tree, tasks, parent))
    problems: list[Problem] = []
    complete = True
    for rule in rules:
        if not tolerant:
            problems += rule()
            continue
        try:
            problems += rule()
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            complete = False
    if complete:
        judged.note(tasks)
    return problems


class _Judged:
    """What the unit and deadline checks of one plan need of the notes (_Clean), and the
    tasks they found a problem in (``dirty``, by id: a task without one is noted clean)."""

    def __init__(self, tree: Map):
        self.known = tree.get("units") or {}
        self.year = tree.get("year")
        self.dirty: set[int] = set()
        self._covers: dict[int, tuple[dict, bool]] = {}
        self._units = isinstance(self.known, dict)      # else every unit is looked up again
        self._year = type(self.year) is int

    def units_clean(self, task: Map) -> bool:
        """Whether the note of ``task`` says each unit it names is one of this plan's."""
        note = task.accepted
        if note.__class__ is not _Clean or note.known is None or not self._units:
            return False
        known = note.known
        if known is self.known:
            return True
        seen = self._covers.get(id(known))
        if seen is None:
            seen = self._covers[id(known)] = (known, all(k in self.known for k in known))
        return seen[1]

    def deadlines_clean(self, task: Map) -> bool:
        note = task.accepted
        return note.__class__ is _Clean and self._year and note.year == self.year

    def note(self, tasks: list[Map]) -> None:
        """Each task with clean text and no unit or deadline problem keeps it as its note."""
        known = self.known if self._units else None
        year = self.year if self._year else None
        clean = None
        for task in tasks:
            if task.accepted is _TEXT_CLEAN and id(task) not in self.dirty:
                clean = clean or _Clean(known, year)
                task.accepted = clean


def _unique_ids(items: list[tuple[str, Map, Seq, int]]) -> list[Problem]:
    seen: dict[str, Map] = {}            # the item that first held each id
    problems = []
    for _, item, _, _ in items:
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            first = seen[item_id].where("id")
            also = f" (also at {first})" if first else ""
            problems.append(Problem(item.where("id"), f"duplicate id '{item_id}'{also}"))
        else:
            seen[item_id] = item
    return problems


def _left(task: Map, clean) -> Map | None:
    """The base of a changed ``task`` when its note passes ``clean`` (_Judged): the values
    the task left as they were (the very same objects) need no second look."""
    base = task.base
    return base if base is not None and clean(base) else None


def _holders(task: Map, base: Map | None) -> list[Map]:
    """The task and its rows, less the rows it left as its base has them."""
    rows = task.get("rows")
    if not rows or (base is not None and base.get("rows", ABSENT) is rows):
        return [task]
    return [task] + list(rows)


def _units(tree: Map, tasks: list[Map], judged: _Judged) -> list[Problem]:
    known = judged.known
    problems = []
    for task in tasks:
        if judged.units_clean(task):
            continue
        before = len(problems)
        base = _left(task, judged.units_clean)
        for holder in _holders(task, base):
            for field in UNIT_FIELDS:
                if field not in holder:
                    continue
                value = holder[field]
                if holder is task and base is not None and base.get(field, ABSENT) is value:
                    continue
                for n, unit in enumerate(value if isinstance(value, list) else (value,)):
                    if unit in known:
                        continue
                    where = value.where(n) if isinstance(value, Seq) else holder.where(field)
                    hidden = [c for c in unit if invisible(c)]
                    if hidden and visible(unit) in known:
                        problems.append(Problem(where, f"the unit '{visible(unit)}' holds the invisible "
                                                       f"character U+{ord(hidden[0]):04X} at position "
                                                       f"{unit.index(hidden[0]) + 1}: delete it",
                                                task.get("id")))
                        continue
                    hint = _close(unit, list(known))
                    more = f"; did you mean '{hint[0]}'?" if hint else \
                        " (declare it under 'units:')"
                    problems.append(Problem(where, f"unknown unit '{visible(unit)}'{more}",
                                            task.get("id")))
        if len(problems) != before:
            judged.dirty.add(id(task))
    return problems


def _close(unit: str, known: list[str]) -> list[str]:
    """A unit id close enough to be what was meant: nearly the same letters, or the start of
    one (``vp_ubnd`` for ``vp_ubnd_tinh``); a distant one would only mislead."""
    import difflib                  # only when a unit is unknown: not on every build
    return difflib.get_close_matches(unit, known, n=1, cutoff=0.75) or \
        [k for k in known if len(unit) >= 4 and k.startswith(unit)][:1]


def _layouts(tree: Map, items: list[tuple[str, Map, Seq, int]]) -> list[Problem]:
    """Layouts fit the page and exist; spans and merge_up fit their part's layout. ``items``
    is check_plan's one walk: an appendix part's items follow it there, up to the next part."""
    appendix = tree.get("appendix")
    if not isinstance(appendix, Map):
        return []
    layouts = appendix.get("layouts") or {}
    problems = [_too_wide(name, layout) for name, layout in layouts.items()
                if sum(c.get("width", 0) for c in layout.get("columns", [])) > LANDSCAPE_TEXT_WIDTH_MM]
    if appendix.get("layout") not in layouts:
        problems.append(Problem(appendix.where("layout"),
                                f"layout '{appendix.get('layout')}' is not among layouts: {', '.join(layouts)}"))
    parts = appendix.get("parts")
    if not parts:
        return problems
    if not isinstance(parts, list) or not all(isinstance(part, dict) for part in parts):
        raise TypeError("parts of the wrong shape")     # the schema's to word (tolerant)
    fields = name = None            # of the part being walked; None: its layout is unknown
    for key, item, holder, n in items:
        if holder is parts:
            name = item.get("layout", appendix.get("layout"))
            if name not in layouts:
                if "layout" in item:
                    problems.append(Problem(item.where("layout"), f"layout '{name}' is not among "
                                                                  f"layouts: {', '.join(layouts)}"))
                fields = None
                continue
            fields = [c["field"] for c in layouts.get(name, {}).get("columns", [])]
            continue
        if fields is None or key != "tasks":
            continue
        if isinstance(item.get("span"), Map):
            problems += _span(item, fields, name)
        if item.get("merge_up"):
            problems += _merge_up(item, holder, n)
    return problems


def _merge_up(task: Map, items: Seq, index: int) -> list[Problem]:
    """A cell can only continue the cell of the task right above it, and holds nothing itself."""
    where = task.where("merge_up")
    if index == 0:
        return [Problem(where, "merge_up on the first task of its group: there is no cell above",
                        task.get("id"))]
    if is_group(items[index - 1]):
        return [Problem(where, f"merge_up right after the sub-group '{items[index - 1].get('id')}': "
                               "the row above is not a task of this list", task.get("id"))]
    given = [f for f in task["merge_up"] if task.get(f) not in (None, "", [])]
    if given:
        return [Problem(where, f"'{given[0]}' merges with the cell above and must be left out here",
                        task.get("id"))]
    return []


def _too_wide(name: str, layout: Map) -> Problem:
    total = sum(c["width"] for c in layout["columns"])
    return Problem(layout.where("columns"), f"layout '{name}' is {total:g} mm wide; the landscape "
                                            f"page holds {LANDSCAPE_TEXT_WIDTH_MM} mm")


def _span(task: Map, fields: list[str], layout: str) -> list[Problem]:
    span = task["span"]
    ends = [span.get("from"), span.get("to")]
    missing = [f for f in ends if f not in fields]
    if missing:
        return [Problem(span.where("from"), f"span column '{missing[0]}' is not in layout '{layout}'",
                        task.get("id"))]
    if fields.index(ends[0]) > fields.index(ends[1]):
        return [Problem(span.where("from"), f"span runs backwards: '{ends[0]}' comes after '{ends[1]}'",
                        task.get("id"))]
    return []


def parsed_deadline(holder: Map, year: int) -> deadlines.Deadline | None:
    value = holder.get("deadline")
    if not isinstance(value, str):
        return None
    return deadlines.parse(value, year)


def _deadlines(tree: Map, tasks: list[Map], judged: _Judged) -> list[Problem]:
    """Each deadline parses; one this plan wrote itself that ends before its year is a warning
    (an inherited one is the parent's to answer for)."""
    problems = []
    own = tree.pos.file if tree.pos else None
    for task in tasks:
        if judged.deadlines_clean(task):
            continue
        before = len(problems)
        base = _left(task, judged.deadlines_clean)
        for holder in _holders(task, base):
            if holder is task and base is not None and \
                    base.get("deadline", ABSENT) is task.get("deadline", ABSENT):
                continue
            try:
                parsed = parsed_deadline(holder, tree["year"])
            except deadlines.DeadlineError as e:
                problems.append(Problem(holder.where("deadline"), f"bad deadline: {e}",
                                        task.get("id")))
                continue
            where = holder.where("deadline")
            if not (parsed and parsed.latest and parsed.latest.year < tree["year"]):
                continue
            judged.dirty.add(id(task))          # noted clean only with no deadline before the year
            if where is not None and where.file == own:
                reason = _own_reason(holder)
                because = f"; accepted because: {reason}" if reason else \
                    " (if that is meant, say why with deadline_reason:)"
                problems.append(Problem(where, f"deadline '{parsed.text}' falls before the plan year "
                                               f"{tree['year']}{because}", task.get("id"), warning=True,
                                        answered=bool(reason)))
        if len(problems) != before:
            judged.dirty.add(id(task))
    return problems


def _characters(tree: Map) -> list[Problem]:
    """Text a DOCX cannot store, and emphasis left open. A mapping or list found clean keeps
    a _Clean note as its ``accepted`` (tree.py): a child holds most of its parent's evaluated
    subtrees."""
    problems: list[Problem] = []
    _walk_characters(tree, None, None, None, problems)
    return problems


def _walk_characters(value, holder, key, task, problems: list[Problem]) -> None:
    """``value`` is ``holder[key]``; its position is looked up only for a problem. (A module
    function, not a closure: a closure that calls itself is a reference cycle, and would keep
    each plan's tree alive until the garbage collector runs.) Plain text, the most common
    value, is passed over in the loop itself: no call per string."""
    is_map = value.__class__ is Map     # the loops pass text over themselves: a mapping or list
    if not is_map and value.__class__ is not Seq:
        if isinstance(value, str):
            _check_text(value, holder, key, task, problems)
        return
    if value.accepted.__class__ is _Clean:
        return
    before = len(problems)
    search, marked = NOT_XML.search, emphasis.marked
    if is_map:
        if "content" in value and isinstance(named := value.get("id"), str):
            task = named
        base = value.base               # its values found clean there (tree.py)
        if base is not None and base.accepted.__class__ is not _Clean:
            base = None
        for k, v in value.items():
            if base is not None and base.get(k, ABSENT) is v:
                continue
            if v.__class__ is str:
                if search(v) or marked(v):
                    _check_text(v, value, k, task, problems)
            else:
                _walk_characters(v, value, k, task, problems)
    else:
        for n, v in enumerate(value):
            if v.__class__ is str:
                if search(v) or marked(v):
                    _check_text(v, value, n, task, problems)
            elif v.__class__ is not Map or v.accepted.__class__ is not _Clean:   # a shared task
                _walk_characters(v, value, n, task, problems)
    if len(problems) == before:
        value.accepted = _TEXT_CLEAN




def _check_text(value: str, holder, key, task, problems: list[Problem]) -> None:
    m = NOT_XML.search(value)
    if m:
        problems.append(Problem(holder.where(key), f"text holds the character "
                                f"U+{ord(m[0]):04X}, which a DOCX cannot store: delete it", task))
    elif unclosed := emphasis.problem(value):
        problems.append(Problem(holder.where(key), unclosed, task))


_BY_ID: OrderedDict[int, tuple[Map, dict]] = OrderedDict()
_BY_ID_KEPT = 16


def _tasks_by_id(plan: Map) -> dict:
    """The tasks of ``plan`` by id; remembered for the last few plans, since every child of
    a parent asks for the parent's (the plan is kept with its index, so its id stays its)."""
    found = _BY_ID.get(id(plan))
    if found is not None and found[0] is plan:
        _BY_ID.move_to_end(id(plan))
        return found[1]
    index = {t.get("id"): t for t in iter_tasks(plan)}
    _BY_ID[id(plan)] = (plan, index)
    while len(_BY_ID) > _BY_ID_KEPT:
        _BY_ID.popitem(last=False)
    return index


def _not_later_than_parent(tree: Map, tasks: list[Map], parent: Map) -> list[Problem]:
    parent_tasks = _tasks_by_id(parent)
    problems = []
    for task in tasks:
        old = parent_tasks.get(task.get("id"))
        if old is None or old is task or task.get("deadline") == old.get("deadline"):
            continue
        try:
            mine, theirs = parsed_deadline(task, tree["year"]), parsed_deadline(old, parent["year"])
        except deadlines.DeadlineError:
            continue
        if mine and theirs and mine.comparable and theirs.comparable and mine.latest > theirs.latest:
            reason = _own_reason(task)
            message = (f"deadline '{mine.text}' is later than the parent's '{theirs.text}' "
                       f"({old.where('deadline')})")
            if reason:
                message += f"; accepted because: {reason}"
            else:
                message += "; to keep it, give the reason with deadline_reason:"
            problems.append(Problem(task.where("deadline"), message, task.get("id"),
                                    warning=bool(reason), answered=bool(reason)))
    return problems


def _own_reason(task: Map) -> str | None:
    """The task's ``deadline_reason`` when the same file wrote it and the deadline: a reason
    inherited from a parent excuses the parent's deadline, not one a child moved later."""
    reason = task.get("deadline_reason")
    written, excused = task.where("deadline"), task.where("deadline_reason")
    if not reason or written is None or excused is None or written.file != excused.file:
        return None
    return reason
