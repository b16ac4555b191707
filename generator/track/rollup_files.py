"""The roll-up written out: a report (Báo cáo tổng hợp) as DOCX, or two sheets as XLSX.

Both show the same two tables: each task of the plan across the descendants that kept it
(how many have it done, on time, overdue, not reported, and where it is overdue), and each
descendant plan (its done share, its overdue tasks). The DOCX adds the words around them.
"""
from __future__ import annotations

from datetime import datetime

from generator.plan.model import Part, Plan
from generator.render import report_doc
from generator.render.report_doc import Column, Picture, Row, Table, Text
from generator.track.matrix import task_rows
from generator.track.reporting import (CANCELLED, CATEGORIES, IN_TIME, LATE, NO_STATUS, ON_TIME, OVERDUE,
                                       Counts, lower_first, part_chart, part_label, percent,
                                       recipients, table_rows)
from generator.track.rollup import PlanResult, Rollup, TaskResult

NAMED_AT_MOST = 10          # overdue agencies named in a DOCX cell; the XLSX names them all
WORST = 5                   # tasks and agencies named in the text
TASK_COLUMNS = (Column("Stt", 12, True), Column("Nội dung nhiệm vụ", 80),
                Column("Số đơn vị thực hiện", 22, True), Column("Hoàn thành", 22, True),
                Column("Đúng hạn", 20, True), Column("Quá hạn", 18, True),
                Column("Chưa báo cáo", 20, True), Column("Đơn vị quá hạn", 58))
PLAN_COLUMNS = (Column("Stt", 12, True), Column("Cơ quan, đơn vị", 90),
                Column("Số nhiệm vụ", 25, True), Column("Hoàn thành", 25, True),
                Column("Tỷ lệ hoàn thành", 25, True), Column("Quá hạn", 25, True),
                Column("Chưa báo cáo", 25, True), Column("Báo cáo", 25, True))


def total(rollup: Rollup) -> Counts:
    """The plan's tasks counted once per descendant that kept them."""
    return _summed(rollup.tasks)


def by_part(rollup: Rollup) -> list[tuple[Part, Counts]]:
    """Each part of the plan, its tasks counted as ``total`` counts them."""
    return [(part, _summed([t for t in rollup.tasks if t.part is part]))
            for part in (rollup.plan.appendix.parts if rollup.plan.appendix else ())]


def _summed(tasks: list[TaskResult]) -> Counts:
    return Counts({name: sum(t.counts[name] for t in tasks) for name in CATEGORIES})


def named(agencies: tuple[str, ...], limit: int | None = NAMED_AT_MOST) -> str:
    if limit is None or len(agencies) <= limit:
        return "; ".join(agencies)
    return "; ".join(agencies[:limit]) + f" và {len(agencies) - limit} đơn vị khác"


# --- DOCX -------------------------------------------------------------------------------------

def _task_tables(rollup: Rollup) -> list[Table]:
    results = {t.task.id: t for t in rollup.tasks}
    numbers = {row.id: row for row in task_rows(rollup.plan)}

    def row_of(task) -> Row:
        r, shown = results[task.id], numbers[task.id]
        c = r.counts
        return Row((shown.number, shown.content, str(c.total), str(c.done), str(c[ON_TIME]),
                    str(c[OVERDUE]), str(c[NO_STATUS]), named(tuple(p.label for p in r.overdue))),
                   marked=bool(c[OVERDUE]))
    parts = rollup.plan.appendix.parts if rollup.plan.appendix else ()
    return [Table(part_label(part, n), TASK_COLUMNS, tuple(table_rows(part.items, row_of)))
            for n, part in enumerate(parts, 1)]


def _plan_table(rollup: Rollup) -> Table:
    rows = []
    for n, p in enumerate(rollup.plans, 1):
        c = p.counts
        rows.append(Row((str(n), p.label, str(c.total), str(c.done), percent(c.done, c.total),
                         str(c[OVERDUE]), str(c[NO_STATUS]), "Có" if p.status else "Chưa"),
                        marked=bool(c[OVERDUE])))
    return Table("Kết quả theo cơ quan, đơn vị", PLAN_COLUMNS, tuple(rows))


