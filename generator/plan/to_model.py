"""Turn a resolved, validated, evaluated plan tree into the typed model.

Everything a renderer should not have to think about happens here: numbering, joining unit
names, writing citations and the "(Kèm theo …)" lines in the official form.
"""
from __future__ import annotations

import functools
from typing import Any

from generator.plan import deadlines
from generator.plan.identity import DOC_TYPE_NAMES, doc_code, doc_date, doc_type
from generator.plan.model import (Amended, Amendment, Appendix, Article, Cell, Column, Decision,
                    Document, Group, Issuer, Layout, Paragraph, Part, Plan, PlanBody, Section,
                    Signature, Span, Task)
from generator.plan.schema import COLUMN_FIELDS, COMPUTED_FIELDS, UNIT_FIELDS, is_group
from generator.plan.dates import DocDate
from generator.tree import ABSENT, Map, Seq

_ROMANS = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


@functools.lru_cache(maxsize=256)     # every child numbers its groups and sections again
def roman(n: int) -> str:
    out = []
    for value, letters in _ROMANS:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def build_plan(tree: dict, source: str, parent: Plan | None) -> Plan:
    issuer = _issuer(tree["issuer"])
    document = _document(tree)
    units = dict(tree.get("units") or {})
    decision = tree.get("decision")
    own_bases = _bases(tree, parent)
    plan_tree = tree["plan"]
    amendments = tuple(Amended(_amendment_code(tree, a["number"]), DocDate.parse(a["date"]))
                       for a in tree.get("amendments") or ())
    attached = plan_tree.get("attached")
    if attached is None:
        attached = (f"(Ban hành kèm theo {document.type_name} số {document.code} "
                    f"{document.date.long()} của {issuer.full}{amended_by(amendments)})")
    plan = PlanBody(
        title=plan_tree["title"],
        attached=(attached or None) if decision else None,
        letterhead=plan_tree.get("letterhead", True) or not decision,
        bases=() if decision else own_bases,
        preamble=_paragraphs(plan_tree.get("preamble") or []),
        sections=tuple(Section(s["id"], roman(n), s["heading"], _paragraphs(s.get("paragraphs") or []))
                       for n, s in enumerate(plan_tree.get("sections") or [], 1)),
    )
    return Plan(
        source=source, year=tree["year"], issuer=issuer, document=document,
        decision=_decision(decision, own_bases) if decision else None,
        plan=plan,
        appendix=_appendix(tree["appendix"], document, issuer, units, amendments,
                           _kept_units(tree.get("units")))
        if tree.get("appendix") else None,
        signature=_signature(tree["signature"]),
        recipients=tuple(tree.get("recipients") or ()),
        units=units,
        amendment=_amendment(tree, tree["amendment"]) if tree.get("amendment") else None,
        amendments=amendments,
    )


def _signature(data: dict) -> Signature:
    return Signature(tuple(data["lines"]), data["name"])


def _amendment_code(tree: dict, number: str) -> str:
    """An amending decision's code, ``125/QĐ-<the plan's issuer>``."""
    return doc_code({"document": {"number": number, "type": "QĐ"}, "issuer": tree["issuer"]})


def _amendment(tree: dict, data: dict) -> Amendment:
    recipients = data.get("recipients")
    return Amendment(
        number=data["number"], code=_amendment_code(tree, data["number"]),
        date=DocDate.parse(data["date"]), authority=data.get("authority"),
        bases=tuple(data.get("bases") or ()), proposal=data.get("proposal"),
        signature=_signature(data["signature"]) if data.get("signature") else None,
        recipients=tuple(recipients) if recipients is not None else None)


def amended_by(amendments: tuple[Amended, ...]) -> str:
    """``; được sửa đổi, bổ sung tại Quyết định số 125/QĐ-UBND ngày …`` after a citation of
    the original, or "" before any amendment."""
    if not amendments:
        return ""
    cited = " và ".join(f"Quyết định số {a.code} {a.date.long()}" for a in amendments)
    return f"; được sửa đổi, bổ sung tại {cited}"


def _issuer(data: dict) -> Issuer:
    name = data["name"]
    return Issuer(parent=data.get("parent") or None,
                  name=tuple(name) if isinstance(name, list) else (name,),
                  full=data["full"], short=data.get("short") or data["full"],
                  abbr=data["abbr"], place=data["place"])


def _document(tree: dict) -> Document:
    code = doc_type(tree)
    return Document(number=tree["document"].get("number", ""), type=code,
                    type_name=DOC_TYPE_NAMES[code], code=doc_code(tree), date=doc_date(tree))


