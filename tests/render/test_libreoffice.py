"""The real renderer: LibreOffice lays the DOCX out as PDF, pdftotext reads it back."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from generator.check.pdf_pages import check_pages
from generator.render.compose import DEFAULT_TEMPLATE, render_plan

from ..conftest import convert_with_libreoffice
from .docx_xml import Docx, w
from .fixtures import TALL_WORDS, decision_plan, long_plan, tall_plan

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing"),
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The long plan as PDF and the template saved again as DOCX (as a user restyling it in
    LibreOffice would): both conversions at once, as LibreOffice takes seconds to start."""
    work = tmp_path_factory.mktemp("lo")
    docx = work / "plan.docx"
    docx.write_bytes(render_plan(long_plan()))
    (work / "tall.docx").write_bytes(render_plan(tall_plan()))
    convert_with_libreoffice(([docx, work / "tall.docx"], work, "pdf"),
                             ([DEFAULT_TEMPLATE], work / "saved", "docx:MS Word 2007 XML"))
    return work


@pytest.fixture(scope="module")
def pdf(converted):
    return converted / "plan.pdf"


def page_text(pdf, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def page_sizes(pdf) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    return [(float(a), float(b)) for a, b in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", info)]


def first_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip())


def test_key_strings_survive_layout(pdf):
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    for expected in ("Số: 77/QĐ-UBND", "An Giang, ngày 18 tháng 01 năm 2023", "QUYẾT ĐỊNH:",
                     "Điều 1.", "KẾ HOẠCH", "PHỤ LỤC", "Nơi nhận:", "Nguyễn Thanh Bình",
                     "Sở A & B <c> {{ year }}", "./."):
        assert expected in text


def test_pages_are_a4_and_the_appendix_landscape(pdf):
    sizes = page_sizes(pdf)
    assert 4 <= len(sizes) <= 12
    portrait = [s for s in sizes if s[0] < s[1]]
    landscape = [s for s in sizes if s[0] > s[1]]
    assert portrait and landscape and sizes.index(landscape[0]) == len(portrait)
    assert all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in portrait)
    assert len(landscape) >= 2


def test_page_numbers_skip_first_pages_and_restart_in_each_document(pdf):
    sizes = page_sizes(pdf)
    appendix_start = next(i for i, s in enumerate(sizes, 1) if s[0] > s[1])
    starts, numbered = 0, []
    for n in range(1, appendix_start):
        line = first_line(page_text(pdf, n))
        if line.startswith("ỦY BAN NHÂN DÂN"):
            starts, count = starts + 1, 1
        else:
            count += 1
            numbered.append(line)
            assert line == str(count)
    assert starts == 2 and numbered
    assert first_line(page_text(pdf, appendix_start)) == "PHỤ LỤC"
    assert first_line(page_text(pdf, appendix_start + 1)) == "2"


def test_the_table_header_repeats_on_every_appendix_page(pdf):
    sizes = page_sizes(pdf)
    pages = [i for i, s in enumerate(sizes, 1) if s[0] > s[1]][1:]
    for page in pages:
        assert "Stt" in page_text(pdf, page)


def test_a_template_saved_again_by_libreoffice_still_renders(converted):
    """A user restyles the template in LibreOffice and saves it as DOCX: the tags survive."""
    saved = converted / "saved" / "plan.docx"
    assert saved.read_bytes() != DEFAULT_TEMPLATE.read_bytes()
    doc = Docx(render_plan(decision_plan(), template=saved))
    assert len(doc.xpath(".//w:sectPr")) == 3
    assert doc.xpath("./w:sectPr/w:pgSz/@w:orient") == ["landscape"]
    defined = {s.get(w("styleId")) for s in doc.styles.findall(w("style"))}
    assert set(doc.xpath(".//w:pStyle/@w:val")) <= defined
    assert "Số: 77/QĐ-UBND" in [doc.text(p) for p in doc.paragraphs()]


def test_a_task_taller_than_three_pages_keeps_every_word(converted):
    """Its row breaks across pages (no w:cantSplit) and LibreOffice prints all of it, in order,
    under the repeated header, starting on the page of its part's heading."""
    doc = Docx((converted / "tall.docx").read_bytes())
    kept = {"muc001" in doc.text(tr): tr.find(f"{w('trPr')}/{w('cantSplit')}") is not None
            for tr in doc.xpath(".//w:tr") if "muc001" in doc.text(tr) or "ngắn" in doc.text(tr)}
    assert kept == {True: False, False: True}
    pdf = converted / "tall.pdf"
    pages = [i for i, s in enumerate(page_sizes(pdf), 1) if s[0] > s[1]]
    texts = [page_text(pdf, n) for n in pages]
    words = [word for t in texts for word in re.findall(r"muc\d{3}", t)]
    assert words == list(TALL_WORDS)
    holding = [n for n, t in zip(pages, texts) if re.search(r"muc\d{3}", t)]
    assert len(holding) >= 3
    assert "Một nhiệm vụ cao hơn ba trang" in texts[pages.index(holding[0])]   # not moved on
    assert all("Stt" in page_text(pdf, n) for n in holding[1:])
    assert "Nhiệm vụ ngắn sau nhiệm vụ dài" in " ".join(" ".join(texts).split())
    assert [str(f) for f in check_pages(converted / "tall.docx", pdf)] == []   # every word printed
