"""A sub-group written among a list's tasks (``kind: group``): its mistakes are named in the
words of a sub-group or of a task, whichever the entry is; it takes the fast path when valid;
explain and the resolved YAML keep it in its place."""
import re

import pytest

from generator.plan.explain import explain_lines, resolved_yaml
from generator.plan.schema_check import accepts
from generator.plan.workspace import Workspace

from ..conftest import edit
from ..render.test_mixed_order import mixed
from .test_validate import problems


def test_a_valid_mixed_plan_takes_the_fast_path(plans_dir):
    loaded = Workspace().load(mixed(plans_dir))
    assert accepts(loaded.tree)
    assert [type(i).__name__ for i in loaded.model.appendix.parts[1].items] == ["Task", "Group", "Task"]


@pytest.mark.parametrize("old, new, expected", [
    ('          title: "Nhóm viết giữa hai nhiệm vụ"\n', "",
     "plans/province.yaml:90:11: missing required key 'title'"),
    ("          kind: group", "          kind: grup",
     "plans/province.yaml:91:17: 'kind' is 'grup'; allowed: group"),

    ("          kind: group", "          kind: group\n          content: \"Việc\"",
     "plans/province.yaml:92:11: 'content' does not belong here: it goes in a task"),
    ("          kind: group", "          kind: group\n          titel: \"Nhóm\"",
     "plans/province.yaml:92:11: unknown key 'titel'; did you mean 'title'?"),
    ('{id: trong-nhom, content: "Nhiệm vụ trong nhóm",', '{id: trong-nhom, conten: "Nhiệm vụ trong nhóm",',
     "plans/province.yaml:94:32: unknown key 'conten'; did you mean 'content'? (task trong-nhom)"),
    ("        - id: tong-hop\n          content: \"Tổng hợp kết quả\"\n", "        - id: tong-hop\n",
     "plans/province.yaml:96:11: missing required key 'content' (task tong-hop)"),
    ("        - id: tong-hop\n", "        - id: tong-hop\n          merge_up: [lead]\n",
     "plans/province.yaml:97:21: merge_up right after the sub-group 'nhom-giua': the row above is "
     "not a task of this list (task tong-hop)"),
])
def test_one_clear_line_per_problem_in_a_mixed_list(plans_dir, old, new, expected):
    edit(mixed(plans_dir), old, new)
    assert problems(plans_dir / "province.yaml") == [expected]


def test_a_sub_group_without_kind_is_read_as_a_task_and_says_so(plans_dir):
    edit(mixed(plans_dir), "          kind: group\n", "")
    hint = "in a task: a sub-group written among tasks says 'kind: group' (task nhom-giua)"
    assert problems(plans_dir / "province.yaml") == [
        "plans/province.yaml:90:11: missing required key 'content' (task nhom-giua)",
        f"plans/province.yaml:91:11: unknown key 'title' {hint}",
        f"plans/province.yaml:92:11: unknown key 'tasks' {hint}"]


def test_explain_and_the_resolved_yaml_keep_the_sub_group_in_its_place(plans_dir):
    loaded = Workspace().load(mixed(plans_dir))
    lines = list(explain_lines(loaded.tree, "plans/province.yaml", select=("khac",)))
    ids = [m[1] for m in map(re.compile(r"parts\[khac\]\.tasks\[([^\]]+)\]").search, lines) if m]
    assert list(dict.fromkeys(ids)) == ["bao-cao", "nhom-giua", "tong-hop"]
    assert "appendix.parts[khac].tasks[nhom-giua].kind = \"group\"    ← plans/province.yaml:91:17" \
        in lines
    text = resolved_yaml(loaded.tree)
    assert text.index("id: bao-cao") < text.index("id: nhom-giua") < text.index("kind: group") \
        < text.index("id: trong-nhom") < text.index("id: tong-hop")


def test_a_child_drops_a_sub_group_and_moves_a_task_across_the_list(plans_dir):
    mixed(plans_dir)
    department = plans_dir / "department.yaml"
    department.write_text(department.read_text(encoding="utf-8").replace("signature:", '''    - id: khac
      tasks:
        - {id: tong-hop, at: start}
        - {id: nhom-giua, drop: true}
        - {id: nhom-cuoi, kind: group, after: bao-cao, title: "Nhóm cuối", tasks: [{id: c, content: "Việc cuối"}]}
signature:''', 1), encoding="utf-8")
    part = Workspace().load(department).model.appendix.parts[1]
    assert [(type(i).__name__, i.id) for i in part.items] == [
        ("Task", "tong-hop"), ("Task", "bao-cao"), ("Group", "nhom-cuoi")]
    assert [t.cell("stt") for t in part.tasks()] == [("1",), ("2",), ("3",)]
