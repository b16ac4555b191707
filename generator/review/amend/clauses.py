"""A plan diff worded as Article 1 of an amendment decision, in the fixed legal phrases.

Each clause keeps the diff entry it words (``source``), so the decision can be checked
against ``plangen diff --format json`` one to one: every entry of the diff is a clause, a row
of the attached table, or a note saying why it is not part of an amendment (who signs, the
legal bases, the units list: they change no printed content of the plan).
Rows are cited by their place in the OLD plan, as the original appendix printed them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.plan.model import Paragraph, Plan, Section, Task
from generator.plan.to_model import lower_first
from generator.review.amend.places import ANNEX, group_places, number_column, part_label, places, preceding
from generator.review.changes import ADDED, REMOVED, Change, PartDiff, PlanDiff, TaskChange

HANDFUL = 6       # more task changes than this go into the attached table

# Names of the fields of a row, for columns the part's table does not print.
FIELD_NAMES = {"content": "nội dung", "lead": "cơ quan chủ trì", "coordinating": "cơ quan phối hợp",
               "deadline": "thời gian hoàn thành", "result": "kết quả thực hiện", "note": "ghi chú",
               "assignee": "người thực hiện", "measure": "chỉ tiêu", "target": "mục tiêu",
               "evaluator": "cơ quan đánh giá", "stt": "số thứ tự", "stt2": "số thứ tự",
               "number": "số thứ tự"}
TABLE = "Phụ lục sửa đổi, bổ sung kèm theo Quyết định này"
# Diff sections that change nothing the plan prints, or that the amending decision restates.
NOT_AMENDED = {"identity": "who issues and signs is the amending decision's own",
               "bases": "the amended decision's legal bases stay as issued",
               "units": "unit names reach the documents through the rows that name them",
               "recipients": "the amending decision has its own recipients",
               "articles": "the articles of the amended decision are not part of the plan"}

Source = tuple[str, str]        # (diff section, or task change kind, what or task id)


def quote(text: str) -> str:
    return f"“{text}”"


@dataclass(frozen=True)
class Clause:
    text: str
    source: Source
    order: int = 0


@dataclass(frozen=True)
class TableRow:
    """A task as it now reads, for the attached table, with what changed in it."""

    part: str                 # part id in NEW
    task: str                 # task id
    change: str               # "Sửa đổi thời gian hoàn thành (Stt 8 Mục I Phần 1)"
    source: Source


@dataclass
class Item:
    """A numbered item of Article 1: a heading and its lettered clauses."""

    heading: str
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Wording:
    items: list[Item]
    table: list[TableRow]
    left_out: list[tuple[Source, str]]   # diff entries not amended, each with the reason

    @property
    def sources(self) -> list[Source]:
        """The diff entries worded, in clauses or table rows (a clause citing the table is none)."""
        return [c.source for item in self.items for c in item.clauses if c.source[0] != "table"] \
            + [r.source for r in self.table]

    @property
    def notes(self) -> list[str]:
        return [f"{source[0]}: {source[1]} ({reason})" for source, reason in self.left_out]

    @property
    def empty(self) -> bool:
        return not self.sources


def word(diff: PlanDiff, old: Plan, new: Plan, handful: int = HANDFUL) -> Wording:
    """Article 1 of the amendment of ``old`` by ``new``; the table when many rows changed."""
    left_out = [((name, c.what), NOT_AMENDED[name])
                for name in NOT_AMENDED for c in diff.sections[name]]
    items = []
    body = _title_clauses(diff.sections["titles"], left_out) + _body_clauses(
        diff.sections["paragraphs"], old, new)
    if body:
        items.append(Item("Sửa đổi, bổ sung nội dung Kế hoạch như sau:", body))
    words = _Parts(old, new)
    task_count = sum(len(p.added) + len(p.dropped) + len(p.moved) + len(p.changed) for p in diff.parts)
    tabled = task_count > handful or any(words.needs_table(p) for p in diff.parts)
    table: list[TableRow] = []
    for part in diff.parts:
        if part.empty:
            continue
        clauses = words.part_clauses(part)
        rows = words.table_rows(part) if tabled else []
        if rows:
            clauses = [c for c in clauses if c.source not in {r.source for r in rows}]
            clauses.insert(0, Clause(f"Sửa đổi, bổ sung {len(rows)} nhiệm vụ tại "
                                     f"{words.part_name(part)} {ANNEX}, chi tiết tại {TABLE}.",
                                     ("table", part.id), -1))
        table += rows
        items.append(Item(f"Sửa đổi, bổ sung {words.part_title(part)} {ANNEX} như sau:",
                          sorted(clauses, key=lambda c: c.order)))
    return Wording(items, table, left_out)


def _title_clauses(changes: list[Change], left_out: list) -> list[Clause]:
    out = []
    for change in changes:
        if change.what == "plan.title" and change.new:
            out.append(Clause(f"Sửa đổi tên Kế hoạch thành: {quote(change.new)}.", ("titles", change.what)))
        else:
            left_out.append((("titles", change.what), "a line of the amended documents, "
                             "not of the plan's content"))
    return out


_SECTION = re.compile(r"^section (\S+) \(([^)]+)\)(?:, paragraph (.+)| heading)?$")


def _body_clauses(changes: list[Change], old: Plan, new: Plan) -> list[Clause]:
    """Paragraphs of the plan's text by section and paragraph, as the original numbered them."""
    before = {s.id: s for s in old.plan.sections}
    after = {s.id: s for s in new.plan.sections}
    out = []
    for n, change in enumerate(changes):
        source = ("paragraphs", change.what)
        if change.what == "section order":
            out.append(Clause("Sắp xếp lại các mục của Kế hoạch theo thứ tự: " + ", ".join(
                quote(after[s].heading) for s in change.new) + ".", source, n))
            continue
        if change.what.startswith("preamble, paragraph "):
            holder, key = "phần mở đầu Kế hoạch", change.what.removeprefix("preamble, paragraph ")
            old_list, new_list = old.plan.preamble, new.plan.preamble
        else:
            m = _SECTION.match(change.what)
            sid, key = m[2], m[3]
            was = before.get(sid)
            holder = f"Mục {was.number} Kế hoạch" if was else ""
            if key is None:
                out.append(_section_clause(change, was, after.get(sid), source, n))
                continue
            old_list, new_list = (was.paragraphs if was else ()), after[sid].paragraphs
        key = key.removesuffix(" kind")
        if change.kind == ADDED:
            where = _paragraph_anchor(old_list, new_list, key, change)
            out.append(Clause(f"Bổ sung vào {where} {holder} nội dung sau: {quote(change.new)}.",
                              source, n))
            continue
        where = _paragraph_ref(old_list, key, change.old)
        if change.kind == REMOVED:
            out.append(Clause(f"Bãi bỏ {where} {holder}.", source, n))
        else:
            text = _paragraph(new_list, key, change).display
            out.append(Clause(f"Sửa đổi {where} {holder} như sau: {quote(text)}.", source, n))
    return out


