"""PyYAML's import, ~4 ms cheaper for every command (~13 ms → ~9 ms; a one-plan build is ~100 ms).

When imported, PyYAML's pure-Python reader compiles a pattern of the characters YAML refuses,
written as "none of these allowed ranges". Python's pattern compiler walks those ranges a code
point at a time, some 64,000 of them (~6.5 ms). The same set written as the few characters it
holds compiles in under a millisecond and matches exactly the same ones
(tests/plan/test_yaml_import.py checks every code point). Python looks a pattern up by its
text in its cache of compiled patterns before compiling it, so the cheap one is placed there
under PyYAML's text. generator/__init__.py imports this module, so it runs before any module
of the package imports PyYAML; where Python keeps that cache differently, nothing is placed
and the import takes its usual time.
"""
from __future__ import annotations

import re
import sys

YAML_REFUSED = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
SAME_SET = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"


def prepare() -> None:
    """Put the cheap pattern in Python's cache under PyYAML's text, if PyYAML is still to come."""
    cache = getattr(re, "_cache", None)
    if "yaml" not in sys.modules and isinstance(cache, dict):
        cache.setdefault((str, YAML_REFUSED, 0), re.compile(SAME_SET))


prepare()
