"""``plangen amend`` on a git repository of the real plans: the clauses, their row numbers as
the original appendix printed them, agreement with ``plangen diff``, the attached table."""
from __future__ import annotations

import json

from docx import Document

from generator.check import check_docx
from generator.commands.amend import amend_command
from generator.commands.review import diff_command
from generator.review.amend import amend_specs
from generator.review.docx_text import docx_text

from .conftest import CHILD, PLAN, diff_entries, edit, git, invoke, set_amendment, six_changes, twenty_leads

OLD = f"HEAD:{PLAN}"

SIX = [
    "a) Sửa đổi cơ quan chủ trì tại Stt 3 Mục I Phần 1 Phụ lục kèm theo Kế hoạch thành: “Sở Tư pháp”.",
    "b) Sửa đổi thời gian hoàn thành tại Stt 4 Mục I Phần 1 Phụ lục kèm theo Kế hoạch thành: "
    "“Trước 15/3/2023”.",
    "c) Sửa đổi nội dung tại Stt 6 Mục I Phần 1 Phụ lục kèm theo Kế hoạch như sau: “Kế hoạch rà "
    "soát, đánh giá quy định, thủ tục hành chính năm 2023 trên địa bàn tỉnh”.",
    "d) Sửa đổi thời gian hoàn thành tại Stt 8 Mục I Phần 1 Phụ lục kèm theo Kế hoạch thành: “Quý II/2023”.",
    "đ) Bãi bỏ nội dung tại Stt 11 Mục I Phần 1 Phụ lục kèm theo Kế hoạch (“Rà soát, trình công bố "
    "danh sách cán bộ đầu mối thực hiện nhiệm vụ kiểm soát TTHC trên địa bàn tỉnh An Giang (cấp huyện)”).",
    "e) Bổ sung nhiệm vụ “Tập huấn số hóa hồ sơ, kết quả giải quyết thủ tục hành chính cho cán bộ Bộ "
    "phận một cửa” vào sau Stt 12 Mục I Phần 1 Phụ lục kèm theo Kế hoạch, với cơ quan chủ trì: “Văn "
    "phòng UBND tỉnh”; cơ quan phối hợp: “Sở Thông tin và Truyền thông”; thời gian hoàn thành: "
    "“Quý III/2023”; kết quả thực hiện: “Lớp tập huấn được tổ chức”.",
]


def _paragraphs(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _article_one(paragraphs: list[str]) -> list[str]:
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Điều 1."))
    end = next(i for i, p in enumerate(paragraphs) if p.startswith("Điều 2."))
    return paragraphs[start + 1:end]


def test_six_changes_are_six_clauses_citing_the_original_stt(plans_repo):
    six_changes(plans_repo / PLAN)
    set_amendment(plans_repo / PLAN)
    out = plans_repo / "amend.docx"
    result = invoke(amend_command, OLD, PLAN, "-o", str(out))
    assert result.exit_code == 1, result.output
    assert result.stdout == f"wrote {out}\n"
    paragraphs = _paragraphs(out)
    assert _article_one(paragraphs) == [
        "1. Sửa đổi, bổ sung Phần 1 “Thực hiện các nhiệm vụ trong hoạt động kiểm soát thủ tục hành "
        "chính” Phụ lục kèm theo Kế hoạch như sau:", *SIX]
    assert "Số: 125/QĐ-UBND" in docx_text(out)
    assert "An Giang, ngày 05 tháng 6 năm 2023" in docx_text(out)
    assert paragraphs[paragraphs.index("QUYẾT ĐỊNH") + 1].replace("\n", " ").startswith(
        "Về việc sửa đổi, bổ sung Kế hoạch tổ chức hoạt động kiểm soát thủ tục hành chính")
    bases = [p for p in paragraphs if p.startswith("Căn cứ")]
    assert bases[0].startswith("Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của Ủy ban "
                               "nhân dân tỉnh An Giang về việc ban hành Kế hoạch")
    assert any(p.startswith("Điều 3.") and p.endswith("thi hành Quyết định này./.") for p in paragraphs)
    assert "PHỤ LỤC" not in paragraphs                     # six rows: no attached table
    assert check_docx(out) == []


def test_the_clauses_agree_one_to_one_with_diff_json(plans_repo):
    six_changes(plans_repo / PLAN)
    diff = invoke(diff_command, OLD, PLAN, "--format", "json")
    entries = diff_entries(json.loads(diff.stdout))
    assert len(entries) == 6
    wording = amend_specs(OLD, PLAN).wording
    assert sorted(wording.sources) == sorted(entries)
    assert wording.left_out == [] and len(wording.items[0].clauses) == 6


def test_every_diff_entry_is_worded_or_left_out_with_a_reason(plans_repo):
    path = plans_repo / PLAN
    six_changes(path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"Lưu: VT, TH."', '"Lưu: VT, TH, KSTT."').replace(
        "Tổ chức thực hiện đạt hiệu quả các nhiệm vụ", "Tổ chức thực hiện có hiệu quả các nhiệm vụ"),
        encoding="utf-8")
    entries = diff_entries(json.loads(invoke(diff_command, OLD, PLAN, "--format", "json").stdout))
    wording = amend_specs(OLD, PLAN).wording
    assert sorted(wording.sources + [s for s, _ in wording.left_out]) == sorted(entries)
    assert {s for s, _ in wording.left_out} == {("recipients", "recipient 10")}
    [body] = [item for item in wording.items if item.heading.startswith("Sửa đổi, bổ sung nội dung Kế hoạch")]
    assert body.clauses[0].text.startswith(
        "Sửa đổi gạch đầu dòng thứ 1 Mục I Kế hoạch như sau: “- Tổ chức thực hiện có hiệu quả")


