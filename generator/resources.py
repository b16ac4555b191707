"""The files plangen ships besides its code: the Word template and the plans' JSON Schema.

They stay in the repository's templates/ and schema/ (plans name ../schema/plan.schema.json in
their modeline); pyproject.toml maps those folders to the data packages generator.templates and
generator.schema, so importlib.resources finds them in an installed wheel and in an editable
install alike. A bare checkout on sys.path, with no install at all, reads the folders directly.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_TOP = Path(__file__).resolve().parents[1]


def _file(folder: str, name: str) -> Path:
    """``name`` in the data package for ``folder``: a real file, as wheels install unzipped."""
    try:
        return Path(files(f"generator.{folder}").joinpath(name))
    except ModuleNotFoundError:
        return _TOP / folder / name


TEMPLATE = _file("templates", "plan.docx")
JSON_SCHEMA = _file("schema", "plan.schema.json")
