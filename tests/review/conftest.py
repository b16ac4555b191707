"""Shared helpers for the review tools: the repository's plans, small sample plans, git repos."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "plans"
TREE = ROOT / "tests" / "fixtures" / "tree"
STRUCTURED = ROOT.parent / "shared" / "seeds" / "structured"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def invoke(command, *args: str):
    """Run a click command as the CLI would; stdout and stderr kept apart."""
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def sample(tmp_path, monkeypatch) -> Path:
    """A working directory with plans/province.yaml and its child plans/department.yaml."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for f in TREE.glob("*.yaml"):
        shutil.copy(f, plans / f.name)
    monkeypatch.chdir(tmp_path)
    return plans


@pytest.fixture
def repo(sample, monkeypatch) -> Path:
    """``sample`` as a git repository with one commit; the working directory is its top."""
    top = sample.parent
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "plans")
    git(top, "commit", "-q", "-m", "first")
    return top
