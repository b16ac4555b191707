"""Benchmark for issue 14: the roll-up of a province tree (181 plans) with a status file each.

    .venv/bin/python bench/rollup.py            # generate into a temporary folder, time, print
    .venv/bin/python bench/rollup.py --keep DIR # leave the tree and status files in DIR

The tree is bench/tree.py's province (1 + 20 departments + 10 districts × 15 communes); each
plan gets a status file for 2023-Q2 with seeded random states (``statuses``): the same seed
gives the same files. The roll-up runs as ``plangen report … --tree`` in its own process, the
way a user runs it, so start-up counts; the figure printed is the best of three runs, once
as XLSX and once as DOCX. The target is under 5 s on 2 cores.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tree  # noqa: E402

PERIOD = "2023-Q2"
AS_OF = date(2023, 6, 14)
TARGET_S = 5.0
RUNS = 3
# (state, share): a tenth of the tasks have no entry at all
STATES = (("done", 0.45), ("in_progress", 0.25), ("not_started", 0.15), ("cancelled", 0.05))


def status_text(node: tree.Node, rng: random.Random, period: str = PERIOD,
                as_of: date = AS_OF) -> str:
    """A status file for ``node``: each of its tasks in a random state, a tenth left out; a
    done task's date is a random day of the year up to ``as_of``."""
    days = (as_of - date(as_of.year, 1, 1)).days
    tasks = {}
    for slot in node.slots:
        roll, bound = rng.random(), 0.0
        for state, share in STATES:
            bound += share
            if roll < bound:
                entry = {"state": state}
                if state == "done":
                    entry["date"] = (date(as_of.year, 1, 1)
                                     + timedelta(days=rng.randint(0, days))).isoformat()
                    entry["result"] = "Đã hoàn thành"
                elif rng.random() < 0.3:
                    entry["note"] = "Đang triển khai"
                tasks[slot.id] = entry
                break
    data = {"plan": node.stem, "period": period, "as_of": as_of.isoformat(), "tasks": tasks}
    return yaml.dump(data, Dumper=tree.DUMPER, allow_unicode=True, sort_keys=False, width=120)


def write_statuses(nodes: list[tree.Node], top: Path, seed: int = 7, period: str = PERIOD,
                   as_of: date = AS_OF) -> list[Path]:
    """status/<plan>/<period>.yaml under ``top`` for every node."""
    rng = random.Random(seed)
    out = []
    for node in nodes:
        path = top / "status" / node.stem / f"{period}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(status_text(node, rng, period, as_of), encoding="utf-8")
        out.append(path)
    return out


def timed(top: Path, target: Path) -> tuple[float, float]:
    """Seconds for one ``plangen report … --tree`` run in ``top``: wall clock, and the CPU
    time of the process and its workers (on a shared machine the wall clock also counts
    other people's work; the CPU time does not)."""
    command = [sys.executable, "-m", "generator", "report", "plans/tinh-an-giang.yaml",
               "--period", PERIOD, "--tree", "-o", str(target), "--force"]
    before, start = _cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=top, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(tree.ROOT)})
    seconds, cpu = time.perf_counter() - start, _cpu() - before
    if done.returncode != 0:
        sys.exit(f"roll-up failed:\n{done.stdout}{done.stderr}")
    return seconds, cpu


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the tree here and leave it")
    args = parser.parse_args(argv)
    top = args.keep or Path(tempfile.mkdtemp(prefix="plangen-rollup-"))
    try:
        nodes = tree.province_tree()
        tree.write_tree(nodes, top / "plans")
        write_statuses(nodes, top)
        print(f"{len(nodes)} plans, {len(nodes)} status files ({PERIOD}) in {top}; "
              f"{os.cpu_count()} cores", file=sys.stderr)
        for suffix in ("xlsx", "docx"):
            best, cpu = min(timed(top, top / f"rollup.{suffix}") for _ in range(RUNS))
            verdict = "met" if best < TARGET_S else "NOT met"
            print(f"roll-up of {len(nodes)} plans to {suffix.upper()}: {best:.2f} s "
                  f"(best of {RUNS}; {cpu:.2f} s CPU; load average {os.getloadavg()[0]:.1f}; "
                  f"target < {TARGET_S:.0f} s: {verdict})")
    finally:
        if args.keep is None:
            shutil.rmtree(top, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
