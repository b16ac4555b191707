"""A project folder holding the province plan, for the tracking commands run as a clerk would."""
import shutil

import pytest

from ..conftest import ROOT

NAME = "an-giang-2023"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "plans").mkdir()
    shutil.copy(ROOT / "plans" / f"{NAME}.yaml", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return tmp_path
