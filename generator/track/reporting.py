"""The periodic report (Báo cáo) on one plan: its numbers from a status file, and its text.

Every task falls in exactly one CATEGORY, from its standing (standing.py) and its state:
done on time, done late, overdue, in progress within its time, cancelled, or not reported.
The report counts them for the whole plan, by part and by lead unit, and writes them out the
way such reports are written (domain.md, "After the plan is issued"): I. results, by part,
with a chart; II. shortcomings and causes (the overdue tasks and their notes); III. the tasks
of the next period; IV. proposals; then one table per part, overdue rows marked.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from generator.plan.dates import DocDate
from generator.plan.model import Group, Part, Plan, Task
from generator.render import report_doc
from generator.render.report_doc import Column, Picture, Row, Table, Text
from generator.track.matrix import TaskRow, task_rows, text
from generator.track.period import Period
from generator.track.standing import Standing, latest_date, standing_of
from generator.track.status import Entry, Status

ON_TIME, LATE, OVERDUE, IN_TIME, CANCELLED, NO_STATUS = (
    "on_time", "late", "overdue", "in_time", "cancelled", "no_status")
CATEGORIES = (ON_TIME, LATE, IN_TIME, OVERDUE, CANCELLED, NO_STATUS)
WORDS = {ON_TIME: "Hoàn thành đúng hạn", LATE: "Hoàn thành chậm", OVERDUE: "Quá hạn",
         IN_TIME: "Đang thực hiện trong hạn", CANCELLED: "Không thực hiện",
         NO_STATUS: "Chưa báo cáo"}
PHRASES = {IN_TIME: "đang thực hiện trong hạn", OVERDUE: "quá hạn", CANCELLED: "không thực hiện",
           NO_STATUS: "chưa báo cáo"}
COLOURS = {ON_TIME: "#4d8f4d", LATE: "#b5d99c", IN_TIME: "#9ec5e8", OVERDUE: "#c0392b",
           CANCELLED: "#bdbdbd", NO_STATUS: "#ffffff"}
TOP_RECIPIENT = "Văn phòng Chính phủ (Cục Kiểm soát thủ tục hành chính);"
CHART_WIDTH_MM = 160
TABLE_COLUMNS = (Column("Stt", 12, True), Column("Nội dung nhiệm vụ", 78),
                 Column("Đơn vị chủ trì", 34), Column("Thời hạn", 26, True),
                 Column("Tình hình thực hiện", 32, True), Column("Kết quả", 45),
                 Column("Ghi chú", 25))


def category(standing: Standing, entry: Entry | None) -> str:
    """The one category a task counts in. A done task without a day to miss is on time."""
    if standing is Standing.NO_STATUS:
        return NO_STATUS
    if standing is Standing.CANCELLED:
        return CANCELLED
    if standing is Standing.DONE_LATE:
        return LATE
    if standing is Standing.ON_TIME or (entry is not None and entry.state == "done"):
        return ON_TIME
    if standing is Standing.OVERDUE:
        return OVERDUE
    return IN_TIME


@dataclass(frozen=True)
class Line:
    """One task of the plan as the report sees it."""

    task: Task
    part: Part
    row: TaskRow                # the task as text: number, content, lead, deadline
    entry: Entry | None
    category: str

    @property
    def lead(self) -> str:
        """The lead unit(s) on one line (some plans call the column ``assignee``)."""
        lead = self.row.lead or text(self.task, "assignee") or "(chưa giao)"
        return "; ".join(lead.splitlines())


@dataclass(frozen=True)
class Counts:
    """How many tasks in each category."""

    by: dict[str, int]

    @classmethod
    def of(cls, categories) -> "Counts":
        by = dict.fromkeys(CATEGORIES, 0)
        for c in categories:
            by[c] += 1
        return cls(by)

    def __getitem__(self, name: str) -> int:
        return self.by[name]

    @property
    def total(self) -> int:
        return sum(self.by.values())

    @property
    def done(self) -> int:
        return self.by[ON_TIME] + self.by[LATE]


@dataclass(frozen=True)
class Tally:
    """A plan's tasks at a status: each task's line, and the counts overall, by part, by lead."""

    plan: Plan
    status: Status
    lines: tuple[Line, ...]

    @property
    def counts(self) -> Counts:
        return Counts.of(line.category for line in self.lines)

    def by_part(self) -> list[tuple[Part, Counts]]:
        return [(part, Counts.of(l.category for l in self.lines if l.part is part))
                for part in self.plan.appendix.parts] if self.plan.appendix else []

    def by_lead(self) -> list[tuple[str, Counts]]:
        """Lead units in the order they first lead a task."""
        leads = dict.fromkeys(line.lead for line in self.lines)
        return [(lead, Counts.of(l.category for l in self.lines if l.lead == lead))
                for lead in leads]

    def of(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.category == name]


def tally(plan: Plan, status: Status) -> Tally:
    rows = {row.id: row for row in task_rows(plan)}
    lines = []
    for part in plan.appendix.parts if plan.appendix else ():
        for task in part.tasks():
            entry = status.entries.get(task.id)
            lines.append(Line(task, part, rows[task.id], entry,
                              category(standing_of(task, entry, status), entry)))
    return Tally(plan, status, tuple(lines))


# --- words ------------------------------------------------------------------------------------

def percent(part: int, whole: int) -> str:
    """``54,1%``: one decimal, a decimal comma, as Vietnamese documents write it."""
    value = round(100 * part / whole, 1) if whole else 0.0
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + "%"


def summary_sentence(counts: Counts, as_of: date) -> str:
    """The report's opening figure, every category named (those with none left out)."""
    done = (f"đã hoàn thành {counts.done} nhiệm vụ ({percent(counts.done, counts.total)}), "
            f"trong đó {counts[ON_TIME]} nhiệm vụ hoàn thành đúng hạn, "
            f"{counts[LATE]} nhiệm vụ hoàn thành chậm")
    parts = [done, f"{counts[IN_TIME]} nhiệm vụ đang thực hiện trong hạn",
             f"{counts[OVERDUE]} nhiệm vụ quá hạn chưa hoàn thành"]
    if counts[CANCELLED]:
        parts.append(f"{counts[CANCELLED]} nhiệm vụ không thực hiện")
    if counts[NO_STATUS]:
        parts.append(f"{counts[NO_STATUS]} nhiệm vụ chưa có báo cáo")
    return (f"Tính đến {DocDate.of(as_of).long()}, trong tổng số {counts.total} nhiệm vụ của Kế hoạch, "
            + "; ".join(parts) + ".")


