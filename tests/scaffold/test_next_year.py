"""``plangen new --next-year PLAN``: next year's plan from this year's, edited in place."""
from __future__ import annotations

import pytest

from generator.plan.workspace import Workspace

from tests.conftest import run_cli as new_main

from .conftest import new, validates_and_builds


def roll(source: str, target: str, *more: str):
    result = new("--next-year", f"plans/{source}", "-o", f"plans/{target}", *more)
    assert result.exit_code == 0, result.stderr
    return validates_and_builds(f"plans/{target}")


def review_lines(path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if "# REVIEW" in line]


def test_a_province_plan_moves_on_a_year(plans):
    loaded = roll("an-giang-2023.yaml", "an-giang-2024-next.yaml")
    plan, old = loaded.model, Workspace().load(plans / "an-giang-2023.yaml").model
    assert plan.year == 2024 and plan.document.number == ""
    assert plan.document.date.long() == "ngày      tháng 01 năm 2024"      # a draft: no day
    assert ('document: {number: "", type: "QĐ", date: "2024-01"}  # REVIEW: number blanked '
            '(was "77"); TODO: the day of signing, YYYY-MM-DD (was 2023-01-18)') in \
        (plans / "an-giang-2024-next.yaml").read_text(encoding="utf-8")
    assert plan.decision.title == old.decision.title.replace("2023", "2024")
    assert plan.decision.bases[:-1] == old.decision.bases       # laws keep their own years
    assert plan.decision.bases[-1] == (
        "Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh "
        "An Giang về việc ban hành Kế hoạch tổ chức hoạt động kiểm soát thủ tục hành chính và "
        "thực hiện cơ chế một cửa, một cửa liên thông năm 2023 trên địa bàn tỉnh An Giang;")
    deadlines = {t.id: t.deadline.text for t in plan.tasks() if t.deadline}
    assert deadlines["kh-ksthc-tinh"] == "Tháng 01/2024"        # {{ year }} moves by itself
    text = (plans / "an-giang-2024-next.yaml").read_text(encoding="utf-8")
    assert 'deadline: "Tháng 12/2023"  # REVIEW: moved 2022 → 2023' in text   # the year before
    assert 'year: 2024  # REVIEW: was 2023' in text
    assert "năm 2023 của Chính phủ.\"  # REVIEW: names 2023; still right for 2024?" in text


def test_a_plan_alone_gets_its_bases_and_keeps_document_numbers(plans):
    loaded = roll("soc-trang-2024.yaml", "soc-trang-2025.yaml")
    plan = loaded.model
    assert plan.plan.bases == ("Căn cứ Kế hoạch số 01/KH-UBND ngày 03 tháng 01 năm 2024 của Ủy "
                               "ban nhân dân tỉnh Sóc Trăng về việc thực hiện công tác kiểm soát "
                               "thủ tục hành chính năm 2024;",)
    assert "Thông tư số 01/2023/TT-VPCP ngày 05/4/2023" in plan.plan.preamble[1].text
    deadlines = [t.deadline.text for t in plan.tasks() if t.deadline]
    assert deadlines and not any("2024" in d for d in deadlines)
    lines = review_lines(plans / "soc-trang-2025.yaml")
    assert '                  deadline: "Trong quý II, quý III/2025."  # REVIEW: moved 2024 → 2025' in lines
    assert any(line.startswith("signature:") for line in lines)
    assert any('number: ""  # REVIEW: number blanked (was "01")' in line for line in lines)


