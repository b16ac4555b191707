"""A plan typed in Word (python-docx's default template, direct formatting, no plangen styles)."""
from __future__ import annotations

from pathlib import Path

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH

from generator.ingest.importer import import_to_file
from generator.review.docx_text import docx_text

from ..conftest import run_cli

HEAD8 = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành",
         "Kết quả thực hiện", "Ghi chú", "Nguồn kinh phí"]
HEAD5 = ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian thực hiện", "Kết quả"]


def para(document, text: str, bold=False, italic=False, centre=False):
    p = document.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def fill(cell, *texts: str, bold=False):
    """Direct formatting only: bold runs, one paragraph per text."""
    cell.paragraphs[0].text = ""
    for n, text in enumerate(texts):
        p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        p.add_run(text).bold = bold or None


def hand_set_numbers(value) -> list:
    """Every ``number``, ``stt`` or ``stt2`` key in the parts' tasks and groups."""
    if isinstance(value, list):
        return [n for v in value for n in hand_set_numbers(v)]
    if isinstance(value, dict):
        return [value[k] for k in ("number", "stt", "stt2") if k in value] + [
            n for v in value.values() for n in hand_set_numbers(v)]
    return []


def word_plan(path: Path) -> Path:
    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    fill(head.cell(0, 0), "ỦY BAN NHÂN DÂN", "HUYỆN THỬ NGHIỆM", bold=True)
    head.cell(0, 0).add_paragraph("Số: 12/KH-UBND")
    fill(head.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", bold=True)
    head.cell(0, 1).add_paragraph().add_run("Thử Nghiệm, ngày 05 tháng 3 năm 2024").italic = True
    para(d, "KẾ HOẠCH", bold=True, centre=True)
    para(d, "Kiểm soát thủ tục hành chính năm 2024", bold=True, centre=True)
    para(d, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", italic=True)
    para(d, "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:")
    para(d, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    para(d, "- Thực hiện hiệu quả nhiệm vụ kiểm soát thủ tục hành chính.")
    para(d, "1. Mục đích", bold=True)
    para(d, "2. Công khai đầy đủ thủ tục hành chính.")
    para(d, "(Chi tiết phụ lục kèm theo)", italic=True)
    para(d, "II. TỔ CHỨC THỰC HIỆN", bold=True)
    para(d, "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này./.")
    closing = d.add_table(rows=1, cols=2)
    fill(closing.cell(0, 0), "Nơi nhận:", bold=True)
    for line in ("- UBND tỉnh;", "- Lưu: VT."):
        closing.cell(0, 0).add_paragraph(line)
    fill(closing.cell(0, 1), "CHỦ TỊCH", bold=True)
    closing.cell(0, 1).add_paragraph("Nguyễn Văn Thử")
    para(d, "PHỤ LỤC", bold=True, centre=True)
    para(d, "NỘI DUNG THỰC HIỆN KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2024", bold=True, centre=True)
    para(d, "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05 tháng 3 năm 2024 của UBND huyện Thử Nghiệm)",
         italic=True, centre=True)
    para(d, "1. Công tác chỉ đạo", bold=True)
    t8 = d.add_table(rows=6, cols=8)
    t8.style = "Table Grid"
    for j, label in enumerate(HEAD8):
        fill(t8.cell(0, j), label, bold=True)
    fill(t8.cell(1, 0), "I", bold=True)
    group = t8.cell(1, 1).merge(t8.cell(1, 7))
    fill(group, "Xây dựng văn bản chỉ đạo", bold=True)
    rows = [["1", "Ban hành kế hoạch năm 2024", "Văn phòng HĐND và UBND huyện",
             "Phòng Tư pháp; UBND các xã, thị trấn", "Tháng 01/2024", "Kế hoạch được ban hành",
             "", "Ngân sách huyện"],
            ["2", "Rà soát thủ tục hành chính", "Phòng Tư pháp", "Các cơ quan, đơn vị có liên quan",
             "Quý II/2024", "Báo cáo rà soát", "Định kỳ", ""],
            ["3", "Kiểm tra việc thực hiện", "Văn phòng HĐND và UBND huyện", "Phòng Tư pháp",
             "", "Kết luận kiểm tra", "", ""]]
    for i, row in enumerate(rows, 2):
        for j, text in enumerate(row):
            fill(t8.cell(i, j), text)
    fill(t8.cell(2, 1), "Ban hành kế hoạch năm 2024", "- Kế hoạch của huyện;", "- Kế hoạch của xã.")
    t8.cell(3, 4).merge(t8.cell(4, 4))                 # one deadline cell for tasks 2 and 3
    for j, label in enumerate(HEAD8):                  # a header row repeated mid-table
        fill(t8.cell(5, j), label, bold=True)
    para(d, "2. Công tác truyền thông", bold=True)
    t5 = d.add_table(rows=3, cols=5)
    t5.style = "Table Grid"
    for j, label in enumerate(HEAD5):
        fill(t5.cell(0, j), label, bold=True)
    fill(t5.cell(1, 0), "1"), fill(t5.cell(1, 1), "Tuyên truyền trên Đài truyền thanh")
    fill(t5.cell(1, 2), "Đài truyền thanh huyện"), fill(t5.cell(1, 3), "Hàng quý")
    fill(t5.cell(1, 4), "Tin, bài được phát")
    fill(t5.cell(2, 0), "2"), fill(t5.cell(2, 1), "Niêm yết công khai thủ tục hành chính")
    fill(t5.cell(2, 2), "UBND các xã, thị trấn"), fill(t5.cell(2, 3), "Thường xuyên")
    fill(t5.cell(2, 4), "Thủ tục được niêm yết")
    d.save(path)
    return path


def test_a_word_plan_with_an_8_and_a_5_column_appendix_imports_completely(tmp_path):
    source = word_plan(tmp_path / "word.docx")
    imported = import_to_file(source, tmp_path / "plans" / "thu-nghiem.yaml")   # validates, renders
    data = yaml.safe_load((tmp_path / "plans" / "thu-nghiem.yaml").read_text(encoding="utf-8"))
    assert data == imported.data
    assert data["issuer"] == {"name": ["ỦY BAN NHÂN DÂN", "HUYỆN THỬ NGHIỆM"],
                              "full": "UBND huyện Thử Nghiệm", "abbr": "UBND", "place": "Thử Nghiệm"}
    assert data["document"] == {"number": "12", "type": "KH", "date": "2024-03-05"}
    assert data["plan"]["bases"] == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"]
    first = data["plan"]["sections"][0]["paragraphs"]
    assert [(p["kind"], p["text"]) for p in first] == [
        ("bullet", "Thực hiện hiệu quả nhiệm vụ kiểm soát thủ tục hành chính."),
        ("heading", "Mục đích"), ("item", "Công khai đầy đủ thủ tục hành chính."),
        ("note", "(Chi tiết phụ lục kèm theo)")]
    assert data["plan"]["sections"][1]["paragraphs"] == ["Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này."]
    assert data["signature"] == {"lines": ["CHỦ TỊCH"], "name": "Nguyễn Văn Thử"}
    assert data["recipients"] == ["UBND tỉnh;", "Lưu: VT."]

    appendix = data["appendix"]
    assert appendix["numbering"]["parts"] == "arabic"
    eight, five = (appendix["layouts"][n]["columns"] for n in ("tasks8", "tasks5"))
    assert [c["field"] for c in eight] == ["stt", "content", "lead", "coordinating", "deadline",
                                           "result", "note", "assignee"]
    assert eight[-1]["label"] == "Nguồn kinh phí"              # an unknown label kept on its column
    assert [c["field"] for c in five] == ["stt", "content", "lead", "deadline", "result"]
    part1, part2 = appendix["parts"]
    assert part1["title"] == "Công tác chỉ đạo" and part2["layout"] == "tasks5"
    group = part1["groups"][0]
    assert group["title"] == "Xây dựng văn bản chỉ đạo" and "number" not in group
    t1, t2, t3 = group["tasks"]                         # the repeated header row is no task
    assert t1["content"] == ["Ban hành kế hoạch năm 2024", "- Kế hoạch của huyện;", "- Kế hoạch của xã."]
    units = data["units"]
    assert units[t1["lead"]] == "Văn phòng HĐND và UBND huyện"
    assert [units[u] for u in t1["coordinating"]] == ["Phòng Tư pháp", "UBND các xã, thị trấn"]
    assert t1["deadline"] == "Tháng 01/2024" and t1["assignee"] == "Ngân sách huyện"
    assert t2["deadline"] == "Quý II/2024" and t2["note"] == "Định kỳ"
    assert t3["merge_up"] == ["deadline"] and "deadline" not in t3
    assert [(t["content"], units[t["lead"]], t["deadline"]) for t in part2["tasks"]] == [
        ("Tuyên truyền trên Đài truyền thanh", "Đài truyền thanh huyện", "Hàng quý"),
        ("Niêm yết công khai thủ tục hành chính", "UBND các xã, thị trấn", "Thường xuyên")]
    assert sorted(units.values()) == sorted({
        "Văn phòng HĐND và UBND huyện", "Phòng Tư pháp", "UBND các xã, thị trấn",
        "Các cơ quan, đơn vị có liên quan", "Đài truyền thanh huyện"})


def test_the_word_plan_builds_to_its_own_text(tmp_path):
    """Built again, the appendix rows print what the Word file printed."""
    source = word_plan(tmp_path / "word.docx")
    out = tmp_path / "plans" / "thu-nghiem.yaml"
    assert run_cli("import", str(source), "-o", str(out)).exit_code == 0
    assert run_cli("build", "--force", "-o", str(tmp_path / "out"), str(out)).exit_code == 0
    built = docx_text(tmp_path / "out" / "thu-nghiem.docx")
    original = docx_text(source)
    for line in ("1 | Ban hành kế hoạch năm 2024 / - Kế hoạch của huyện; / - Kế hoạch của xã. | "
                 "Văn phòng HĐND và UBND huyện | Phòng Tư pháp; UBND các xã, thị trấn | Tháng 01/2024 | "
                 "Kế hoạch được ban hành |  | Ngân sách huyện",
                 "2 | Niêm yết công khai thủ tục hành chính | UBND các xã, thị trấn | Thường xuyên | "
                 "Thủ tục được niêm yết"):
        assert line in original and line in built


def test_tasks_between_sub_groups_come_back_in_their_place(tmp_path):
    """Group 1, task 2, group 3 in outline numbering: the sub-groups are written in the
    tasks list (``kind: group``), so the rebuilt rows print in that order with those numbers
    and no number is set by hand."""
    source = word_plan(tmp_path / "word.docx")
    d = docx.Document(str(source))
    table = d.tables[3]                                   # the 5-column appendix table
    rows = [("1", "Nhóm một"), ("1.1", "Việc một"), ("2", "Việc hai"), ("3", "Nhóm ba"),
            ("3.1", "Việc ba")]
    while len(table.rows) < len(rows) + 1:
        table.add_row()
    for row, (number, text) in zip(table.rows[1:], rows):
        for cell in row.cells:
            fill(cell, "")
        fill(row.cells[0], number)
        if text.startswith("Nhóm"):
            fill(row.cells[1].merge(row.cells[4]), text, bold=True)
        else:
            fill(row.cells[1], text), fill(row.cells[2], "Phòng Tư pháp"), fill(row.cells[3], "Quý I/2024")
    d.save(source)
    out = tmp_path / "plans" / "x.yaml"
    imported = import_to_file(source, out)
    assert not any("alternate" in r for r in imported.review)
    part = imported.data["appendix"]["parts"][1]
    assert "groups" not in part
    assert [(t.get("kind"), t.get("title") or t["content"]) for t in part["tasks"]] == [
        ("group", "Nhóm một"), (None, "Việc hai"), ("group", "Nhóm ba")]
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written == imported.data and not hand_set_numbers(written["appendix"]["parts"][1])
    assert imported.summary()["groups"] == 3 and imported.summary()["tasks"] == 6
    assert run_cli("build", "--force", "-o", str(tmp_path / "out"), str(out)).exit_code == 0
    built = docx_text(tmp_path / "out" / "x.docx")
    printed = [line for line in docx_text(source).splitlines() if "Nhóm" in line or "Việc" in line]
    assert len(printed) == 5 and "\n".join(printed) in built
