"""write_atomic: the bytes land whole under their name, flushed to disk unless only derived."""
from __future__ import annotations

import errno
import os
import threading

import pytest

from generator.errors import UsageProblem
from generator.write import Flusher, write_atomic


@pytest.mark.parametrize("durable, flushes", [(True, 1), (False, 0)])
def test_written_whole_and_flushed_only_when_durable(tmp_path, monkeypatch, durable, flushes):
    calls = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd)))
    target = tmp_path / "sub" / "a.docx"
    write_atomic(target, b"old")
    write_atomic(target, b"new", durable=durable)
    assert target.read_bytes() == b"new"
    assert len(calls) == 1 + flushes
    assert [p.name for p in target.parent.iterdir()] == ["a.docx"]       # no temporary left


def test_a_leftover_temporary_is_not_reused(tmp_path, monkeypatch):
    names = iter([b"\x01" * 6, b"\x02" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(names))
    target = tmp_path / "a.docx"
    stale = tmp_path / f".a.docx.{'01' * 6}.tmp"
    stale.write_bytes(b"someone else's")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and stale.read_bytes() == b"someone else's"


def test_the_flusher_writes_behind_one_file_at_a_time_and_reports_each(tmp_path, monkeypatch):
    """A write runs while the caller goes on; the next write, wait() or the end of the block
    reports it, in order; a file that cannot be written is reported (as write_atomic words
    it), not raised, and leaves nothing behind."""
    real, flushing, release = os.fsync, threading.Event(), threading.Event()
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        flushing.set()
        release.wait(10)
        real(fd)
    monkeypatch.setattr(os, "fsync", fsync)
    reports = []
    with Flusher() as flusher:
        flusher.write(tmp_path / "a.docx", b"a", lambda e: reports.append(("a", e)))
        assert flushing.wait(10)
        assert reports == [] and not (tmp_path / "a.docx").exists()    # still flushing
        release.set()
        flusher.write(tmp_path / "b.docx", b"b", lambda e: reports.append(("b", e)))
        assert reports == [("a", None)] and (tmp_path / "a.docx").read_bytes() == b"a"
    assert [name for name, _ in reports] == ["a", "b"]
    assert isinstance(reports[1][1], UsageProblem)
    assert reports[1][1].lines == [f"cannot write {tmp_path / 'b.docx'}: the disk is full"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]     # no temporary left


def test_a_flush_that_fails_unexpectedly_is_reported_and_the_next_write_goes_on(tmp_path, monkeypatch):
    """Not every failure is a disk's: whatever the flush raises reaches ``then`` (no traceback
    from the thread, no caller left waiting), its temporary is removed, the next file is written."""
    real, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 1:
            raise RuntimeError("not a disk's failure")
        real(fd)
    monkeypatch.setattr(os, "fsync", fsync)
    reports = []
    with Flusher() as flusher:
        flusher.write(tmp_path / "a.docx", b"a", lambda e: reports.append(("a", e)))
        flusher.write(tmp_path / "b.docx", b"b", lambda e: reports.append(("b", e)))
    assert [(name, type(e).__name__ if e else None) for name, e in reports] == \
        [("a", "RuntimeError"), ("b", None)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.docx"]
