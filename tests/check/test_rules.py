"""Specifications of the Decree 30 checker, run against small DOCX files built here.

``conforming()`` builds a document that follows every rule (a plan with its header table,
legal bases, body, closing block, and a landscape appendix); each test breaks one thing and
asserts the exact rule ids reported, so a rule that fires too often fails as surely as one
that never fires.
"""
from __future__ import annotations

import functools
import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.text.paragraph import Paragraph

from generator.check import Finding, check_docx
from generator.commands.check import check_command
from generator.check.heading import NUMBER, date_problems

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
TNR = "Times New Roman"
A4_W, A4_H = 11906, 16838
BODY = ("Kế hoạch nhằm triển khai thực hiện có hiệu quả công tác kiểm soát thủ tục hành chính "
        "trên địa bàn tỉnh trong năm 2023.")
LAST = "Trên đây là Kế hoạch kiểm soát thủ tục hành chính năm 2023 của Sở Xây dựng./."
BASIS = "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ;"
ATTACHED = "(Kèm theo Kế hoạch số 05/KH-SXD ngày 18 tháng 01 năm 2023 của Sở Xây dựng)"
APPENDIX_WIDTHS = (1000, 9000, 4000)


# --- fixture builders -------------------------------------------------------------------------

def child(parent, tag: str, *successors: str, **attrs):
    """The ``tag`` child of ``parent``, created before ``successors`` if missing, with attrs."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        after = next((s for s in map(parent.find, map(qn, successors)) if s is not None), None)
        if after is None:
            parent.append(el)
        else:
            after.addprevious(el)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


def times_new_roman_defaults(document) -> None:
    """All four font slots Times New Roman and 14 pt in docDefaults (python-docx uses themes)."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))[0]
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), TNR)
    rpr.find(qn("w:sz")).set(qn("w:val"), "28")


def write(paragraph, text: str, *, size: float | None = None, bold=False, italic=False,
          align=None, rule_below=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if rule_below:
        bottom_border(paragraph)
    return paragraph


def bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = child(ppr, "w:pBdr", "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    child(pbdr, "w:bottom", val="single", sz=6, space=1, color="auto")


def fill(cell, lines) -> None:
    """Write (text, options) lines into a cell, the first into its existing paragraph."""
    for n, (text, options) in enumerate(lines):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        write(paragraph, text, align=CENTER, **options)


def header_table(document, date="An Giang, ngày 18 tháng 01 năm 2023", number="Số: 05/KH-SXD"):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    fill(left, [("UBND TỈNH AN GIANG", dict(size=13)),
                ("SỞ XÂY DỰNG", dict(size=13, bold=True, rule_below=True)),
                (number, dict(size=13))])
    fill(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", dict(size=13, bold=True)),
                 ("Độc lập - Tự do - Hạnh phúc", dict(bold=True, rule_below=True)),
                 (date, dict(italic=True))])
    return table


def body_paragraph(document, text: str, italic=False):
    p = write(document.add_paragraph(), text, italic=italic, align=JUSTIFY)
    p.paragraph_format.first_line_indent = Cm(1)
    p.paragraph_format.space_after = Pt(6)
    return p


def closing_table(document):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").font.size = Pt(12)
    left.paragraphs[0].runs[0].bold = left.paragraphs[0].runs[0].italic = True
    for item in ("- Như trên;", "- Lưu: VT."):
        left.add_paragraph().add_run(item).font.size = Pt(11)
    fill(right, [("GIÁM ĐỐC", dict(bold=True)), ("", {}), ("Nguyễn Văn A", dict(bold=True))])


def page_setup(section, width=A4_W, height=A4_H) -> None:
    section.page_width, section.page_height = Twips(width), Twips(height)
    section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def page_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.alignment = CENTER


def restart_numbering(section) -> None:
    child(section._sectPr, "w:pgNumType", "w:cols", "w:titlePg", "w:docGrid", start=1)


def appendix_table(document):
    table = document.add_table(rows=3, cols=3)
    table.autofit = False
    for n, width in enumerate(APPENDIX_WIDTHS):
        table.columns[n].width = Twips(width)
        for cell in table.columns[n].cells:
            cell.width = Twips(width)
    for r, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        child(trpr, "w:cantSplit")
        if r == 0:
            child(trpr, "w:tblHeader")
        for c, cell in enumerate(row.cells):
            heading = ("Stt", "Nội dung", "Thời gian")[c]
            cell.paragraphs[0].add_run(heading if r == 0 else f"{r}.{c}")
    return table


def conforming():
    """A plan issued alone, with an appendix, that follows every rule of the checker: a fresh
    copy for each test to break (built once, then read from its bytes, which is faster)."""
    return docx.Document(io.BytesIO(_conforming_bytes()))


@functools.cache
def _conforming_bytes() -> bytes:
    document = docx.Document()
    times_new_roman_defaults(document)
    first = document.sections[0]
    page_setup(first)
    first.different_first_page_header_footer = True
    page_field(first.header.paragraphs[0])
    header_table(document)
    write(document.add_paragraph(), "KẾ HOẠCH", bold=True, align=CENTER)
    write(document.add_paragraph(), "Kiểm soát thủ tục hành chính năm 2023", bold=True,
          align=CENTER)
    body_paragraph(document, BASIS, italic=True)
    write(document.add_paragraph(), "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    body_paragraph(document, BODY)
    body_paragraph(document, LAST)
    closing_table(document)
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(appendix, A4_H, A4_W)
    restart_numbering(appendix)
    write(document.add_paragraph(), "PHỤ LỤC", bold=True, align=CENTER)
    write(document.add_paragraph(), "DANH MỤC NHIỆM VỤ NĂM 2023", bold=True, align=CENTER)
    write(document.add_paragraph(), ATTACHED, italic=True, align=CENTER)
    appendix_table(document)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def paragraph(document, text: str):
    """The python-docx paragraph (body or table cell) whose text is ``text``."""
    for p in document.element.body.iter(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))) == text:
            return Paragraph(p, document)
    raise LookupError(text)


