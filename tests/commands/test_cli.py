"""The CLI as a user meets it: exit codes, one line per problem, never a traceback."""
import subprocess
import sys

import pytest

from ..conftest import ROOT, edit, run_cli


def test_validate_reports_valid_plans(plans_dir):
    result = run_cli("validate")
    assert result.exit_code == 0
    assert "2 of 2 plan(s) valid" in result.output


def test_validate_invalid_plan_exits_1_with_one_line(plans_dir):
    edit(plans_dir / "department.yaml", "lead: [so_ban_nganh_tinh]", "lead: [no_such_unit]")
    result = run_cli("validate", "plans/department.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "plans/department.yaml:28:22: unknown unit 'no_such_unit' "
        "(declare it under 'units:') (task kh-tinh)")


def test_usage_error_exits_2(plans_dir):
    assert run_cli("validate", "plans/missing.yaml").exit_code == 2


def test_resolve_prints_a_standalone_plan(plans_dir):
    result = run_cli("resolve", "plans/department.yaml")
    assert result.exit_code == 0
    assert "extends" not in result.output
    assert "lead: [so_ban_nganh_tinh]  # Văn phòng Sở" in result.output
    assert "{{" not in result.output


def test_explain_shows_origins(plans_dir):
    out = run_cli("explain", "plans/department.yaml").output
    assert ("appendix.parts[kiem-soat].groups[chi-dao].tasks[kh-tinh].deadline = \"Tháng 01/2023\""
            "    ← plans/province.yaml:64:25  (inherited)") in out
    assert ("appendix.parts[kiem-soat].groups[chi-dao].tasks[kh-tinh].lead[0] = \"so_ban_nganh_tinh\" "
            "(Văn phòng Sở)    ← plans/department.yaml:28:22") in out


def test_no_traceback_in_a_real_process(plans_dir):
    (plans_dir / "bad.yaml").write_bytes(b"a: [\n")
    proc = subprocess.run([sys.executable, "-m", "generator", "validate", "plans/bad.yaml"],
                          capture_output=True, text=True, cwd=plans_dir.parent,
                          env={"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0].startswith("plans/bad.yaml:2:1: invalid YAML:")


def test_every_option_of_every_command_has_help():
    import click
    from generator.commands import COMMANDS, main
    ctx = click.Context(main)
    bare = [(name, param.opts) for name in COMMANDS
            for param in main.get_command(ctx, name).params
            if isinstance(param, click.Option) and not (param.help or "").strip()]
    assert bare == []


@pytest.mark.parametrize("command", ["build", "validate"])
def test_without_plans_every_command_gives_the_same_usage_error(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = run_cli(command)
    assert (result.exit_code, result.output) == (2, "no plans given and none in plans/\n")
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("shell, mark", [("bash", "_plangen_completion()"),
                                         ("zsh", "#compdef plangen"),
                                         ("fish", "function _plangen_completion")])
def test_the_documented_shell_completion_scripts_exist(shell, mark):
    """docs/git-diff.md's lines: _PLANGEN_COMPLETE=<shell>_source plangen."""
    from click.testing import CliRunner
    from generator.commands import main
    assert f"_PLANGEN_COMPLETE={shell}_source plangen" in (ROOT / "docs" / "git-diff.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, [], prog_name="plangen",
                                env={"_PLANGEN_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and mark in result.output


def test_from_inside_plans_the_output_goes_beside_plans(plans_dir, monkeypatch):
    monkeypatch.chdir(plans_dir)
    result = run_cli("build", "department.yaml")
    assert result.exit_code == 0, result.output
    assert "wrote ../output/department.docx" in result.output
    assert (plans_dir.parent / "output" / "department.docx").is_file()
    assert not (plans_dir / "output").exists()
    everything = run_cli("validate")
    assert everything.exit_code == 0 and "2 of 2 plan(s) valid" in everything.output
