"""What a build needs to know to skip work: content hashes of every input, kept under output/.

A plan's DOCX is up to date when the plan file, every ancestor it was resolved with, the
template, the generator's code and the installed libraries all hash as they did when it was
built, and the DOCX is still the file that build wrote. The ancestors are the ones the last
build actually resolved (not a guess from the text), so an edited ``extends:`` is seen as
an edit of the plan itself. Nothing here imports the pipeline: a no-op build of a province
only reads and hashes files.

The record also keeps the hash of every file a build wrote (``written``), whatever code wrote
it and whether the plan later failed: a DOCX or PDF that no longer hashes so was changed by
someone (edited in Word, signed), and a build does not overwrite it (see ``edited``).
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from generator.plan.extends import parent_path, quick_extends
from generator.record import Factory, asdict, record
from generator.write import write_atomic

STATE_NAME = ".plangen-build.json"
STATE_VERSION = 2


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@record(frozen=False)
class Source:
    """A plan file given to the build: where it is, its bytes' hash, its parent (a hint)."""

    path: Path            # absolute, resolved
    arg: Path             # as the user named it
    sha: str
    parent: Path | None


class SourceReader:
    """Reads the plans given to one build, resolving each folder and each parent named once
    for all the plans that share it. A tree's thousands of plans sit in a few folders and
    name a few parents; resolving each file's whole path (a system call per folder on the
    way) and each parent anew took half of reading the nation tree's 3,355 plans, a start
    both workers wait for."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._parents: dict[tuple[str, str | None], Path | None] = {}

    def read(self, arg: Path) -> Source:
        path = self._resolved(os.fspath(arg))
        with open(path, "rb") as file:
            data = file.read()
        return Source(Path(path), Path(arg), sha(data), self._parent(path, data))

    def _resolved(self, name: str) -> str:
        """``os.path.realpath(name)``, with the folder's resolved once: the folder as given
        (``..`` and links in it resolved as realpath does), then the file's name, unless
        that is itself a link."""
        folder, base = os.path.split(name)
        if base in ("", ".", "..") or stat.S_ISLNK(os.lstat(name).st_mode):
            return os.path.realpath(name)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, base)

    def _parent(self, path: str, text: bytes) -> Path | None:
        """The parent named on a top-level ``extends:`` line: a scheduling hint, never
        trusted for correctness (the resolver reads the YAML properly when the plan is
        built). A line is read rather than the YAML because every plan given is read at
        every build."""
        key = (os.path.dirname(path), quick_extends(text))
        if key not in self._parents:
            self._parents[key] = parent_path(Path(path), key[1])
        return self._parents[key]


@record(frozen=False)
class FileStamp:
    """An output file as the build left it; a differing size or mtime means someone else wrote it."""

    size: int
    mtime_ns: int
    sha: str

    @classmethod
    def of(cls, path: Path, digest: str) -> "FileStamp":
        st = path.stat()
        return cls(st.st_size, st.st_mtime_ns, digest)

    def matches(self, path: Path) -> bool:
        try:
            st = path.stat()
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) == (self.size, self.mtime_ns)


@record(frozen=False)
class Entry:
    """One plan's record: its hash, its ancestors' hashes, its DOCX, and the PDF made from it."""

    sha: str
    deps: dict[str, str]
    docx: FileStamp
    pdf: FileStamp | None = None     # pdf.sha is the hash of the DOCX it was converted from

    def to_json(self) -> dict:
        out = {"sha": self.sha, "deps": self.deps, "docx": asdict(self.docx)}
        if self.pdf is not None:
            out["pdf"] = asdict(self.pdf)
        return out

    @classmethod
    def from_json(cls, data: dict) -> "Entry":
        pdf = data.get("pdf")
        return cls(data["sha"], dict(data["deps"]), FileStamp(**data["docx"]),
                   FileStamp(**pdf) if pdf else None)


@record(frozen=False)
class State:
    """The record under ``out_dir``: ``entries`` valid only for one fingerprint; ``written``
    (file name in ``out_dir`` → hash of the bytes a build last wrote there) for as long as
    the record is kept."""

    path: Path
    fingerprint: str
    entries: dict[str, Entry] = Factory(dict)
    written: dict[str, str] = Factory(dict)

    @classmethod
    def load(cls, out_dir: Path, current: str) -> "State":
        """The recorded state; no entries when missing, unreadable or from other code."""
        path = out_dir / STATE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            plans = data.get("plans") or {}
            if data.get("version") == 1:      # before ``written``: the DOCX hashes it kept
                written = {Path(k).stem + ".docx": v["docx"]["sha"] for k, v in plans.items()}
            else:
                written = {str(k): str(v) for k, v in data.get("written", {}).items()}
            if data.get("version") != STATE_VERSION or data.get("fingerprint") != current:
                return cls(path, current, {}, written)
            entries = {k: Entry.from_json(v) for k, v in plans.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path, current)
        return cls(path, current, entries, written)

    def save(self) -> None:
        plans = {k: _json(e.to_json()) for k, e in sorted(self.entries.items())}
        written = {k: _json(v) for k, v in sorted(self.written.items())}
        text = _object({"version": _json(STATE_VERSION), "fingerprint": _json(self.fingerprint),
                        "plans": _object(plans, " "), "written": _object(written, " ")}, "")
        write_atomic(self.path, text.encode(), durable=False)  # lost in a crash: rebuilt


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _object(members: dict[str, str], indent: str) -> str:
    """A JSON object of values already encoded, one member a line: a record a person can
    read, written by json's C encoder (``indent=`` takes its Python one: ~60 ms at the end
    of a nation's build)."""
    inner = indent + " "
    return "{" + ",".join(f"\n{inner}{_json(k)}: {v}" for k, v in members.items()) + f"\n{indent}}}"


