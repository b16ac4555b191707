"""Write output files so that a reader only ever sees the old file or the new one.

A file is written to a temporary beside its place and renamed over it. The temporary is created
new (``O_EXCL``, a random name) with the mode ``open`` gives (0666 less the umask), not the
owner-only 0600 of ``tempfile.mkstemp``: colleagues on a shared folder can open what plangen
writes, and a umask of 077 still keeps it private. (``tempfile`` is not imported: it costs a
build's start-up several milliseconds for ``random`` and ``shutil``.)
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable

from generator.errors import file_problem


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``.

    ``durable=False`` skips the flush (a disk round trip, ~8 ms) for records derived from
    other files (the build's state, cache entries): a crash may lose one, which only costs
    the work again. A DOCX is always flushed before its rename, even in a tree build: without
    it a crash could leave an empty file in place of a good one (delayed allocation), and
    flushing all of a build's files once at the end would mean renaming none of them before
    then; a build waits for the flush on a thread of its own instead (Flusher). A failure is
    a UsageProblem naming ``path`` (``cannot write x.docx: the disk is full``).
    """
    try:
        _write(path, data, durable)
    except OSError as e:
        raise file_problem(e, path, "cannot write") from None


def _write(path: Path, data: bytes, durable: bool) -> None:
    try:
        tmp, fd = _temporary(path)
    except FileNotFoundError:           # the folder is made only when missing: a mkdir per
        path.parent.mkdir(parents=True, exist_ok=True)      # file cost a tree build ~2%
        tmp, fd = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _temporary(path: Path) -> tuple[Path, int]:
    """A new file ``.<name>.<random>.tmp`` beside ``path``, open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue



class Flusher:
    """write_atomic on a thread of its own, one file at a time: a build goes on with the next
    plan while the disk flushes the last one. The flush is a disk round trip the writing
    process would otherwise sit through (the nation tree, 3,355 plans on 2 cores, spent ~3 s
    of its ~23 s in it); the file still takes its place only once it is on disk.

    ``then(error)`` reports each write's end (None, or the exception, a UsageProblem for a
    file that cannot be written) on the caller's thread: when the next write is handed over,
    at ``wait()``, or when the ``with`` block ends.
    """

    def __init__(self) -> None:
        self._writing: tuple[threading.Thread, list, Callable] | None = None

    def __enter__(self) -> "Flusher":
        return self

    def __exit__(self, *exc) -> None:
        self.wait()

    def write(self, path: Path, data: bytes, then: Callable[[Exception | None], None]) -> None:
        self.wait()
        ended: list[Exception | None] = []

        def run() -> None:
            try:
                write_atomic(path, data)
            except Exception as e:          # handed to ``then``, whatever it is
                ended.append(e)
            else:
                ended.append(None)
        thread = threading.Thread(target=run, name="plangen-write")
        thread.start()
        self._writing = (thread, ended, then)

    def wait(self) -> None:
        """Let the write in flight end, and report it."""
        if self._writing is None:
            return
        thread, ended, then = self._writing
        self._writing = None
        thread.join()
        then(ended[0] if ended else RuntimeError("the writing thread ended without a word"))
