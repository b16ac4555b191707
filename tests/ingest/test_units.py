"""Unit ids from Vietnamese names, and legal bases into the ``cite`` form where they parse."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from generator.ingest.prose import basis
from generator.ingest.units import Units
from generator.plan.dates import DocDate
from generator.plan.to_model import citation

from ..conftest import examples


def test_unit_ids_are_readable_ascii_and_unique():
    units = Units()
    assert units.cell("Văn phòng UBND tỉnh") == "van_phong_ubnd_tinh"
    assert units.cell("Sở Tư pháp; Đài Phát thanh và Truyền hình") == ["so_tu_phap", "dai_phat_thanh_va_truyen_hinh"]
    assert units.cell("Sở, ban, ngành, UBND cấp huyện") == "so_ban_nganh_ubnd_cap_huyen"   # commas: one unit
    assert units.cell("các đơn vị có liên quan") == "cac_don_vi_co_lien_quan"
    assert units.cell("Các đơn vị có liên quan") == "cac_don_vi_co_lien_quan_2"   # spelled otherwise
    assert units.cell("Văn phòng UBND tỉnh") == "van_phong_ubnd_tinh"             # met again: same id
    assert units.cell("35 xã") == "don_vi_35_xa"
    assert units.table()["so_tu_phap"] == "Sở Tư pháp"


@settings(max_examples=examples(200))
@given(st.lists(st.text(min_size=1, max_size=20).filter(lambda s: s.strip() and "; " not in s), max_size=12))
def test_any_names_get_distinct_valid_ids(names):
    units = Units()
    ids = [units.id(n.strip()) for n in names]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert len(set(ids)) == len({n.strip() for n in names})


def test_a_basis_citing_a_dated_document_becomes_a_cite_that_prints_the_same():
    text = ("Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh "
            "An Giang về việc ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2023;")
    cite = basis(text)["cite"]
    assert cite == {"type": "Quyết định", "number": "77/QĐ-UBND", "date": "2023-01-18",
                    "issuer": "Ủy ban nhân dân tỉnh An Giang",
                    "about": "về việc ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2023"}
    assert citation(cite["type"], cite["number"], DocDate.parse(cite["date"]), cite["issuer"],
                    cite["about"]) == text


def test_a_basis_that_would_print_otherwise_stays_verbatim():
    for text in ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                 "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 04 năm 2018 của Chính phủ về "
                 "thực hiện cơ chế một cửa;",                  # "04": the official date says "4"
                 "Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017 của Văn phòng Chính "
                 "phủ hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính;"):   # no issuer + about
        assert basis(text) == text
