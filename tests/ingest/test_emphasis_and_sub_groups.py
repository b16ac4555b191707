"""Emphasis and mixed lists come back: build -> import -> build gives the same runs.

A plan with bold, italic and underlined spans and literal ``*``, ``_``, ``\\`` in every kind
of text the importer reads, and a sub-group between two tasks; the rebuilt DOCX has the same
runs (text and b/i/u, paragraph by paragraph) and the imported YAML sets no number by hand.
"""
from __future__ import annotations

import re
import shutil

import docx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.importer import import_docx, import_to_file
from generator.ingest.wordfile import markup
from generator.plan.emphasis import escape, problem, spans
from generator.review.docx_text import docx_text

from ..conftest import convert_with_libreoffice, examples, run_cli, write
from .test_foreign import hand_set_numbers, word_plan

PLAN = r'''
year: 2024
issuer:
  name: ["ỦY BAN NHÂN DÂN", "HUYỆN THỬ NGHIỆM"]
  full: "Ủy ban nhân dân huyện Thử Nghiệm"
  abbr: "UBND"
  place: "Thử Nghiệm"
document: {number: "12", type: "QĐ", date: "2024-03-05"}
units:
  phong_tu_phap: 'Phòng Tư pháp (\*)'
  van_phong: "Văn phòng HĐND và UBND huyện"
decision:
  title: "Về việc ban hành Kế hoạch kiểm soát thủ tục hành chính năm {{ year }}"
  authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM"
  bases:
    - "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 (**sửa đổi** năm 2019);"
  proposal: "Theo đề nghị của Chánh Văn phòng HĐND và UBND huyện."
  articles:
    - {id: dieu-1, text: "Ban hành kèm theo Quyết định này Kế hoạch **kiểm soát** thủ tục hành chính năm {{ year }}."}
    - {id: dieu-2, text: 'Quyết định này có hiệu lực từ ngày ký; mã hồ sơ dạng ma\_so\_\_hs và 5 \* 3.'}
    - {id: dieu-3, text: "Chánh Văn phòng và các cơ quan *có liên quan* chịu trách nhiệm thi hành Quyết định này."}
plan:
  title: "Kiểm soát thủ tục hành chính năm {{ year }}"
  attached: ""
  sections:
    - id: muc-dich
      heading: "MỤC ĐÍCH, *YÊU CẦU*"
      paragraphs:
        - {id: md-1, kind: bullet, text: "Thực hiện **hiệu quả** nhiệm vụ kiểm soát thủ tục hành chính."}
        - {id: md-2, kind: heading, text: "Mục đích *chung*"}
        - {id: md-3, kind: item, text: "Công khai __đầy đủ__ thủ tục hành chính, ***đúng hạn***."}
        - 'Văn bản ghi \*\* và \_\_ và \\ như in; __gạch chân__ và **đậm *nghiêng* đậm**.'
        - {id: md-5, kind: note, text: "(Chi tiết **phụ lục** kèm theo)"}
    - id: to-chuc
      heading: "TỔ CHỨC THỰC HIỆN"
      paragraphs:
        - "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này."
appendix:
  title: "Nội dung thực hiện kiểm soát thủ tục hành chính năm {{ year }}"
  numbering: {parts: arabic, groups: roman, tasks: outline}
  layouts:
    tasks6:
      columns:
        - {field: number, label: "TT", width: 12}
        - {field: content, label: "Nội dung", width: 80}
        - {field: lead, label: "Cơ quan chủ trì", width: 40}
        - {field: deadline, label: "Thời gian hoàn thành", width: 30}
        - {field: result, label: "Kết quả", width: 40}
        - {field: note, label: "Ghi chú", width: 30}
  layout: tasks6
  parts:
    - id: chi-dao
      title: "Công tác chỉ đạo"
      groups:
        - id: van-ban
          title: "Xây dựng văn bản *chỉ đạo*"
          tasks:
            - id: kh
              content: "Kinh phí thực hiện: **20.000.000 đồng** *(từ ngân sách huyện)*"
              lead: van_phong
              deadline: "**Tháng 01/{{ year }}**"
              result: 'Mẫu số 02\* được ban hành'
              note: "Ghi chú __quan trọng__"
            - id: kiem-tra
              kind: group
              title: "Công tác kiểm tra"
              tasks:
                - {id: kt-1, content: "Kiểm tra **cấp xã**", lead: phong_tu_phap, deadline: "Quý II/{{ year }}"}
                - {id: kt-2, content: "Kiểm tra cấp huyện", lead: phong_tu_phap, deadline: "Quý III/{{ year }}"}
            - id: bao-cao
              content: "Báo cáo kết quả *định kỳ*"
              lead: van_phong
              deadline: "Tháng 12/{{ year }}"
signature: {lines: ["CHỦ TỊCH"], name: "Nguyễn Văn Thử"}
recipients: ["UBND tỉnh;", "Lưu: VT."]
'''