def save(document, tmp_path: Path, name="plan.docx") -> Path:
    path = tmp_path / name
    document.save(path)
    return path


def rule_ids(path: Path) -> set[str]:
    return {f.rule for f in check_docx(path)}


def messages(path: Path, rule: str) -> list[str]:
    return [f.message for f in check_docx(path) if f.rule == rule]


# --- the conforming document ------------------------------------------------------------------

def test_a_conforming_document_has_no_findings(tmp_path):
    assert check_docx(save(conforming(), tmp_path)) == []


def test_a_finding_prints_as_one_line():
    finding = Finding("a.docx", "page", "section 1: page is not A4")
    assert str(finding) == "a.docx: page: section 1: page is not A4"


# --- page -------------------------------------------------------------------------------------

def test_a_letter_page_is_not_a4(tmp_path):
    document = conforming()
    page_setup(document.sections[0], 12240, 15840)
    path = save(document, tmp_path)
    assert rule_ids(path) == {"page"}
    assert messages(path, "page") == ["section 1: page 215.9 × 279.4 mm is not A4 (210 × 297 mm)"]


def test_a_narrow_left_margin_is_reported(tmp_path):
    document = conforming()
    document.sections[0].left_margin = Cm(2.54)
    path = save(document, tmp_path)
    assert messages(path, "page") == ["section 1: left margin 25.4 mm, expected 30–35 mm"]
    assert rule_ids(path) == {"page"}


def test_landscape_margins_may_be_rotated_with_the_page(tmp_path):
    document = conforming()
    section = document.sections[1]
    section.top_margin, section.bottom_margin = Cm(3), Cm(1.5)
    section.left_margin = section.right_margin = Cm(2)
    assert check_docx(save(document, tmp_path)) == []


def test_orientation_without_swapped_size_is_reported(tmp_path):
    document = conforming()
    document.sections[1].page_width, document.sections[1].page_height = Twips(A4_W), Twips(A4_H)
    path = save(document, tmp_path)
    assert messages(path, "page") == [
        "section 2: w:orient says landscape but the page is 210 × 297 mm; "
        "set both orientation and size"]
    assert rule_ids(path) == {"page", "appendix"}


