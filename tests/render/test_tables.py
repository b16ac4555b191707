"""Appendix tables: repeated header, short rows kept whole, fixed widths, spans and merges."""
from __future__ import annotations

from generator.record import replace
from generator.render import appendix as appendix_module
from generator.render.appendix import (CELL_MARGINS, SHARED_ROWS, estimated_lines, layout_widths,
                                       part_rows_xml)
from generator.render.compose import render_plan
from generator.render.geometry import twips

from .docx_xml import NS, Docx, w
from .fixtures import EIGHT, FIVE, tall_plan, task


def appendix_tables(doc):
    return [t for t in doc.xpath(".//w:tbl") if t.find(f"{w('tblPr')}/{w('tblBorders')}/{w('top')}")
            .get(w("val")) == "single"]


def cells_of(row):
    return row.findall(w("tc"))


def span(tc) -> int:
    found = tc.xpath("./w:tcPr/w:gridSpan/@w:val", namespaces=NS)
    return int(found[0]) if found else 1


def vmerge(tc):
    node = tc.find(f"{w('tcPr')}/{w('vMerge')}")
    return None if node is None else node.get(w("val"), "continue")


def test_one_table_per_part_with_its_layout(decision_docx):
    tables = appendix_tables(decision_docx)
    assert len(tables) == 2
    for table, layout in zip(tables, (EIGHT, FIVE)):
        grid = table.xpath("./w:tblGrid/w:gridCol/@w:w", namespaces=NS)
        assert [int(g) for g in grid] == [twips(c.width_mm) for c in layout.columns]
        assert table.find(f"{w('tblPr')}/{w('tblLayout')}").get(w("type")) == "fixed"


def test_header_row_is_bold_labels_repeated_on_every_page(decision_docx):
    for table, layout in zip(appendix_tables(decision_docx), (EIGHT, FIVE)):
        header, *rows = table.findall(w("tr"))
        assert header.find(f"{w('trPr')}/{w('tblHeader')}") is not None
        assert [decision_docx.text(tc) for tc in cells_of(header)] == [c.label for c in layout.columns]
        assert all(r.find(f"{w('trPr')}/{w('tblHeader')}") is None for r in rows)


def test_short_rows_stay_whole(decision_docx):
    rows = [r for t in appendix_tables(decision_docx) for r in t.findall(w("tr"))]
    assert rows and all(r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows)


def test_a_tall_row_may_break_across_pages():
    """Only the row estimated taller than KEEP_WHOLE_LINES lines loses w:cantSplit; the header
    still repeats."""
    doc = Docx(render_plan(tall_plan()))
    table = appendix_tables(doc)[-1]
    loose = [doc.text(r)[:40] for r in table.findall(w("tr"))
             if r.find(f"{w('trPr')}/{w('cantSplit')}") is None]
    assert len(loose) == 1 and "muc001" in loose[0]
    assert table.find(f"{w('tr')}/{w('trPr')}/{w('tblHeader')}") is not None


def test_a_layout_may_keep_every_row_whole():
    plan = tall_plan()
    parts = tuple(replace(p, layout=replace(p.layout, split_rows=False)) for p in plan.appendix.parts)
    doc = Docx(render_plan(replace(plan, appendix=replace(plan.appendix, parts=parts))))
    rows = [r for t in appendix_tables(doc) for r in t.findall(w("tr"))]
    assert any("muc001" in doc.text(r) for r in rows)
    assert all(r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows)


def test_a_group_row_keeps_with_the_row_after_it(decision_docx):
    """Every paragraph of the group's row is keep-with-next, so the row never ends a page."""
    table = appendix_tables(decision_docx)[0]
    group = next(r for r in table.findall(w("tr")) if "Công tác chỉ đạo" in decision_docx.text(r))
    paragraphs = group.findall(f".//{w('p')}")
    assert len(paragraphs) == 2
    assert all(decision_docx.paragraph_prop(p, "keepNext") is not None for p in paragraphs)


def test_lines_are_estimated_per_paragraph():
    assert estimated_lines((), 2000) == 1
    assert estimated_lines(("a" * 10, "b"), 110 * 10 + CELL_MARGINS) == 2
    assert estimated_lines(("a" * 11,), 110 * 10 + CELL_MARGINS) == 2
    assert estimated_lines(("a" * 30,), 100) == 30          # a column too narrow for one letter


