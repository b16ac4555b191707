"""``plangen diff`` on the small plans_dir tree: what it finds, its three formats, its exit codes."""
import json

import yaml

from generator.commands.review import diff_command
from generator.review.diff import diff_specs

from .conftest import edit, invoke

PROVINCE, DEPARTMENT = "plans/province.yaml", "plans/department.yaml"


def rewrite(path, change):
    """Load a plan as plain YAML, let ``change`` edit it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def groups(data):
    return {g["id"]: g for g in data["appendix"]["parts"][0]["groups"]}


def test_exit_codes(plans_dir):
    assert invoke(diff_command, PROVINCE, PROVINCE).exit_code == 0
    assert invoke(diff_command, PROVINCE, DEPARTMENT).exit_code == 1
    missing = invoke(diff_command, PROVINCE, "plans/missing.yaml")
    assert (missing.exit_code, missing.stderr) == (2, "plans/missing.yaml: no such file\n")


def test_invalid_sides_print_their_problems_one_per_line(plans_dir):
    edit(plans_dir / "province.yaml", "lead: vp_ubnd_tinh", "lead: khong_co")
    result = invoke(diff_command, PROVINCE, "plans/missing.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "plans/province.yaml:62:21: unknown unit 'khong_co' (declare it under 'units:') (task kh-tinh)",
        "plans/missing.yaml: no such file",
    ]
    # the child's parent is the same file: its problem is printed once
    result = invoke(diff_command, PROVINCE, DEPARTMENT)
    assert len(result.stderr.splitlines()) == 1 and result.exit_code == 2


def test_child_against_parent(plans_dir):
    diff = diff_specs(PROVINCE, DEPARTMENT)
    [part, other] = diff.parts
    assert other.empty
    assert [t.id for t in part.added] == ["tap-huan-so"]
    assert [t.id for t in part.dropped] == ["kh-so"]
    fields = {c.task.id: {f.what: (f.old, f.new) for f in c.fields} for c in part.changed}
    assert fields == {
        "kh-tinh": {"content": (["Kế hoạch kiểm soát thủ tục hành chính năm 2023 của UBND tỉnh"],
                                ["Kế hoạch kiểm soát thủ tục hành chính năm 2023 của Sở"]),
                    "lead": (["Văn phòng UBND tỉnh"], ["Văn phòng Sở"]),
                    "coordinating": (["Sở, ban, ngành tỉnh; UBND cấp huyện"],
                                     ["Các phòng chuyên môn thuộc sở"])},
        "kiem-tra": {"deadline": (["Quý II, III/2023"], ["Quý II/2023"])},
        "ra-soat-tthc": {"lead": (["Sở, ban, ngành tỉnh"], ["Văn phòng Sở"])},
    }
    paragraphs = [(c.kind, c.what) for c in diff.sections["paragraphs"]]
    assert paragraphs == [("added", "section I (muc-dich), paragraph md-3"),
                          ("changed", "section I (muc-dich), paragraph md-2")]
    assert [(c.kind, c.what) for c in diff.sections["bases"]] == [("removed", "basis 1"),
                                                                  ("added", "basis 1")]
    assert [c.what for c in diff.sections["units"]] == ["unit so_ban_nganh_tinh", "unit phong_chuyen_mon"]


def test_a_task_out_of_order_is_one_move(plans_dir):
    edit(plans_dir / "department.yaml", '            - id: kiem-tra\n',
         '            - id: kiem-tra\n              before: kh-tinh\n')
    [part, _] = diff_specs(PROVINCE, DEPARTMENT).parts
    [move] = part.moved
    assert (move.task.id, move.old_after, move.new_after) == ("kiem-tra", "kh-so", None)


def test_a_task_in_another_group_has_moved(plans_dir):
    target = plans_dir / "moved.yaml"
    target.write_text((plans_dir / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    def move(data):
        g = groups(data)
        g["ra-soat"]["tasks"].append(g["chi-dao"]["tasks"].pop(0))
    rewrite(target, move)
    [part, _] = diff_specs(PROVINCE, "plans/moved.yaml").parts
    [moved] = part.moved
    assert (moved.task.id, moved.old_place, moved.task.place) == (
        "kh-tinh", "I. Công tác chỉ đạo", "II. Rà soát thủ tục hành chính")
    assert moved.new_after == "ra-soat-tthc" and not part.changed


def test_hand_set_numbers_and_spans_are_compared(plans_dir):
    def change(data):
        task = groups(data)["chi-dao"]["tasks"][0]
        task["stt"] = "9"
        data["appendix"]["parts"][1]["tasks"][0]["span"]["text"] = "Đã phân công"
    rewrite(plans_dir / "province.yaml", change)
    diff = diff_specs(DEPARTMENT.replace("department", "province"), PROVINCE)
    assert diff.equal
    edited = plans_dir / "edited.yaml"
    edited.write_text((plans_dir / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    rewrite(edited, lambda d: groups(d)["chi-dao"]["tasks"][0].update(stt="10"))
    [part, _] = diff_specs(PROVINCE, "plans/edited.yaml").parts
    assert [(f.what, f.old, f.new) for c in part.changed for f in c.fields] == [("stt", ["9"], ["10"])]


def test_a_cell_merged_with_the_one_above_is_a_change(plans_dir):
    edited = plans_dir / "edited.yaml"
    edited.write_text((plans_dir / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    def merge(data):
        task = groups(data)["chi-dao"]["tasks"][1]
        task.pop("lead")
        task["merge_up"] = ["lead"]
    rewrite(edited, merge)
    [part, _] = diff_specs(PROVINCE, "plans/edited.yaml").parts
    assert [(c.task.id, f.what, f.old, f.new) for c in part.changed for f in c.fields] == [
        ("kh-so", "lead", ["Sở, ban, ngành tỉnh; UBND cấp huyện"], None),
        ("kh-so", "merge_up", None, ["lead"])]


def test_text_is_plain_when_piped_and_coloured_on_request(plans_dir):
    plain = invoke(diff_command, PROVINCE, DEPARTMENT)
    assert "\x1b[" not in plain.stdout
    assert plain.stdout.splitlines()[:2] == [
        "plangen diff plans/province.yaml plans/department.yaml",
        "tasks: 1 added, 1 dropped, 0 moved, 3 changed; 24 other change(s)"]
    assert "        ~ deadline: Quý II, III/2023 → Quý II/2023" in plain.stdout.splitlines()
    coloured = invoke(diff_command, PROVINCE, DEPARTMENT, "--color")
    assert "\x1b[" in coloured.stdout


def test_markdown(plans_dir):
    out = invoke(diff_command, PROVINCE, DEPARTMENT, "--format", "markdown").stdout
    lines = out.splitlines()
    assert lines[0] == "## Plan changes: `plans/province.yaml` → `plans/department.yaml`"
    assert "### Part 1. Thực hiện các nhiệm vụ kiểm soát thủ tục hành chính (`kiem-soat`)" in lines
    assert "**Dropped tasks (1)**" in lines
    assert "- 2 `kh-so` Kế hoạch của Sở, ngành, UBND cấp huyện" in lines
    assert "| Task | Field | Old | New |" in lines
    assert "| 3 `kiem-tra` Kiểm tra việc thực hiện | deadline | Quý II<del>, III</del>/2023 | Quý II/2023 |" in lines
    assert "|  | lead | Văn phòng <del>UBND tỉnh</del> | Văn phòng <ins>Sở</ins> |" in lines
    assert "| changed | signature.lines | <del>CHỦ TỊCH</del> | <ins>KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC</ins> |" in lines
    assert "Part 2" not in out                      # parts without changes are left out


def test_markdown_escapes_table_breakers(plans_dir):
    """A literal asterisk (written \\* in the plan, else it is emphasis) is escaped too."""
    edit(plans_dir / "department.yaml", 'deadline: "Quý II/2023"', "deadline: 'Quý II | \\*gấp\\*'")
    out = invoke(diff_command, PROVINCE, DEPARTMENT, "--format", "markdown").stdout
    assert "| Quý II<del>, III/2023</del> | Quý II <ins>\\| \\*gấp\\*</ins> |" in out


def test_json_is_stable_and_complete(plans_dir):
    first = invoke(diff_command, PROVINCE, DEPARTMENT, "--format", "json")
    second = invoke(diff_command, PROVINCE, DEPARTMENT, "--format", "json")
    assert first.exit_code == 1 and first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert list(data) == sorted(data)
    assert set(data) == {"old", "new", "equal", "summary", "identity", "titles", "bases",
                         "articles", "paragraphs", "units", "recipients", "parts"}
    assert data["summary"] == {"added": 1, "dropped": 1, "moved": 0, "changed": 3, "other": 24}
    [part] = data["parts"]
    assert part["added"] == [{"id": "tap-huan-so", "number": "2", "content": "Tập huấn nội bộ",
                              "place": "I. Công tác chỉ đạo"}]
    equal = json.loads(invoke(diff_command, PROVINCE, PROVINCE, "--format", "json").stdout)
    assert equal["equal"] is True and equal["parts"] == []
