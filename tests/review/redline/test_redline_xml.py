"""The tracked changes a redline writes: where they are, what they hold, how they are stamped."""
from __future__ import annotations

from io import BytesIO
from zipfile import ZipFile

import pytest

from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from generator.review.redline.document import render_redline
from generator.commands.review import redline_command

from .conftest import PLANS, TREE, W, document_xml, edit, invoke, texts


@pytest.fixture
def tree_redline():
    """The department's redline against the province (fixture tree): id-matched changes."""
    workspace = Workspace()
    old = workspace.load(TREE / "province.yaml").model
    new = workspace.load(TREE / "department.yaml").model
    return document_xml(render_redline(old, new))


def rows_marked(root, kind: str):
    return root.xpath(f"//w:tr[w:trPr/w:{kind}]", namespaces=W)


def test_an_added_task_is_an_inserted_row_every_run_inserted(tree_redline):
    [row] = [r for r in rows_marked(tree_redline, "ins") if "Tập huấn nội bộ" in texts([r])[0]]
    runs = row.xpath(".//w:r", namespaces=W)
    assert runs and all(r.getparent().tag == f"{{{W['w']}}}ins" for r in runs)
    assert all(p.xpath("w:pPr/w:rPr/w:ins", namespaces=W) for p in row.xpath(".//w:p", namespaces=W))


def test_a_dropped_task_is_a_deleted_row_in_its_old_place(tree_redline):
    [row] = [r for r in rows_marked(tree_redline, "del") if "Kế hoạch của Sở" in texts([r])[0]]
    assert texts([row])[0].startswith("22Kế hoạch của Sở, ngành, UBND cấp huyện")
    assert not row.xpath(".//w:t", namespaces=W)           # deleted text is w:delText only
    table_rows = row.getparent().xpath("w:tr", namespaces=W)
    here = table_rows.index(row)
    before, after = texts(table_rows[here - 1:here + 2:2])
    assert "Kế hoạch kiểm soát thủ tục hành chính năm 2023" in before   # where it stood …
    assert "Tập huấn nội bộ" in after                   # … before what the new plan put there


def test_a_changed_cell_keeps_equal_words_and_tracks_the_rest(tree_redline):
    [cell] = [c for c in tree_redline.xpath("//w:tc[.//w:del]", namespaces=W)
              if "Quý II" in texts([c])[0]]
    deleted = texts(cell.xpath(".//w:del", namespaces=W))
    inserted = texts(cell.xpath(".//w:ins", namespaces=W))
    kept = "".join(cell.xpath(".//w:r[not(ancestor::w:ins) and not(ancestor::w:del)]/w:t/text()",
                              namespaces=W))
    assert deleted == [", III"] and inserted == [] and kept == "Quý II/2023"


def test_an_edited_paragraph_is_matched_by_id(tree_redline):
    [p] = [p for p in tree_redline.xpath("//w:p[w:ins or w:del]", namespaces=W)
           if "Nâng cao trách nhiệm" in texts([p])[0]]
    assert texts(p.xpath("w:ins", namespaces=W)) == [" của đội ngũ tại đơn vị"]


def test_every_change_has_a_unique_id_the_author_and_the_new_plans_date(tree_redline):
    marks = tree_redline.xpath("//w:ins | //w:del", namespaces=W)
    ids = [m.get(f"{{{W['w']}}}id") for m in marks]
    assert ids == [str(n) for n in range(1, len(marks) + 1)]
    assert {m.get(f"{{{W['w']}}}author") for m in marks} == {"plangen"}
    assert {m.get(f"{{{W['w']}}}date") for m in marks} == {"2023-02-06T00:00:00Z"}


def test_the_same_plans_give_the_same_bytes():
    workspace = Workspace()
    old = workspace.load(PLANS / "an-giang-2023.yaml").model
    new = workspace.load(PLANS / "an-giang-so-xay-dung-2023.yaml").model
    assert render_redline(old, new) == render_redline(old, new)


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.yaml")))
def test_a_plan_against_itself_is_its_ordinary_rendering(name):
    """Nothing changed, nothing tracked: the redline is the ordinary document, byte for byte."""
    plan = Workspace().load(PLANS / name).model
    parts = []
    for data in (render_redline(plan, plan), render_plan(plan)):
        with ZipFile(BytesIO(data)) as archive:
            parts.append(archive.read("word/document.xml"))
    assert parts[0] == parts[1]


