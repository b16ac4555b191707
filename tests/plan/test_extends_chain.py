"""The one walk along ``extends``: nearest first, each plan once, bounded, never raising."""
from pathlib import PurePosixPath

import pytest

from generator.build.state import SourceReader
from generator.plan.extends import extends_chain, parent_in, quick_extends

from ..conftest import ROOT


def texts(**plans: str):
    """A reader over plans held in memory, by name; None for a plan that is not there."""
    def read(path):
        text = plans.get(path.stem)
        return None if text is None else text.encode()
    return read


def chain(start: str, limit: int = 20, **plans: str) -> list[str]:
    return [p.as_posix() for p in extends_chain(PurePosixPath(f"plans/{start}.yaml"),
                                                parent_in(texts(**plans)), limit)]


def test_nearest_first_with_paths_relative_to_each_plan():
    assert chain("xa", xa="extends: ../huyen/h.yaml\n", h="extends: ./../plans/tinh.yaml\n",
                 tinh="year: 2024\n") == ["plans/xa.yaml", "huyen/h.yaml", "plans/tinh.yaml"]


def test_a_cycle_or_a_long_chain_ends_the_walk():
    assert chain("a", a="extends: b.yaml", b="extends: a.yaml") == ["plans/a.yaml", "plans/b.yaml"]
    assert chain("a", limit=1, a="extends: b.yaml", b="year: 1") == ["plans/a.yaml"]


def test_what_cannot_be_read_ends_the_walk_without_an_error():
    assert chain("a", a="extends: missing.yaml") == ["plans/a.yaml", "plans/missing.yaml"]
    assert chain("a", a="extends: [b.yaml]", b="") == ["plans/a.yaml"]
    assert chain("a", a="extends: b.yaml\n  bad: [") == ["plans/a.yaml"]


def test_the_build_line_reader_finds_the_parent_yaml_finds(tmp_path):
    for path in sorted((ROOT / "plans").resolve().glob("*.yaml")):
        data = path.read_bytes()
        yaml_parent = parent_in(lambda _: data)(path)
        assert SourceReader().read(path).parent == yaml_parent, path
    (tmp_path / "a.yaml").write_text("extends:  'b.yaml'  # parent\n")
    assert SourceReader().read(tmp_path / "a.yaml").parent == tmp_path.resolve() / "b.yaml"


@pytest.mark.parametrize("text, value", [
    (b"year: 2023\nextends: a.yaml\n", "a.yaml"),
    (b'extends: "b c.yaml"   # the parent\n', "b c.yaml"),
    (b"extends: 'd.yaml'\n", "d.yaml"),
    (b"{extends: e.yaml, year: 2023}\n", "e.yaml"),           # not a line: YAML reads it
    (b"year: 2023\nplan:\n  extends_note: x\n", None),
])
def test_the_extends_line_is_read_without_yaml(text, value):
    assert quick_extends(text) == value
