"""``plangen diff`` and the amendment on a ``tasks:`` list that holds a sub-group among its
tasks: a reordered list is the fewest task moves, each placed after the item (task or
sub-group) it now follows."""
from generator.plan.workspace import Workspace
from generator.review.amend.clauses import word
from generator.review.redline.document import render_redline
from generator.review.compare import diff_plans
from generator.review.diff import diff_specs
from generator.review.sources import open_sides

from ..render.test_mixed_order import MIXED
from .conftest import edit
from .redline.conftest import W, document_xml, texts

PROVINCE, MOVED = "plans/province.yaml", "plans/moved.yaml"
GROUP = MIXED[MIXED.index("        - id: nhom-giua"):MIXED.index("        - id: tong-hop")]
TONG_HOP = MIXED[MIXED.index("        - id: tong-hop"):]


def reordered(plans_dir, change) -> list:
    """The part's diff from the mixed province to a copy whose list ``change`` rewrote."""
    province = plans_dir / "province.yaml"
    edit(province, MIXED.splitlines(True)[0], MIXED)
    text = province.read_text(encoding="utf-8")
    (plans_dir / "moved.yaml").write_text(change(text), encoding="utf-8")
    return diff_specs(PROVINCE, MOVED)


def amendment(plans_dir) -> list[str]:
    sides = open_sides(PROVINCE, MOVED)
    wording = word(diff_plans(*sides, PROVINCE, MOVED), sides[0].model, sides[1].model)
    return [c.text for item in wording.items for c in item.clauses]


def test_a_task_moved_before_the_sub_group_is_one_move(plans_dir):
    diff = reordered(plans_dir, lambda text: text.replace(GROUP + TONG_HOP, TONG_HOP + GROUP))
    [_, part] = diff.parts
    [move] = part.moved
    assert (move.task.id, move.old_after, move.new_after) == ("tong-hop", "nhom-giua", "bao-cao")
    assert not part.added and not part.dropped and not part.changed
    assert amendment(plans_dir) == ["Chuyển nội dung tại Stt 4 Phần 2 Phụ lục kèm theo Kế hoạch "
                                    "đến sau Stt 1 Phần 2 Phụ lục kèm theo Kế hoạch."]


def test_a_task_moved_after_the_sub_group_follows_the_sub_group(plans_dir):
    def move(text: str) -> str:
        start = text.index("        - id: bao-cao\n")
        end = text.index(GROUP)
        return text[:start] + GROUP + text[start:end] + text[end + len(GROUP):]
    diff = reordered(plans_dir, move)
    [_, part] = diff.parts
    [move] = part.moved
    assert (move.task.id, move.old_after, move.new_after) == ("bao-cao", None, "nhom-giua")
    assert amendment(plans_dir) == ["Chuyển nội dung tại Stt 1 Phần 2 Phụ lục kèm theo Kế hoạch "
                                    "đến sau Mục I Phần 2 Phụ lục kèm theo Kế hoạch."]


def test_the_redline_prints_the_new_order_and_tracks_the_renumbering(plans_dir):
    """The rows come in the new order, the sub-group's rows among them unmarked; the moved
    task's Stt and those of the sub-group's tasks are tracked as changed words."""
    reordered(plans_dir, lambda text: text.replace(GROUP + TONG_HOP, TONG_HOP + GROUP))
    workspace = Workspace()
    root = document_xml(render_redline(workspace.load(plans_dir / "province.yaml").model,
                                       workspace.load(plans_dir / "moved.yaml").model))
    table = root.xpath("//w:tbl[.//w:t[contains(., 'Báo cáo định kỳ')]]", namespaces=W)[-1]
    rows = table.xpath("w:tr", namespaces=W)[1:]
    assert [(texts(tr.xpath(".//w:del", namespaces=W)), texts(tr.xpath(".//w:ins", namespaces=W)),
             _content(texts(tr.xpath("w:tc", namespaces=W)))) for tr in rows] == [
        ([], [], "Báo cáo định kỳ"), (["4"], ["2"], "Tổng hợp kết quả"),
        ([], [], "Nhóm viết giữa hai nhiệm vụ"), (["2"], ["3"], "Nhiệm vụ trong nhóm"),
        (["3"], ["4"], "Nhiệm vụ thứ hai trong nhóm")]


def _content(cells: list[str]) -> str:
    """A task row's content cell (the third), or a group row's title (the second)."""
    return cells[2] if len(cells) > 2 else cells[1]


def test_a_task_added_after_the_sub_group_is_placed_after_the_sub_group(plans_dir):
    """Not "after Stt 3", the sub-group's last task, which would put it inside the sub-group."""
    added = ('        - id: moi\n          content: "Nhiệm vụ mới sau nhóm"\n'
             '          lead: [vp_ubnd_tinh]\n')
    reordered(plans_dir, lambda text: text.replace(TONG_HOP, added + TONG_HOP))
    [clause] = amendment(plans_dir)
    assert clause.startswith("Bổ sung nhiệm vụ “Nhiệm vụ mới sau nhóm” vào sau Mục I Phần 2 "
                             "Phụ lục kèm theo Kế hoạch")
