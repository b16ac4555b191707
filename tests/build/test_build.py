"""`plangen build`: what lands in output/, and what never does.

Since builds became incremental, output/ also holds the
build record (STATE_NAME), which the listings below leave out, and builds meant to write
again say --force.
"""
import signal
import zipfile

from generator.build.state import STATE_NAME

from ..conftest import edit, run_cli
from .conftest import kill_after_writes


def outputs(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != STATE_NAME)


def test_build_writes_one_docx_per_plan(plans_dir):
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    out = plans_dir.parent / "output"
    assert outputs(out) == ["department.docx", "province.docx"]
    with zipfile.ZipFile(out / "province.docx") as z:
        assert "Kế hoạch kiểm soát thủ tục hành chính năm 2023 của UBND tỉnh" in z.read("word/document.xml").decode()


def test_a_failed_build_keeps_the_previous_output(plans_dir):
    assert run_cli("build", "plans/department.yaml").exit_code == 0
    target = plans_dir.parent / "output" / "department.docx"
    before = target.read_bytes()
    edit(plans_dir / "department.yaml", "lead: [so_ban_nganh_tinh]", "lead: [nobody]")
    result = run_cli("build", "plans/department.yaml")
    assert result.exit_code == 1
    assert target.read_bytes() == before
    assert outputs(target.parent) == ["department.docx"]  # no temporary left


def test_builds_are_byte_identical(plans_dir):
    out = plans_dir.parent / "output" / "province.docx"
    run_cli("build", "plans/province.yaml")
    first = out.read_bytes()
    run_cli("build", "--force", "plans/province.yaml")
    assert out.read_bytes() == first


def test_sigkill_never_leaves_a_truncated_docx(plans_dir):
    """Kill builds at moments along the build: each output is absent, the old file or the new one."""
    for n in range(12):
        (plans_dir / f"copy{n:02d}.yaml").write_text((plans_dir / "province.yaml").read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    out = plans_dir.parent / "output"
    assert run_cli("build").exit_code == 0
    good = (out / "province.docx").read_bytes()
    for writes in (1, 4, 7, 10, 13):
        assert kill_after_writes(plans_dir.parent, ["build", "--force", "-j", "1"], writes) == -signal.SIGKILL
        for path in out.glob("*.docx"):
            if path.name.startswith("copy") or path.name == "province.docx":
                assert path.read_bytes() == good, path.name
    assert not [p for p in out.iterdir() if p.suffix != ".docx" and not p.name.startswith(".")]
