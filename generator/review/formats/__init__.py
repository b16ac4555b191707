"""A plan diff written out: ``text`` for a terminal, ``markdown`` for a merge request, ``json``
for tools. The names are the choices of ``plangen diff --format``."""
from __future__ import annotations

import json

from generator.review.changes import PlanDiff
from generator.review.formats.markdown import render_markdown
from generator.review.formats.text import render_text

FORMATS = ("text", "markdown", "json")


def format_diff(diff: PlanDiff, fmt: str, color: bool = False) -> str:
    if fmt == "markdown":
        return render_markdown(diff)
    if fmt == "json":
        return json.dumps(diff.as_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return render_text(diff, color)
