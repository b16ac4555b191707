"""Reading the plans of a build: each resolved as the filesystem has it, folders once."""
from __future__ import annotations

import os
from pathlib import Path

from generator.build.state import SourceReader


def test_a_plan_is_resolved_as_realpath_resolves_it_whatever_links_lie_on_the_way(tmp_path, monkeypatch):
    real = tmp_path / "real" / "plans"
    real.mkdir(parents=True)
    (real / "tinh.yaml").write_text("year: 2024\n")
    (real / "xa.yaml").write_text("extends: tinh.yaml\n")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "alias.yaml").symlink_to(real / "xa.yaml")
    (tmp_path / "real" / "other").mkdir()
    monkeypatch.chdir(tmp_path)
    names = ["real/plans/xa.yaml", "linked/xa.yaml", "linked/alias.yaml",
             "linked/../plans/xa.yaml",        # '..' after a link: the link's parent
             str(tmp_path / "linked" / "tinh.yaml"), "real/other/../plans/tinh.yaml"]
    reader = SourceReader()
    for name in names:
        source = reader.read(Path(name))
        assert source.path == Path(os.path.realpath(name)), name
        assert source.arg == Path(name)
    monkeypatch.chdir(real)
    assert reader.read(Path("xa.yaml")).path == real.resolve() / "xa.yaml"
    assert reader.read(Path("xa.yaml")).parent == real.resolve() / "tinh.yaml"
