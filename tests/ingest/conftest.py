"""Every plan of plans/ built once per session, for the import tests to read back."""
from __future__ import annotations

import pytest

from ..conftest import ROOT, run_cli

PLANS = sorted(p.stem for p in (ROOT / "plans").glob("*.yaml"))


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The folder holding <name>.docx for every plan in plans/."""
    out = tmp_path_factory.mktemp("built")
    result = run_cli("build", "--force", "-o", str(out), *(str(ROOT / "plans" / f"{n}.yaml") for n in PLANS))
    assert result.exit_code == 0, result.output
    return out
