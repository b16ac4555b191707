"""A column layout defined only in a plan's YAML renders without any code change."""
import io
import zipfile

from lxml import etree

from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from generator.render.geometry import twips

from ..conftest import TREE, edit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

NEW_LAYOUT = """  layouts:
    review:
      columns:
        - {field: number, label: "TT", width: 15}
        - {field: deadline, label: "Hạn", width: 35}
        - {field: content, label: "Việc cần làm", width: 120}
        - {field: lead, label: "Ai làm", width: 50}
        - {field: note, label: "Lưu ý", width: 32}
    tasks8:"""


def test_new_layout_in_yaml_sets_columns_labels_widths_and_order(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text((TREE / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    edit(plan, "  layouts:\n    tasks8:", NEW_LAYOUT)
    edit(plan, "  layout: tasks8", "  layout: review")
    model = Workspace().load(plan).model
    with zipfile.ZipFile(io.BytesIO(render_plan(model))) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    table = [t for t in root.iter(W + "tbl") if "Việc cần làm" in "".join(t.itertext())][0]
    grid = [int(g.get(W + "w")) for g in table.iter(W + "gridCol")]
    assert grid == [twips(w) for w in (15, 35, 120, 50, 32)]
    rows = table.findall(W + "tr")
    header = ["".join(tc.itertext()) for tc in rows[0].findall(W + "tc")]
    assert header == ["TT", "Hạn", "Việc cần làm", "Ai làm", "Lưu ý"]
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    task_row = next(r for r in rows if "Kiểm tra việc thực hiện" in "".join(r.itertext()))
    cells = ["".join(tc.itertext()) for tc in task_row.findall(W + "tc")]
    assert cells == ["3", "Quý II, III/2023", "Kiểm tra việc thực hiện", "Văn phòng UBND tỉnh", ""]
    widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(W + "w")) for tc in task_row.findall(W + "tc")]
    assert widths == grid


def test_a_layout_in_yaml_may_keep_every_row_whole(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text((TREE / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert Workspace().load(plan).model.appendix.parts[0].layout.split_rows
    note = '        - {field: note, label: "Ghi chú", width: 30}\n'
    edit(plan, note, note + "      split_rows: false\n")
    assert not Workspace().load(plan).model.appendix.parts[0].layout.split_rows