def _section_clause(change: Change, was: Section | None, now: Section | None, source, n) -> Clause:
    if change.kind == ADDED:
        return Clause(f"Bổ sung Mục {now.number} {quote(now.heading)} vào Kế hoạch.", source, n)
    if change.kind == REMOVED:
        return Clause(f"Bãi bỏ Mục {was.number} {quote(was.heading)} Kế hoạch.", source, n)
    return Clause(f"Sửa đổi tên Mục {was.number} Kế hoạch thành: {quote(now.heading)}.", source, n)


def _find(paragraphs: tuple[Paragraph, ...], key: str, text) -> int:
    """The index of the paragraph the diff names by id, or by its text (no id)."""
    for i, p in enumerate(paragraphs):
        if p.id == key or (p.id is None and p.text == text):
            return i
    index = int(key) - 1 if key.isdigit() else -1
    return index if 0 <= index < len(paragraphs) else -1


def _paragraph(paragraphs, key: str, change: Change) -> Paragraph:
    i = _find(paragraphs, key, change.new)
    return paragraphs[i] if i >= 0 else Paragraph("text", str(change.new))


def _paragraph_anchor(old, new, key: str, change: Change) -> str:
    """``sau khoản 3`` (the nearest earlier paragraph the original has), or ``đầu``."""
    at = _find(new, key, change.new)
    kept = {(p.id, p.text if p.id is None else None) for p in old}
    for p in reversed(new[:max(at, 0)]):
        if (p.id, p.text if p.id is None else None) in kept:
            return "sau " + _paragraph_ref(old, p.id or "", p.text)
    return "đầu"


def _paragraph_ref(paragraphs: tuple[Paragraph, ...], key: str, old_text) -> str:
    """``khoản 3``, ``gạch đầu dòng thứ 2``, ``đoạn thứ 1``: as the original printed it."""
    i = _find(paragraphs, key, old_text)
    if i < 0:
        return "nội dung"
    p = paragraphs[i]
    if p.kind in ("item", "heading") and p.label:
        return f"khoản {p.label.rstrip('.')}"
    if p.kind == "bullet":
        return f"gạch đầu dòng thứ {sum(q.kind == 'bullet' for q in paragraphs[:i + 1])}"
    return f"đoạn thứ {i + 1}"


