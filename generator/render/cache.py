"""A small per-user cache of derived data, kept between runs so a cold start skips the work.

Entries are JSON files named by a key that hashes everything they derive from (see
fingerprint below), so a stale entry is never read: a new key is simply a new file.
The folder is ``$PLANGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/plangen``, else
``~/.cache/plangen``; ``PLANGEN_CACHE_DIR=`` (empty) turns the cache off. A cache that
cannot be read or written is the same as an empty one: it only ever costs the work again.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from pathlib import Path

from generator.errors import UsageProblem
from generator.write import write_atomic

VERSION = 1
GENERATOR_DIR = Path(__file__).resolve().parents[1]


def folder() -> Path | None:
    chosen = os.environ.get("PLANGEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plangen"


def load(kind: str, key: str) -> dict | None:
    where = folder()
    if where is None:
        return None
    try:
        data = json.loads((where / f"{kind}-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def store(kind: str, key: str, data: dict) -> None:
    where = folder()
    if where is None:
        return
    try:
        write_atomic(where / f"{kind}-{key}.json", json.dumps(data).encode("utf-8"), durable=False)
    except UsageProblem:
        pass                    # an unwritable cache only costs the work again


def fingerprint(template: Path | None = None) -> str:
    """One hash for everything but the plans: the code that makes a document, the template,
    Python, the libraries.

    The build's state and the skeleton cache both ask: the code part is hashed once a
    process, the template's again only when its size or modification time changes.
    """
    if template is None:
        from generator.resources import TEMPLATE as template
    st = os.stat(template)
    return _fingerprint(str(template), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _fingerprint(template: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256(_code())
    h.update(b"template\0" + Path(template).read_bytes())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _code() -> bytes:
    """The hash of the generator's source, Python's version and the rendering libraries.

    Libraries enter by the names of the metadata directories (name and version) where the
    rendering libraries are installed: found without importing them, and the same however
    Python was started (sys.path[0] differs between a script and ``python -m``).
    """
    h = hashlib.sha256(_sources_hash())
    for entry in _installed():
        h.update(entry.encode() + b"\0")
    return h.digest()


def _sources_hash() -> bytes:
    """The hash of Python's version and the modules that make a document, kept in the cache
    under each module's size and modification time: a command reads and hashes them (~1.5 ms
    of every build) only once one of them has changed."""
    names = _sources()
    stamps = hashlib.sha256(f"{VERSION} {sys.version} {GENERATOR_DIR}".encode())
    for name in names:
        st = os.stat(os.path.join(GENERATOR_DIR, name))
        stamps.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    key = stamps.hexdigest()
    kept = load("code", key)
    try:
        return bytes.fromhex(kept["sources"])
    except (TypeError, KeyError, ValueError):
        pass
    h = hashlib.sha256(f"{VERSION} {sys.version}".encode())
    for name in names:
        h.update(name.encode() + b"\0")
        with open(os.path.join(GENERATOR_DIR, name), "rb") as f:
            h.update(f.read())
    store("code", key, {"sources": h.hexdigest()})
    return h.digest()


# The packages whose code can change a document, beside the loose basics: imports point
# down (tests/test_layout.py), so none of these runs code of commands/, review/, check/ …,
# and editing those rebuilds nothing.
DOCUMENT_CODE = ("build", "render", "plan")


def _sources() -> list[str]:
    """The modules that make a document, as sorted POSIX paths relative to the package."""
    names = []
    for folder, subfolders, files in os.walk(GENERATOR_DIR):
        top = folder == os.fspath(GENERATOR_DIR)
        subfolders[:] = [d for d in subfolders if (d in DOCUMENT_CODE if top else d != "__pycache__")]
        rel = os.path.relpath(folder, GENERATOR_DIR).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        names += [prefix + f for f in files if f.endswith(".py")]
    return sorted(names)


LIBRARIES = ("docx", "docxtpl", "lxml", "jinja2", "markupsafe", "yaml", "cerberus")


def _installed() -> list[str]:
    """The dist-info names in the folders holding LIBRARIES."""
    import importlib.util
    folders = set()
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            folders.add(Path(spec.origin).parent.parent)
    names = set()
    for folder in folders:
        try:
            names.update(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(names)