def test_twenty_rows_go_into_the_attached_table(plans_repo):
    twenty_leads(plans_repo / PLAN)
    set_amendment(plans_repo / PLAN)
    out = plans_repo / "amend.docx"
    assert invoke(amend_command, OLD, PLAN, "-o", str(out)).exit_code == 1
    paragraphs = _paragraphs(out)
    article = _article_one(paragraphs)
    assert not any("Stt" in p for p in article)         # the rows are in the table, not the article
    assert [p for p in article if "chi tiết tại" in p] == [
        "a) Sửa đổi, bổ sung 15 nhiệm vụ tại Phần 1 Phụ lục kèm theo Kế hoạch, chi tiết tại Phụ lục "
        "sửa đổi, bổ sung kèm theo Quyết định này.",
        "a) Sửa đổi, bổ sung 5 nhiệm vụ tại Phần 2 Phụ lục kèm theo Kế hoạch, chi tiết tại Phụ lục "
        "sửa đổi, bổ sung kèm theo Quyết định này."]
    assert "PHỤ LỤC" in paragraphs
    assert "(Kèm theo Quyết định số 125/QĐ-UBND ngày 05 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh An Giang)" \
        in [p.replace("\n", " ") for p in paragraphs]
    document = Document(str(out))
    rows = [[c.text for c in row.cells] for table in document.tables[2:] for row in table.rows]
    changed = [r for r in rows if r[-1].startswith("Sửa đổi cơ quan chủ trì (Stt")]
    assert len(changed) == 20
    assert all(r[3] == "Sở Tư pháp" for r in changed)
    assert changed[0][0] == "1" and changed[0][-1] == "Sửa đổi cơ quan chủ trì (Stt 1 Mục I Phần 1)"
    assert document.sections[-1].orientation == 1           # landscape
    assert sorted(amend_specs(OLD, PLAN).wording.sources) == sorted(
        diff_entries(json.loads(invoke(diff_command, OLD, PLAN, "--format", "json").stdout)))
    assert check_docx(out) == []


def test_nothing_to_amend_exits_0_and_writes_nothing(plans_repo):
    out = plans_repo / "amend.docx"
    result = invoke(amend_command, OLD, PLAN, "-o", str(out))
    assert (result.exit_code, out.exists()) == (0, False)
    assert result.stdout == f"nothing to amend: {OLD} and {PLAN} print the same plan\n"


def test_without_the_block_the_decision_is_a_draft(plans_repo):
    six_changes(plans_repo / PLAN)
    out = plans_repo / "draft.docx"
    result = invoke(amend_command, OLD, PLAN, "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"{PLAN}: warning: no amendment: block; the decision is a draft "
                             "(blank number, day and month)\n")
    text = docx_text(out)
    assert "Số:      /QĐ-UBND" in text
    assert "An Giang, ngày      tháng      năm 2023" in text      # never the clock's month
    assert invoke(amend_command, OLD, PLAN, "-o", str(plans_repo / "again.docx")).exit_code == 1
    assert (plans_repo / "again.docx").read_bytes() == out.read_bytes()
    assert "Nguyễn Thanh Bình" in text                     # NEW's signer


