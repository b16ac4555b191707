"""Every plan in plans/ builds to the bytes stored in tests/fixtures/bytes.sha256.

Guards issue 17's "same bytes": speed work must not change a document. A change meant to
change documents refreshes the list with ``python bench/bytes.py --update`` and says why.
"""
from __future__ import annotations

import importlib.util

from ..conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_bytes", ROOT / "bench" / "bytes.py")
bench_bytes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_bytes)


def test_every_plan_builds_to_the_stored_bytes():
    stored = bench_bytes.read_stored()
    assert sorted(stored) == sorted(p.stem + ".docx" for p in (ROOT / "plans").glob("*.yaml"))
    assert bench_bytes.differences(stored, bench_bytes.build_digests()) == []


def test_a_changed_document_is_named():
    stored = {"a.docx": "1" * 64, "b.docx": "2" * 64}
    built = {"a.docx": "1" * 64, "b.docx": "3" * 64, "c.docx": "4" * 64}
    assert bench_bytes.differences(stored, built) == [
        "b.docx: bytes changed", "c.docx: new (not in bytes.sha256)"]
    assert bench_bytes.differences(stored, {"a.docx": "1" * 64}) == ["b.docx: no longer built"]
