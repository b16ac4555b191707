"""Shared helpers for the review tools: the repository's plans, small sample plans, git repos."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import GIT_ENV, ROOT, TREE, edit, git, invoke  # noqa: F401  (re-exported)

PLANS = ROOT / "plans"
STRUCTURED = ROOT.parent / "shared" / "seeds" / "structured"


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
