"""The repository's git setup: DOCX diffs through ``plangen text``, the pre-commit hook."""
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from .conftest import GIT_ENV, PLANS, ROOT, git

PYTHON_BIN = Path(sys.executable).parent


def _docx(path: Path, deadline: str) -> None:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("1", "Kế hoạch kiểm tra", deadline)):
        cell.text = text
    document.save(path)


def test_docx_files_use_the_plangen_diff_driver():
    lines = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.docx diff=plangen-docx" in lines


def test_git_diff_of_a_docx_shows_its_text(tmp_path, monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    git(tmp_path, "init", "-q")
    shutil.copy(ROOT / ".gitattributes", tmp_path / ".gitattributes")
    # what `plangen text` runs, without depending on the command being registered yet
    textconv = (f"{shlex.quote(sys.executable)} -c 'from generator.commands.review import text_command; "
                "text_command()'")
    git(tmp_path, "config", "diff.plangen-docx.textconv", textconv)
    _docx(tmp_path / "plan.docx", "Quý I/2023")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    _docx(tmp_path / "plan.docx", "Quý II/2023")
    out = git(tmp_path, "diff")
    assert "-1 | Kế hoạch kiểm tra | Quý I/2023" in out.splitlines()
    assert "+1 | Kế hoạch kiểm tra | Quý II/2023" in out.splitlines()


def _hook(hook_id: str) -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [local] = [r for r in config["repos"] if r["repo"] == "local"]
    return next(h for h in local["hooks"] if h["id"] == hook_id)


def _run(hook: dict, cwd: Path, files: list[str]) -> subprocess.CompletedProcess:
    """Run a hook as pre-commit does: its entry split like a shell line, then the file names."""
    args = shlex.split(hook["entry"]) + (files if hook.get("pass_filenames", True) else [])
    env = {**os.environ, "PATH": f"{PYTHON_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def test_the_hook_validates_changed_plans_only():
    import re
    hook = _hook("plangen-validate")
    pattern = re.compile(hook["files"])
    assert pattern.search("plans/an-giang-2023.yaml") and not pattern.search("tests/bad/plans/a.yaml")
    done = _run(hook, ROOT, ["plans/an-giang-2023.yaml", "plans/an-giang-so-xay-dung-2023.yaml"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("2 of 2 plan(s) valid")


def test_the_hook_fails_on_a_broken_plan(tmp_path):
    (tmp_path / "plans").mkdir()
    text = (PLANS / "an-giang-2023.yaml").read_text(encoding="utf-8")
    (tmp_path / "plans/x.yaml").write_text(text.replace("year: 2023", "year: hai"), encoding="utf-8")
    done = _run(_hook("plangen-validate"), tmp_path, ["plans/x.yaml"])   # plangen from PATH
    assert done.returncode == 1
    assert done.stderr.startswith("plans/x.yaml:4:7: 'year' must be an integer, not text")
    every = _run(_hook("plangen-validate-all"), tmp_path, [])
    assert every.returncode == 1


@pytest.mark.skipif(not (ROOT / ".pre-commit-hooks.yaml").is_file(), reason="no hook manifest")
def test_the_hook_manifest_for_other_repositories():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("plangen-validate", "plangen validate", "python")