# --- fonts ------------------------------------------------------------------------------------

def test_a_run_in_arial_is_reported(tmp_path):
    document = conforming()
    paragraph(document, BODY).runs[0].font.name = "Arial"
    path = save(document, tmp_path)
    assert rule_ids(path) == {"fonts"}
    assert messages(path, "fonts") == [
        f"body: 1 run(s) not in Times New Roman (ascii Arial, hAnsi Arial), first '{BODY[:59]}…'"]


def test_theme_fonts_of_the_default_template_are_not_times_new_roman(tmp_path):
    """python-docx's font.name sets ascii/hAnsi only; eastAsia and cs stay theme fonts."""
    document = docx.Document()
    paragraph_ = document.add_paragraph()
    paragraph_.add_run("Một").font.name = TNR
    paragraph_.add_run("Hai")
    found = messages(save(document, tmp_path), "fonts")
    assert found == [
        "body: 1 run(s) not in Times New Roman (eastAsia theme minorEastAsia, cs theme minorBidi), "
        "first 'Một'",
        "body: 1 run(s) not in Times New Roman (ascii theme minorHAnsi, hAnsi theme minorHAnsi, "
        "eastAsia theme minorEastAsia, cs theme minorBidi), first 'Hai'"]


def test_fonts_resolve_through_the_paragraph_style_chain(tmp_path):
    """A style based on a style in Arial shows Arial, even with Times New Roman defaults."""
    document = conforming()
    base = document.styles.add_style("Base", WD_STYLE_TYPE.PARAGRAPH)
    base.font.name = "Arial"
    derived = document.styles.add_style("Derived", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base
    paragraph(document, BODY).style = derived
    assert messages(save(document, tmp_path), "fonts") == [
        f"body: 1 run(s) not in Times New Roman (ascii Arial, hAnsi Arial), first '{BODY[:59]}…'"]


def test_fonts_in_headers_are_checked(tmp_path):
    document = conforming()
    document.sections[0].header.paragraphs[0].add_run("Trang").font.name = "Arial"
    assert messages(save(document, tmp_path), "fonts") == [
        "word/header1.xml: 1 run(s) not in Times New Roman (ascii Arial, hAnsi Arial), "
        "first 'Trang'"]


# --- header table -----------------------------------------------------------------------------

def test_underscores_are_not_a_drawn_rule(tmp_path):
    document = conforming()
    agency = paragraph(document, "SỞ XÂY DỰNG")
    agency._p.pPr.remove(agency._p.pPr.find(qn("w:pBdr")))
    underscores = agency.insert_paragraph_before("")  # placed, then moved below the agency
    agency._p.addnext(underscores._p)
    write(underscores, "__________", size=13, align=CENTER)
    path = save(document, tmp_path)
    assert rule_ids(path) == {"header-table"}
    assert messages(path, "header-table") == [
        "the rule under the agency name is typed as underscores or dashes; "
        "it must be a drawn line (paragraph border or shape)"]


def test_a_missing_rule_under_the_motto_is_reported(tmp_path):
    document = conforming()
    motto = paragraph(document, "Độc lập - Tự do - Hạnh phúc")
    motto._p.pPr.remove(motto._p.pPr.find(qn("w:pBdr")))
    assert messages(save(document, tmp_path), "header-table") == [
        "no drawn rule under the motto (a paragraph border or a shape)"]


def test_a_top_border_on_an_empty_paragraph_below_is_a_drawn_rule(tmp_path):
    """The renderer's way: a short empty "rule" paragraph with a top border under the name."""
    document = conforming()
    agency = paragraph(document, "SỞ XÂY DỰNG")
    agency._p.pPr.remove(agency._p.pPr.find(qn("w:pBdr")))
    rule = agency.insert_paragraph_before("")
    agency._p.addnext(rule._p)
    pbdr = child(rule._p.get_or_add_pPr(), "w:pBdr", "w:spacing", "w:ind", "w:jc")
    child(pbdr, "w:top", val="single", sz=6, space=1, color="000000")
    assert check_docx(save(document, tmp_path)) == []


def test_a_shape_is_a_drawn_rule(tmp_path):
    document = conforming()
    motto = paragraph(document, "Độc lập - Tự do - Hạnh phúc")
    motto._p.pPr.remove(motto._p.pPr.find(qn("w:pBdr")))
    motto.runs[0]._r.append(OxmlElement("w:pict"))
    assert check_docx(save(document, tmp_path)) == []


def test_a_date_without_leading_zero_on_the_day_is_reported(tmp_path):
    path = save(_rebuilt_header(date="An Giang, ngày 5 tháng 3 năm 2024"), tmp_path)
    assert rule_ids(path) == {"header-table"}
    assert messages(path, "header-table") == [
        "place-date line 'An Giang, ngày 5 tháng 3 năm 2024': day 5 should be written 05 "
        "(days below 10 take a leading zero)"]


def _rebuilt_header(**header_options):
    """The conforming document with its header table rebuilt from ``header_options``."""
    document = conforming()
    old = document.tables[0]._tbl
    new = header_table(document, **header_options)._tbl
    old.addprevious(new)
    old.getparent().remove(old)
    return document


@pytest.mark.parametrize("date", ["An Giang, ngày 18 tháng 01 năm 2023",
                                  "An Giang, ngày    tháng 02 năm 2023",
                                  "Phú Tân, ngày 23 tháng 6 năm 2022"])
def test_well_formed_and_draft_dates_pass(tmp_path, date):
    assert check_docx(save(_rebuilt_header(date=date), tmp_path)) == []


@pytest.mark.parametrize("line, problem", [
    ("An Giang, ngày 05 tháng 02 năm 2024", None),
    ("An Giang, ngày 23 tháng 6 năm 2022", None),
    ("An Giang, ngày tháng 02 năm 2023", None),
    ("An Giang, ngày 05 tháng 03 năm 2024",
     "month 03 should be written 3 (only months 1 and 2 take a leading zero)"),
    ("An Giang, ngày 15 tháng 2 năm 2024",
     "month 2 should be written 02 (months 1 and 2 take a leading zero)"),
    ("An Giang, ngày 30 tháng 02 năm 2024", "30/02/2024 is not a date"),
    ("An Giang, ngày 32 tháng 5 năm 2024", "day 32 does not exist"),
    ("An Giang, 18/01/2023", "does not read '<Place>, ngày DD tháng MM năm YYYY'"),
])
def test_place_date_lines(line, problem):
    found = date_problems(line)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0]


