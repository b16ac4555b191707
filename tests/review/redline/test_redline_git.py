"""Redlines across git revisions: REV:path sides, parents at the same revision, make diff."""
from __future__ import annotations

from pathlib import Path

from generator.review.redline.make import changed_plans
from generator.commands.review import redline_command

from .conftest import W, document_xml, edit, git, invoke, texts


def changes(path: Path) -> tuple[list[str], list[str]]:
    root = document_xml(path.read_bytes())
    return (texts(root.xpath("//w:del", namespaces=W)), texts(root.xpath("//w:ins", namespaces=W)))


def test_a_redline_across_two_commits(repo):
    edit(repo / "plans/province.yaml", 'deadline: "Tháng 01/2023"', 'deadline: "Tháng 02/2023"')
    edit(repo / "plans/province.yaml", '"Kiểm tra việc thực hiện"', '"Kiểm tra và đôn đốc việc thực hiện"')
    git(repo, "commit", "-q", "-am", "later deadline, reworded task")
    result = invoke(redline_command, "HEAD~1:plans/province.yaml", "HEAD:plans/province.yaml",
                    "-o", "out/province.docx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wrote out/province.docx\n"
    deleted, inserted = changes(repo / "out/province.docx")
    assert deleted == ["01"] and inserted == ["02", " và đôn đốc"]


def test_the_parent_is_read_at_the_same_revision(repo):
    edit(repo / "plans/province.yaml", '"Báo cáo định kỳ"', '"Báo cáo định kỳ và đột xuất"')
    result = invoke(redline_command, "HEAD:plans/department.yaml", "plans/department.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wrote output/department.redline.docx\n"
    deleted, inserted = changes(repo / "output/department.redline.docx")
    assert deleted == [] and inserted == [" và đột xuất"]


def test_an_unreadable_side_exits_2_and_an_invalid_one_1(repo):
    result = invoke(redline_command, "nope:plans/province.yaml", "plans/province.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("git show nope:plans/province.yaml: fatal:")
    edit(repo / "plans/province.yaml", "result: \"Kế hoạch được ban hành\"", "reslt: \"Kế hoạch\"")
    result = invoke(redline_command, "HEAD:plans/province.yaml", "plans/province.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "plans/province.yaml:65:15: unknown key 'reslt'; did you mean 'result'? (task kh-tinh)"]
    assert not (repo / "output").exists()


def test_make_diff_redlines_each_plan_changed_since_a_revision(repo):
    first = git(repo, "rev-parse", "HEAD").strip()
    edit(repo / "plans/province.yaml", '"Báo cáo định kỳ"', '"Báo cáo định kỳ và đột xuất"')
    git(repo, "commit", "-q", "-am", "province changed")
    (repo / "plans/new.yaml").write_text((repo / "plans/province.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    assert changed_plans(first) == ([Path("plans/department.yaml"), Path("plans/province.yaml")],
                                    [Path("plans/new.yaml")])
    assert changed_plans("HEAD") == ([], [Path("plans/new.yaml")])
    result = invoke(redline_command, "--since", first)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["plans/new.yaml: new since " + first + ", no redline",
                                          "wrote output/department.redline.docx",
                                          "wrote output/province.redline.docx"]
    assert sorted(p.name for p in (repo / "output").iterdir()) == [
        "department.redline.docx", "province.redline.docx"]
    assert changes(repo / "output/province.redline.docx")[1] == [" và đột xuất"]


def test_make_diff_with_an_unknown_revision_exits_2(repo):
    result = invoke(redline_command, "--since", "nope")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "nope" in result.stderr
