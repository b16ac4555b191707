"""Does the fast schema check pay for itself? Paired builds of one tree, with and without it.

    .venv/bin/python bench/fast_path.py nation [RUNS]     # 3,355 plans (about 5 min a build)
    .venv/bin/python bench/fast_path.py province [RUNS]   # 232 plans

Each build is a fresh ``plangen build --force`` process with the default worker count. The
"cerberus" variant replaces ``validate.accepts`` with one that always answers "not sure", so
Cerberus checks every plan, as it would without schema_check; its validator is made before
the pool forks, as the build's preload would then do. Runs alternate (fast, cerberus, fast …)
so that drift of the machine falls on both.
"""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tree  # noqa: E402
from measure import ROOT, environment  # noqa: E402

VARIANTS = {
    "fast": "",
    "cerberus": "import generator.plan.validate as v\n"
                "v.accepts = lambda tree: False\n"
                "v._validator()\n",
}
MAIN = "from generator.commands import main\nmain(sys.argv[1:])\n"


def build(variant: str, plans: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the build and its workers)."""
    code = "import sys\n" + VARIANTS[variant] + MAIN
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, "build", str(plans), "-o", str(out), "--force"],
                   cwd=ROOT, env=environment(), check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main(argv: list[str]) -> int:
    name, runs = argv[0], int(argv[1]) if len(argv) > 1 else 2
    with tempfile.TemporaryDirectory(prefix="plangen-fast-path-") as work:
        plans = Path(work, name)
        tree.write_tree(tree.nation_tree() if name == "nation" else tree.province_tree(), plans)
        count = len(list(plans.glob("*.yaml")))
        times: dict[str, list[tuple[float, float]]] = {v: [] for v in VARIANTS}
        for n in range(runs):
            for variant in VARIANTS:
                wall, cpu = build(variant, plans, Path(work, "out"))
                times[variant].append((wall, cpu))
                print(f"{name} ({count} plans) run {n + 1} {variant}: {wall:.1f} s wall, "
                      f"{cpu:.1f} s CPU", flush=True)
    for i, what in enumerate(("wall", "CPU")):
        fast, slow = (statistics.median(t[i] for t in times[v]) for v in VARIANTS)
        print(f"median {what}: fast path {fast:.1f} s, Cerberus only {slow:.1f} s; "
              f"the fast path saves {(slow - fast) / slow:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
