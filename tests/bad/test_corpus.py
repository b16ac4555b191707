"""The bad-input corpus: each file in plans/ gives exactly the lines in expected.tsv."""
from pathlib import Path

import pytest

from generator.plan.load import MAX_BYTES

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


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_plan_gives_its_line(name, monkeypatch):
    monkeypatch.chdir(HERE)
    result = run_cli("validate", f"plans/{name}")
    only_warnings = all(": warning: " in line for line in EXPECTED[name])
    assert result.exit_code == (0 if only_warnings else 1)
    lines = [l for l in result.output.splitlines() if not l.endswith("plan(s) valid")]
    assert lines == EXPECTED[name]


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