def runs(path) -> list[list[tuple[str, bool, bool, bool]]]:
    """Every paragraph's runs (body and tables) as (text, bold, italic, underline), adjacent
    runs of one look joined, empty paragraphs left out."""
    d = docx.Document(str(path))
    paras = list(d.paragraphs) + [p for t in d.tables for row in t.rows for c in row.cells
                                  for p in c.paragraphs]
    out = []
    for p in paras:
        merged: list[tuple[str, bool, bool, bool]] = []
        for r in p.runs:
            look = (bool(r.bold), bool(r.italic), bool(r.underline))
            if merged and merged[-1][1:] == look:
                merged[-1] = (merged[-1][0] + r.text, *look)
            elif r.text:
                merged.append((r.text, *look))
        if merged:
            out.append(merged)
    return out


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """(the first build's folder, the imported plan's data, the second build's folder)."""
    tmp = tmp_path_factory.mktemp("emphasis")
    (tmp / "plans").mkdir()
    plan = write(tmp / "plans" / "thu-nghiem.yaml", PLAN)
    assert run_cli("build", "--force", "-o", str(tmp / "one"), str(plan)).exit_code == 0
    imported = tmp / "plans2" / "thu-nghiem.yaml"
    result = run_cli("import", str(tmp / "one" / "thu-nghiem.docx"), "-o", str(imported))
    assert result.exit_code == 0, result.output
    assert "0 items to review" in result.output
    assert run_cli("build", "--force", "-o", str(tmp / "two"), str(imported)).exit_code == 0
    return tmp / "one", yaml.safe_load(imported.read_text(encoding="utf-8")), tmp / "two"


def test_the_rebuilt_document_has_the_same_runs(round_trip):
    one, _, two = round_trip
    first = runs(one / "thu-nghiem.docx")
    looks = [look for para in first for look in para]
    assert ("20.000.000 đồng", True, False, False) in looks and ("đúng hạn", True, True, False) in looks
    assert runs(two / "thu-nghiem.docx") == first
    assert docx_text(two / "thu-nghiem.docx") == docx_text(one / "thu-nghiem.docx")


def test_the_imported_texts_carry_markers_only_where_the_layout_does_not(round_trip):
    _, data, _ = round_trip
    decision, sections = data["decision"], data["plan"]["sections"]
    first, second, _ = (a["text"] for a in decision["articles"])      # no bold "Điều 1." label
    assert first.startswith("Ban hành kèm theo Quyết định này Kế hoạch **kiểm soát**")
    assert second == "Quyết định này có hiệu lực từ ngày ký; mã hồ sơ dạng ma_so__hs và 5 * 3."
    assert decision["bases"] == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 "
                                 "(**sửa đổi** năm 2019);"]                # no italic of its own
    assert decision["proposal"] == "Theo đề nghị của Chánh Văn phòng HĐND và UBND huyện."
    assert sections[0]["heading"] == "MỤC ĐÍCH, *YÊU CẦU*"
    texts = [p if isinstance(p, str) else p["text"] for p in sections[0]["paragraphs"]]
    assert texts == ["Thực hiện **hiệu quả** nhiệm vụ kiểm soát thủ tục hành chính.", "Mục đích *chung*",
                     "Công khai __đầy đủ__ thủ tục hành chính, ***đúng hạn***.",
                     r"Văn bản ghi \*\* và __ và \ như in; __gạch chân__ và **đậm *nghiêng* đậm**.",
                     "(Chi tiết **phụ lục** kèm theo)"]
    group = data["appendix"]["parts"][0]["groups"][0]
    assert group["title"] == "Xây dựng văn bản *chỉ đạo*"
    first, sub, last = group["tasks"]
    assert first["content"] == "Kinh phí thực hiện: **20.000.000 đồng** *(từ ngân sách huyện)*"
    assert first["deadline"] == "**Tháng 01/2024**" and first["result"] == r"Mẫu số 02\* được ban hành"
    assert (sub["kind"], sub["title"]) == ("group", "Công tác kiểm tra")
    assert last["content"] == "Báo cáo kết quả *định kỳ*"
    assert not hand_set_numbers(data["appendix"]["parts"])
    assert r"Phòng Tư pháp (\*)" in data["units"].values()


def test_ids_from_the_plan_reach_the_sub_group_among_the_tasks_and_its_tasks(round_trip, tmp_path):
    """--ids-from lines up a sub-group written among the tasks (kind: group) as a group, and
    its tasks as tasks: every id comes back, none is made up."""
    one, _, _ = round_trip
    (tmp_path / "plans").mkdir()
    plan = write(tmp_path / "plans" / "thu-nghiem.yaml", PLAN)
    data = import_to_file(one / "thu-nghiem.docx", tmp_path / "again" / "thu-nghiem.yaml",
                          ids_from=plan).data
    first, sub, last = data["appendix"]["parts"][0]["groups"][0]["tasks"]
    assert (first["id"], sub["id"], last["id"]) == ("kh", "kiem-tra", "bao-cao")
    assert [t["id"] for t in sub["tasks"]] == ["kt-1", "kt-2"]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_libreoffice_copy_imports_the_same_emphasis(round_trip, tmp_path):
    """LibreOffice rewrites every run: the copy imports to the same plan, markers included."""
    one, data, _ = round_trip
    convert_with_libreoffice(([one / "thu-nghiem.docx"], tmp_path, "docx"))
    assert import_docx(tmp_path / "thu-nghiem.docx").data == import_docx(one / "thu-nghiem.docx").data
    assert data["appendix"]["parts"][0]["groups"][0]["tasks"][0]["content"].count("**") == 2


