"""A small per-user cache of derived data, kept between runs so a cold start skips the work.

Entries are JSON files named by a key that hashes everything they derive from (see
build_state.fingerprint), so a stale entry is never read: a new key is simply a new file.
The folder is ``$PLANGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/plangen``, else
``~/.cache/plangen``; ``PLANGEN_CACHE_DIR=`` (empty) turns the cache off. A cache that
cannot be read or written is the same as an empty one: it only ever costs the work again.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .write import write_atomic


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
        write_atomic(where / f"{kind}-{key}.json", json.dumps(data).encode("utf-8"))
    except OSError:
        pass
