"""Write output files so that a reader only ever sees the old file or the new one.

A file is written to a temporary beside its place and renamed over it. The temporary is created
new (``O_EXCL``, a random name) with the mode ``open`` gives (0666 less the umask), not the
owner-only 0600 of ``tempfile.mkstemp``: colleagues on a shared folder can open what plangen
writes, and a umask of 077 still keeps it private. (``tempfile`` is not imported: it costs a
build's start-up several milliseconds for ``random`` and ``shutil``.)
"""
from __future__ import annotations

import os
import queue
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
    temp = _Temporary(path, data)
    temp.settle(temp.flush() if durable else None)


class _Temporary:
    """``data`` in a new file beside ``path``, not yet flushed nor in its place: the three
    steps of write_atomic, so that a Flusher can wait for the middle one on another thread."""

    __slots__ = ("path", "tmp", "fd")

    def __init__(self, path: Path, data: bytes):
        self.path = path
        try:
            try:
                self.tmp, self.fd = _created(path)
            except FileNotFoundError:   # the folder is made only when missing: a mkdir per
                path.parent.mkdir(parents=True, exist_ok=True)  # file cost a tree build ~2%
                self.tmp, self.fd = _created(path)
        except OSError as e:
            raise file_problem(e, path, "cannot write") from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view):]
        except BaseException as e:
            self._discard()
            if isinstance(e, OSError):
                raise file_problem(e, path, "cannot write") from None
            raise

    def flush(self) -> OSError | None:
        """Flush the file to disk (any thread may wait for it); the failure, if any."""
        try:
            os.fsync(self.fd)
        except OSError as e:
            return e
        return None

    def settle(self, failure: BaseException | None = None) -> None:
        """Put the file in its place; after a ``failure`` (of its flush), remove it and raise."""
        try:
            os.close(self.fd)
            if failure is not None:
                raise failure
            os.replace(self.tmp, self.path)
        except BaseException as e:
            self.tmp.unlink(missing_ok=True)
            if isinstance(e, OSError):
                raise file_problem(e, self.path, "cannot write") from None
            raise

    def _discard(self) -> None:
        os.close(self.fd)
        self.tmp.unlink(missing_ok=True)


def _created(path: Path) -> tuple[Path, int]:
    """A new file ``.<name>.<random>.tmp`` beside ``path``, open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue


class Flusher:
    """write_atomic with its flush on a thread of its own: the caller goes on with its next
    piece of work while the disk flushes the last file. The flush is a disk round trip the
    writing process would otherwise sit through (the nation tree, 3,355 plans on 2 cores,
    spent ~3 s of its ~23 s in it). One thread serves every write (starting a thread for each
    cost the caller ~2 ms a file, waiting for it to be scheduled); the file is written by the
    caller, and put in its place, once it is on disk, by the caller too.

    ``then(error)`` reports each write's end (None, or the exception, a UsageProblem for a
    file that cannot be written) on the caller's thread: when the next write is handed over,
    at ``wait()``, or when the ``with`` block ends.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue | None = None
        self._thread: threading.Thread | None = None
        self._pending: tuple[_Temporary, threading.Event, list, Callable] | None = None

    def __enter__(self) -> "Flusher":
        return self

    def __exit__(self, *exc) -> None:
        self.wait()
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None

    def write(self, path: Path, data: bytes, then: Callable[[Exception | None], None]) -> None:
        self.wait()
        try:
            temp = _Temporary(path, data)
        except Exception as e:
            then(e)
            return
        if self._thread is None:
            self._jobs = queue.SimpleQueue()
            self._thread = threading.Thread(target=self._flushing, name="plangen-flush",
                                            daemon=True)
            self._thread.start()
        done, failure = threading.Event(), []
        self._jobs.put((temp, done, failure))
        self._pending = (temp, done, failure, then)

    def wait(self) -> None:
        """Let the write in flight end, and report it."""
        if self._pending is None:
            return
        temp, done, failure, then = self._pending
        self._pending = None
        done.wait()
        try:
            temp.settle(failure[0])
        except Exception as e:
            then(e)
        else:
            then(None)

    def _flushing(self) -> None:
        while (job := self._jobs.get()) is not None:
            temp, done, failure = job
            try:
                failure.append(temp.flush())
            except BaseException as e:  # not a disk's failure: the caller reports it as such
                failure.append(e)
            finally:
                done.set()              # whatever happened, the caller is not left waiting
