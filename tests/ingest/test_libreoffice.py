"""Every built plan, re-saved by LibreOffice (which rewrites every part), imports the same."""
from __future__ import annotations

import shutil

import pytest

from generator.ingest.importer import import_docx

from ..conftest import convert_with_libreoffice
from .conftest import PLANS

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice"),
]


def _tasks(data: dict) -> list[tuple]:
    """(content, lead names, coordinating names, deadline) of every task, in order."""
    units = data.get("units") or {}
    out = []

    def names(value):
        return [units[u] for u in ([value] if isinstance(value, str) else value or [])]

    def walk(holder):
        for t in holder.get("tasks") or []:
            if t.get("kind") == "group":          # a sub-group written between tasks
                walk(t)
                continue
            out.append((t["content"], names(t.get("lead")), names(t.get("coordinating")),
                        t.get("deadline"), [r.get("deadline") for r in t.get("rows", [])]))
        for g in holder.get("groups") or []:
            walk(g)
    for part in data["appendix"]["parts"]:
        walk(part)
    return out


@pytest.fixture(scope="module")
def resaved(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("resaved")
    files = [built / f"{n}.docx" for n in PLANS]
    convert_with_libreoffice((files[0::2], out, "docx"), (files[1::2], out, "docx"))
    return out


@pytest.mark.parametrize("name", PLANS)
def test_a_libreoffice_copy_imports_every_task_unit_and_deadline(name, built, resaved):
    original = import_docx(built / f"{name}.docx")
    copy = import_docx(resaved / f"{name}.docx")
    assert (resaved / f"{name}.docx").read_bytes() != (built / f"{name}.docx").read_bytes()
    assert _tasks(copy.data) == _tasks(original.data)
    assert len(_tasks(copy.data)) > 30
    assert copy.data.get("units") == original.data.get("units")
    assert copy.data == original.data                    # and everything else too
    assert copy.review == []
