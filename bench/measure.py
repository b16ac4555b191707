"""Run a command as a user would and measure it: wall time, peak RSS, what it printed.

Peak memory is reported two ways. ``max_rss`` is what resource.getrusage(RUSAGE_CHILDREN)
gives: the RSS of the largest single process of the tree (the build or one pool worker),
taken in a wrapper process so that earlier runs do not count. ``total_rss`` samples /proc
(every 50 ms, or as often as the caller asks) and adds up the proportional set size (PSS) of
every process of the tree: what the machine had to hold at once, pages shared after fork
counted once. The sampler is a process of its own on a 2-core machine (about 5% of a core at
50 ms), so a long run samples less often, and its time is not the sampler's.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANGEN = ROOT / ".venv" / "bin" / "plangen"
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
p = subprocess.run(sys.argv[2:], capture_output=True, text=True)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    json.dump({"code": p.returncode, "out": p.stdout, "err": p.stderr, "seconds": seconds,
               "max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, report)
"""


@dataclass
class Run:
    seconds: float
    code: int
    out: str
    err: str
    max_rss_mb: float
    total_rss_mb: float


def environment() -> dict:
    """The user's environment, with bytecode caching on (as on a developer's machine)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def plangen(*args: str | Path, cwd: Path = ROOT, sample: float = 0.0,
            env: dict | None = None) -> Run:
    """``plangen ARGS`` in a fresh process, timed from spawn to exit (start-up included).

    ``sample`` > 0 also follows the summed PSS of the process tree every ``sample`` seconds
    (it costs some CPU); ``env`` adds to the environment (PLANGEN_CACHE_DIR, say).
    """
    return run([str(PLANGEN), *map(str, args)], cwd=cwd, sample=sample, env=env)


def run(cmd: list[str | Path], cwd: Path = ROOT, sample: float = 0.0,
        env: dict | None = None) -> Run:
    """Any command, measured as ``plangen`` is: the same wrapper, so anchors compare fairly."""
    with tempfile.TemporaryDirectory() as work:
        report = Path(work, "report.json")
        wrapped = [sys.executable, "-c", _WRAPPER, str(report), *map(str, cmd)]
        proc = subprocess.Popen(wrapped, cwd=cwd, env={**environment(), **(env or {})})
        total = _sample_tree_rss(proc, sample) if sample > 0 else 0.0
        proc.wait()
        data = json.loads(report.read_text())
    return Run(data["seconds"], data["code"], data["out"], data["err"],
               data["max_rss_kb"] / 1024, total)


def median_of(count: int, make_run) -> tuple[float, list[Run]]:
    runs = [make_run(i) for i in range(count)]
    return statistics.median(r.seconds for r in runs), runs


def _sample_tree_rss(proc: subprocess.Popen, every: float) -> float:
    """Peak of the summed PSS of ``proc`` and all its descendants, in MB."""
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_kb(pid) for pid in _descendants(proc.pid)))
        time.sleep(every)
    return peak / 1024


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        out += frontier
    return out


def _rss_kb(pid: int) -> int:
    """PSS from smaps_rollup (RSS from status where the kernel lacks it), in kB."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except OSError:
            continue
    return 0
