"""Times New Roman in every run and every font slot; the sizes and weights of Decree 30."""
from __future__ import annotations

import pytest

from generator.render.ooxml import FONT_SLOTS

from .docx_xml import NS, w


def all_runs(doc):
    runs = list(doc.body.iter(w("r")))
    for name in doc.parts:
        if name.startswith("word/header"):
            runs += list(doc.part(name).iter(w("r")))
    return runs


@pytest.mark.parametrize("which", ["decision_docx", "standalone_docx"])
def test_every_run_names_times_new_roman_in_all_four_slots(which, request):
    doc = request.getfixturevalue(which)
    runs = all_runs(doc)
    assert len(runs) > 20
    for r in runs:
        fonts = r.find(f"{w('rPr')}/{w('rFonts')}")
        assert fonts is not None, doc.text(r)
        assert [fonts.get(w(s)) for s in FONT_SLOTS] == ["Times New Roman"] * 4


def test_defaults_and_every_style_use_times_new_roman(decision_docx):
    for fonts in decision_docx.styles.iter(w("rFonts")):
        assert [fonts.get(w(s)) for s in FONT_SLOTS] == ["Times New Roman"] * 4
        assert not any("Theme" in k or "theme" in k for k in fonts.attrib)
    default = decision_docx.styles.find(f".//{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
    assert default.get(w("val")) == "28"


# text → (size, bold, italic)
LETTERHEAD = {
    "ỦY BAN NHÂN DÂN": (13, True, False),
    "TỈNH AN GIANG": (13, True, False),
    "Số: 77/QĐ-UBND": (13, False, False),
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": (13, True, False),
    "Độc lập - Tự do - Hạnh phúc": (14, True, False),
    "An Giang, ngày 18 tháng 01 năm 2023": (14, False, True),
    "QUYẾT ĐỊNH": (14, True, False),
    "Về việc ban hành Kế hoạch": (14, True, False),
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG": (14, True, False),
    "Căn cứ Luật Tổ chức": (14, False, True),
    "Theo đề nghị của": (14, False, True),
    "QUYẾT ĐỊNH:": (14, True, False),
    "Nơi nhận:": (12, True, True),
    "- Văn phòng Chính phủ;": (11, False, False),
    "TM. ỦY BAN NHÂN DÂN": (14, True, False),
    "PHÓ CHỦ TỊCH": (14, True, False),
    "Nguyễn Thanh Bình": (14, True, False),
    "KẾ HOẠCH": (14, True, False),
    "(Ban hành kèm theo": (14, False, True),
    "I. MỤC ĐÍCH, YÊU CẦU": (14, True, False),
    "- Tổ chức thực hiện": (14, False, False),
    "PHỤ LỤC": (14, True, False),
    "1. Thực hiện các nhiệm vụ": (14, True, False),
    "Stt": (12, True, False),
    "Công tác chỉ đạo; thể chế": (12, True, False),
    "Kế hoạch kiểm soát thủ tục": (12, False, False),
}


@pytest.mark.parametrize("text", LETTERHEAD)
def test_sizes_and_weights(decision_docx, text):
    doc = decision_docx
    p = doc.paragraph(text)
    r = p.find(w("r"))
    assert (doc.size_pt(p, r), doc.flag(p, r, "b"), doc.flag(p, r, "i")) == LETTERHEAD[text]


def test_article_label_is_bold_and_its_text_is_not(decision_docx):
    doc = decision_docx
    p = doc.paragraph("Điều 1.")
    label, text = p.findall(w("r"))
    assert doc.text(label) == "Điều 1." and doc.flag(p, label, "b")
    assert not doc.flag(p, text, "b") and doc.size_pt(p, text) == 14


def test_body_is_justified_with_first_line_indent_and_spacing(decision_docx):
    doc = decision_docx
    p = doc.paragraph("1. Căn cứ Kế hoạch này")
    assert doc.paragraph_prop(p, "jc").get(w("val")) == "both"
    assert doc.paragraph_prop(p, "ind").get(w("firstLine")) == "720"
    spacing = doc.paragraph_prop(p, "spacing")
    assert spacing.get(w("after")) == "120" and spacing.get(w("line")) == "288"


def test_rules_are_drawn_borders_not_underscores(decision_docx):
    doc = decision_docx
    assert "___" not in "".join(doc.text(p) for p in doc.paragraphs())
    assert not doc.xpath(".//w:u")
    rules = [p for p in doc.paragraphs() if doc.style_of(p) == "PlanRule"]
    assert len(rules) >= 6          # agency + motto (×2 letterheads), two titles, appendix
    border = doc.styles.xpath(".//w:style[@w:styleId='PlanRule']//w:pBdr/w:top", namespaces=NS)
    assert border and border[0].get(w("val")) == "single"
