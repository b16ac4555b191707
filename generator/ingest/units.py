"""Readable ASCII ids from Vietnamese names, unique within a plan.

Unit ids (``[a-z][a-z0-9_]*``) and item ids (``[a-z0-9][a-z0-9_.-]*``) are both made from the
name's first words without diacritics: "Văn phòng UBND tỉnh" -> ``van_phong_ubnd_tinh``.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Container

MAX_WORDS = 6
MAX_ITEM_WORDS = 5


def ascii_words(text: str) -> list[str]:
    """The words of ``text`` in lower-case ASCII ("Đổi mới" -> ["doi", "moi"])."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", plain.lower())


class Ids:
    """Hands out ids, never the same one twice (a clash gets ``_2``, ``-3`` …)."""

    def __init__(self, sep: str, words: int, fallback: str):
        self.sep, self.words, self.fallback = sep, words, fallback
        self.used: set[str] = set()

    def make(self, text: str) -> str:
        words = ascii_words(text)[: self.words] or [self.fallback]
        base = self.sep.join(words)
        if not base[0].isalpha():
            base = f"{self.fallback}{self.sep}{base}"
        candidate = unique_name(base, self.used, self.sep)
        self.used.add(candidate)
        return candidate


def unique_name(wanted: str, taken: Container[str], joint: str) -> str:
    """``wanted``, or when that is taken ``wanted`` + ``joint`` + 2, 3 … (the one way the
    importer keeps an id or a unit id apart from those already given)."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}{joint}{n}"
    return candidate


class Units:
    """Unit names as printed, each with its id, in the order first met."""

    def __init__(self):
        self.ids = Ids("_", MAX_WORDS, "don_vi")
        self.by_name: dict[str, str] = {}

    def cell(self, text: str) -> str | list[str]:
        """A lead/coordinating cell as unit ids: several units only where it says "; "."""
        names = [n for n in (part.strip() for part in text.split("; ")) if n]
        ids = [self.id(name) for name in names]
        return ids[0] if len(ids) == 1 else ids

    def id(self, name: str) -> str:
        if name not in self.by_name:
            self.by_name[name] = self.ids.make(name)
        return self.by_name[name]

    def table(self) -> dict[str, str]:
        return {uid: name for name, uid in self.by_name.items()}
