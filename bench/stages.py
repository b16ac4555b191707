"""Where a child plan's load+check goes, stage by stage (issue 17, goal 2: ≤ 3 ms of CPU).

    .venv/bin/python bench/stages.py [province|nation] [PASSES]

Loads a generated tree (bench/tree.py) through one Workspace in tree order, as a build worker
does, so a child's parents are already loaded and a leaf is forgotten once loaded; only plans
that extend another are counted.
Each stage is timed by wrapping the function the workspace calls (CPU time of this process):
read (YAML with positions), merge (inherit), validate (schema), context + placeholders,
rules, to_model; "other" is what is left (the workspace's own bookkeeping).
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# (module, function name, stage) — the functions workspace.py and inherit.py call by name
STAGES = (("generator.plan.inherit", "load_file", "read YAML"),
          ("generator.plan.inherit", "merge_plan", "merge (inherit)"),
          ("generator.plan.workspace", "validate_tree", "validate"),
          ("generator.plan.workspace", "_context", "context"),
          ("generator.plan.workspace", "evaluate_tree", "placeholders"),
          ("generator.plan.workspace", "check_plan", "rules"),
          ("generator.plan.workspace", "build_plan", "to_model"))


def _load_all(paths: list[Path]) -> list[float]:
    """CPU seconds of each child's load, in one workspace, in the order given; a plan nothing
    extends is forgotten once loaded, as a build worker forgets it once written (keeping
    every leaf instead would time the memory growth of 180 trees, not the loads)."""
    from generator.commands import tune_collector
    from generator.plan.workspace import Workspace
    tune_collector()
    workspace = Workspace()
    parents = _parents(paths)
    seconds = []
    for path in paths:
        start = time.process_time()
        loaded = workspace.load(path)
        spent = time.process_time() - start
        if loaded.parent is not None:
            seconds.append(spent)
        if path.resolve() not in parents:
            workspace.forget(path)
    return seconds


def _parents(paths: list[Path]) -> set[Path]:
    """The plans that another of ``paths`` extends (read off their ``extends:`` lines)."""
    from generator.plan.extends import parent_path, quick_extends
    named = ((p, quick_extends(p.read_bytes())) for p in paths)
    return {parent_path(p, value).resolve() for p, value in named if value}


def child_seconds(paths: list[Path]) -> float:
    """The mean CPU seconds of a child plan's load+check, parents already loaded."""
    seconds = _load_all(paths)
    return sum(seconds) / len(seconds)


def breakdown(paths: list[Path]) -> tuple[dict[str, float], int]:
    """{stage: CPU seconds summed over the children}, and how many children."""
    import importlib
    spent: dict[str, float] = {stage: 0.0 for _, _, stage in STAGES}
    counting = [False]

    def timed(fn, stage):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                if counting[0]:
                    spent[stage] += time.process_time() - start
        return wrapper

    for module, name, stage in STAGES:
        mod = importlib.import_module(module)
        setattr(mod, name, timed(getattr(mod, name), stage))
    from generator.commands import tune_collector
    from generator.plan.workspace import Workspace
    tune_collector()
    workspace = Workspace()
    parents = _parents(paths)
    total, children = 0.0, 0
    for path in paths:
        counting[0] = False
        resolved = workspace.resolver.resolve(path)     # parents come first in tree order
        counting[0] = resolved.parent is not None
        if counting[0]:
            workspace.resolver.forget(path)             # time its read and merge too
        start = time.process_time()
        workspace.load(path)
        if counting[0]:
            total += time.process_time() - start
            children += 1
        if path.resolve() not in parents:
            workspace.forget(path)                      # as _load_all does
    spent["other"] = total - sum(spent.values())
    return spent, children


def main(argv: list[str]) -> int:
    import tree
    name = argv[0] if argv else "province"
    passes = int(argv[1]) if len(argv) > 1 else 3
    nodes = tree.nation_tree() if name == "nation" else tree.province_tree()
    with tempfile.TemporaryDirectory(prefix="plangen-stages-") as work:
        paths = tree.write_tree(nodes, Path(work))
        mean = statistics.median(child_seconds(paths) for _ in range(passes))
        spent, children = breakdown(paths)
    print(f"{name} tree: {len(paths)} plans, {children} children; load+check per child "
          f"{mean * 1000:.2f} ms CPU (median of {passes} passes)")
    for stage, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<16} {seconds / children * 1000:6.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