def _sentence(counts: Counts, plans: int) -> str:
    out = [f"đã hoàn thành {counts.done} lượt ({percent(counts.done, counts.total)}), trong đó "
           f"đúng hạn {counts[ON_TIME]}, chậm {counts[LATE]}",
           f"đang thực hiện trong hạn {counts[IN_TIME]} lượt", f"quá hạn {counts[OVERDUE]} lượt"]
    if counts[CANCELLED]:
        out.append(f"không thực hiện {counts[CANCELLED]} lượt")
    if counts[NO_STATUS]:
        out.append(f"chưa báo cáo {counts[NO_STATUS]} lượt")
    return (f"Các nhiệm vụ của Kế hoạch được {plans} cơ quan, đơn vị triển khai với tổng số "
            f"{counts.total} lượt nhiệm vụ; " + "; ".join(out) + ".")


def _body(rollup: Rollup) -> list[Text | Picture]:
    plan, words = rollup.plan, rollup.period.words()
    reported = [p for p in rollup.plans if p.status]
    silent = [p for p in rollup.plans if not p.status]
    out = [Text("text", f"{plan.issuer.full} tổng hợp kết quả thực hiện {words} của "
                        f"{len(rollup.plans)} cơ quan, đơn vị triển khai Kế hoạch "
                        f"{lower_first(plan.plan.title)} như sau:"),
           Text("heading", "I. TÌNH HÌNH BÁO CÁO"),
           Text("text", f"Có {len(reported)}/{len(rollup.plans)} cơ quan, đơn vị đã báo cáo "
                        f"kết quả thực hiện {words}.")]
    if silent:
        out.append(Text("text", "Các cơ quan, đơn vị chưa báo cáo: "
                                f"{named(tuple(p.label for p in silent), None)}."))
    out += [Text("heading", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH"),
            Text("text", _sentence(total(rollup), len(rollup.plans)))]
    if rollup.tasks:
        out += [part_chart(by_part(rollup), "Số lượt nhiệm vụ"),
                Text("caption", "Biểu đồ: Tình hình thực hiện nhiệm vụ theo từng nội dung của "
                                "Kế hoạch tại các cơ quan, đơn vị")]
    worst = sorted((t for t in rollup.tasks if t.counts[OVERDUE]),
                   key=lambda t: -t.counts[OVERDUE])[:WORST]
    if worst:
        out.append(Text("text", "Các nhiệm vụ quá hạn tại nhiều cơ quan, đơn vị nhất:"))
        out += [Text("text", f"- {_content(t)} (quá hạn tại {t.counts[OVERDUE]}/"
                             f"{t.counts.total} cơ quan, đơn vị);") for t in worst]
    out += [Text("heading", "III. KẾT QUẢ THEO CƠ QUAN, ĐƠN VỊ"), *_plans_text(rollup),
            Text("heading", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
            Text("text", "Đề nghị các cơ quan, đơn vị có nhiệm vụ quá hạn khẩn trương hoàn "
                         "thành, các cơ quan, đơn vị chưa báo cáo gửi báo cáo kết quả thực hiện "
                         f"về {plan.issuer.full} trong kỳ báo cáo tiếp theo.")]
    return out


def _content(task: TaskResult) -> str:
    return " ".join(" ".join(task.task.cell("content")).split()).rstrip(" .;")


def _plans_text(rollup: Rollup) -> list[Text]:
    late = [p for p in rollup.plans if p.counts[OVERDUE]]
    out = [Text("text", f"Có {len(late)}/{len(rollup.plans)} cơ quan, đơn vị còn nhiệm vụ "
                        "quá hạn chưa hoàn thành." if late else
                "Không có cơ quan, đơn vị nào còn nhiệm vụ quá hạn.")]
    ranked = sorted((p for p in rollup.plans if p.status), key=_done_share)
    if ranked:
        out.append(Text("text", "Tỷ lệ hoàn thành thấp nhất: " + "; ".join(
            f"{p.label}: {percent(p.counts.done, p.counts.total)}" for p in ranked[:WORST]) + "."))
    out.append(Text("text", "Kết quả của từng nhiệm vụ và từng cơ quan, đơn vị chi tiết tại "
                            "Phụ lục kèm theo Báo cáo này."))
    return out


def _done_share(p: PlanResult) -> float:
    c = p.counts
    return c.done / c.total if c.total else 1.0


def rollup_report(rollup: Rollup, parent: Plan | None = None, number: str = "",
                  day=None) -> report_doc.Report:
    plan, words = rollup.plan, rollup.period.words()
    return report_doc.Report(
        plan, number, day or rollup.period.cutoff(),
        f"Tổng hợp kết quả thực hiện Kế hoạch {lower_first(plan.plan.title)} của các cơ quan, "
        f"đơn vị {words}", tuple(_body(rollup)), recipients(plan, parent),
        f"Tổng hợp kết quả thực hiện nhiệm vụ của các cơ quan, đơn vị {words}",
        tuple(_task_tables(rollup)) + (_plan_table(rollup),))


def rollup_docx(rollup: Rollup, parent: Plan | None = None, number: str = "", day=None) -> bytes:
    return report_doc.render_report(rollup_report(rollup, parent, number, day))


# --- XLSX -------------------------------------------------------------------------------------

TASK_SHEET = "Nhiệm vụ"
PLAN_SHEET = "Cơ quan, đơn vị"
_TASK_SHEET_COLUMNS = (("Mã nhiệm vụ", 22), ("Phần", 30), ("Stt", 6), ("Nội dung nhiệm vụ", 60),
                       ("Số đơn vị thực hiện", 12), ("Hoàn thành", 11), ("Đúng hạn", 10),
                       ("Hoàn thành chậm", 11), ("Đang thực hiện trong hạn", 12),
                       ("Quá hạn", 10), ("Không thực hiện", 11), ("Chưa báo cáo", 11),
                       ("Đơn vị quá hạn", 60))
_PLAN_SHEET_COLUMNS = (("Kế hoạch", 34), ("Cơ quan, đơn vị", 40), ("Kế hoạch cấp trên", 34),
                       ("Cấp", 6), ("Tệp trạng thái", 40), ("Số nhiệm vụ", 11),
                       ("Hoàn thành", 11), ("Tỷ lệ hoàn thành (%)", 12), ("Quá hạn", 10),
                       ("Chưa báo cáo", 11))


def rollup_xlsx(rollup: Rollup) -> bytes:
    """Two sheets: the tasks of the plan, and the descendant plans; numbers as numbers."""
    from openpyxl import Workbook
    from generator.track.sheets import workbook_bytes, write_sheet
    shown = {row.id: row for row in task_rows(rollup.plan)}
    book = Workbook()
    tasks = book.active
    tasks.title = TASK_SHEET
    write_sheet(tasks, _TASK_SHEET_COLUMNS, (
        (t.task.id, shown[t.task.id].part, shown[t.task.id].number, shown[t.task.id].content,
         t.counts.total, t.counts.done, t.counts[ON_TIME], t.counts[LATE], t.counts[IN_TIME],
         t.counts[OVERDUE], t.counts[CANCELLED], t.counts[NO_STATUS],
         "; ".join(p.label for p in t.overdue))
        for t in rollup.tasks))
    plans = book.create_sheet(PLAN_SHEET)
    write_sheet(plans, _PLAN_SHEET_COLUMNS, (
        (p.name, p.agency, p.parent, p.depth, p.status or "", p.counts.total, p.counts.done,
         round(100 * _done_share(p), 1), p.counts[OVERDUE], p.counts[NO_STATUS])
        for p in rollup.plans))
    cutoff = rollup.period.cutoff()
    return workbook_bytes(book, datetime(cutoff.year, cutoff.month, cutoff.day))
