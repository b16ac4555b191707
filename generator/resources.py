"""The files plangen ships besides its code: the Word template and the plans' JSON Schema."""
from __future__ import annotations

from pathlib import Path

_TOP = Path(__file__).resolve().parents[1]

TEMPLATE = _TOP / "templates" / "plan.docx"
JSON_SCHEMA = _TOP / "schema" / "plan.schema.json"
