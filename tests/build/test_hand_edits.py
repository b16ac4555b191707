"""A DOCX edited after it was built (in Word) is never overwritten by a build: the plan is
reported in one line and the other plans still build; --force first keeps a .bak copy."""
from __future__ import annotations

import json

from generator.build import run as build_module
from generator.build.state import STATE_NAME, State

from ..conftest import edit, run_cli
from .conftest import append, build, built_stems

EDITED = b"PK edited in Word"
KEPT = ("output/so-b.docx: changed since plangen wrote it, so not overwritten: move it away to "
        "build plans/so-b.yaml again, or build with --force, which first keeps a copy as "
        "output/so-b.docx.bak")


def test_an_edited_docx_is_kept_and_the_other_plans_still_build(tree, tmp_path):
    out = tmp_path / "output"
    assert run_cli("build", "plans").exit_code == 0
    (out / "so-a.docx").write_bytes(EDITED)
    append(tree["so-a"])                      # its YAML changed too: it would be rebuilt
    edit(tree["so-b"], "Tập huấn nội bộ", "Tập huấn nội bộ hằng năm")    # built after so-a
    before = (out / "so-b.docx").read_bytes()
    result = run_cli("build", "plans", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [KEPT.replace("so-b", "so-a"), result.stderr.splitlines()[-1]]
    assert result.stderr.splitlines()[-1].startswith(
        "built 1, up to date 9, failed 0, edited by hand and kept 1 (")
    assert result.stdout == "wrote output/so-b.docx\n"
    assert (out / "so-a.docx").read_bytes() == EDITED
    assert (out / "so-b.docx").read_bytes() != before
    assert not list(out.glob("*.bak*"))
    # Until it is moved away, every build says so again.
    again = run_cli("build", "plans")
    assert (again.exit_code, again.stderr.splitlines()[0]) == (1, KEPT.replace("so-b", "so-a"))
    (out / "so-a.docx").rename(tmp_path / "so-a-edited.docx")
    assert run_cli("build", "plans").exit_code == 0
    assert (out / "so-a.docx").read_bytes()[:2] == b"PK" and (out / "so-a.docx").stat().st_size > 1000


def test_force_keeps_a_copy_then_rebuilds(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    good = (out / "so-b.docx").read_bytes()
    (out / "so-b.docx").write_bytes(EDITED)
    result = run_cli("build", "plans", "--force")
    assert result.exit_code == 0, result.output
    assert "kept the edited file as output/so-b.docx.bak" in result.stdout.splitlines()
    assert (out / "so-b.docx.bak").read_bytes() == EDITED
    assert (out / "so-b.docx").read_bytes() == good
    assert sorted(p.name for p in out.glob("*.bak*")) == ["so-b.docx.bak"]   # only the edited one
    # A second edit forced away keeps its own copy, never the first one's place.
    (out / "so-b.docx").write_bytes(EDITED + b"2")
    assert run_cli("build", "plans", "--force").exit_code == 0
    assert (out / "so-b.docx.bak").read_bytes() == EDITED
    assert (out / "so-b.docx.bak2").read_bytes() == EDITED + b"2"


def test_an_untouched_docx_is_still_rebuilt_when_its_yaml_changes(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    before = (out / "so-a.docx").read_bytes()
    edit(tree["so-a"], "Tập huấn nội bộ", "Tập huấn nội bộ hằng năm")
    summary = build(tree["province"].parent, out)
    assert (built_stems(summary), summary.kept, summary.exit_code) == ({"so-a"}, [], 0)
    assert (out / "so-a.docx").read_bytes() != before


def test_the_protection_outlives_new_code_and_a_failed_build(tree, tmp_path, monkeypatch):
    """The hashes of what was written are kept when the code changes (every plan is rebuilt)
    and while the plan fails, so a later build still knows the DOCX was edited."""
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    (out / "so-b.docx").write_bytes(EDITED)
    append(tree["so-b"], "year: 1800\n")
    assert [r.job.path.stem for r in build(tree["province"].parent, out, keep_going=True).failed] == ["so-b"]
    edit(tree["so-b"], "year: 1800\n", "")
    monkeypatch.setattr(build_module, "fingerprint", lambda: "other code")
    summary = build(tree["province"].parent, out)
    assert [r.kept.name for r in summary.kept] == ["so-b.docx"]
    assert built_stems(summary) == set(tree) - {"so-b"}
    assert (out / "so-b.docx").read_bytes() == EDITED


def test_a_record_from_before_is_read_for_what_it_wrote(tree, tmp_path, monkeypatch):
    """A version 1 record (no ``written``) still protects the DOCX files it lists."""
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    record = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    record["version"] = 1
    del record["written"]
    (out / STATE_NAME).write_text(json.dumps(record), encoding="utf-8")
    (out / "so-b.docx").write_bytes(EDITED)
    monkeypatch.setattr(build_module, "fingerprint", lambda: "other code")
    summary = build(tree["province"].parent, out)
    assert [r.kept.name for r in summary.kept] == ["so-b.docx"]


def test_a_build_killed_before_its_record_was_saved_is_no_edit(tree, tmp_path, monkeypatch):
    """The DOCX a killed build wrote is what the next build would write: it is replaced."""
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    edit(tree["so-a"], "Tập huấn nội bộ", "Tập huấn nội bộ hằng năm")
    with monkeypatch.context() as m:
        m.setattr(State, "save", lambda self: None)
        build(tree["province"].parent, out)
    summary = build(tree["province"].parent, out)
    assert (built_stems(summary), summary.kept) == ({"so-a"}, [])


def test_without_a_record_only_a_docx_that_differs_is_kept(tree, tmp_path):
    out = tmp_path / "output"
    build(tree["province"].parent, out)
    (out / STATE_NAME).unlink()
    (out / "so-b.docx").write_bytes(EDITED)
    summary = build(tree["province"].parent, out)
    assert built_stems(summary) == set(tree) - {"so-b"}
    assert [r.kept.name for r in summary.kept] == ["so-b.docx"]
