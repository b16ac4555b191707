"""The page check of a PDF (generator/check/pdf_pages.py), as ``plangen build --pdf`` and
``plangen check FILE.pdf`` report it: a half-empty appendix page, words on no page."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.check.pdf_pages import PdfPage, check_pages, half_empty
from generator.commands.check import check_command
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan

from ..conftest import TREE, invoke, run_cli

needs_libreoffice = pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                                       reason="needs LibreOffice and pdftotext")
TALL = 22      # one-line paragraphs: a row too tall to join a page already holding the title


def plan_with_a_tall_row(split_rows: bool, extra: str = "") -> str:
    """The tree's province plan with a row of TALL short lines after its first task; with
    ``split_rows: false`` that row cannot break, so it moves whole to the next page."""
    text = (TREE / "province.yaml").read_text(encoding="utf-8")
    text = text.replace('        - {field: note, label: "Ghi chú", width: 30}\n',
                        '        - {field: note, label: "Ghi chú", width: 30}\n'
                        f"      split_rows: {'true' if split_rows else 'false'}\n", 1)
    lines = ", ".join(f'"Bước {n:02d}."' for n in range(1, TALL + 1))
    tall = (f"            - id: dai\n              content: [{lines}]\n"
            "              lead: [vp_ubnd_tinh]\n" + extra)
    anchor = "            - id: kh-so\n"
    assert anchor in text
    return text.replace(anchor, tall + anchor, 1)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``plangen build --pdf`` of the plan kept whole and the plan whose rows break, at once."""
    work = tmp_path_factory.mktemp("pages")
    (work / "plans").mkdir()
    (work / "plans" / "kept.yaml").write_text(plan_with_a_tall_row(False), encoding="utf-8")
    (work / "plans" / "split.yaml").write_text(plan_with_a_tall_row(True), encoding="utf-8")
    before = Path.cwd()
    os.chdir(work)
    try:
        result = run_cli("build", "--pdf", "-o", "out", "plans")
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output
    return work, result.output.splitlines()


HALF_EMPTY = re.compile(r"out/kept\.pdf: pages: warning: page (\d+), in the appendix, is only "
                        r"(\d+)% filled: the row after it did not fit and moved to the next page")


@needs_libreoffice
def test_build_pdf_warns_of_the_page_a_row_kept_whole_left_half_empty(built):
    _, lines = built
    warned = [m for line in lines if (m := HALF_EMPTY.fullmatch(line))]
    assert len(warned) == 1 and int(warned[0][2]) < 50
    assert not [line for line in lines if "split.pdf" in line and "warning" in line]
    assert lines[-1] == "built 2, up to date 0, failed 0, PDF 2 (" + lines[-1].split("(")[1]


@needs_libreoffice
def test_check_reports_the_same_page_of_the_pdf_and_none_when_the_row_breaks(built, monkeypatch):
    work, lines = built
    monkeypatch.chdir(work)
    result = invoke(check_command, "out/kept.pdf", "out/split.pdf")
    assert result.exit_code == 0                      # warnings only
    assert result.output.splitlines() == [l for l in lines if HALF_EMPTY.fullmatch(l)] + [
        "2 file(s) checked, 0 problem(s), 1 warning(s)"]


@needs_libreoffice
def test_words_of_the_docx_on_no_page_are_named_with_their_paragraph(built):
    """A PDF made from another DOCX: the words only this DOCX has are missing from it."""
    work, _ = built
    extra = "              result: \"Kết quả riêng chưa in ra\"\n"
    plan = work / "other.yaml"
    plan.write_text(plan_with_a_tall_row(False, extra), encoding="utf-8")
    docx = work / "other.docx"
    docx.write_bytes(render_plan(Workspace().load(plan).model))
    assert [f"{f.rule}: {f.message}" for f in check_pages(docx, work / "out" / "kept.pdf")
            if f.rule == "printed"] == [
        "printed: 4 word(s) of other.docx are on no page: 'riêng chưa in ra' in "
        "'Kết quả riêng chưa in ra'"]
    assert [f.rule for f in check_pages(work / "out" / "split.docx", work / "out" / "split.pdf")] == []


def test_a_pdf_without_its_docx_beside_it_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("alone.pdf").write_bytes(b"%PDF-1.4\n")
    result = invoke(check_command, "alone.pdf")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "alone.pdf: file: no alone.docx beside it: its pages are checked against the DOCX "
        "they were made from")


def page(number: int, filled: float, opening: str = "Stt Nội dung", landscape: bool = True) -> PdfPage:
    return PdfPage(number, landscape, filled, (str(number), *opening.split()))


def test_a_short_page_counts_but_before_a_heading_at_the_end_or_outside_the_appendix():
    pages = [page(1, 0.3, landscape=False), page(2, 0.2, landscape=False),
             page(3, 0.45), page(4, 0.3, "2. Các nội dung khác Stt"), page(5, 0.9),
             page(6, 0.49), page(7, 0.5), page(8, 0.1)]
    headings = ["PHỤ LỤC", "2. Các nội dung khác"]
    # 1, 2 portrait; 3 before a part's heading; 5, 7 half full or more; 8 the appendix's last
    assert [p.number for p in half_empty(pages, headings)] == [4, 6]
