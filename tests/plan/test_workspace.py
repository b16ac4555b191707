"""Workspace: each plan loaded once, until forgotten; forgetting a child keeps its parent."""
from __future__ import annotations

import os
import shutil

import pytest

from generator.plan.workspace import Workspace

from ..conftest import TREE


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in ("province.yaml", "department.yaml"):
        shutil.copy(TREE / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("named", ["resolved", "relative"])
def test_a_forgotten_plan_is_read_again_and_its_parent_is_not(tree, named):
    workspace = Workspace()
    child = workspace.load("department.yaml")
    assert workspace.load(tree / "department.yaml") is child          # loaded once
    workspace.forget(child.path if named == "resolved" else os.path.join(".", "department.yaml"))
    again = workspace.load("department.yaml")
    assert again is not child
    assert again.parent is child.parent                                # the parent is kept
