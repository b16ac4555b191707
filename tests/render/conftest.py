"""Render each fixture plan once per session; tests read the bytes and the parsed XML."""
from __future__ import annotations

import pytest

from generator.render.compose import render_plan

from .docx_xml import Docx
from .fixtures import decision_plan, standalone_plan


@pytest.fixture(scope="session")
def decision_bytes() -> bytes:
    return render_plan(decision_plan())


@pytest.fixture(scope="session")
def decision_docx(decision_bytes) -> Docx:
    return Docx(decision_bytes)


@pytest.fixture(scope="session")
def standalone_docx() -> Docx:
    return Docx(render_plan(standalone_plan()))