def test_an_old_only_decision_is_deleted_whole(tmp_path):
    province = tmp_path / "province.yaml"
    province.write_text((TREE / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    alone = tmp_path / "alone.yaml"
    text = province.read_text(encoding="utf-8")
    start, end = text.index("decision:"), text.index("plan:")
    alone.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(alone, "document:\n", "document:\n  type: KH\n")
    workspace = Workspace()
    root = document_xml(render_redline(workspace.load(province).model, workspace.load(alone).model))
    body = root.find("w:body", W)
    first = body.xpath("w:tbl[1]//w:p[1]", namespaces=W)[0]
    assert first.xpath("w:pPr/w:rPr/w:del", namespaces=W)   # the decision's letterhead, deleted
    assert "QUYẾT ĐỊNH:" in texts(root.xpath("//w:del", namespaces=W))


def redline_dates(path) -> set[str]:
    root = document_xml(path.read_bytes())
    marks = root.iter(f"{{{W['w']}}}ins", f"{{{W['w']}}}del")
    return {m.get(f"{{{W['w']}}}date") for m in marks}


def test_two_runs_of_the_command_with_a_date_write_the_same_file(tmp_path):
    outputs = []
    for name in ("a.docx", "b.docx"):
        result = invoke(redline_command, str(PLANS / "an-giang-2023.yaml"),
                        str(PLANS / "an-giang-so-xay-dung-2023.yaml"), "-o", str(tmp_path / name),
                        "--date", "2024-03-05T09:30:00")
        assert result.exit_code == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert redline_dates(tmp_path / "a.docx") == {"2024-03-05T09:30:00Z"}


def test_the_command_dates_the_changes_now_unless_told(tmp_path):
    """The time of the change, not the plan's document date (2023-02-06)."""
    from datetime import datetime, timezone
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = invoke(redline_command, str(PLANS / "an-giang-2023.yaml"),
                    str(PLANS / "an-giang-so-xay-dung-2023.yaml"), "-o", str(tmp_path / "r.docx"))
    after = datetime.now(timezone.utc)
    assert result.exit_code == 0, result.stderr
    [stamp] = redline_dates(tmp_path / "r.docx")
    when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert before <= when <= after
    day = invoke(redline_command, str(PLANS / "an-giang-2023.yaml"),
                 str(PLANS / "an-giang-so-xay-dung-2023.yaml"), "-o", str(tmp_path / "d.docx"),
                 "--date", "2024-03-05")
    assert day.exit_code == 0 and redline_dates(tmp_path / "d.docx") == {"2024-03-05T00:00:00Z"}


def test_a_block_only_the_new_plan_has_is_inserted_whole_and_one_it_lost_deleted(tmp_path):
    """A key only the new plan's blocks have (a section) is inserted whole, heading and
    paragraphs; one only the old plan's have (an article) is deleted whole."""
    edited = tmp_path / "edited.yaml"
    edited.write_text((TREE / "province.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    edit(edited, '    - {id: hieu-luc, text: "Quyết định này có hiệu lực thi hành kể từ ngày ký."}\n', "")
    edit(edited, "appendix:\n", "    - id: kinh-phi\n      heading: \"KINH PHÍ\"\n"
                                  "      paragraphs: [{id: kp-1, text: \"Từ ngân sách tỉnh.\"}]\n"
                                  "appendix:\n")
    workspace = Workspace()
    root = document_xml(render_redline(workspace.load(TREE / "province.yaml").model,
                                       workspace.load(edited).model))

    def whole(kind: str) -> list[str]:
        return texts(root.xpath(f"//w:body/w:p[w:pPr/w:rPr/w:{kind}]", namespaces=W))
    assert whole("ins") == ["III. KINH PHÍ", "Từ ngân sách tỉnh./."]
    assert whole("del") == ["Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký./."]
