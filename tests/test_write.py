"""write_atomic: the bytes land whole under their name, flushed to disk unless only derived."""
from __future__ import annotations

import os

import pytest

from generator.write import write_atomic


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
