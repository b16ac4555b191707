"""The plan attached to a decision: its letterhead and "(Ban hành kèm theo …)" line are the
plan's to leave out or reword, as some originals do; by default they are printed."""
import pytest

from generator.check import check_docx
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan

from ..conftest import edit
from .docx_xml import Docx

TITLE = '  title: "Kiểm soát thủ tục hành chính năm {{ year }} trên địa bàn tỉnh An Giang"\n'


def plan_page(plans_dir, extra: str = "") -> tuple[list[str], bytes]:
    """The attached plan's paragraphs up to the one after its title, and the rendered DOCX."""
    if extra:
        edit(plans_dir / "province.yaml", TITLE, TITLE + extra)
    data = render_plan(Workspace().load(plans_dir / "province.yaml").model)
    doc = Docx(data)
    texts = [doc.text(p) for p in doc.paragraphs() if doc.text(p)]
    end = texts.index("Kiểm soát thủ tục hành chính năm 2023 trên địa bàn tỉnh An Giang")
    start = texts.index("Nguyễn Thanh Bình")             # the decision's signer
    return texts[start + 1:end + 2], data


def test_by_default_the_attached_plan_has_the_issuer_motto_and_a_generated_line(plans_dir):
    page, _ = plan_page(plans_dir)
    assert "ỦY BAN NHÂN DÂN" in page[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert page[-1].startswith("(Ban hành kèm theo Quyết định số ")


def test_an_attached_plan_without_its_own_letterhead(plans_dir, tmp_path):
    page, data = plan_page(plans_dir, "  letterhead: false\n")
    assert page[:2] == ["KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2023 trên địa bàn tỉnh An Giang"]
    assert page[2].startswith("(Ban hành kèm theo Quyết định số ")
    (tmp_path / "out.docx").write_bytes(data)
    assert [str(f) for f in check_docx(tmp_path / "out.docx")] == []


@pytest.mark.parametrize("written, shown", [
    ('""', "Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:"),
    ('"(Kèm theo Quyết định số {{ document.code }})"', "(Kèm theo Quyết định số 77/QĐ-UBND)"),
])
def test_the_attached_line_can_be_left_out_or_reworded(plans_dir, written, shown):
    page, _ = plan_page(plans_dir, f"  attached: {written}\n")
    assert page[-2] == "Kiểm soát thủ tục hành chính năm 2023 trên địa bàn tỉnh An Giang"
    assert page[-1] == shown
