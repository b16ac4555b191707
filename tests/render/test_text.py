"""What the documents say: numbers, dates, the closing "./.", and text kept literally."""
from __future__ import annotations

from .docx_xml import w
from .fixtures import TRICKY


def texts(doc):
    return [doc.text(p) for p in doc.paragraphs()]


def test_number_and_place_date_of_a_numbered_decision(decision_docx):
    found = texts(decision_docx)
    assert found.count("Số: 77/QĐ-UBND") == 1
    assert found.count("An Giang, ngày 18 tháng 01 năm 2023") == 1


def test_a_draft_keeps_room_for_the_number_and_the_day(standalone_docx):
    found = texts(standalone_docx)
    assert "Số:      /KH-SXD" in found
    assert "An Giang, ngày      tháng 02 năm 2023" in found
    assert "UBND TỈNH AN GIANG" in found and "SỞ XÂY DỰNG" in found


def test_the_attached_plan_shows_issuer_and_motto_but_no_number(decision_docx):
    found = texts(decision_docx)
    assert found.count("Độc lập - Tự do - Hạnh phúc") == 2
    assert sum(t.startswith("Số:") for t in found) == 1
    assert "(Ban hành kèm theo Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 " \
           "của Ủy ban nhân dân tỉnh An Giang)" in found


def test_decision_and_plan_bodies_end_with_the_closing_mark(decision_docx):
    found = texts(decision_docx)
    marked = [t for t in found if t.endswith("./.")]
    assert marked == ["Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành quyết định này./.",
                      f"2. Giao Văn phòng theo dõi {TRICKY}, tháo gỡ./."]


def test_the_closing_block_follows_the_articles_when_there_is_a_decision(decision_docx):
    found = texts(decision_docx)
    assert found.index("Nơi nhận:") > found.index("Điều 3. Chánh Văn phòng chịu trách nhiệm "
                                                  "thi hành quyết định này./.")
    assert found.index("Nơi nhận:") < found.index("KẾ HOẠCH")
    assert found.count("Nơi nhận:") == 1
    assert ["- Như Điều 3;", "- Văn phòng Chính phủ;", "- Lưu: VT, TH."] == \
        found[found.index("Nơi nhận:") + 1:found.index("Nơi nhận:") + 4]


def test_signature_lines_are_upper_case_then_the_name(decision_docx):
    found = texts(decision_docx)
    start = found.index("TM. ỦY BAN NHÂN DÂN")
    assert found[start:start + 4] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                      "Nguyễn Thanh Bình"]


def test_a_plan_issued_alone_signs_after_its_body_and_has_its_bases(standalone_docx):
    found = texts(standalone_docx)
    assert [t for t in found if t][-1] == "Nguyễn Quốc Cường"
    assert any(t.startswith("Căn cứ Quyết định số 77/QĐ-UBND") for t in found)
    assert found.index("Nơi nhận:") > found.index(f"2. Giao Văn phòng theo dõi {TRICKY}, tháo gỡ./.")


def test_plan_labels_come_from_the_paragraph_display(decision_docx):
    found = texts(decision_docx)
    for expected in ("I. MỤC ĐÍCH, YÊU CẦU", "II. TỔ CHỨC THỰC HIỆN", "- Tổ chức thực hiện đạt hiệu quả.",
                     "1. Mục đích", "(Chi tiết phụ lục kèm theo)"):
        assert expected in found


def test_appendix_title_is_upper_case(decision_docx):
    assert "NỘI DUNG THỰC HIỆN KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2023" in texts(decision_docx)


def test_special_characters_and_template_syntax_come_out_literally(decision_docx):
    found = texts(decision_docx)
    assert TRICKY in found
    assert f"Giao Văn phòng theo dõi {TRICKY}" in " ".join(found)
    xml = decision_docx.parts["word/document.xml"].decode()
    assert "Sở A &amp; B &lt;c&gt;" in xml
    assert "&amp;amp;" not in xml and "&amp;lt;" not in xml


def test_text_is_never_evaluated_as_a_template(decision_docx):
    xml = decision_docx.parts["word/document.xml"].decode()
    assert xml.count("{{ year }}") == xml.count("{_{ raw }_}") == 3
    assert "{{p" not in xml


def test_no_empty_text_elements(decision_docx):
    assert all(t.text for t in decision_docx.body.iter(w("t")))


def test_long_titles_are_broken_into_even_lines(decision_docx):
    doc = decision_docx
    lines = doc.lines(doc.paragraph("NỘI DUNG THỰC HIỆN"))
    assert lines == ["NỘI DUNG THỰC HIỆN KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2023"]
    attached = doc.lines(doc.paragraph("(Ban hành kèm theo"))
    assert len(attached) == 2 and all(attached)
    short, long = sorted(map(len, attached))
    assert short > long * 0.6
