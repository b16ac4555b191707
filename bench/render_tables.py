"""Time building a 300-row appendix table: markup (the renderer's way) vs python-docx add_row.

    .venv/bin/python bench/render_tables.py [rows]

Prints the best of several runs for each way. The markup figure includes the cell widths,
row properties and fonts the renderer writes, and starts with an empty cell cache;
python-docx writes plain text cells only.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx import Document  # noqa: E402

from generator.plan.model import Column, Layout, Part, Task  # noqa: E402
from generator.render import appendix  # noqa: E402

LAYOUT = Layout("tasks8", tuple(Column(f, f.title(), w) for f, w in (
    ("stt", 12), ("stt2", 12), ("content", 75), ("lead", 30), ("coordinating", 30),
    ("deadline", 28), ("result", 32), ("note", 28))))
TEXT = {"content": "Rà soát, công bố, công khai thủ tục hành chính thuộc thẩm quyền giải quyết",
        "lead": "Văn phòng UBND tỉnh", "coordinating": "Sở, ban, ngành tỉnh",
        "deadline": "Quý II/2023", "result": "Báo cáo kết quả", "note": ""}
REPEAT = 7


def tasks(rows: int) -> tuple[Task, ...]:
    return tuple(Task(f"t{n}", {"stt": (str(n),), "stt2": (str(n),),
                                **{k: (v,) if v else () for k, v in TEXT.items()}}, None)
                 for n in range(1, rows + 1))


def with_markup(rows: int) -> None:
    appendix._paragraphs.cache_clear()
    appendix.part_table(Part("p", None, LAYOUT, tasks(rows)))


def with_python_docx(rows: int) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=len(LAYOUT.columns))
    for cell, column in zip(table.rows[0].cells, LAYOUT.columns):
        cell.text = column.label
    for task in tasks(rows):
        cells = table.add_row().cells
        for cell, column in zip(cells, LAYOUT.columns):
            cell.text = "\n".join(task.cell(column.field))


def best(fn, rows: int) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn(rows)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    fast, slow = best(with_markup, rows), best(with_python_docx, rows)
    print(f"{rows} rows × {len(LAYOUT.columns)} columns, best of {REPEAT}")
    print(f"  markup (renderer)  : {fast:7.1f} ms")
    print(f"  python-docx add_row: {slow:7.1f} ms   ({slow / fast:.1f}× slower)")


if __name__ == "__main__":
    main()
