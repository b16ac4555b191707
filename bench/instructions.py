"""Instructions a child plan's load+check executes, counted by valgrind's callgrind.

    .venv/bin/python bench/instructions.py                 # this checkout
    .venv/bin/python bench/instructions.py OTHER_CHECKOUT  # and another, side by side

Times on a shared machine drift by tens of percent within minutes (bench/run.py pairs its
measurements for that reason), too much to see a change of a few percent. An instruction
count does not drift: this loads the province tree (bench/tree.py) through one Workspace,
as bench/stages.py does, once with its children and once without, and prints the
difference per child. It takes about a minute a checkout under callgrind, and needs
``valgrind`` (``apt-get install -y valgrind``); it is not part of bench/run.py.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
COLLECTED = re.compile(r"Collected : (\d+)")

# Run in the checkout measured (its generator/ first on the path): load the tree's parents,
# and with "children" also each child, forgotten once loaded as a build worker forgets it.
LOAD = """
import sys
from pathlib import Path
from generator.commands import tune_collector
from generator.plan.extends import parent_path, quick_extends
from generator.plan.workspace import Workspace
tune_collector()
paths = [Path(p) for p in Path(sys.argv[2]).read_text().split()]
named = ((p, quick_extends(p.read_bytes())) for p in paths)
parents = {parent_path(p, v).resolve() for p, v in named if v}
workspace = Workspace()
for path in paths:
    if path.resolve() in parents:
        workspace.load(path)
if sys.argv[1] == "children":
    for path in paths:
        if path.resolve() not in parents:
            workspace.load(path)
            workspace.forget(path)
"""


def counted(checkout: Path, what: str, listing: Path) -> int:
    """Instructions of the whole process loading ``what`` (parents, or children too)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(checkout)
    env["PYTHONHASHSEED"] = "0"             # the same dict layouts in every run
    with tempfile.TemporaryDirectory(prefix="plangen-callgrind-") as work:
        out = subprocess.run(["valgrind", "--tool=callgrind",
                              f"--callgrind-out-file={work}/callgrind.out",
                              sys.executable, "-c", LOAD, what, str(listing)],
                             cwd=checkout, env=env, capture_output=True, text=True)
    found = COLLECTED.search(out.stderr)
    if out.returncode != 0 or not found:
        raise SystemExit(f"{checkout}: callgrind failed:\n{out.stderr[-2000:]}")
    return int(found[1])


def main(argv: list[str]) -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install -y valgrind", file=sys.stderr)
        return 1
    sys.path.insert(0, str(BENCH))
    sys.path.insert(0, str(BENCH.parent))
    import stages
    import tree
    checkouts = [BENCH.parent] + [Path(a).resolve() for a in argv]
    with tempfile.TemporaryDirectory(prefix="plangen-instructions-") as work:
        paths = tree.write_tree(tree.province_tree(), Path(work, "province"))
        listing = Path(work, "paths.txt")
        listing.write_text("\n".join(map(str, paths)))
        children = len(paths) - len(stages._parents(paths))
        first = None
        for checkout in checkouts:
            per_child = (counted(checkout, "children", listing)
                         - counted(checkout, "parents", listing)) / children
            first = first or per_child
            print(f"{checkout}: {per_child / 1e6:.2f} M instructions per child's load+check "
                  f"({children} children; {per_child / first - 1:+.1%} against the first)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
