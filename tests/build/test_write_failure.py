"""A DOCX that cannot be written (the disk is full) while the next plan is already being built:
its plan fails with one line, the others are built and recorded, and the next build tries it again.

The flush that fails is os.fsync, made to fail for one file only (as tests/commands/test_errors.py
does for one write): a full disk cannot be made on demand.
"""
from __future__ import annotations

import errno
import os
import sys

import pytest

from .conftest import build, built_stems

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")


@pytest.fixture
def full_for(monkeypatch):
    """Make the flush of the temporary of one DOCX (by stem) fail as a full disk does."""
    real = os.fsync

    def make(stem: str) -> None:
        def fsync(fd):
            if f".{stem}.docx." in os.readlink(f"/proc/self/fd/{fd}"):
                raise OSError(errno.ENOSPC, "No space left on device")
            real(fd)
        monkeypatch.setattr(os, "fsync", fsync)
    return make


def test_with_keep_going_the_others_are_built_and_the_failed_one_retried(tree, tmp_path, full_for,
                                                                       monkeypatch):
    out = tmp_path / "out"
    full_for("huyen-1-xa-2")
    summary = build(tmp_path / "plans", out, jobs=1, keep_going=True)
    assert [str(p) for r in summary.failed for p in r.problems] == [
        f"{tree['huyen-1-xa-2']}:1:1: cannot write {out / 'huyen-1-xa-2.docx'}: the disk is full"]
    assert built_stems(summary) == set(tree) - {"huyen-1-xa-2"}
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".docx") == \
        sorted(f"{s}.docx" for s in set(tree) - {"huyen-1-xa-2"})
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    for result in summary.built:                     # each written before its result came back
        assert result.docx_stat == (result.job.target.stat().st_size,
                                    result.job.target.stat().st_mtime_ns)
    monkeypatch.undo()                               # the disk has room again
    again = build(tmp_path / "plans", out, jobs=1)
    assert built_stems(again) == {"huyen-1-xa-2"} and not again.failed


def test_without_keep_going_the_build_stops_after_the_failed_write(tree, tmp_path, full_for):
    out = tmp_path / "out"
    full_for("huyen-1-xa-1")
    summary = build(tmp_path / "plans", out, jobs=1)
    assert [r.job.path.stem for r in summary.failed] == ["huyen-1-xa-1"]
    assert summary.exit_code != 0
    done = [r.job.path.stem for r in summary.results]
    assert done.index("huyen-1-xa-1") >= len(done) - 2       # at most the plan after it is built
    assert summary.not_built
    assert not {j.path.stem for j in summary.not_built} & set(done)
