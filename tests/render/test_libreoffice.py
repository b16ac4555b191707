"""The real renderer: LibreOffice lays the DOCX out as PDF, pdftotext reads it back."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from generator.render import render_plan

from .fixtures import long_plan

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing"),
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    work = tmp_path_factory.mktemp("lo")
    docx = work / "plan.docx"
    docx.write_bytes(render_plan(long_plan()))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return work / "plan.pdf"


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


def test_page_numbers_skip_first_pages_and_restart_in_the_appendix(pdf):
    sizes = page_sizes(pdf)
    appendix_start = next(i for i, s in enumerate(sizes, 1) if s[0] > s[1])
    assert first_line(page_text(pdf, 1)).startswith("ỦY BAN NHÂN DÂN")
    assert first_line(page_text(pdf, 2)) == "2"
    assert first_line(page_text(pdf, appendix_start)) == "PHỤ LỤC"
    assert first_line(page_text(pdf, appendix_start + 1)) == "2"


def test_the_table_header_repeats_on_every_appendix_page(pdf):
    sizes = page_sizes(pdf)
    pages = [i for i, s in enumerate(sizes, 1) if s[0] > s[1]][1:]
    for page in pages:
        assert "Stt" in page_text(pdf, page)
