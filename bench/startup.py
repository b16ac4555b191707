"""Where a one-plan build's start-up goes: ``python -X importtime``, median of several runs.

    .venv/bin/python bench/startup.py [PLAN] [RUNS]     # default plans/an-giang-2023.yaml, 7

Runs ``plangen build PLAN --force`` in fresh processes (template cache warm, bytecode
written) and prints: the whole import time, the top-level imports by cumulative time, the
generator's modules, and the heaviest modules by their own time (what a lazy import or a
cheaper module-level statement would save). Times are under -X importtime, which adds a
little to each import; compare runs of this script with each other, not with bench/run.py.
"""
from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
MAIN = "import sys\nfrom generator.commands import main\nmain(sys.argv[1:])\n"


def importtimes(plan: Path, runs: int) -> tuple[dict, dict, dict]:
    """Per module, the median over runs of (self µs, cumulative µs), and each one's importer."""
    own, cum, parent = defaultdict(list), defaultdict(list), {}
    with tempfile.TemporaryDirectory(prefix="plangen-startup-") as work:
        env = {"PLANGEN_CACHE_DIR": str(Path(work, "cache")), "PATH": "/usr/bin:/bin"}
        cmd = [sys.executable, "-X", "importtime", "-c", MAIN, "build", str(plan), "--force",
               "-o", str(Path(work, "out"))]
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True)   # warm up
        for _ in range(runs):
            err = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                                 check=True).stderr
            stack: list[str] = []
            for line in err.splitlines()[::-1]:       # importtime prints children first
                m = LINE.match(line)
                if not m:
                    continue
                depth, name = len(m[3]) // 2, m[4]
                del stack[depth:]
                if depth:
                    parent.setdefault(name, stack[depth - 1] if len(stack) >= depth else "?")
                stack.append(name)
                own[name].append(int(m[1]))
                cum[name].append(int(m[2]))
    med = lambda d: {k: statistics.median(v + [0] * (runs - len(v))) for k, v in d.items()}  # noqa: E731
    return med(own), med(cum), parent


def main(argv: list[str]) -> int:
    plan = Path(argv[0]) if argv else ROOT / "plans" / "an-giang-2023.yaml"
    runs = int(argv[1]) if len(argv) > 1 else 7
    own, cum, parent = importtimes(plan.resolve(), runs)
    top = {k: v for k, v in cum.items() if k not in parent}
    print(f"imports of `plangen build {plan.name} --force`, median of {runs} runs: "
          f"{sum(own.values()) / 1000:.1f} ms in {len(own)} modules")
    print("\ntop-level imports (cumulative ms):")
    for name, us in sorted(top.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {us / 1000:6.1f}  {name}")
    gen = {k: v for k, v in own.items() if k.startswith("generator")}
    print(f"\ngenerator's own modules: {sum(gen.values()) / 1000:.1f} ms self in {len(gen)}"
          " (self ms / cumulative ms):")
    for name in sorted(gen, key=lambda k: -cum[k])[:20]:
        print(f"  {own[name] / 1000:6.1f} / {cum[name] / 1000:6.1f}  {name}")
    print("\nheaviest modules by self time (ms, imported by):")
    for name, us in sorted(own.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {us / 1000:6.1f}  {name:<36} ← {parent.get(name, '(top)')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