@pytest.mark.parametrize("line, ok", [
    ("Số: 77/QĐ-UBND", True), ("Số:      /KH-SXD", True), ("Số: 12/TTr-SXD", True),
    ("Số: 77/QĐ-UBND-VP", True), ("Số 77/QĐ-UBND", False), ("Số: 77/qđ-ubnd", False),
    ("Số: 77/2023/QĐ", False)])
def test_number_lines(line, ok):
    assert bool(NUMBER.fullmatch(line)) is ok


def test_a_single_digit_number_needs_a_leading_zero(tmp_path):
    path = save(_rebuilt_header(number="Số: 5/KH-SXD"), tmp_path)
    assert messages(path, "header-table") == [
        "number line 'Số: 5/KH-SXD': number 5 needs a leading zero (05)"]


def test_a_header_table_with_grid_borders_is_reported(tmp_path):
    document = conforming()
    document.tables[0].style = document.styles["Table Grid"]
    path = save(document, tmp_path)
    assert messages(path, "header-table") == [
        "the header table shows borders (top, left, bottom, right, insideH, insideV), "
        "expected none"]


def test_lines_joined_by_a_break_are_read_one_by_one(tmp_path):
    """Hand-made headers often stack the national title and the motto in one paragraph."""
    document = conforming()
    title = paragraph(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = paragraph(document, "Độc lập - Tự do - Hạnh phúc")
    title.runs[0].add_break()
    write(title, "Độc lập - Tự do - Hạnh phúc", bold=True, rule_below=True)
    motto._p.getparent().remove(motto._p)
    assert check_docx(save(document, tmp_path)) == []


def test_a_document_that_opens_with_a_paragraph_has_no_header_table(tmp_path):
    document = conforming()
    document.tables[0]._tbl.addprevious(document.add_paragraph("Dự thảo")._p)
    assert messages(save(document, tmp_path), "header-table") == [
        "the first body element is the paragraph 'Dự thảo', expected the header table"]


# --- title, legal bases, body, end mark -------------------------------------------------------

def test_a_title_that_is_not_bold_is_reported(tmp_path):
    document = conforming()
    paragraph(document, "KẾ HOẠCH").runs[0].bold = False
    path = save(document, tmp_path)
    assert rule_ids(path) == {"title"}
    assert messages(path, "title") == ["title 'KẾ HOẠCH' is not bold"]


def test_an_upright_legal_basis_is_reported(tmp_path):
    document = conforming()
    paragraph(document, BASIS).runs[0].italic = False
    path = save(document, tmp_path)
    assert rule_ids(path) == {"legal-bases"}
    assert messages(path, "legal-bases") == [
        "legal basis 'Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010…' is not italic"]


def test_a_decision_must_cite_legal_bases_but_a_plan_need_not(tmp_path):
    document = conforming()
    basis = paragraph(document, BASIS)
    basis._p.getparent().remove(basis._p)
    assert check_docx(save(document, tmp_path, "plan.docx")) == []
    paragraph(document, "KẾ HOẠCH").runs[0].text = "QUYẾT ĐỊNH"
    path = save(document, tmp_path, "decision.docx")
    assert messages(path, "legal-bases") == [
        "the decision (QUYẾT ĐỊNH) has no legal basis paragraph ('Căn cứ …') before 'Điều 1.'"]


def test_a_left_aligned_unindented_body_paragraph_is_reported(tmp_path):
    document = conforming()
    body = paragraph(document, BODY)
    body.alignment = WD_ALIGN_PARAGRAPH.LEFT
    body.paragraph_format.first_line_indent = None
    path = save(document, tmp_path)
    assert rule_ids(path) == {"body"}
    assert messages(path, "body") == [
        f"1 body paragraph(s) are left-aligned, expected justified, first '{BODY[:59]}…'",
        f"1 body paragraph(s) have a first-line indent of 0.00 cm, expected 1 cm or 1.27 cm, "
        f"first '{BODY[:59]}…'"]


def test_body_size_spacing_and_line_spacing_are_checked(tmp_path):
    document = conforming()
    body = paragraph(document, BODY)
    body.runs[0].font.size = Pt(12)
    body.paragraph_format.space_after = Pt(0)
    body.paragraph_format.line_spacing = 2.0
    assert messages(save(document, tmp_path), "body") == [
        f"1 body paragraph(s) are 12 pt, expected 13–14 pt, first '{BODY[:59]}…'",
        f"1 body paragraph(s) have 0 pt before and 0 pt after, expected at least 6 pt between "
        f"paragraphs, first '{BODY[:59]}…'",
        f"1 body paragraph(s) have line spacing of 2.00 lines, expected single to 1.5 lines, "
        f"first '{BODY[:59]}…'"]


def test_a_1_27_cm_indent_is_accepted(tmp_path):
    document = conforming()
    paragraph(document, BODY).paragraph_format.first_line_indent = Cm(1.27)
    assert check_docx(save(document, tmp_path)) == []


def test_a_body_without_the_closing_mark_is_reported(tmp_path):
    document = conforming()
    last = paragraph(document, LAST)
    last.runs[0].text = LAST.removesuffix("./.") + "."
    path = save(document, tmp_path)
    assert rule_ids(path) == {"end-mark"}
    assert messages(path, "end-mark") == [
        "the last body paragraph of the plan (KẾ HOẠCH) does not end with './.': "
        "'…soát thủ tục hành chính năm 2023 của Sở Xây dựng.'"]


# --- closing block ----------------------------------------------------------------------------

def test_recipients_label_must_be_bold_italic_12(tmp_path):
    document = conforming()
    label = paragraph(document, "Nơi nhận:").runs[0]
    label.italic, label.font.size = False, Pt(13)
    path = save(document, tmp_path)
    assert rule_ids(path) == {"closing-block"}
    assert messages(path, "closing-block") == [
        "'Nơi nhận:' is not italic", "'Nơi nhận:' is 13 pt, expected 12 pt"]


def test_signature_lines_must_be_bold(tmp_path):
    document = conforming()
    paragraph(document, "GIÁM ĐỐC").runs[0].bold = False
    assert messages(save(document, tmp_path), "closing-block") == [
        "signature line 'GIÁM ĐỐC' is not bold"]


# --- page numbers -----------------------------------------------------------------------------

def test_the_first_page_must_not_be_numbered(tmp_path):
    document = conforming()
    document.sections[0].different_first_page_header_footer = False
    document.sections[1].different_first_page_header_footer = False
    path = save(document, tmp_path)
    assert rule_ids(path) == {"page-numbers"}
    assert messages(path, "page-numbers") == [
        "section 1 has no w:titlePg, so the first page shows its number"]


def test_a_page_number_in_the_footer_is_reported(tmp_path):
    document = conforming()
    header_p = document.sections[0].header.paragraphs[0]
    header_p._p.remove(header_p._p.find(qn("w:fldSimple")))
    page_field(document.sections[0].footer.paragraphs[0])
    assert messages(save(document, tmp_path), "page-numbers") == [
        "no header holds a PAGE field "
        "(it is in a footer; the decree centres page numbers in the top margin)"]


def test_a_page_number_must_be_centred(tmp_path):
    document = conforming()
    document.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    assert messages(save(document, tmp_path), "page-numbers") == [
        "word/header1.xml: the page number is right-aligned, expected centred"]


def test_an_appendix_section_must_restart_numbering(tmp_path):
    document = conforming()
    sectpr = document.sections[1]._sectPr
    sectpr.remove(sectpr.find(qn("w:pgNumType")))
    path = save(document, tmp_path)
    assert rule_ids(path) == {"page-numbers"}
    assert messages(path, "page-numbers") == [
        "section 2 (appendix 'PHỤ LỤC') does not restart page numbering at 1 "
        "(w:pgNumType w:start=\"1\")"]


# --- appendix ---------------------------------------------------------------------------------

def _appendix_rows(document):
    return document.tables[-1].rows


def test_a_missing_repeated_header_row_is_reported(tmp_path):
    document = conforming()
    trpr = _appendix_rows(document)[0]._tr.trPr
    trpr.remove(trpr.find(qn("w:tblHeader")))
    path = save(document, tmp_path)
    assert rule_ids(path) == {"appendix"}
    assert messages(path, "appendix") == [
        "appendix 'PHỤ LỤC' table 1: the first row is not a repeated header row (w:tblHeader)"]


def test_short_rows_that_may_split_layout_and_widths_are_reported(tmp_path):
    """A row of a line or two that may split would leave a scrap of a task at a page's foot."""
    document = conforming()
    trpr = _appendix_rows(document)[2]._tr.trPr
    trpr.remove(trpr.find(qn("w:cantSplit")))
    document.tables[-1].autofit = True
    _appendix_rows(document)[1].cells[1].width = Twips(5000)
    assert messages(save(document, tmp_path), "appendix") == [
        "appendix 'PHỤ LỤC' table 1: 1 short row(s) may split across pages (no w:cantSplit): rows 3",
        "appendix 'PHỤ LỤC' table 1: the layout is not fixed (w:tblLayout w:type=\"fixed\")",
        "appendix 'PHỤ LỤC' table 1: 1 cell width(s) differ from the grid, first at row 2, "
        "column 2: w:tcW 5000, grid 9000"]


def test_a_tall_row_may_split_across_pages(tmp_path):
    """The originals let a tall row break across pages (its cells continue under the repeated
    header); moved whole it would leave most of a page empty. A cell of a few long paragraphs
    in the narrow first column is tall; the same text without w:cantSplit is accepted, and the
    row is reported again once its text is cut to one line."""
    document = conforming()
    row = _appendix_rows(document)[2]
    row._tr.trPr.remove(row._tr.trPr.find(qn("w:cantSplit")))
    cell = row.cells[0]
    for _ in range(4):
        cell.add_paragraph("Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết")
    path = save(document, tmp_path)
    assert messages(path, "appendix") == []
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    assert messages(save(document, tmp_path, "short.docx"), "appendix") == [
        "appendix 'PHỤ LỤC' table 1: 1 short row(s) may split across pages (no w:cantSplit): rows 3"]


def test_a_portrait_appendix_is_reported(tmp_path):
    document = conforming()
    page_setup(document.sections[1])
    path = save(document, tmp_path)
    assert rule_ids(path) == {"appendix"}
    assert messages(path, "appendix") == [
        "appendix 'PHỤ LỤC': section 2 is portrait, expected landscape for the appendix"]


def test_the_attached_to_line_must_be_italic_and_complete(tmp_path):
    document = conforming()
    line = paragraph(document, ATTACHED).runs[0]
    line.italic = False
    line.text = "(Kèm theo Kế hoạch của Sở Xây dựng)"
    assert messages(save(document, tmp_path), "appendix") == [
        "appendix line '(Kèm theo Kế hoạch của Sở Xây dựng)' does not read "
        "'(Kèm theo <document> số … ngày … của …)'",
        "appendix line '(Kèm theo Kế hoạch của Sở Xây dựng)' is not italic"]


# --- files the checker cannot find its way in -------------------------------------------------

def test_an_empty_document_reports_what_it_cannot_find(tmp_path):
    findings = check_docx(save(docx.Document(), tmp_path))
    assert [(f.rule, f.message) for f in findings if f.rule != "page"] == [
        ("header-table", "the body is empty: no header table"),
        ("title", "no document title paragraph ('QUYẾT ĐỊNH' or 'KẾ HOẠCH') found"),
        ("body", "no body paragraph found (running text of 40 or more characters, not centred)"),
        ("end-mark", "the document has no body paragraph to end with './.'"),
        ("closing-block", "no closing block: no table holds 'Nơi nhận:'"),
        ("page-numbers", "no header holds a PAGE field")]


def test_a_document_without_section_properties(tmp_path):
    path = tmp_path / "bare.docx"
    body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", body)
    assert messages(path, "page") == [
        "no section properties (w:sectPr) found, so page size and margins are unknown"]
    assert messages(path, "fonts") == [
        "body: 1 run(s) not in Times New Roman (ascii unset, hAnsi unset, eastAsia unset, "
        "cs unset), first 'x'"]


def test_a_file_that_is_not_a_docx_gives_one_finding(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("not a zip")
    [finding] = check_docx(path)
    assert (finding.rule, finding.path) == ("file", str(path))
    assert finding.message.startswith(f"cannot read {path} as a DOCX: ")


def test_a_zip_without_a_main_document_gives_one_finding(tmp_path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    assert [(f.rule, f.message) for f in check_docx(path)] == [
        ("file", f"cannot read {path} as a DOCX: no main document part (word/document.xml)")]


def test_the_older_spelling_hoa_and_decomposed_text_are_recognised(tmp_path):
    """Hand-made files write "HOÀ" and sometimes store Vietnamese in decomposed (NFD) form."""
    document = conforming()
    paragraph(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").runs[0].text = (
        unicodedata.normalize("NFD", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert check_docx(save(document, tmp_path)) == []


# --- command line -----------------------------------------------------------------------------

def test_the_command_prints_findings_and_a_summary(tmp_path):
    good = save(conforming(), tmp_path, "good.docx")
    bad_doc = conforming()
    paragraph(bad_doc, "KẾ HOẠCH").runs[0].bold = False
    bad = save(bad_doc, tmp_path, "bad.docx")
    result = CliRunner().invoke(check_command, [str(good), str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bad}: title: title 'KẾ HOẠCH' is not bold", "2 file(s) checked, 1 problem(s)"]


def test_the_click_command_exits_with_the_status(tmp_path):
    good = save(conforming(), tmp_path, "good.docx")
    result = CliRunner().invoke(check_command, [str(good)])
    assert (result.exit_code, result.output) == (0, "1 file(s) checked, 0 problem(s)\n")
    missing = CliRunner().invoke(check_command, [str(tmp_path / "missing.docx")])
    assert missing.exit_code == 2
