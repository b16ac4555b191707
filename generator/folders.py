"""Where a plan repository keeps its files, relative to the folder plangen runs in."""
from __future__ import annotations

from pathlib import Path

PLANS_DIR = Path("plans")
OUTPUT_DIR = Path("output")
STATUS_DIR = Path("status")     # status/<plan>/<period>.yaml (generator/track/status.py)


def plan_files(directory: Path = PLANS_DIR) -> list[Path]:
    """The plans of a folder, in name order."""
    return sorted(directory.glob("*.yaml"))
