"""Shared helpers: sample plans on disk and a way to run the CLI as a user would."""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.commands import main

# The tests keep their own derived-data cache (generator/cache.py), never the user's.
os.environ["PLANGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="plangen-test-cache-")
atexit.register(shutil.rmtree, os.environ["PLANGEN_CACHE_DIR"], True)

FIXTURES = Path(__file__).parent / "fixtures"
TREE = FIXTURES / "tree"
ROOT = Path(__file__).parent.parent
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


@pytest.fixture
def plans_dir(tmp_path, monkeypatch):
    """A working directory with plans/ holding copies of the sample tree."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for f in TREE.glob("*.yaml"):
        (plans / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return plans


@pytest.fixture
def repo(plans_dir, monkeypatch) -> Path:
    """``plans_dir`` as a git repository with one commit; the working directory is its top."""
    top = plans_dir.parent
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "plans")
    git(top, "commit", "-q", "-m", "first")
    return top


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def run_cli(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def invoke(command, *args: str):
    """Run one click command object as the CLI would."""
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` with a fixed identity and no user configuration."""
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return done.stdout
