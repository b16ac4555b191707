"""Every file plangen writes can be opened by whom the umask says: 0644 under 022, 0640 under 027.

Files are written to a temporary and renamed, and temporaries are created 0600; these tests
run each command that writes under both umasks and read the mode of what it left.
"""
from __future__ import annotations

import os
import stat

import pytest

from generator.build.state import STATE_NAME

from ..conftest import run_cli


@pytest.fixture(params=[0o022, 0o027], ids=["umask022", "umask027"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_kind_of_file_has_the_mode_the_umask_gives(plans_dir, umask):
    expected = 0o666 & ~umask
    assert expected in (0o644, 0o640)
    out = plans_dir.parent / "output"
    assert run_cli("build", "plans/province.yaml").exit_code == 0
    assert run_cli("redline", "plans/province.yaml", "plans/department.yaml",
                   "-o", "output/r.redline.docx").exit_code == 0
    assert run_cli("new", "--extends", "plans/province.yaml", "--issuer", "Sở Tư pháp",
                   "-o", "plans/so-tu-phap.yaml").exit_code == 0
    assert run_cli("new", "--next-year", "plans/province.yaml",
                   "-o", "plans/province-2024.yaml").exit_code == 0
    assert run_cli("schema", "-o", "schema.json").exit_code == 0
    written = [out / "province.docx", out / STATE_NAME, out / "r.redline.docx",
               plans_dir / "so-tu-phap.yaml", plans_dir / "province-2024.yaml",
               plans_dir.parent / "schema.json"]
    assert {p.name: oct(mode(p)) for p in written} == {p.name: oct(expected) for p in written}
    # Rewriting a file gives it the umask's mode too, whatever mode the old file had.
    (out / "province.docx").chmod(0o600)
    assert run_cli("build", "--force", "plans/province.yaml").exit_code == 0
    assert mode(out / "province.docx") == expected
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_private_umask_keeps_files_private(plans_dir):
    old = os.umask(0o077)
    try:
        assert run_cli("build", "plans/province.yaml").exit_code == 0
    finally:
        os.umask(old)
    assert mode(plans_dir.parent / "output" / "province.docx") == 0o600
