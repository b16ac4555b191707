"""A group's tasks and sub-groups print in the order their lists are written, numbered in that
order; a child plan's overrides, drops and additions apply to the same rows."""
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from generator.review.amend.places import places

from ..conftest import edit
from .docx_xml import Docx

TASKS_FIRST = '''          span: {from: lead, to: note, text: "Đã được phân công theo Kế hoạch số 243/KH-UBND"}
        - id: tong-hop
          content: "Tổng hợp kết quả"
          lead: [vp_ubnd_tinh]
      groups:
        - id: nhom-mot
          title: "Nhóm viết sau các nhiệm vụ"
          tasks:
            - {id: trong-nhom, content: "Nhiệm vụ trong nhóm một", lead: [vp_ubnd_tinh]}
        - id: nhom-hai
          title: "Nhóm thứ hai"
          tasks:
            - {id: nhom-hai-a, content: "Nhiệm vụ trong nhóm hai", lead: [vp_ubnd_tinh]}
'''


def rows(model, part="Các nội dung khác") -> list[list[str]]:
    """The cells' text of each row of the table under the part's heading, header row left out."""
    doc = Docx(render_plan(model))
    heading = doc.paragraph(f"2. {part}")
    table = heading.getnext()
    return [[doc.text(tc) for tc in tr.xpath("./w:tc", namespaces={"w": tr.nsmap["w"]})]
            for tr in table.xpath("./w:tr", namespaces={"w": table.nsmap["w"]})][1:]


def first_cells(model) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in rows(model)]


def test_tasks_written_before_sub_groups_print_first(plans_dir):
    edit(plans_dir / "province.yaml", TASKS_FIRST.splitlines(True)[0], TASKS_FIRST)
    model = Workspace().load(plans_dir / "province.yaml").model
    assert first_cells(model) == [("1", "1"), ("2", "2"), ("I", "Nhóm viết sau các nhiệm vụ"),
                                  ("3", "1"), ("II", "Nhóm thứ hai"), ("4", "1")]
    cited = places(model)                 # an amendment cites rows as this appendix prints them
    assert [cited[t].cite_short() for t in ("bao-cao", "tong-hop", "trong-nhom", "nhom-hai-a")] == [
        "Stt 1 Phần 2", "Stt 2 Phần 2", "Stt 3 Mục I Phần 2", "Stt 4 Mục II Phần 2"]


def test_outline_numbers_count_tasks_and_sub_groups_in_one_sequence(plans_dir):
    """As the originals print them: tasks 1 and 2, then sub-groups 3 and 4 and their tasks
    3.1 and 4.1; the Stt column still counts tasks only."""
    province = plans_dir / "province.yaml"
    edit(province, TASKS_FIRST.splitlines(True)[0], TASKS_FIRST)
    edit(province, "groups: roman, tasks: flat", "groups: arabic, tasks: outline")
    edit(province, '{field: stt2, label: "Stt2"', '{field: number, label: "TT"')
    model = Workspace().load(province).model
    assert first_cells(model) == [("1", "1"), ("2", "2"), ("3", "Nhóm viết sau các nhiệm vụ"),
                                  ("3", "3.1"), ("4", "Nhóm thứ hai"), ("4", "4.1")]


def test_a_child_keeps_the_written_order_and_applies_its_changes(plans_dir):
    """The order is the parent's, which wrote both lists first, though the child writes
    ``groups:`` first; a drop, an override and a placed addition apply as usual."""
    edit(plans_dir / "province.yaml", TASKS_FIRST.splitlines(True)[0], TASKS_FIRST)
    (plans_dir / "department.yaml").write_text(
        (plans_dir / "department.yaml").read_text(encoding="utf-8").replace("signature:", '''    - id: khac
      groups:
        - {id: nhom-mot, drop: true}
        - {id: nhom-ba, before: nhom-hai, title: "Nhóm của Sở", tasks: [{id: so-a, content: "Việc của Sở", lead: [so_ban_nganh_tinh]}]}
      tasks:
        - {id: bao-cao, drop: true}
        - {id: tong-hop, content: "Tổng hợp kết quả của Sở"}
signature:''', 1), encoding="utf-8")
    model = Workspace().load(plans_dir / "department.yaml").model
    assert [(r[0], r[2] if len(r) > 2 else r[1]) for r in rows(model)] == [
        ("1", "Tổng hợp kết quả của Sở"), ("I", "Nhóm của Sở"), ("2", "Việc của Sở"),
        ("II", "Nhóm thứ hai"), ("3", "Nhiệm vụ trong nhóm hai")]