def test_since_amends_the_working_file_against_a_revision(plans_repo):
    six_changes(plans_repo / PLAN)
    set_amendment(plans_repo / PLAN)
    git(plans_repo, "commit", "-q", "-am", "amended")
    out = plans_repo / "since.docx"
    assert invoke(amend_command, "--since", "HEAD~1", PLAN, "-o", str(out)).exit_code == 1
    assert _article_one(_paragraphs(out))[1:] == SIX


def test_bad_input_is_one_line_exit_2_and_no_file(plans_repo):
    out = plans_repo / "bad.docx"
    cases = [
        ((OLD.replace("an-giang-2023", "soc-trang-2024"), PLAN),
         f"HEAD:plans/soc-trang-2024.yaml (01/KH-UBND of Ủy ban nhân dân tỉnh Sóc Trăng, 2024) and "
         f"{PLAN} (77/QĐ-UBND of Ủy ban nhân dân tỉnh An Giang, 2023) are not versions of the same plan"),
        (("nope:" + PLAN, PLAN), f"git show nope:{PLAN}: fatal:"),
    ]
    for args, line in cases:
        result = invoke(amend_command, *args, "-o", str(out))
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(line)
    set_amendment(plans_repo / PLAN, '{number: "125", date: "2023-02-30"}')
    result = invoke(amend_command, OLD, PLAN, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"{PLAN}:15:34: 'date': '2023-02-30': day 30 does not exist in 02/2023\n"
    git(plans_repo, "checkout", "-q", "--", PLAN)
    six_changes(plans_repo / PLAN)
    set_amendment(plans_repo / PLAN, '{number: "125", date: "2023-01-10"}')
    result = invoke(amend_command, OLD, PLAN, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == (f"{PLAN}:15:34: amendment date 10/01/2023 is before 77/QĐ-UBND of "
                             "18/01/2023, the decision it amends\n")
    assert not out.exists()


def test_a_child_whose_only_change_is_its_parents_needs_no_amendment(plans_repo):
    edit(plans_repo / PLAN, 'deadline: "15/02/{{ year }}"\n              result: "Kế hoạch Tổ chức',
         'deadline: "28/02/{{ year }}"\n              result: "Kế hoạch Tổ chức')
    out = plans_repo / "child.docx"
    diff = invoke(diff_command, f"HEAD:{CHILD}", CHILD)
    assert diff.exit_code == 1 and "kh-ksthc-so-huyen" in diff.stdout     # inherited, but shown
    result = invoke(amend_command, f"HEAD:{CHILD}", CHILD, "-o", str(out))
    assert (result.exit_code, out.exists()) == (0, False)
    assert result.stdout == (f"{CHILD}: every change comes from its parent {PLAN}; amend the parent "
                             "(the child needs no amendment of its own)\n")
    edit(plans_repo / CHILD, 'lead: van_phong_so\n              coordinating: cac_phong_chuyen_mon\n'
                             '              deadline: "Tham dự',
         'lead: van_phong_so\n              coordinating: cac_phong_chuyen_mon\n              deadline: "Quý II/{{ year }}; tham dự')
    result = invoke(amend_command, f"HEAD:{CHILD}", CHILD, "-o", str(out))
    assert result.exit_code == 2          # its own change: amended, but this child was never issued
    assert result.stderr == (f"HEAD:{CHILD}: the plan has no document number, so it was never issued "
                             "and has nothing to amend\n")


def test_amendment_blocks_are_not_inherited_and_issued_ones_are_cited(plans_repo):
    from generator.plan.workspace import Workspace
    set_amendment(plans_repo / PLAN)
    edit(plans_repo / PLAN, "amendment: {", 'amendments: [{number: "98", date: "2023-04-03"}]\namendment: {')
    workspace = Workspace()
    parent, child = workspace.load(PLAN).model, workspace.load(CHILD).model
    assert parent.amendment.code == "125/QĐ-UBND" and parent.amendment.date.short() == "05/6/2023"
    assert (child.amendment, child.amendments) == (None, ())
    cited = "; được sửa đổi, bổ sung tại Quyết định số 98/QĐ-UBND ngày 03 tháng 4 năm 2023)"
    assert parent.plan.attached.endswith(f"của Ủy ban nhân dân tỉnh An Giang{cited}")
    assert parent.appendix.attached.endswith(cited)
    assert cited not in (child.appendix.attached or "")


def test_plan_text_moves_and_groups_are_cited_as_the_original_printed_them(plans_repo):
    path = plans_repo / PLAN
    text = path.read_text(encoding="utf-8")
    start, end = text.index("            - id: kh-kiem-tra-huyen"), text.index("            - id: kh-ra-soat-tinh")
    moved = text[start:end]
    text = text[:start] + text[end:]
    top = text.index("            - id: kh-ksthc-tinh")
    path.write_text(text[:top] + moved + text[top:], encoding="utf-8")
    edit(path, "thuộc thẩm quyền của các sở, ban, ngành tỉnh, UBND cấp huyện, UBND cấp xã\"",
         "thuộc thẩm quyền của các cơ quan\"")
    edit(path, '"Tổ chức thực hiện nhiệm vụ cải cách thủ tục hành chính."',
         '"Tổ chức thực hiện nhiệm vụ cải cách thủ tục hành chính, cắt giảm chi phí tuân thủ."')
    edit(path, "        - {id: md-dot-pha,",
         '        - {id: md-so-hoa, kind: bullet, text: "Bảo đảm số hóa hồ sơ."}\n        - {id: md-dot-pha,')
    edit(path, 'heading: "KINH PHÍ"', 'heading: "KINH PHÍ THỰC HIỆN"')
    set_amendment(path, '{number: "140", date: "2023-08-01"}')
    edit(path, "amendment: {", 'amendments: [{number: "125", date: "2023-06-05"}]\namendment: {')
    out = plans_repo / "amend.docx"
    assert invoke(amend_command, OLD, PLAN, "-o", str(out)).exit_code == 1
    paragraphs = _paragraphs(out)
    assert _article_one(paragraphs) == [
        "1. Sửa đổi, bổ sung nội dung Kế hoạch như sau:",
        "a) Bổ sung vào sau gạch đầu dòng thứ 4 Mục I Kế hoạch nội dung sau: “Bảo đảm số hóa hồ sơ.”.",
        "b) Sửa đổi khoản 3 Mục II Kế hoạch như sau: “3. Tổ chức thực hiện nhiệm vụ cải cách thủ tục "
        "hành chính, cắt giảm chi phí tuân thủ.”.",
        "c) Sửa đổi tên Mục III Kế hoạch thành: “KINH PHÍ THỰC HIỆN”.",
        "2. Sửa đổi, bổ sung Phần 1 “Thực hiện các nhiệm vụ trong hoạt động kiểm soát thủ tục hành "
        "chính” Phụ lục kèm theo Kế hoạch như sau:",
        "a) Sửa đổi tên Mục II Phần 1 Phụ lục kèm theo Kế hoạch thành: “Kiểm soát việc thực hiện thủ "
        "tục hành chính thuộc thẩm quyền của các cơ quan”.",
        "b) Chuyển nội dung tại Stt 5 Mục I Phần 1 Phụ lục kèm theo Kế hoạch lên đầu Mục I Phần 1 "
        "Phụ lục kèm theo Kế hoạch."]
    bases = [p for p in paragraphs if p.startswith("Căn cứ")]
    assert bases[1].startswith("Căn cứ Quyết định số 125/QĐ-UBND ngày 05 tháng 6 năm 2023 của Ủy ban "
                               "nhân dân tỉnh An Giang về việc sửa đổi, bổ sung Kế hoạch tổ chức")
    assert len(bases) == 2


def test_changes_outside_the_plans_content_are_noted_and_not_amended(plans_repo):
    edit(plans_repo / PLAN, '"Lưu: VT, TH."', '"Lưu: VT, TH, KSTT."')
    out = plans_repo / "amend.docx"
    result = invoke(amend_command, OLD, PLAN, "-o", str(out))
    assert (result.exit_code, out.exists()) == (0, False)
    assert result.stdout == f"nothing to amend: no change of {PLAN} is a change of the plan's content\n"
    assert result.stderr.splitlines()[0] == ("note: not amended: recipients: recipient 10 (the amending "
                                             "decision has its own recipients)")