def citation(type_name: str, number: str, date: DocDate, issuer: str, about: str) -> str:
    """``Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của … về việc …;``"""
    about = f" {about}" if about else ""
    return f"Căn cứ {type_name} số {number} {date.long()} của {issuer}{about};"


def parent_citation(parent: Plan) -> str:
    if parent.decision is not None:
        about = lower_first(parent.decision.title)
    else:
        about = f"về việc {lower_first(parent.plan.title)}"
    return citation(parent.document.type_name, parent.document.code, parent.document.date,
                    parent.issuer.full, about)


def _bases(tree: dict, parent: Plan | None) -> tuple[str, ...]:
    """The issuing document's legal bases, the parent's citation first unless told otherwise."""
    holder = tree.get("decision") or tree["plan"]
    texts, cites_parent = [], False
    for basis in holder.get("bases") or []:
        if isinstance(basis, str):
            texts.append(basis)
        elif basis.get("cite") == "parent":
            cites_parent = True
            if parent is not None:
                texts.append(parent_citation(parent))
        elif isinstance(basis.get("cite"), dict):
            c = basis["cite"]
            texts.append(citation(c["type"], c["number"], DocDate.parse(c["date"]), c["issuer"],
                                  c.get("about", "")))
        elif basis.get("text"):
            texts.append(basis["text"])
    if parent is not None and not cites_parent and tree.get("cite_parent", True):
        texts.insert(0, parent_citation(parent))
    return tuple(texts)


def _decision(data: dict, bases: tuple[str, ...]) -> Decision:
    return Decision(title=data["title"], authority=data["authority"], bases=bases,
                    proposal=data.get("proposal"),
                    articles=tuple(Article(a.get("id"), n, a["text"])
                                   for n, a in enumerate(data["articles"], 1)))


def _paragraphs(items: list) -> tuple[Paragraph, ...]:
    """The paragraphs of a list; kept as the ``built`` note of an evaluated list a child
    shares (tree.py): they depend on nothing but the list."""
    note = items.built if items.__class__ is Seq else None
    if note is not None:
        return note
    out, counter = [], 0
    for item in items:
        if isinstance(item, str):
            out.append(Paragraph("text", item))
            continue
        kind = item.get("kind", "text")
        label = ""
        if kind in ("item", "heading"):
            counter += 1
            label = item.get("number") or f"{counter}."
        elif kind == "bullet":
            label = "-"
        elif item.get("number"):
            label = item["number"]
        out.append(Paragraph(kind, item["text"], label, item.get("id")))
    paragraphs = tuple(out)
    if items.__class__ is Seq:
        items.built = paragraphs
    return paragraphs


def _appendix(data: dict, document: Document, issuer, units: dict,
              amendments: tuple[Amended, ...] = (), kept: tuple[Map, ...] = ()) -> Appendix:
    layouts = {name: _layout(name, lay) for name, lay in data["layouts"].items()}
    numbering = {"parts": "arabic", "groups": "roman", "tasks": "flat", **(data.get("numbering") or {})}
    attached = data.get("attached") or (f"(Kèm theo {document.type_name} số {document.code} "
                                        f"{document.date.long()} của {issuer.full}"
                                        f"{amended_by(amendments)})")
    year = document.date.year
    parts, stt = [], 0
    for n, part in enumerate(data["parts"], 1):
        heading = None
        if part.get("title"):
            label = {"arabic": f"{n}. ", "roman": f"{roman(n)}. ", "none": ""}[numbering["parts"]]
            heading = label + part["title"]
        numberer = _Numberer(numbering, units, year, stt if part.get("stt_continues") else 0,
                             kept)
        parts.append(Part(part["id"], heading, layouts[part.get("layout", data["layout"])],
                          numberer.items(part, 1, ())))
        stt = numberer.stt
    return Appendix(title=data["title"], attached=attached, parts=tuple(parts))


def _layout(name: str, lay: dict) -> Layout:
    """A layout; kept as the ``built`` note of an evaluated layout a child shares (tree.py)."""
    note = lay.built if lay.__class__ is Map else None
    if note is not None and note.id == name:
        return note
    layout = Layout(name, tuple(Column(c["field"], c["label"], float(c["width"]))
                                for c in lay["columns"]), lay.get("split_rows", True))
    if lay.__class__ is Map and note is None:
        lay.built = layout
    return layout