def counts_phrase(counts: Counts) -> str:
    """``12 nhiệm vụ: hoàn thành 8 (đúng hạn 7, chậm 1), quá hạn 2`` for a part or a unit;
    a category with no task is left out, except the tasks done."""
    done = f"hoàn thành {counts.done}"
    if counts.done:
        done += f" (đúng hạn {counts[ON_TIME]}, chậm {counts[LATE]})"
    out = [done] + [f"{PHRASES[c]} {counts[c]}" for c in (IN_TIME, OVERDUE, CANCELLED, NO_STATUS)
                    if counts[c]]
    return f"{counts.total} nhiệm vụ: " + ", ".join(out)


def lower_first(text: str) -> str:
    """``Tổ chức …`` → ``tổ chức …``; an acronym (``UBND …``) keeps its capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def part_label(part: Part, n: int) -> str:
    """The part as its heading names it, else by its place."""
    return part.heading or f"Phần {n}"


def part_short(part: Part, n: int) -> str:
    """The chart's label: the heading's number ("1.", "II.") as ``Phần 1``, ``Phần II``."""
    first = (part.heading or "").split(" ", 1)[0].rstrip(".")
    return f"Phần {first}" if first and (first.isdigit() or set(first) <= set("IVXLC")) \
        else f"Phần {n}"


def title(plan: Plan, period: Period) -> str:
    return f"Kết quả thực hiện Kế hoạch {lower_first(plan.plan.title)} {period.words()}"


def _opening(plan: Plan, period: Period) -> str:
    """ "Thực hiện Quyết định số … ban hành Kế hoạch …, <issuer> báo cáo … như sau:"."""
    issuer, document = plan.issuer.full, plan.document
    named = lower_first(plan.plan.title)
    if document.number:
        cited = f"{document.type_name} số {document.code} {document.place_date} của {issuer}"
        source = f"{cited} ban hành Kế hoạch {named}" if plan.decision else \
            f"Kế hoạch số {document.code} {document.place_date} của {issuer} về {named}"
    else:
        source = f"Kế hoạch {named}"
    return (f"Thực hiện {source}, {issuer} báo cáo kết quả thực hiện {period.words()} "
            "như sau:")


def _task_words(line: Line) -> str:
    deadline = line.row.deadline or "không ghi thời hạn"
    content = " ".join(line.row.content.split()).rstrip(" .;")
    return f"- {content} (chủ trì: {line.lead}; thời hạn: {deadline.rstrip('.')})"


def _results(data: Tally, chart: Picture | None) -> Iterator[Text | Picture]:
    counts = data.counts
    yield Text("heading", "I. KẾT QUẢ ĐẠT ĐƯỢC")
    yield Text("text", summary_sentence(counts, data.status.as_of))
    yield Text("subheading", "1. Kết quả theo từng nội dung của Kế hoạch")
    for n, (part, part_counts) in enumerate(data.by_part(), 1):
        yield Text("text", f"{part_label(part, n).rstrip(' .:;')}: {counts_phrase(part_counts)}.")
    if chart is not None:
        yield chart
        yield Text("caption", "Biểu đồ: Tình hình thực hiện nhiệm vụ theo từng nội dung "
                              "của Kế hoạch")
    yield Text("subheading", "2. Kết quả theo đơn vị chủ trì")
    for lead, lead_counts in data.by_lead():
        yield Text("text", f"- {lead}: {counts_phrase(lead_counts)}.")
    yield Text("text", "Kết quả thực hiện từng nhiệm vụ chi tiết tại Phụ lục kèm theo "
                       "Báo cáo này.")


def _shortcomings(data: Tally) -> Iterator[Text]:
    yield Text("heading", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    overdue, late, silent = data.of(OVERDUE), data.of(LATE), data.of(NO_STATUS)
    if overdue:
        yield Text("text", f"Còn {len(overdue)} nhiệm vụ quá hạn chưa hoàn thành:")
        for line in overdue:
            note = line.entry.note.rstrip(".") if line.entry else ""
            cause = f"; nguyên nhân: {note}" if note else ""
            yield Text("text", f"{_task_words(line)}{cause}.")
    if late:
        yield Text("text", f"Có {len(late)} nhiệm vụ hoàn thành chậm so với thời hạn của "
                           "Kế hoạch.")
    if silent:
        yield Text("text", f"Có {len(silent)} nhiệm vụ chưa có báo cáo kết quả thực hiện.")
    if not (overdue or late or silent):
        yield Text("text", "Các nhiệm vụ đến hạn trong kỳ đều được hoàn thành đúng hạn; "
                           "không có nhiệm vụ quá hạn.")


def _next_tasks(data: Tally) -> Iterator[Text]:
    period, as_of = data.status.period, data.status.as_of
    after = period.next()
    heading = after.words().upper() if after else "THỜI GIAN TỚI"
    yield Text("heading", f"III. NHIỆM VỤ TRỌNG TÂM {heading}")
    end = after.end if after else date(period.year, 12, 31)
    overdue = data.of(OVERDUE)
    if overdue:
        yield Text("text", f"Khẩn trương hoàn thành {len(overdue)} nhiệm vụ quá hạn nêu tại "
                           "Mục II.")
    due = [line for line in data.of(IN_TIME) + data.of(NO_STATUS)
           if (day := latest_date(line.task)) is not None and as_of < day <= end]
    if due:
        yield Text("text", f"Triển khai thực hiện {len(due)} nhiệm vụ đến hạn trước "
                           f"{DocDate.of(end).long()}:")
        yield from (Text("text", f"{_task_words(line)};") for line in due)
    ongoing = [line for line in data.of(IN_TIME) if latest_date(line.task) is None]
    if ongoing:
        yield Text("text", f"Tiếp tục thực hiện {len(ongoing)} nhiệm vụ thường xuyên, định kỳ "
                           "theo Kế hoạch.")
    if not (overdue or due or ongoing):
        yield Text("text", "Tiếp tục theo dõi, đôn đốc thực hiện các nhiệm vụ còn lại của "
                           "Kế hoạch.")


def _proposals(data: Tally) -> Iterator[Text]:
    yield Text("heading", "IV. ĐỀ XUẤT, KIẾN NGHỊ")
    issuer = data.plan.issuer.full
    if data.of(OVERDUE):
        yield Text("text", "Đề nghị các cơ quan, đơn vị được giao chủ trì các nhiệm vụ quá hạn "
                           "khẩn trương hoàn thành và báo cáo kết quả về "
                           f"{issuer} trong kỳ báo cáo tiếp theo.")
    else:
        yield Text("text", "Đề nghị các cơ quan, đơn vị tiếp tục thực hiện các nhiệm vụ của "
                           f"Kế hoạch đúng thời hạn và báo cáo kết quả về {issuer} theo quy định.")


def part_chart(parts: list[tuple[Part, Counts]], axis: str = "Số nhiệm vụ") -> Picture:
    """The tasks of each part, by category: one stacked bar a part (the report's chart, and
    the roll-up's, which counts a task once for each plan that has it)."""
    from generator.track.chart import Series, bar_height_mm, stacked_bars
    labels = [part_short(part, n) for n, (part, _) in enumerate(parts, 1)]
    series = [Series(WORDS[c], COLOURS[c], tuple(counts[c] for _, counts in parts))
              for c in CATEGORIES if any(counts[c] for _, counts in parts)]
    return Picture(stacked_bars(labels, series, CHART_WIDTH_MM, axis), CHART_WIDTH_MM,
                   bar_height_mm(len(parts)),
                   "Biểu đồ tình hình thực hiện nhiệm vụ theo từng nội dung của Kế hoạch")


# --- tables -----------------------------------------------------------------------------------

def _state_words(line: Line) -> str:
    words = WORDS[line.category]
    if line.entry is not None and line.entry.date is not None and line.category in (ON_TIME, LATE):
        return f"{words} ({DocDate.of(line.entry.date).short()})"
    return words


def _result_words(entry: Entry | None) -> str:
    if entry is None:
        return ""
    evidence = f" (văn bản: {', '.join(entry.evidence)})" if entry.evidence else ""
    return f"{entry.result}{evidence}".strip()


def table_rows(items, row_of) -> list[Row]:
    """A part's groups (as title rows) and tasks (``row_of(task)``), in the plan's order."""
    rows: list[Row] = []
    for item in items:
        if isinstance(item, Group):
            rows.append(Row((item.number, item.title), group=True))
            rows += table_rows(item.items, row_of)
        else:
            rows.append(row_of(item))
    return rows


def part_table(part: Part, lines: dict[str, Line], n: int) -> Table:
    """The part's tasks under its groups, overdue rows marked."""
    def row_of(task: Task) -> Row:
        line = lines[task.id]
        return Row((line.row.number, line.row.content, line.lead, line.row.deadline,
                    _state_words(line), _result_words(line.entry),
                    line.entry.note if line.entry else ""),
                   marked=line.category == OVERDUE)
    return Table(part_label(part, n), TABLE_COLUMNS, tuple(table_rows(part.items, row_of)))


# --- the report -------------------------------------------------------------------------------

def recipients(plan: Plan, parent: Plan | None) -> tuple[str, ...]:
    """The level above (the plan it extends, or the Government Office for a top plan), then
    the plan's own filing line."""
    above = f"{parent.issuer.full};" if parent is not None else TOP_RECIPIENT
    filing = next((r for r in reversed(plan.recipients) if r.startswith("Lưu")), "Lưu: VT.")
    return (above, filing)


def build_report(plan: Plan, status: Status, parent: Plan | None = None, number: str = "",
                 day: date | None = None, chart: bool = True) -> report_doc.Report:
    """The report on ``plan`` at ``status``, dated ``day`` (the status's as_of by default)."""
    data = tally(plan, status)
    image = part_chart(data.by_part()) if chart and data.lines else None
    body = (Text("text", _opening(plan, status.period)), *_results(data, image),
            *_shortcomings(data), *_next_tasks(data), *_proposals(data))
    lines = {line.task.id: line for line in data.lines}
    parts = plan.appendix.parts if plan.appendix else ()
    tables = tuple(part_table(part, lines, n) for n, part in enumerate(parts, 1))
    return report_doc.Report(
        plan, number, day or status.as_of, title(plan, status.period), body,
        recipients(plan, parent),
        f"Kết quả thực hiện các nhiệm vụ của Kế hoạch {status.period.words()}", tables)