class Hashes:
    """File hashes, each file read once per build (ancestors outside the given plans too)."""

    def __init__(self, sources: list[Source]):
        self._known = {str(s.path): s.sha for s in sources}

    def __call__(self, path: str) -> str | None:
        if path not in self._known:
            try:
                self._known[path] = sha(Path(path).read_bytes())
            except OSError:
                self._known[path] = None
        return self._known[path]


def docx_current(entry: Entry | None, source: Source, target: Path, hashes: Hashes) -> bool:
    """Whether the DOCX at ``target`` is what building ``source`` now would write."""
    if entry is None or entry.sha != source.sha or not entry.docx.matches(target):
        return False
    return all(hashes(dep) == digest for dep, digest in entry.deps.items())


def pdf_current(entry: Entry | None, target: Path) -> bool:
    """Whether the PDF at ``target`` was converted from the DOCX the entry records."""
    return (entry is not None and entry.pdf is not None and entry.pdf.sha == entry.docx.sha
            and entry.pdf.matches(target))


# --- hand edits -------------------------------------------------------------------------------

def edited(path: Path, recorded: str | None, new: str | None = None) -> bool:
    """Whether ``path`` holds what someone else wrote: neither the bytes a build last wrote
    there (``recorded``) nor those about to be written (``new``: a build killed before it
    saved its record wrote them). Without either hash nothing tells, and the file is not
    counted as edited."""
    if recorded is None and new is None:
        return False
    try:
        digest = sha(path.read_bytes())
    except FileNotFoundError:
        return False
    return digest not in (recorded, new)


def keep_copy(path: Path) -> Path:
    """Copy an edited ``path`` to ``<name>.bak`` (``.bak2``… when that is taken by another
    copy) before a forced build replaces it; the copy keeps the file's time and mode."""
    n = 1
    while True:
        backup = path.with_name(f"{path.name}.bak{n if n > 1 else ''}")
        if not backup.exists():
            break
        if backup.read_bytes() == path.read_bytes():
            return backup
        n += 1
    import shutil                   # only when --force replaces an edited file
    shutil.copy2(path, backup)
    return backup


def kept_message(path: Path, what: str) -> str:
    """The one line a build says about an edited file it left alone."""
    return (f"{path}: changed since plangen wrote it, so not overwritten: move it away to "
            f"{what}, or build with --force, which first keeps a copy as {path}.bak")
