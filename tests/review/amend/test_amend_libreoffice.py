"""LibreOffice lays out amendment decisions: the PDF read back holds the article text."""
from __future__ import annotations

import subprocess

from generator.commands.amend import amend_command

from ...conftest import convert_with_libreoffice
from .conftest import PLAN, invoke, set_amendment, six_changes, twenty_leads


def _pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


def test_both_amendments_lay_out_with_their_articles(plans_repo):
    six_changes(plans_repo / PLAN)
    set_amendment(plans_repo / PLAN)
    small = plans_repo / "six.docx"
    assert invoke(amend_command, f"HEAD:{PLAN}", PLAN, "-o", str(small)).exit_code == 1
    subprocess.run(["git", "checkout", "-q", "--", PLAN], cwd=plans_repo, check=True)
    twenty_leads(plans_repo / PLAN)
    set_amendment(plans_repo / PLAN)
    large = plans_repo / "twenty.docx"
    assert invoke(amend_command, f"HEAD:{PLAN}", PLAN, "-o", str(large)).exit_code == 1
    out = plans_repo / "pdf"
    convert_with_libreoffice(([small, large], out, "pdf"))
    six = _pdf_text(out / "six.pdf")
    assert "QUYẾT ĐỊNH" in six and "Số: 125/QĐ-UBND" in six
    assert ("d) Sửa đổi thời gian hoàn thành tại Stt 8 Mục I Phần 1 Phụ lục kèm theo Kế hoạch "
            "thành: “Quý II/2023”.") in six
    assert "Bãi bỏ nội dung tại Stt 11 Mục I Phần 1" in six
    twenty = _pdf_text(out / "twenty.pdf")
    assert "chi tiết tại Phụ lục sửa đổi, bổ sung kèm theo Quyết định này" in twenty
    assert "PHỤ LỤC" in twenty and "SỬA ĐỔI, BỔ SUNG NỘI DUNG THỰC HIỆN" in twenty
    assert twenty.count("Sở Tư pháp") == 20            # the lead cell of each row in the table
