"""The bad-input corpus: each file in plans/ gives exactly the lines in expected.tsv."""
import contextlib
import resource
import shutil
import time
from pathlib import Path

import pytest

from generator.plan.load import MAX_BYTES
from generator.plan.validate import invisible

from ..conftest import run_cli

HERE = Path(__file__).parent


def _expected() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    for line in (HERE / "expected.tsv").read_text(encoding="utf-8").splitlines():
        name, message = line.split("\t", 1)
        cases.setdefault(name, []).append(message)
    return cases


EXPECTED = _expected()


def test_every_corpus_file_has_an_expectation():
    files = {p.name for p in (HERE / "plans").glob("*.yaml")} - {"base.yaml"}
    assert files == set(EXPECTED)


MEMORY = 500_000_000
SECONDS = 2.0


@contextlib.contextmanager
def bounded_memory(extra: int):
    """At most ``extra`` bytes of address space beyond what the process already has: a case
    that tried to build what it should refuse fails with MemoryError instead of passing."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as f:
        used = int(f.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (used + extra, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_plan_gives_its_line(name, monkeypatch):
    """Its exact lines, in under 2 s and 500 MB."""
    monkeypatch.chdir(HERE)
    start = time.perf_counter()
    with bounded_memory(MEMORY):
        result = run_cli("validate", f"plans/{name}")
    assert time.perf_counter() - start < SECONDS
    only_warnings = all(": warning: " in line for line in EXPECTED[name])
    assert result.exit_code == (0 if only_warnings else 1)
    lines = [l for l in result.output.splitlines() if not l.endswith("plan(s) valid")]
    assert lines == EXPECTED[name]


# Pieces of PyYAML's own wording and of the schema's patterns, which no message may show.
RAW = ["mapping values are not allowed", "expected <block end>", "found unexpected end of stream",
       "while scanning", "while parsing", "could not find expected", "<block mapping start>",
       "but found", "[a-z", "[A-Z", "\\d", "0-9]", "]*", "]+"]


def test_no_message_shows_pyyaml_wording_a_regex_or_an_invisible_character():
    for line in (HERE / "expected.tsv").read_text(encoding="utf-8").splitlines():
        message = line.split("\t", 1)[1]
        assert not [raw for raw in RAW if raw in message], line
        assert not [c for c in message if invisible(c)], line


@pytest.mark.parametrize("name", ["placeholder-format-width.yaml", "placeholder-nested-loops.yaml",
                                  "placeholder-string-method.yaml"])
def test_build_reports_an_unbounded_placeholder_as_validate_does(name, tmp_path, monkeypatch):
    """Not "internal error … MemoryError" at 1:1."""
    shutil.copytree(HERE / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    with bounded_memory(MEMORY):
        result = run_cli("build", f"plans/{name}", "-j", "1")
    assert result.exit_code == 1
    assert EXPECTED[name][0] in result.output.splitlines()


def test_base_of_the_corpus_is_valid(monkeypatch):
    monkeypatch.chdir(HERE)
    assert run_cli("validate", "plans/base.yaml").exit_code == 0


def test_a_10_mb_plan_is_refused_quickly(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("huge.yaml").write_bytes(b"year: 2023\nnote: \"" + b"x" * 10_000_000 + b"\"\n")
    result = run_cli("validate", "huge.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"huge.yaml:1:1: file is 10,000,020 bytes; the limit is {MAX_BYTES:,}")