def test_a_bold_amount_inside_a_cell_of_a_word_file_comes_back_bold(tmp_path):
    """python-docx, direct formatting: a bold run inside a task's cell, a literal asterisk."""
    source = word_plan(tmp_path / "word.docx")
    d = docx.Document(str(source))
    cell = d.tables[2].cell(2, 5)                         # task 1's "Kết quả" cell
    cell.paragraphs[0].text = ""
    cell.paragraphs[0].add_run("Kinh phí ")
    cell.paragraphs[0].add_run("20.000.000đ").bold = True
    cell.paragraphs[0].add_run(" (*) đã cấp")
    whole = d.tables[2].cell(2, 6)                        # task 1's "Ghi chú" cell, all bold
    whole.paragraphs[0].text = ""
    whole.paragraphs[0].add_run("20.000.000đ").bold = True
    d.save(source)
    plan = tmp_path / "plans" / "thu-nghiem.yaml"
    data = import_to_file(source, plan).data
    task = data["appendix"]["parts"][0]["groups"][0]["tasks"][0]
    assert task["result"] == r"Kinh phí **20.000.000đ** (\*) đã cấp"
    assert task["note"] == "**20.000.000đ**"
    assert run_cli("build", "--force", "-o", str(tmp_path / "out"), str(plan)).exit_code == 0
    rebuilt = runs(tmp_path / "out" / "thu-nghiem.docx")
    assert [("Kinh phí ", False, False, False), ("20.000.000đ", True, False, False),
            (" (*) đã cấp", False, False, False)] in rebuilt
    assert [("20.000.000đ", True, False, False)] in rebuilt
    assert data["appendix"]["parts"][0]["groups"][0]["title"] == "Xây dựng văn bản chỉ đạo"   # bold row: no markers
    assert data["appendix"]["layouts"]["tasks8"]["columns"][1]["label"] == "Nội dung"


TEXT = st.text(alphabet="ab *_\\", max_size=12)


@given(TEXT)
@settings(max_examples=examples(300), deadline=None)
def test_escaped_text_prints_as_itself(text):
    written = escape(text)
    assert problem(written) is None
    assert "".join(s.text for s in spans(written)) == text
    assert all(not (s.bold or s.italic or s.underline) for s in spans(written))
    if not re.search(r"[*\\]|__", text):
        assert written == text                # ids and names keep their underscores


@given(st.lists(st.tuples(TEXT, st.sampled_from([0, 1, 2, 3])), max_size=5))
@settings(max_examples=examples(300), deadline=None)
def test_runs_written_with_markers_read_back_with_their_looks(pieces):
    text = "".join(t for t, _ in pieces)
    looks = [bits for t, bits in pieces for _ in t]
    written = markup(text, looks)
    assert problem(written) is None
    read = [(c, s.bold, s.italic) for s in spans(written) for c in s.text]
    assert "".join(c for c, _, _ in read) == text
    for (c, bold, italic), bits in zip(read, looks):
        if not c.isspace():
            assert (bold, italic) == (bool(bits & 1), bool(bits & 2))


@pytest.mark.parametrize("scheme, field", [("flat", "number"), ("outline", "stt")])
def test_a_sub_group_between_tasks_numbers_the_same_without_hand_set_numbers(tmp_path, scheme, field):
    """Flat numbering counts tasks and sub-groups apart, Stt runs in print order: both come
    back from the row order alone."""
    (tmp_path / "plans").mkdir()
    plan = write(tmp_path / "plans" / "thu-nghiem.yaml", PLAN.replace("tasks: outline", f"tasks: {scheme}")
                 .replace("{field: number, label: \"TT\"", f"{{field: {field}, label: \"TT\""))
    assert run_cli("build", "--force", "-o", str(tmp_path / "one"), str(plan)).exit_code == 0
    imported = tmp_path / "again" / "thu-nghiem.yaml"
    assert run_cli("import", str(tmp_path / "one" / "thu-nghiem.docx"), "-o", str(imported)).exit_code == 0
    data = yaml.safe_load(imported.read_text(encoding="utf-8"))
    assert not hand_set_numbers(data["appendix"]["parts"])
    assert [c["field"] for c in data["appendix"]["layouts"]["tasks6"]["columns"]][0] == field
    assert run_cli("build", "--force", "-o", str(tmp_path / "two"), str(imported)).exit_code == 0
    text = docx_text(tmp_path / "two" / "thu-nghiem.docx")
    assert text == docx_text(tmp_path / "one" / "thu-nghiem.docx")
    assert ("2" if scheme == "flat" else "4") + " | Báo cáo kết quả định kỳ |" in text
