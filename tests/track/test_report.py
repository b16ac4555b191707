"""plangen report: the report (Báo cáo) on a small plan, its numbers against a hand count, its
text, its marked rows and its chart as the DOCX holds them, and Decree 30 as the checker reads it."""
from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from zipfile import ZipFile

import pytest
from lxml import etree

from generator.check import check_docx
from generator.plan.workspace import load_plan
from generator.render.report_doc import render_report
from generator.track.reporting import (CANCELLED, IN_TIME, LATE, NO_STATUS, ON_TIME, OVERDUE,
                                       build_report, tally)
from generator.track.status import load_status

from ..conftest import ROOT, convert_with_libreoffice, edit, run_cli, write

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}

# Three more tasks in the second part of tests/fixtures/tree/province.yaml (8 in all).
MORE_TASKS = """          span: {from: lead, to: note, text: "Đã được phân công theo Kế hoạch số 243/KH-UBND"}
        - id: tong-ket
          content: "Tổng kết công tác kiểm soát thủ tục hành chính"
          lead: [vp_ubnd_tinh]
          deadline: "Tháng 5/2023"
        - id: tap-huan
          content: "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính"
          lead: [ubnd_huyen]
          deadline: "Quý I/2023"
        - id: doi-thoai
          content: "Hội nghị đối thoại với doanh nghiệp"
          lead: [ubnd_huyen]
          deadline: "Quý IV/2023"
"""
# By hand, as of 14/6/2023:
#   kh-tinh       Tháng 01/2023  done 18/01      on time
#   kh-so         15/02/2023     done 01/03      late
#   kiem-tra      Quý II, III    in progress     in time (due 30/9)
#   ra-soat-tthc  Thường xuyên   in progress     in time (no day to miss)
#   bao-cao       Hàng quý       (no entry)      not reported
#   tong-ket      Tháng 5/2023   not started     overdue (31/5 has passed)
#   tap-huan      Quý I/2023     in progress     overdue (31/3 has passed)
#   doi-thoai     Quý IV/2023    cancelled       cancelled
STATUS = """
    plan: province
    period: "2023-Q2"
    as_of: 2023-06-14
    tasks:
      kh-tinh: {state: done, date: 2023-01-18, result: "Kế hoạch số 12/KH-UBND", evidence: ["12/KH-UBND"]}
      kh-so: {state: done, date: 2023-03-01, result: "Các sở đã ban hành kế hoạch"}
      kiem-tra: {state: in_progress}
      ra-soat-tthc: {state: in_progress, result: "Đã rà soát 12 thủ tục"}
      tong-ket: {state: not_started, note: "Chưa bố trí được kinh phí"}
      tap-huan: {state: in_progress, note: "Chờ tài liệu của Bộ"}
      doi-thoai: {state: cancelled, note: "Không còn phù hợp"}
"""
SUMMARY = ("Tính đến ngày 14 tháng 6 năm 2023, trong tổng số 8 nhiệm vụ của Kế hoạch, đã hoàn "
           "thành 2 nhiệm vụ (25%), trong đó 1 nhiệm vụ hoàn thành đúng hạn, 1 nhiệm vụ hoàn "
           "thành chậm; 2 nhiệm vụ đang thực hiện trong hạn; 2 nhiệm vụ quá hạn chưa hoàn thành; "
           "1 nhiệm vụ không thực hiện; 1 nhiệm vụ chưa có báo cáo.")


@pytest.fixture
def project(plans_dir):
    edit(plans_dir / "province.yaml",
         '          span: {from: lead, to: note, text: "Đã được phân công theo Kế hoạch số 243/KH-UBND"}\n',
         MORE_TASKS)
    folder = plans_dir.parent / "status" / "province"
    folder.mkdir(parents=True)
    write(folder / "2023-Q2.yaml", STATUS)
    return plans_dir.parent


@pytest.fixture
def plan(project):
    return load_plan("plans/province.yaml")


@pytest.fixture
def status(project, plan):
    return load_status(project / "status" / "province" / "2023-Q2.yaml", plan)


