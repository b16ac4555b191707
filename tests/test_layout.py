"""The package layout holds: imports point down the pipeline, never up, and never in a circle."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Each floor may import from the floors below it, never from one above or beside it.
FLOORS = [
    {"commands"},
    {"ingest"},                         # the importer reuses review's alignment and scaffold's writer
    {"build", "review", "scaffold", "track"},
    {"render"},
    {"plan"},
    {"basics"},
]
BASICS = {"errors", "record", "tree", "page", "write", "folders", "resources"}
APART = {"check"}                      # the conformance checker shares no code with the renderer


def _floor(unit: str) -> int:
    return next(i for i, floor in enumerate(FLOORS) if unit in floor)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(path: Path) -> set[str]:
    """Every generator module named by an import in the file, lazy imports inside functions too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            submodules = {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
            found |= submodules                 # `from package import module` needs the module
            if len(submodules) < len(node.names):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found


def _unit(module: str) -> str | None:
    """The package a module belongs to; the loose modules beside the packages are the basics."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] == "__main__":
        return None
    return parts[1] if (PACKAGE / parts[1]).is_dir() else "basics"


MODULES = _modules()
EDGES = {name: {m for m in _imports(path) if m in MODULES and m != name}
         for name, path in MODULES.items()}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_from_its_own_package_or_below(module):
    unit = _unit(module)
    if unit is None:
        return
    for target in EDGES[module]:
        other = _unit(target)
        if other in (None, unit):
            continue
        if unit in APART or other in APART:
            assert unit not in APART or other == "basics", f"{module} (apart) imports {target}"
            assert other not in APART or unit == "commands", f"{module} imports {target} (apart)"
            continue
        assert _floor(other) > _floor(unit), f"{module} imports {target}: an arrow up or sideways"


def test_no_module_imports_itself_through_a_circle():
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(EDGES[name]):
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " -> ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target, path + [target])
        state[name] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name, [name])


def test_only_the_basics_stand_outside_a_package():
    loose = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert loose == BASICS


def test_no_two_modules_share_a_name_but_a_command_group_and_its_package():
    seen: dict[str, list[str]] = {}
    for name in MODULES:
        leaf = name.rsplit(".", 1)[-1]
        if leaf not in {"__main__", "generator"} and _unit(name) != "commands":
            seen.setdefault(leaf, []).append(name)
    assert {leaf: names for leaf, names in seen.items() if len(names) > 1} == {}
