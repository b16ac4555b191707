"""How paragraphs flow over pages: no body line alone at a page's head or foot, headings and
the last article held with what follows them."""
from .docx_xml import Docx


def flag(doc: Docx, p, prop: str) -> bool:
    node = doc.paragraph_prop(p, prop)
    return node is not None and node.get(f"{{{p.nsmap['w']}}}val", "true") not in ("0", "false")


def test_body_paragraphs_have_widow_and_orphan_control(decision_docx):
    for starts in ("Căn cứ Luật Tổ chức", "Điều 2.", "Thực hiện Nghị định số 63/2010",
                   "- Tổ chức thực hiện đạt hiệu quả", "(Chi tiết phụ lục kèm theo)"):
        assert flag(decision_docx, decision_docx.paragraph(starts), "widowControl"), starts


def test_headings_and_the_last_article_keep_with_the_next_paragraph(decision_docx):
    for starts in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "QUYẾT ĐỊNH:", "Điều 3."):
        assert flag(decision_docx, decision_docx.paragraph(starts), "keepNext"), starts
    assert not flag(decision_docx, decision_docx.paragraph("Điều 2."), "keepNext")