def test_every_cell_width_is_the_sum_of_the_grid_columns_it_spans(decision_docx):
    for table in appendix_tables(decision_docx):
        grid = [int(g) for g in table.xpath("./w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
        for row in table.findall(w("tr")):
            col = 0
            for tc in cells_of(row):
                width = tc.find(f"{w('tcPr')}/{w('tcW')}")
                assert width.get(w("type")) == "dxa"
                assert int(width.get(w("w"))) == sum(grid[col:col + span(tc)])
                col += span(tc)
            assert col == len(grid)


def test_all_cell_borders_are_drawn(decision_docx):
    for table in appendix_tables(decision_docx):
        borders = table.find(f"{w('tblPr')}/{w('tblBorders')}")
        assert [b.get(w("val")) for b in borders] == ["single"] * 6


def test_group_rows_hold_the_number_then_the_title_across_the_rest(decision_docx):
    doc = decision_docx
    first = appendix_tables(doc)[0]
    group = first.findall(w("tr"))[1]
    number, title = cells_of(group)
    assert doc.text(number) == "I" and doc.text(title) == "Công tác chỉ đạo; thể chế"
    assert span(title) == len(EIGHT.columns) - 1
    assert all(doc.flag(p, p.find(w("r")), "b") for p in group.iter(w("p")))


def test_a_span_merges_its_columns_into_one_cell(decision_docx):
    doc = decision_docx
    row = next(r for r in appendix_tables(doc)[0].findall(w("tr"))
               if doc.text(r).startswith("33Nhiệm vụ đã phân công"))
    tcs = cells_of(row)
    assert [span(tc) for tc in tcs] == [1, 1, 1, 5]
    assert doc.text(tcs[3]) == "Đã được phân công theo Kế hoạch số 243/KH-UBND"


def test_a_cell_of_several_paragraphs_keeps_them_apart_and_empty_cells_keep_one(decision_docx):
    doc = decision_docx
    row = next(r for r in appendix_tables(doc)[0].findall(w("tr")) if doc.text(r).startswith("22"))
    content, note = cells_of(row)[2], cells_of(row)[7]
    assert [doc.text(p) for p in content.findall(w("p"))][1] == "- gạch đầu dòng thứ hai"
    assert len(note.findall(w("p"))) == 1 and doc.text(note) == ""


def test_a_task_of_several_rows_merges_the_fields_its_rows_do_not_give(decision_docx):
    doc = decision_docx
    rows = appendix_tables(doc)[1].findall(w("tr"))[2:5]
    grid = [[(doc.text(tc), vmerge(tc)) for tc in cells_of(r)] for r in rows]
    number, content, result, assignee, deadline = zip(*grid)
    assert number == (("1", "restart"), ("", "continue"), ("", "continue"))
    assert content[0] == ("Công bố thủ tục hành chính", "restart")
    assert result == (("Kết quả một", None), ("Kết quả hai", None), ("Kết quả ba", None))
    assert assignee == (("Văn phòng", "restart"), ("", "continue"), ("Các sở", None))
    assert deadline == (("Thường xuyên.", "restart"), ("", "continue"), ("Quý II/2023", None))


def _rows_of(items, layout):
    return [xml for _, xml in part_rows_xml(items, layout, layout_widths(layout))]


def test_a_task_shown_again_reuses_its_rows_and_a_changed_one_is_written_anew():
    """Rows are kept by what a task shows (a child repeats its parent's tasks): the same
    content in the same layout gives the same rows, a changed cell or another layout does
    not get the kept ones."""
    first = task("a", 1, "Rà soát", lead="Sở Tư pháp")
    again = task("b", 1, "Rà soát", lead="Sở Tư pháp")
    changed = task("c", 1, "Rà soát", lead="Sở Nội vụ")
    [a] = _rows_of((first,), EIGHT)
    assert _rows_of((again,), EIGHT) == [a]
    [c] = _rows_of((changed,), EIGHT)
    assert "Sở Nội vụ" in c and "Sở Tư pháp" not in c
    [five] = _rows_of((again,), FIVE)
    assert five != a and five.count("<w:tc>") == len(FIVE.columns)
    # what the next task continues (merge_up) belongs to the key too
    below = replace(task("d", 2, "Khác"), merge_up=frozenset({"lead"}))
    merged = _rows_of((first, below), EIGHT)
    assert 'w:vMerge w:val="restart"' in merged[0] and 'w:vMerge w:val="restart"' not in a


def test_the_kept_rows_are_bounded():
    """By task and by what a task of several rows shows, at most SHARED_ROWS each."""
    tasks = tuple(task(f"t{n}", n, f"Nhiệm vụ {n}",
                       rows=({"lead": ("Sở A",)}, {"lead": ("Sở B",)}) if n % 2 else ())
                  for n in range(2 * SHARED_ROWS + 50))
    rows = _rows_of(tasks, FIVE)
    assert len(rows) == len(tasks)
    assert SHARED_ROWS // 2 < len(appendix_module._rows) <= SHARED_ROWS
    assert len(appendix_module._by_task) == SHARED_ROWS
    assert _rows_of(tasks[:2], FIVE) == rows[:2]


def test_a_task_of_one_row_is_written_as_the_rows_of_a_task_are():
    """A task without rows takes a shorter way (appendix._one_row) than one with rows; a
    single empty row shows the task's own cells, so both must give the same markup, merged
    into the task above, into the one below, or neither, and tall enough to split or not."""
    tall = "Một nội dung rất dài " * 30
    for content, merge_up, below in (("Rà soát", frozenset(), frozenset()),
                                     (tall, frozenset({"lead"}), frozenset()),
                                     ("Rà soát", frozenset(), frozenset({"lead", "note"})),
                                     (tall, frozenset({"note"}), frozenset({"lead"}))):
        one = replace(task("a", 7, content, lead="Sở Tư pháp", note="Ghi chú"), merge_up=merge_up)
        for layout in (EIGHT, FIVE):
            widths = layout_widths(layout)
            fast = appendix_module._task_rows(one, layout, widths, below)
            assert fast == appendix_module._task_rows(replace(one, rows=({},)), layout, widths, below)
            assert ("<w:cantSplit/>" in fast) == (content != tall)
