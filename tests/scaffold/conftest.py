"""Helpers for ``plangen new``: a copy of the repository's plans to write next to."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.commands import main
from generator.plan.workspace import Workspace
from generator.render.compose import render_plan
from generator.commands.scaffold import new_command

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "plans"


@pytest.fixture
def plans(tmp_path, monkeypatch) -> Path:
    """A working directory whose plans/ holds copies of the repository's plans."""
    target = tmp_path / "plans"
    shutil.copytree(PLANS, target)
    monkeypatch.chdir(tmp_path)
    return target


def new(*args: str):
    return CliRunner().invoke(new_command, list(args), catch_exceptions=False)


def validates_and_builds(path: Path):
    """``plangen validate`` passes on ``path`` and the plan renders; the loaded plan."""
    result = CliRunner().invoke(main, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    loaded = Workspace().load(path)
    assert render_plan(loaded.model)[:2] == b"PK"
    return loaded
