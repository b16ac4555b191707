"""``plangen text``: a DOCX as stable plain text for git's textconv."""
import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.review.docx_text import DocxTextError, docx_text
from generator.plan.workspace import Workspace
from generator.commands.review import text_command

from .conftest import PLANS, invoke

from generator.render.compose import render_plan


@pytest.fixture(scope="module")
def model():
    return Workspace().load(PLANS / "an-giang-so-xay-dung-2023.yaml").model


def test_the_same_plan_built_twice_gives_the_same_text(model):
    first, second = render_plan(model), render_plan(model)
    assert docx_text(first) == docx_text(second)


def test_paragraphs_and_table_rows_read_as_printed(model):
    lines = docx_text(render_plan(model)).splitlines()
    assert "Số:      /KH-SXD | An Giang, ngày 06 tháng 02 năm 2023" in lines
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines
    assert ("2 | 2 | Tham gia các đợt tập huấn nghiệp vụ, hội nghị, hội thảo, tọa đàm về hoạt động "
            "kiểm soát TTHC do Trung ương tổ chức, triển khai | Văn phòng Sở | Các phòng chuyên môn "
            "thuộc sở | Tham dự Hội nghị, Hội thảo, tọa đàm, ... | Theo Kế hoạch của Cơ quan Trung ương |") in lines
    assert not [line for line in lines if line != line.rstrip()]


def _sample(tmp_path):
    """A small document: a paragraph with tracked changes, a table with merged cells."""
    document = docx.Document()
    document.add_paragraph("Kế hoạch năm 2023")
    p = document.add_paragraph("Hạn: ")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>Quý II</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>Quý I</w:delText></w:r></w:del>'))
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "Stt", "Nội dung", "Ghi chú"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "1"
    table.cell(1, 1).text = "Dòng một"
    table.cell(1, 1).add_paragraph("- đoạn hai")
    table.cell(2, 1).merge(table.cell(2, 2)).text = "Gộp | hai ô"
    document.add_paragraph("Nơi nhận:\tLưu")
    path = tmp_path / "sample.docx"
    document.save(path)
    return path


def test_a_handmade_document(tmp_path):
    assert docx_text(_sample(tmp_path)) == (
        "Kế hoạch năm 2023\n"
        "Hạn: Quý II\n"
        "\n"
        "Stt | Nội dung | Ghi chú\n"
        "1 | Dòng một / - đoạn hai |\n"
        " | Gộp | hai ô\n"
        "\n"
        "Nơi nhận:\tLưu\n")


def test_the_command_writes_utf8_and_refuses_other_files(tmp_path):
    result = invoke(text_command, str(_sample(tmp_path)))
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8").startswith("Kế hoạch năm 2023\n")
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    result = invoke(text_command, str(junk))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{junk}: not a DOCX file")
    assert len(result.stderr.splitlines()) == 1
    with pytest.raises(DocxTextError):
        docx_text(b"")
