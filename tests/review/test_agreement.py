"""``plangen diff`` and ``plangen redline`` agree on "edited" against "replaced".

Both line up their lists with one alignment (review/align.py). They used to disagree near the
threshold: the diff called a text 4/7 of whose words were kept replaced, while the redline
diffed it word by word as an edit (its threshold was lower, and a recipient was always
paired).
"""
import pytest

from generator.review.diff import diff_specs
from generator.review.redline.make import redline_specs

from .conftest import edit
from .redline.conftest import W, document_xml, texts

PROVINCE, EDITED = "plans/province.yaml", "plans/edited.yaml"
BASIS = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
CASES = [   # (diff section, old text, new text); the share of words kept in comments
    ("bases", BASIS, "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;"),
                                                                                  # 0.714
    ("bases", BASIS, "Căn cứ Luật Tổ chức chính quyền địa phương đã được sửa đổi, bổ sung một "
                     "số điều năm 2019;"),                                        # 0.571
    ("recipients", "Lưu: VT, TH.", "Lưu: VT, TTHC."),                             # 0.667
    ("recipients", "Lưu: VT, TH.", "Lưu: VT, TH, KT."),                           # 0.571
]


def diff_says(section: str, old: str, new: str) -> str:
    changes = [(c.kind, c.old, c.new) for c in diff_specs(PROVINCE, EDITED).sections[section]]
    if changes == [("changed", old, new)]:
        return "edited"
    assert sorted(changes, key=str) == sorted([("removed", old, None), ("added", None, new)], key=str)
    return "replaced"


def redline_says(old: str, new: str) -> str:
    """Edited: one paragraph reading ``new`` once accepted, tracking just its changed words;
    replaced: ``old`` in a paragraph deleted whole (its mark too), ``new`` in one inserted whole."""
    root = document_xml(redline_specs(PROVINCE, EDITED))
    paragraphs = root.xpath("//w:p[.//w:ins or .//w:del]", namespaces=W)
    accepted = {p: "".join(p.xpath(".//w:t/text()", namespaces=W)) for p in paragraphs}
    whole = {p: p.xpath("w:pPr/w:rPr/w:del or w:pPr/w:rPr/w:ins", namespaces=W) for p in paragraphs}
    if any(new in accepted[p] and not whole[p] for p in paragraphs):
        return "edited"
    assert any(old in texts([p])[0] and p.xpath("w:pPr/w:rPr/w:del", namespaces=W) for p in paragraphs)
    assert any(new in accepted[p] and p.xpath("w:pPr/w:rPr/w:ins", namespaces=W) for p in paragraphs)
    return "replaced"


@pytest.mark.parametrize("section,old,new", CASES)
def test_diff_and_redline_agree(plans_dir, section, old, new):
    edited = plans_dir / "edited.yaml"
    edited.write_text((plans_dir / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    edit(edited, old, new)
    assert diff_says(section, old, new) == redline_says(old, new)


def test_the_cases_straddle_the_threshold(plans_dir):
    found = []
    for section, old, new in CASES:
        edited = plans_dir / "edited.yaml"
        edited.write_text((plans_dir / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        edit(edited, old, new)
        found.append(diff_says(section, old, new))
    assert found == ["edited", "replaced", "edited", "replaced"]


def test_a_paragraph_moved_to_another_section_is_removed_there_and_added_here(plans_dir):
    """Each section's paragraphs are one list in both tools, so neither follows an id across
    sections: the diff removes and adds it, the redline deletes and inserts it whole."""
    edited = plans_dir / "edited.yaml"
    edited.write_text((plans_dir / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    line = '        - {id: md-2, kind: bullet, text: "Nâng cao trách nhiệm."}\n'
    edit(edited, line, "")
    edit(edited, '        - {id: tc-1,', line + '        - {id: tc-1,')
    changes = [(c.kind, c.what) for c in diff_specs(PROVINCE, EDITED).sections["paragraphs"]]
    assert changes == [("removed", "section I (muc-dich), paragraph md-2"),
                       ("added", "section II (to-chuc), paragraph md-2")]
    root = document_xml(redline_specs(PROVINCE, EDITED))
    marks = [(texts([p])[0], p.xpath("local-name(w:pPr/w:rPr/*[self::w:ins or self::w:del])",
                                     namespaces=W))
             for p in root.xpath("//w:body/w:p[.//w:ins or .//w:del]", namespaces=W)]
    assert marks == [("- Nâng cao trách nhiệm.", "del"), ("- Nâng cao trách nhiệm.", "ins")]
    body = [texts([p])[0] for p in root.xpath("//w:body/w:p", namespaces=W)]
    deleted, inserted = [n for n, text in enumerate(body) if text == "- Nâng cao trách nhiệm."]
    assert deleted < body.index("II. TỔ CHỨC THỰC HIỆN") < inserted
