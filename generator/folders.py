"""Where a plan repository keeps its files, relative to the folder plangen runs in."""
from __future__ import annotations

from pathlib import Path

PLANS_DIR = Path("plans")
OUTPUT_DIR = Path("output")


def plan_files(directory: Path = PLANS_DIR) -> list[Path]:
    """The plans of a folder, in name order."""
    return sorted(directory.glob("*.yaml"))
