"""The files plangen ships besides its code: the Word template and the plans' JSON Schema.

They stay in the repository's templates/ and schema/ (plans name ../schema/plan.schema.json in
their modeline); pyproject.toml maps those folders to the data packages generator.templates and
generator.schema, which a wheel installs inside generator/. The import system says where a data
package is (``importlib.util.find_spec``: the same answer ``importlib.resources`` would give for
a package on disk, without the ~10 ms its import costs every command, a no-op build included).
A bare checkout on sys.path, with no install at all, reads the repository's folders directly.
"""
from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

_TOP = Path(__file__).resolve().parents[1]


def _file(folder: str, name: str) -> Path:
    """``name`` in the data package for ``folder``: a real file, as wheels install unzipped."""
    try:
        spec = find_spec(f"generator.{folder}")
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return _TOP / folder / name
    return Path(next(iter(spec.submodule_search_locations))) / name


TEMPLATE = _file("templates", "plan.docx")
JSON_SCHEMA = _file("schema", "plan.schema.json")
