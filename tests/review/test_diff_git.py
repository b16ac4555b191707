"""Sides read from git: ``REV:path``, parents taken at the same revision, errors named by rev."""
import json

from generator.commands.review import diff_command

from .conftest import edit, git, invoke


def test_a_deadline_changed_between_two_commits(repo):
    edit(repo / "plans/province.yaml", 'deadline: "Tháng 01/2023"', 'deadline: "Tháng 02/2023"')
    git(repo, "commit", "-q", "-am", "later deadline")
    result = invoke(diff_command, "HEAD~1:plans/province.yaml", "plans/province.yaml", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    [part] = data["parts"]
    [task] = part["changed"]
    assert task["task"]["id"] == "kh-tinh"
    assert task["fields"] == [{"kind": "changed", "what": "deadline",
                               "old": ["Tháng 01/2023"], "new": ["Tháng 02/2023"]}]
    assert invoke(diff_command, "HEAD~1:plans/province.yaml", "HEAD~1:plans/province.yaml").exit_code == 0
    assert invoke(diff_command, "HEAD:plans/province.yaml", "plans/province.yaml").exit_code == 0


def test_the_parent_comes_from_the_same_revision(repo):
    edit(repo / "plans/province.yaml", '"Kiểm tra việc thực hiện"', '"Kiểm tra và đôn đốc"')
    result = invoke(diff_command, "HEAD:plans/department.yaml", "plans/department.yaml")
    assert result.exit_code == 1
    assert "~ content: Kiểm tra việc thực hiện → Kiểm tra và đôn đốc" in result.stdout
    assert invoke(diff_command, "HEAD:plans/department.yaml", "HEAD:plans/department.yaml").exit_code == 0


def test_a_path_relative_to_the_working_directory(repo, monkeypatch):
    monkeypatch.chdir(repo / "plans")
    assert invoke(diff_command, "HEAD:./province.yaml", "province.yaml").exit_code == 0
    assert invoke(diff_command, "HEAD:plans/province.yaml", "province.yaml").exit_code == 0


def test_an_unknown_revision_or_path_exits_2(repo):
    result = invoke(diff_command, "nope:plans/province.yaml", "plans/province.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("git show nope:plans/province.yaml: fatal:")
    result = invoke(diff_command, "HEAD:plans/missing.yaml", "plans/province.yaml")
    assert result.exit_code == 2 and "does not exist in 'HEAD'" in result.stderr


def test_problems_of_a_revision_are_named_by_it(repo):
    edit(repo / "plans/province.yaml", "result: \"Kế hoạch được ban hành\"", "reslt: \"Kế hoạch\"")
    git(repo, "commit", "-q", "-am", "typo")
    git(repo, "checkout", "-q", "HEAD~1", "--", "plans/province.yaml")   # fixed, not committed
    result = invoke(diff_command, "HEAD:plans/department.yaml", "plans/department.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "HEAD:plans/province.yaml:65:15: unknown key 'reslt'; did you mean 'result'? (task kh-tinh)"]
    assert result.stdout == ""


def test_outside_a_repository_exits_2(plans_dir):
    result = invoke(diff_command, "HEAD:plans/province.yaml", "plans/province.yaml")
    assert result.exit_code == 2
    assert "not a git repository" in result.stderr