@pytest.fixture
def docx(plan, status) -> bytes:
    return render_report(build_report(plan, status))


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text, in order, tables included (a line break reads as a space)."""
    root = _document(data)
    return ["".join(t if isinstance(t, str) else " " for t in
                    p.xpath(".//w:t/text() | .//w:br", namespaces=NS)) for p in root.iter(f"{{{W}}}p")]


def _document(data: bytes):
    with ZipFile(BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _members(data: bytes) -> dict[str, bytes]:
    with ZipFile(BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def test_the_numbers_are_the_hand_count(plan, status):
    data = tally(plan, status)
    counts = data.counts
    assert (counts.total, counts.done) == (8, 2)
    assert {name: counts[name] for name in (ON_TIME, LATE, IN_TIME, OVERDUE, CANCELLED, NO_STATUS)} == \
        {ON_TIME: 1, LATE: 1, IN_TIME: 2, OVERDUE: 2, CANCELLED: 1, NO_STATUS: 1}
    assert [line.task.id for line in data.of(OVERDUE)] == ["tong-ket", "tap-huan"]
    by_part = {part.id: (c.total, c.done, c[OVERDUE]) for part, c in data.by_part()}
    assert by_part == {"kiem-soat": (4, 2, 0), "khac": (4, 0, 2)}
    by_lead = {lead: (c.total, c.done, c[OVERDUE], c[NO_STATUS]) for lead, c in data.by_lead()}
    assert by_lead == {"Văn phòng UBND tỉnh": (4, 1, 1, 1),
                       "Sở, ban, ngành tỉnh; UBND cấp huyện": (1, 1, 0, 0),
                       "Sở, ban, ngành tỉnh": (1, 0, 0, 0), "UBND cấp huyện": (2, 0, 1, 0)}


def test_the_report_passes_the_decree_30_checker(docx, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(docx)
    assert check_docx(path) == []
    warnings = [f.message for f in check_docx(path, warnings=True)]
    assert warnings == ["the number is blank ('Số: /BC-UBND'): a draft, not yet issued"]


def test_the_report_reads_as_a_report(docx):
    text = paragraphs(docx)
    assert "Số:      /BC-UBND" in text
    assert "An Giang, ngày 14 tháng 6 năm 2023" in text
    title = text.index("BÁO CÁO")
    assert text[title + 1] == ("Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính năm "
                               "2023 trên địa bàn tỉnh An Giang quý II năm 2023")
    assert SUMMARY in text
    headings = [t for t in text if t[:3] in ("I. ", "II.", "III", "IV.")]
    assert headings == ["I. KẾT QUẢ ĐẠT ĐƯỢC", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                        "III. NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2023", "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert ("1. Thực hiện các nhiệm vụ kiểm soát thủ tục hành chính: 4 nhiệm vụ: hoàn thành 2 "
            "(đúng hạn 1, chậm 1), đang thực hiện trong hạn 2.") in text
    assert ("- Tổng kết công tác kiểm soát thủ tục hành chính (chủ trì: Văn phòng UBND tỉnh; "
            "thời hạn: Tháng 5/2023); nguyên nhân: Chưa bố trí được kinh phí.") in text
    assert "Nơi nhận:" in text and "- Lưu: VT, TH." in text
    assert text[-1] == "" and "Nguyễn Thanh Bình" in text
    last_body = [t for t in text if t.startswith("Đề nghị")]
    assert last_body[0].endswith("./.")


def test_overdue_rows_are_marked_and_no_other(docx):
    root = _document(docx)
    marked, plain = set(), set()
    for row in root.iter(f"{{{W}}}tr"):
        cells = ["".join(c.xpath(".//w:t/text()", namespaces=NS)) for c in row.findall(f"{{{W}}}tc")]
        fills = {s.get(f"{{{W}}}fill") for s in row.iter(f"{{{W}}}shd")}
        if len(cells) == 7 and cells[0] != "Stt":
            (marked if fills == {"D9D9D9"} else plain).add(cells[1])
            assert fills in ({"D9D9D9"}, set())
    assert marked == {"Tổng kết công tác kiểm soát thủ tục hành chính",
                      "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính"}
    assert "Kế hoạch của Sở, ngành, UBND cấp huyện" in plain
    row = next(r for r in root.iter(f"{{{W}}}tr") if "Tập huấn" in "".join(r.itertext()))
    assert [c for c in row.itertext() if c.strip()][-2:] == ["Quá hạn", "Chờ tài liệu của Bộ"]


def test_the_chart_is_a_png_part_the_drawing_shows(docx):
    parts = _members(docx)
    png = parts["word/media/image1.png"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    image = [r for r in rels if r.get("Type").endswith("/image")]
    assert [(r.get("Target")) for r in image] == ["media/image1.png"]
    blips = _document(docx).xpath(".//a:blip/@r:embed", namespaces=NS)
    assert blips == [image[0].get("Id")]
    assert b'<Default Extension="png" ContentType="image/png"/>' in parts["[Content_Types].xml"]


def test_the_same_status_gives_the_same_bytes(plan, status, docx):
    assert render_report(build_report(plan, status)) == docx


def test_the_command_writes_the_report_once(project):
    result = run_cli("report", "plans/province.yaml", "--period", "2023-Q2", "--number", "7",
                     "--date", "2023-06-16")
    assert result.exit_code == 0, result.output
    target = project / "output" / "province-2023-Q2.report.docx"
    assert result.stdout == ("wrote output/province-2023-Q2.report.docx (8 tasks: 2 done, "
                             "2 overdue, as of 2023-06-14)\n")
    text = paragraphs(target.read_bytes())
    assert "Số: 07/BC-UBND" in text and "An Giang, ngày 16 tháng 6 năm 2023" in text
    again = run_cli("report", "plans/province.yaml", "--period", "2023-Q2")
    assert again.exit_code == 2
    assert again.stderr == "output/province-2023-Q2.report.docx: exists; use --force to overwrite it\n"


@pytest.mark.parametrize("args, message", [
    (("--period", "2023-Q3"), "status/province/2023-Q3.yaml: no status file for 2023-Q3; start one "
                              "with plangen status new plans/province.yaml --period 2023-Q3"),
    (("--period", "2023-Q2", "--date", "14/06/2023"),
     "--date '14/06/2023': write dates as YYYY-MM-DD, here 2023-06-14"),
    (("--period", "2023-Q2", "--number", "BC-7"),
     "--number 'BC-7' is not a number: give the number alone, like 12 (the rest, /BC-…, is "
     "written for you)"),
    (("--period", "2023-Q2", "-o", "report.xlsx"),
     "report.xlsx: the report is written to a .docx file (--tree also writes .xlsx)"),
    (("--period", "2023-Q2", "--tree", "--status", "status/province/2023-Q2.yaml"),
     "--status names one plan's status file; --tree reads every plan's own "
     "(status/<plan>/<period>.yaml)"),
])
def test_a_usage_mistake_is_one_line(project, args, message):
    result = run_cli("report", "plans/province.yaml", *args)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert not (project / "output").exists()


def test_a_bad_status_file_is_its_own_lines(project):
    path = project / "status" / "province" / "2023-Q2.yaml"
    edit(path, "kiem-tra: {state: in_progress}", "kiem-tra: {state: in_progres}")
    result = run_cli("report", "plans/province.yaml", "--period", "2023-Q2")
    assert result.exit_code == 1
    assert result.stderr == ("status/province/2023-Q2.yaml:7:21: 'in_progres' is not a state; "
                             "did you mean 'in_progress'? (write one of done, in_progress, "
                             "not_started, cancelled) (task kiem-tra)\n")
    assert not (project / "output").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_libreoffice_lays_the_report_out(docx, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(docx)
    convert_with_libreoffice(([path], tmp_path, "pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "BÁO CÁO" in text and "I. KẾT QUẢ ĐẠT ĐƯỢC" in text
    assert "Tập huấn nghiệp vụ" in text and "Quá hạn" in text
    pages = text.split("\f")
    assert "PHỤ LỤC" in "".join(pages[1:])         # the tables start on a page of their own


@pytest.mark.parametrize("period", ["2023-Q1", "2023-Q2"])
def test_the_example_status_files_make_reports_that_pass_the_checker(period, tmp_path):
    """status/an-giang-2023/ in the repository: each quarter's report builds and conforms."""
    plan = load_plan(ROOT / "plans" / "an-giang-2023.yaml")
    status = load_status(ROOT / "status" / "an-giang-2023" / f"{period}.yaml", plan)
    path = tmp_path / "report.docx"
    path.write_bytes(render_report(build_report(plan, status, number="12")))
    assert check_docx(path, warnings=True) == []
    counts = tally(plan, status).counts
    text = paragraphs(path.read_bytes())
    assert f"trong tổng số {counts.total} nhiệm vụ của Kế hoạch, đã hoàn thành {counts.done} " \
           "nhiệm vụ" in next(t for t in text if t.startswith("Tính đến"))
    assert counts.total == 98 and sum(counts.by.values()) == 98
