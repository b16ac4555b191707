"""Write output files so that a reader only ever sees the old file or the new one.

A file is written to a temporary beside its place and renamed over it. ``mkstemp`` creates the
temporary readable by its owner only (0600), so its mode is set to what ``open`` would have
given (0666 less the umask) before the rename: colleagues on a shared folder can open what
plangen writes, and a umask of 077 still keeps it private.
"""
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
        if hasattr(os, "fchmod"):           # POSIX; Windows has no modes to set
            os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process's umask (it can only be read by setting it; set straight back)."""
    mask = os.umask(0o22)
    os.umask(mask)
    return mask