class _Parts:
    """The clauses of the appendix, part by part, citing rows as the OLD plan printed them."""

    def __init__(self, old: Plan, new: Plan):
        self.old, self.new = old, new
        self.before, self.after = places(old), places(new)
        self.groups_before, self.groups_after = group_places(old), group_places(new)
        self.preceding = preceding(new)
        self.old_parts = {p.id: p for p in old.appendix.parts} if old.appendix else {}
        self.new_parts = {p.id: p for p in new.appendix.parts} if new.appendix else {}
        self.new_tasks = {t.id: t for t in new.tasks()}
        self.old_tasks = {t.id: t for t in old.tasks()}

    def part_name(self, part: PartDiff) -> str:
        plan, parts = (self.old, self.old_parts) if part.id in self.old_parts else (self.new, self.new_parts)
        return part_label(plan, parts[part.id]) or "bảng"

    def part_title(self, part: PartDiff) -> str:
        name = self.part_name(part)
        heading = (self.old_parts.get(part.id) or self.new_parts[part.id]).heading
        title = heading.partition(". ")[2] if heading and ". " in heading else heading
        return f"{name} {quote(title)}" if title else name

    def needs_table(self, part: PartDiff) -> bool:
        """A change no sentence can say well: merged cells, rows within a task, columns."""
        return any(c.what == "layout" for c in part.changes) or any(
            not _plain(f) for t in part.changed for f in t.fields)

    def part_clauses(self, part: PartDiff) -> list[Clause]:
        name = self.part_name(part)
        out = []
        if part.status == ADDED:
            out.append(Clause(f"Bổ sung {name} {quote(part.title)} vào {ANNEX}.", ("part", part.id), -1))
        elif part.status == REMOVED:
            out.append(Clause(f"Bãi bỏ {name} {quote(part.title)} {ANNEX}.", ("part", part.id), -1))
        out += [self._part_change(part, c, name) for c in part.changes]
        out += [self._changed(t) for t in part.changed]
        out += [self._added(t.id, part) for t in part.added]
        out += [self._dropped(t.id) for t in part.dropped]
        out += [self._moved(m.task.id, m.new_after) for m in part.moved]
        return out

    def _part_change(self, part: PartDiff, change: Change, name: str) -> Clause:
        source = (f"part {part.id}", change.what)
        if change.what == "title":
            return Clause(f"Sửa đổi tên {name} {ANNEX} thành: {quote(change.new)}.", source, -1)
        if change.what == "layout":
            return Clause(f"Sửa đổi các cột của bảng tại {name} {ANNEX} theo {TABLE}.", source, -1)
        gid = change.what.split()[1]
        if change.kind == ADDED:
            return Clause(f"Bổ sung {self.groups_after[gid]} {quote(change.new.partition('. ')[2])} "
                          f"vào {ANNEX}.", source, -1)
        if change.kind == REMOVED:
            return Clause(f"Bãi bỏ {self.groups_before[gid]} {ANNEX}.", source, -1)
        return Clause(f"Sửa đổi tên {self.groups_before[gid]} {ANNEX} thành: {quote(change.new)}.",
                      source, -1)

    def _label(self, task_id: str, name: str) -> str:
        """The column's label as the part prints it, in lower case: "thời gian hoàn thành"."""
        part = self._part_of(task_id)
        for column in part.layout.columns if part else ():
            if column.field == name:
                return lower_first(column.label)
        return FIELD_NAMES.get(name, name)

    def _part_of(self, task_id: str):
        for parts in (self.new_parts, self.old_parts):
            for part in parts.values():
                if any(t.id == task_id for t in part.tasks()):
                    return part
        return None

    def _changed(self, change: TaskChange) -> Clause:
        place = self.before[change.task.id]
        source = ("changed", change.task.id)
        fields = change.fields
        if not all(_plain(f) for f in fields):
            return Clause(f"Thay thế nội dung tại {place.cite()} bằng nội dung tại {TABLE}.",
                          source, place.order)
        if [f.what for f in fields] == ["content"]:
            return Clause(f"Sửa đổi nội dung tại {place.cite()} như sau: {_cell(fields[0].new)}.",
                          source, place.order)
        labels = [self._label(change.task.id, f.what) for f in fields]
        if len(fields) == 1:
            return Clause(f"Sửa đổi {labels[0]} tại {place.cite()} thành: {_cell(fields[0].new)}.",
                          source, place.order)
        values = "; ".join(f"{label}: {_cell(f.new)}" for label, f in zip(labels, fields))
        return Clause(f"Sửa đổi {_and(labels)} tại {place.cite()} như sau: {values}.",
                      source, place.order)

    def _anchor(self, task_id: str, part: PartDiff) -> tuple[str, int]:
        """Where a task added in NEW goes, in the OLD appendix's words, and a sort order."""
        ordered = [t.id for t in self.new_parts[part.id].tasks()]
        sibling = self.preceding.get(task_id)
        if sibling in self.groups_before:           # right after a sub-group of its list
            earlier = [t for t in ordered[:ordered.index(task_id)] if t in self.before]
            order = self.before[earlier[-1]].order if earlier else -1
            return f"vào sau {self.groups_before[sibling]} {ANNEX}", order
        for earlier in reversed(ordered[:ordered.index(task_id)]):
            if earlier in self.before:
                place = self.before[earlier]
                return f"vào sau {place.cite()}", place.order
        holder = self.after[task_id].holder()
        return f"vào đầu {holder} {ANNEX}" if holder else f"vào đầu {ANNEX}", -1

    def _added(self, task_id: str, part: PartDiff) -> Clause:
        task = self.new_tasks[task_id]
        where, order = self._anchor(task_id, part)
        rest = "; ".join(f"{self._label(task_id, name)}: {_cell(list(task.cell(name)))}"
                         for name in _printed(self.new_parts[part.id], task) if name != "content")
        rest = f", với {rest}" if rest else ""
        return Clause(f"Bổ sung nhiệm vụ {_cell(list(task.cell('content')))} {where}{rest}.",
                      ("added", task_id), order)

    def _dropped(self, task_id: str) -> Clause:
        place = self.before[task_id]
        content = self.old_tasks[task_id].cell("content")
        about = f" ({_cell(list(content))})" if content else ""
        return Clause(f"Bãi bỏ nội dung tại {place.cite()}{about}.", ("dropped", task_id), place.order)

    def _moved(self, task_id: str, new_after: str | None) -> Clause:
        place = self.before[task_id]
        if new_after in self.before:
            where = f"đến sau {self.before[new_after].cite()}"
        elif new_after in self.groups_before:       # right after a sub-group of its list
            where = f"đến sau {self.groups_before[new_after]} {ANNEX}"
        else:
            holder = self.after[task_id].holder()
            where = f"lên đầu {holder} {ANNEX}" if holder else f"lên đầu {ANNEX}"
        return Clause(f"Chuyển nội dung tại {place.cite()} {where}.", ("moved", task_id), place.order)

    def table_rows(self, part: PartDiff) -> list[TableRow]:
        """The rows of ``part`` that the attached table shows as they now read (all but the
        dropped ones, which no longer read at all)."""
        out = []
        for change in part.changed:
            labels = [self._label(change.task.id, f.what) if _plain(f) else "nội dung"
                      for f in change.fields]
            out.append(TableRow(part.id, change.task.id,
                                f"Sửa đổi {_and(list(dict.fromkeys(labels)))} "
                                f"({self.before[change.task.id].cite_short()})",
                                ("changed", change.task.id)))
        for ref in part.added:
            where, _ = self._anchor(ref.id, part)
            out.append(TableRow(part.id, ref.id, f"Bổ sung {where.removesuffix(' ' + ANNEX)}",
                                ("added", ref.id)))
        for move in part.moved:
            out.append(TableRow(part.id, move.task.id,
                                f"Chuyển từ {self.before[move.task.id].cite_short()}",
                                ("moved", move.task.id)))
        return out


def _plain(change: Change) -> bool:
    """A change of one printed cell (not of merges or of a task's several rows)."""
    return change.what in FIELD_NAMES


def _printed(part, task: Task) -> list[str]:
    """The fields of ``task`` that the part's table prints, numbers left out."""
    numbers = number_column(part)
    return [c.field for c in part.layout.columns
            if task.cell(c.field) and c.field not in ("stt", "stt2", "number")
            and (numbers is None or c.field != numbers[0])]


def _cell(value) -> str:
    """A cell's new value quoted; several paragraphs joined; an emptied cell said so."""
    if not value:
        return "(bỏ trống)"
    return quote("; ".join(value) if isinstance(value, list) else str(value))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} và {words[-1]}"