class _Numberer:
    """Numbers the groups and tasks of one part (Stt runs through the part)."""

    def __init__(self, numbering: dict, units: dict, year: int, stt: int = 0,
                 kept: tuple[Map, ...] = ()):
        self.numbering, self.units, self.year, self.stt = numbering, units, year, stt
        self.outline = numbering["tasks"] == "outline"
        self.kept = kept                            # see _kept_units
        self.kept_ids = {id(m) for m in kept}
        self.unit_cells: dict[str | tuple[str, ...], tuple[Cell, tuple]] = {}   # see _cell

    def items(self, holder: dict, level: int, prefix: tuple[str, ...]) -> tuple:
        """The holder's sub-groups and tasks, numbered, in the order they are written: a
        ``tasks:`` list prints its tasks and sub-groups (``kind: group``) interleaved as listed,
        and ``tasks:`` before ``groups:`` prints the tasks first (a merged plan keeps the order
        of the file that first wrote each list). In outline numbering the sub-groups and tasks
        of a holder count in one sequence, as the originals print them: task 1, sub-group 2,
        task 3."""
        out: list[Any] = []
        outline = self.outline
        groups = tasks = 0
        for key in [k for k in holder if k == "tasks" or k == "groups"]:
            for item in holder[key] or ():
                if key == "groups" or is_group(item):
                    groups += 1
                    out.append(self._group(item, groups + tasks if outline else groups,
                                           level, prefix))
                else:
                    tasks += 1
                    out.append(self._numbered_task(item, groups + tasks if outline else tasks,
                                                   tasks, prefix))
        return tuple(out)

    def _group(self, group: dict, n: int, level: int, prefix: tuple[str, ...]) -> Group:
        use_roman = level == 1 and self.numbering["groups"] == "roman"
        number = group.get("number") or (roman(n) if use_roman else str(n))
        inner = prefix + (number,) if number.isdigit() else prefix
        return Group(group["id"], number, group["title"], level,
                     self.items(group, level + 1, inner))

    def _numbered_task(self, task: dict, n: int, in_group: int, prefix: tuple[str, ...]) -> Task:
        """``n``: its number by the numbering scheme; ``in_group``: its place among the tasks.

        A child plan holds most of its parent's evaluated tasks (tree.py): the Task built
        from one is kept as its ``built`` note with the year and the unit names it used, and
        taken again while those are the same (renumbered when the child's numbers differ:
        the numbers are the only cells that do not come from the task itself)."""
        self.stt += 1
        number = ".".join(prefix + (str(n),)) if self.outline else str(n)
        stt, stt2 = task.get("stt") or str(self.stt), task.get("stt2") or str(in_group)
        number = task.get("number") or number
        note = task.built if task.__class__ is Map else None
        if note is None or not self._holds(note):
            return self._task(task, stt, stt2, number)
        last = note[3]
        cells = last.cells
        if cells["stt"][0] == stt and cells["stt2"][0] == stt2 and cells["number"][0] == number:
            return last
        return Task(last.id, _numbered(cells.copy(), stt, stt2, number),   # positional: the
                    last.deadline, last.span, last.rows, last.merge_up)    # record's short path

    def _task(self, data: dict, stt: str, stt2: str, number: str) -> Task:
        """A new Task for ``data``, kept as its ``built`` note."""
        used: list[tuple[str, str]] = []
        span, rows = data.get("span"), data.get("rows")
        base = self._base(data)
        if base is not None:            # the parent's task this one changed: its Task's parts
            was, last = base            # for the values left as they were (tree.py)
            used += was.built[2]
            deadline = last.deadline if was.get("deadline", ABSENT) is data.get("deadline", ABSENT) \
                else _deadline(data.get("deadline"), self.year)
            span = last.span if was.get("span", ABSENT) is data.get("span", ABSENT) else \
                Span(span["from"], span["to"], _cell(span["text"])) if span else None
            rows = last.rows if was.get("rows", ABSENT) is data.get("rows", ABSENT) else \
                tuple(self._cells(row, used) for row in rows or ())
            merge_up = last.merge_up if was.get("merge_up", ABSENT) is data.get("merge_up", ABSENT) \
                else _merge_up(data)
        else:
            deadline = _deadline(data.get("deadline"), self.year)
            span = Span(span["from"], span["to"], _cell(span["text"])) if span else None
            rows = tuple(self._cells(row, used) for row in rows or ())
            merge_up = _merge_up(data)
        if base is not None and data.keys() == was.keys():
            cells = self._changed_cells(data, was, last, used)
        else:
            cells = {"stt": None, "stt2": None, "number": None}
            cells.update(self._cells(data, used, base))
        task = Task(data["id"], _numbered(cells, stt, stt2, number),   # positional: the
                    deadline, span, rows, merge_up)                     # record's short path
        if data.__class__ is Map and data.built is None:
            data.built = (self.year, self.kept[0] if self.kept else None, tuple(used), task)
        return task

    def _holds(self, note: tuple) -> bool:
        """Whether the Task of a ``built`` note (year, units, unit names used, Task) holds for
        this plan: the same year, and the same name for each unit it used — known at once
        when the units it was built with are ones this plan's units kept (_kept_units)."""
        return note[0] == self.year and (id(note[1]) in self.kept_ids
                                         or self._same_units(note[2]))

    def _base(self, data: dict) -> tuple[Map, Task] | None:
        """(the evaluated task ``data`` was merged from, its Task), when that Task holds for
        this plan's year and units."""
        was = data.base if data.__class__ is Map else None
        note = was.built if was is not None else None
        if note is None or not self._holds(note):
            return None
        return was, note[3]

    def _same_units(self, used: tuple[tuple[str, str], ...]) -> bool:
        units = self.units
        for unit, name in used:
            if units.get(unit) != name:
                return False
        return True

    def _changed_cells(self, data: Map, was: Map, last: Task,
                       used: list[tuple[str, str]]) -> dict[str, Cell]:
        """The cells of ``data``, a task that holds the same fields as ``was`` (the task it
        was merged from, built as ``last``): ``last``'s cells, in their order, with those of
        the values it changed made anew (the numbers are the caller's)."""
        cells = last.cells.copy()
        for name, value in data.items():
            if name in cells and was[name] is not value:
                cells[name] = self._cell(name, value, used)
        return cells

    def _cells(self, data: dict, used: list[tuple[str, str]],
               base: tuple[Map, Task] | None = None) -> dict[str, Cell]:
        """The cells written in ``data``; each unit id looked up is added to ``used``. A
        value ``base``'s task holds too gives the cell its Task has."""
        cells = {}
        for name in COLUMN_FIELDS:
            if name not in data or name in COMPUTED_FIELDS:        # the caller numbers
                continue
            value = data[name]
            if base is not None and base[0].get(name, ABSENT) is value:
                cells[name] = base[1].cells[name]
            else:
                cells[name] = self._cell(name, value, used)
        return cells

    def _cell(self, name: str, value, used: list[tuple[str, str]]) -> Cell:
        """The cell of field ``name`` holding ``value``: unit ids (each looked up is added to
        ``used``) give their names joined, made once a plan (many tasks name the same units)."""
        if name not in UNIT_FIELDS:
            return _cell(value)
        key = tuple(value) if isinstance(value, list) else value
        named = self.unit_cells.get(key)
        if named is None:
            pairs = tuple((i, self.units[i]) for i in (value if isinstance(value, list) else [value]))
            named = self.unit_cells[key] = (("; ".join(n for _, n in pairs),) if pairs else (), pairs)
        used += named[1]
        return named[0]


