"""Each inheritance operation, and each way a child can point at something that is not there."""
import pytest

from generator.errors import PlanError
from generator.plan.workspace import Workspace

from ..conftest import edit, write


def tasks_of(loaded, group="chi-dao"):
    part = next(p for p in loaded.tree["appendix"]["parts"] if p["id"] == "kiem-soat")
    return next(g for g in part["groups"] if g["id"] == group)["tasks"]


def load_problems(path):
    with pytest.raises(PlanError) as e:
        Workspace().load(path)
    return [str(p) for p in e.value.problems]


def test_override_drop_add_keep_parent_order(plans_dir):
    child = Workspace().load(plans_dir / "department.yaml")
    assert [t["id"] for t in tasks_of(child)] == ["kh-tinh", "tap-huan-so", "kiem-tra"]
    kh = tasks_of(child)[0]
    assert kh["lead"] == ["so_ban_nganh_tinh"]
    assert kh["deadline"] == "Tháng 01/2023"          # inherited untouched
    assert kh.where("deadline").file.endswith("province.yaml")
    assert kh.where("lead").file.endswith("department.yaml")


def test_paragraphs_replaced_and_added_by_id(plans_dir):
    section = Workspace().load(plans_dir / "department.yaml").model.plan.sections[0]
    assert [(p.id, p.text) for p in section.paragraphs] == [
        ("md-1", "Tổ chức thực hiện đạt hiệu quả."),
        ("md-3", "Một mục mới của Sở."),
        ("md-2", "Nâng cao trách nhiệm của đội ngũ tại đơn vị.")]


def test_unit_rename_applies_to_inherited_tasks(plans_dir):
    model = Workspace().load(plans_dir / "department.yaml").model
    ra_soat = next(t for t in model.tasks() if t.id == "ra-soat-tthc")
    assert ra_soat.cell("lead") == ("Văn phòng Sở",)


def test_identity_and_bases_are_not_inherited(plans_dir):
    model = Workspace().load(plans_dir / "department.yaml").model
    assert model.decision is None
    assert model.document.code == "/KH-SXD"
    assert model.plan.bases == (
        "Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh "
        "An Giang về việc ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2023;",)


def test_cite_parent_false_stops_the_citation(plans_dir):
    edit(plans_dir / "department.yaml", "extends: province.yaml", "extends: province.yaml\ncite_parent: false")
    assert Workspace().load(plans_dir / "department.yaml").model.plan.bases == ()


def test_grandchild_inherits_through_two_levels(plans_dir):
    write(plans_dir / "commune.yaml", """
        extends: department.yaml
        issuer: {name: ["UBND XÃ A"], full: "Ủy ban nhân dân xã A", abbr: "UBND", place: "A"}
        document: {number: "5", date: "2023-03-01"}
        appendix:
          parts:
            - id: kiem-soat
              groups:
                - id: chi-dao
                  tasks:
                    - {id: tap-huan-so, deadline: "Tháng 02/2023"}
        signature: {lines: ["CHỦ TỊCH"], name: "B"}
        """)
    loaded = Workspace().load(plans_dir / "commune.yaml")
    assert [t["id"] for t in tasks_of(loaded)] == ["kh-tinh", "tap-huan-so", "kiem-tra"]
    assert tasks_of(loaded)[1]["deadline"] == "Tháng 02/2023"
    assert loaded.model.plan.bases[0].startswith("Căn cứ Kế hoạch số /KH-SXD ngày 06 tháng 02 năm 2023 của Sở Xây dựng")


def test_override_of_unknown_id_is_an_error_at_the_child_line(plans_dir):
    edit(plans_dir / "department.yaml", "            - {id: kh-so, drop: true}",
         "            - {id: kh-sox, drop: true}")
    assert load_problems(plans_dir / "department.yaml") == [
        "plans/department.yaml:30:15: cannot drop 'kh-sox': the parent has no item with this id"]


def test_unknown_id_without_position(plans_dir):
    edit(plans_dir / "department.yaml", "            - id: kiem-tra\n", "            - id: kiem-trra\n")
    assert load_problems(plans_dir / "department.yaml") == [
        "plans/department.yaml:36:15: unknown id 'kiem-trra': the parent has no such item "
        "(to add one, say where with after:, before: or at:)"]


def test_after_an_unknown_anchor(plans_dir):
    edit(plans_dir / "department.yaml", "after: kh-tinh", "after: kh-tin")
    assert load_problems(plans_dir / "department.yaml") == [
        "plans/department.yaml:32:22: after: no item 'kh-tin' in this list"]


def test_cycle_is_reported_with_the_chain(plans_dir):
    edit(plans_dir / "province.yaml", "year: 2023", "extends: department.yaml\nyear: 2023")
    assert load_problems(plans_dir / "department.yaml") == [
        "plans/province.yaml:1:10: inheritance cycle: plans/department.yaml → plans/province.yaml"
        " → plans/department.yaml"]


def test_extends_itself_missing_and_outside(plans_dir, tmp_path):
    path = plans_dir / "department.yaml"
    edit(path, "extends: province.yaml", "extends: department.yaml")
    assert load_problems(path) == [
        "plans/department.yaml:1:10: inheritance cycle: plans/department.yaml → plans/department.yaml"]
    edit(path, "extends: department.yaml", "extends: nowhere.yaml")
    assert load_problems(path) == ["plans/department.yaml:1:10: 'extends: nowhere.yaml': no such plan in plans/"]
    write(tmp_path / "outside.yaml", "year: 2023\n")
    edit(path, "extends: nowhere.yaml", "extends: ../outside.yaml")
    assert load_problems(path) == ["plans/department.yaml:1:10: 'extends: ../outside.yaml' leaves the plans folder plans/"]


def test_control_keys_in_a_root_plan(plans_dir):
    edit(plans_dir / "province.yaml", "            - id: kh-so\n", "            - id: kh-so\n              drop: true\n")
    assert load_problems(plans_dir / "province.yaml") == [
        "plans/province.yaml:67:15: 'drop' only applies in a plan that extends another"]
