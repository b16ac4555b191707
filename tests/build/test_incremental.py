"""Incremental builds: exactly the plans whose inputs changed are rebuilt (asserted by outcome)."""
from __future__ import annotations

import json
import os

from generator.build import run as build_module
from generator.build.state import STATE_NAME

from ..conftest import run_cli
from .conftest import append, build, built_stems, descendants


def test_a_second_build_builds_nothing(tree, tmp_path):
    out = tmp_path / "output"
    assert built_stems(build(tree["province"].parent, out)) == set(tree)
    again = build(tree["province"].parent, out)
    assert again.results == [] and len(again.current) == len(tree)


def test_the_cli_says_up_to_date(tree):
    assert run_cli("build", "plans").exit_code == 0
    result = run_cli("build", "plans")
    assert result.exit_code == 0
    assert "up to date" in result.output and "wrote" not in result.output


def test_editing_one_commune_rebuilds_only_it(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    append(tree["huyen-1-xa-2"])
    assert built_stems(build(tree["province"].parent, out)) == {"huyen-1-xa-2"}


def test_editing_a_parent_rebuilds_exactly_its_descendants(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    append(tree["huyen-2"])
    assert built_stems(build(tree["province"].parent, out)) == descendants(tree, "huyen-2")
    append(tree["province"])
    assert built_stems(build(tree["province"].parent, out)) == set(tree)


def test_an_ancestor_outside_the_build_still_counts(tree, tmp_path):
    """Building one commune alone: an edit of its district (not named) rebuilds it."""
    out = tmp_path / "output"
    commune = tree["huyen-1-xa-1"]
    build(commune.parent, out)
    from generator.build.run import BuildRequest, run_build
    assert run_build(BuildRequest([commune], out)).results == []
    append(tree["huyen-1"])
    assert built_stems(run_build(BuildRequest([commune], out))) == {"huyen-1-xa-1"}


def test_a_changed_extends_line_is_an_edit_of_the_plan(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    commune = tree["huyen-2-xa-3"]
    commune.write_text(commune.read_text(encoding="utf-8").replace("extends: huyen-2.yaml",
                                                                   "extends: huyen-1.yaml"),
                       encoding="utf-8")
    assert built_stems(build(tree["province"].parent, out)) == {"huyen-2-xa-3"}
    append(tree["huyen-1"])
    assert "huyen-2-xa-3" in built_stems(build(tree["province"].parent, out))


def test_a_deleted_or_rewritten_output_is_rebuilt(tree, tmp_path):
    """A DOCX deleted, or written again with the same bytes (copied back, say); one with other
    bytes is an edit and is left alone (test_hand_edits.py)."""
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    (out / "so-a.docx").unlink()
    (out / "so-b.docx").write_bytes((out / "so-b.docx").read_bytes())
    os.utime(out / "so-b.docx", ns=(1, 1))
    assert built_stems(build(tree["province"].parent, out)) == {"so-a", "so-b"}


def test_new_generator_code_or_template_rebuilds_everything(tree, tmp_path, monkeypatch):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    monkeypatch.setattr(build_module, "fingerprint", lambda: "other code")
    assert built_stems(build(tree["province"].parent, out)) == set(tree)


def test_force_rebuilds_everything(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    assert built_stems(build(tree["province"].parent, out, force=True)) == set(tree)


def test_a_failed_plan_is_tried_again(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    append(tree["so-a"], "year: 1800\n")
    assert not build(tree["province"].parent, out, keep_going=True).built
    assert [r.job.path.stem for r in build(tree["province"].parent, out).failed] == ["so-a"]


def test_the_record_is_json_and_a_broken_one_means_rebuild(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    record = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    commune = record["plans"][str(tree["huyen-1-xa-1"].resolve())]
    assert set(commune["deps"]) == {str(tree["huyen-1"].resolve()), str(tree["province"].resolve())}
    lines = (out / STATE_NAME).read_text(encoding="utf-8").splitlines()
    one_line = [line for line in lines if line.startswith(f'  "{tree["huyen-1-xa-1"].resolve()}"')]
    assert len(one_line) == 1 and json.loads("{" + one_line[0].rstrip(",") + "}")
    assert len(lines) == 2 * len(tree) + 8          # a plan a line, a DOCX written a line
    (out / STATE_NAME).write_text("{not json", encoding="utf-8")
    assert built_stems(build(tree["province"].parent, out)) == set(tree)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