def test_a_child_moves_onto_its_parents_next_year_plan(plans):
    roll("an-giang-2024.yaml", "an-giang-2025.yaml")
    roll("phu-tan-2024.yaml", "phu-tan-2025.yaml")
    loaded = roll("cho-vam-2024.yaml", "cho-vam-2025.yaml")
    assert loaded.parent.path.name == "phu-tan-2025.yaml" and loaded.parent.parent.path.name == "an-giang-2025.yaml"
    plan = loaded.model
    assert plan.year == 2025 and plan.document.date.long() == "ngày      tháng 3 năm 2025"
    deadlines = {t.id: t.deadline.text for t in plan.tasks() if t.deadline}
    assert deadlines["kh-kiem-soat"] == "Tháng 03/2025"
    assert deadlines["kh-ra-soat"] == "Tháng 01 năm 2025"
    assert "tháng 03 năm 2025" in plan.appendix.attached
    assert plan.plan.bases[0].startswith("Căn cứ Quyết định số …/QĐ-UBND") is False
    assert plan.plan.bases[-1].startswith("Căn cứ Kế hoạch số 89/KH-UBND ngày 05 tháng 3 năm 2024")
    text = (plans / "cho-vam-2025.yaml").read_text(encoding="utf-8")
    assert 'extends: "phu-tan-2025.yaml"  # REVIEW: was phu-tan-2024.yaml' in text
    assert "(ngày 05/3/2024)\"  # REVIEW: names 2024; still right for 2025?" in text


def test_a_child_needs_its_parent_rolled_forward_first(plans):
    result = new("--next-year", "plans/cho-vam-2024.yaml", "-o", "plans/cho-vam-2025.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("plans/cho-vam-2024.yaml:7:10: the parent phu-tan-2024.yaml "
                                    "has no next-year plan (plans/phu-tan-2025.yaml is missing)")
    assert not (plans / "cho-vam-2025.yaml").exists()


def test_a_parent_named_by_hand_must_be_a_year_on_and_fit(plans):
    result = new("--next-year", "plans/cho-vam-2024.yaml", "-o", "plans/cho-vam-2025.yaml",
                 "--extends", "plans/phu-tan-2024.yaml")
    assert result.exit_code == 2 and "must be for 2025" in result.stderr
    roll("an-giang-2023.yaml", "an-giang-2024-next.yaml")
    roll("an-giang-so-xay-dung-2023.yaml", "sxd-2024.yaml", "--extends", "plans/an-giang-2024-next.yaml")
    result = new("--next-year", "plans/an-giang-so-xay-dung-2023.yaml", "-o", "plans/sxd-2024b.yaml")
    assert result.exit_code == 1                                 # guessed an-giang-2024.yaml
    lines = result.stderr.splitlines()
    assert lines[0].startswith("plans/an-giang-so-xay-dung-2023.yaml: does not fit its next-year "
                               "parent plans/an-giang-2024.yaml")
    assert lines[1] == ("plans/an-giang-so-xay-dung-2023.yaml:34:11: unknown id 'md-hieu-qua': the "
                        "parent has no such item (to add one, say where with after:, before: or at:)")


@pytest.mark.parametrize("source", ["an-giang-2023.yaml", "soc-trang-2024.yaml"])
def test_rolled_forward_twice_it_still_validates(plans, source):
    first = roll(source, "next.yaml").model.year
    assert roll("next.yaml", "after.yaml").model.year == first + 1


def test_it_refuses_to_overwrite_unless_forced(plans):
    result = new("--next-year", "plans/an-giang-2023.yaml", "-o", "plans/an-giang-2024.yaml")
    assert result.exit_code == 2 and "exists; use --force" in result.stderr
    assert new("--next-year", "plans/an-giang-2023.yaml", "-o", "plans/an-giang-2024.yaml",
               "--force").exit_code == 0
    assert Workspace().load(plans / "an-giang-2024.yaml").model.document.code == "/QĐ-UBND"


def test_a_rolled_plan_is_a_draft_the_final_gate_refuses(plans):
    roll("soc-trang-2024.yaml", "soc-trang-2025.yaml")
    result = new_main("validate", "--final", "plans/soc-trang-2025.yaml")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any("the document's day is blank" in line for line in lines)
    assert any("the document's number is blank" in line for line in lines)
    assert any("a # REVIEW mark is left" in line for line in lines)
