"""A ``tasks:`` list may hold sub-groups (``kind: group``) among its tasks: the rows print in
the written order, numbered in that order, and a child's drops, overrides and placed additions
apply to the one mixed list."""
import pytest

from generator.errors import PlanError
from generator.plan.workspace import Workspace

from ..conftest import edit
from .test_group_order import rows

MIXED = '''          span: {from: lead, to: note, text: "Đã được phân công theo Kế hoạch số 243/KH-UBND"}
        - id: nhom-giua
          kind: group
          title: "Nhóm viết giữa hai nhiệm vụ"
          tasks:
            - {id: trong-nhom, content: "Nhiệm vụ trong nhóm", lead: [vp_ubnd_tinh]}
            - {id: trong-nhom-2, content: "Nhiệm vụ thứ hai trong nhóm", lead: [vp_ubnd_tinh]}
        - id: tong-hop
          content: "Tổng hợp kết quả"
          lead: [vp_ubnd_tinh]
'''


def mixed(plans_dir, outline=False):
    province = plans_dir / "province.yaml"
    edit(province, MIXED.splitlines(True)[0], MIXED)
    if outline:
        edit(province, "groups: roman, tasks: flat", "groups: arabic, tasks: outline")
        edit(province, '{field: stt2, label: "Stt2"', '{field: number, label: "TT"')
    return province


def shown(model) -> list[tuple[str, str, str]]:
    """Stt, second column and content of each row (a group row: number and title)."""
    return [(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows(model)]


def test_task_sub_group_task_print_in_written_order(plans_dir):
    model = Workspace().load(mixed(plans_dir)).model
    assert shown(model) == [
        ("1", "1", "Báo cáo định kỳ"),
        ("I", "Nhóm viết giữa hai nhiệm vụ", ""),
        ("2", "1", "Nhiệm vụ trong nhóm"), ("3", "2", "Nhiệm vụ thứ hai trong nhóm"),
        ("4", "2", "Tổng hợp kết quả")]


def test_outline_numbers_follow_the_written_order(plans_dir):
    """Task 1, sub-group 2 (its tasks 2.1, 2.2), task 3: no hand-set number."""
    model = Workspace().load(mixed(plans_dir, outline=True)).model
    assert [r[:2] for r in shown(model)] == [
        ("1", "1"), ("2", "Nhóm viết giữa hai nhiệm vụ"), ("2", "2.1"), ("3", "2.2"), ("4", "3")]


def child(plans_dir, changes: str):
    department = plans_dir / "department.yaml"
    department.write_text(department.read_text(encoding="utf-8").replace(
        "signature:", changes + "signature:", 1), encoding="utf-8")
    return Workspace().load(department)


def test_an_override_in_the_wrong_list_names_the_sub_group(plans_dir):
    mixed(plans_dir)
    with pytest.raises(PlanError) as e:
        child(plans_dir, '''    - id: khac
      tasks:
        - {id: trong-nhom, content: "Viết nhầm chỗ"}
''')
    assert [p.message for p in e.value.problems] == [
        "'trong-nhom' is not in this list: the parent has it in appendix, part 'khac', "
        "group 'nhom-giua' (plans/province.yaml:94:15); write it there"]


def test_a_child_changes_the_mixed_list_in_place(plans_dir):
    mixed(plans_dir)
    model = child(plans_dir, '''    - id: khac
      tasks:
        - {id: bao-cao, drop: true}
        - id: nhom-giua
          title: "Nhóm của Sở"
          tasks:
            - {id: trong-nhom-2, drop: true}
            - {id: trong-nhom, content: "Nhiệm vụ trong nhóm, Sở sửa"}
        - {id: viec-so, after: nhom-giua, content: "Việc của Sở", lead: [so_ban_nganh_tinh]}
        - id: nhom-moi
          kind: group
          before: nhom-giua
          title: "Nhóm mới của Sở"
          tasks: [{id: moi-a, content: "Việc trong nhóm mới", lead: [so_ban_nganh_tinh]}]
''').model
    assert shown(model) == [
        ("I", "Nhóm mới của Sở", ""), ("1", "1", "Việc trong nhóm mới"),
        ("II", "Nhóm của Sở", ""), ("2", "1", "Nhiệm vụ trong nhóm, Sở sửa"),
        ("3", "1", "Việc của Sở"), ("4", "2", "Tổng hợp kết quả")]