def _kept_units(units) -> tuple[Map, ...]:
    """The plan's evaluated ``units`` and each ancestor of it (its ``base``, that one's …)
    whose every unit this plan names alike: a Task built with any of these used the names
    this plan has, whatever units it looked up."""
    if units.__class__ is not Map:
        return ()
    kept = [units]
    while (base := kept[-1].base) is not None and base.items() <= units.items():
        kept.append(base)
    return tuple(kept)


def _numbered(cells: dict[str, Cell], stt: str, stt2: str, number: str) -> dict[str, Cell]:
    """``cells`` with these numbers. A number cell it holds already that says the same stays:
    a child renumbers most of the tasks it takes from its parent, but seldom all three."""
    if cells["stt"] is None or cells["stt"][0] != stt:
        cells["stt"] = (stt,)
    if cells["stt2"] is None or cells["stt2"][0] != stt2:
        cells["stt2"] = (stt2,)
    if cells["number"] is None or cells["number"][0] != number:
        cells["number"] = cells["stt2"] if number == stt2 else (number,)
    return cells


_NO_MERGE: frozenset[str] = frozenset()


def _merge_up(data: dict) -> frozenset[str]:
    merge_up = data.get("merge_up")
    return frozenset(merge_up) if merge_up else _NO_MERGE


def _cell(value) -> Cell:
    if value is None or value == "":
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _deadline(value, year: int):
    if isinstance(value, str) and value:
        return deadlines.parse(value, year)
    return None
