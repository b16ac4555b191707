"""Write output files so that a reader only ever sees the old file or the new one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import file_problem


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``.

    A failure is a UsageProblem naming ``path`` (``cannot write x.docx: the disk is full``).
    """
    try:
        _write(path, data)
    except OSError as e:
        raise file_problem(e, path, "cannot write") from None


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
