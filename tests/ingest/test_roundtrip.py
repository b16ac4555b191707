"""Build -> import -> build gives the same document, for every plan in plans/."""
from __future__ import annotations

import pytest
import yaml

from generator.ingest.importer import import_docx
from generator.review.docx_text import docx_text

from ..conftest import run_cli
from .conftest import PLANS


@pytest.mark.parametrize("name", PLANS)
def test_build_import_build_prints_the_same_text(name, built, tmp_path):
    plan = tmp_path / f"{name}.yaml"
    result = run_cli("import", str(built / f"{name}.docx"), "-o", str(plan))
    assert result.exit_code == 0, result.output          # the import validates and renders
    assert "0 items to review" in result.output
    assert run_cli("build", "--force", "-o", str(tmp_path / "out"), str(plan)).exit_code == 0
    assert docx_text(tmp_path / "out" / f"{name}.docx") == docx_text(built / f"{name}.docx")


def test_the_import_is_a_standalone_plan_with_the_texts_as_printed(built, tmp_path):
    """The Sở Xây dựng child imports as a plan of its own: no extends, its own tasks and units."""
    data = import_docx(built / "an-giang-so-xay-dung-2023.docx").data
    assert "extends" not in data
    assert data["issuer"]["parent"] == "UBND TỈNH AN GIANG"
    assert data["issuer"]["name"] == ["SỞ XÂY DỰNG"]
    assert data["document"] == {"number": "", "type": "KH", "date": "2023-02-06"}
    assert data["units"]["van_phong_so"] == "Văn phòng Sở"
    assert data["signature"] == {"lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "name": "Nguyễn Quốc Cường"}
    first = data["appendix"]["parts"][0]["groups"][0]["tasks"][0]
    assert first["content"] == "Kế hoạch Tổ chức hoạt động kiểm soát thủ tục hành chính năm 2023 của Sở."
    assert first["lead"] == "van_phong_so" and first["deadline"] == "15/02/2023"


def test_the_same_docx_gives_the_same_bytes(built, tmp_path):
    for n in (1, 2):
        assert run_cli("import", str(built / "soc-trang-2024.docx"), "-o", str(tmp_path / f"{n}.yaml")).exit_code == 0
    assert (tmp_path / "1.yaml").read_bytes() == (tmp_path / "2.yaml").read_bytes()


def test_structures_of_the_province_plans_come_back(built):
    """Rows of one task, merged-up cells, spans, hand-set numbers and numbering schemes."""
    soc = import_docx(built / "soc-trang-2024.docx").data
    tasks = [t for g in soc["appendix"]["parts"][0]["groups"] for t in g.get("tasks", [])]
    assert soc["appendix"]["numbering"]["groups"] == "roman"
    with_rows = next(t for t in tasks if t["content"] == "Thực hiện công khai TTHC.")
    assert [row["deadline"] for row in with_rows["rows"]] == ["Thường xuyên."] * 3
    assert any("rows" in t and t.get("deadline") == "Thường xuyên." for t in tasks)  # merged down
    assert [t["merge_up"] for t in tasks if "merge_up" in t] == [["assignee", "deadline"]] * 2 + [["assignee"]]
    province = import_docx(built / "an-giang-2024.docx").data["appendix"]
    assert province["numbering"] == {"parts": "roman", "groups": "arabic", "tasks": "outline"}
    spans = [t["span"] for p in province["parts"] for t in p.get("tasks", []) + [
        t for g in p.get("groups", []) for t in g.get("tasks", [])] if "span" in t]
    assert {"from": "lead", "to": "note", "text": "Đã được phân công theo Kế hoạch số 243/KH-UBND"} in spans
    ag = import_docx(built / "an-giang-2023.docx").data
    assert yaml.safe_load(yaml.safe_dump(ag)) == ag
    assert [p.get("stt_continues") for p in ag["appendix"]["parts"]].count(True) == 1
    assert _hand_set_stt(ag) == []          # the part that goes on numbers as printed


def _hand_set_stt(data: dict) -> list[str]:
    """The tasks of an imported plan that carry an ``stt:`` of their own."""
    def walk(holder):
        for key in ("groups", "tasks"):
            for item in holder.get(key) or []:
                yield item
                yield from walk(item)
    return [t["id"] for part in data["appendix"]["parts"] for t in walk(part) if "stt" in t]
