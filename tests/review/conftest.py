"""Shared names for the review tests: the repository's plans, the seeds, git and CLI helpers."""
from __future__ import annotations

from ..conftest import GIT_ENV, ROOT, TREE, edit, git, invoke  # noqa: F401  (re-exported)

PLANS = ROOT / "plans"
STRUCTURED = ROOT.parent / "shared" / "seeds" / "structured"
