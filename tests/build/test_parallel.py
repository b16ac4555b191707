"""-j N builds the same bytes as -j 1, and a killed parallel build leaves no worker behind."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from generator.build.run import MAX_CHUNK, TAIL_CUT, BuildRequest, chunks, run_build, tapered
from generator.build.state import SourceReader
from generator.build.worker import Job

from .conftest import build, kill_after_writes, make_tree


def test_parallel_output_equals_serial_byte_for_byte(tree, tmp_path):
    serial = build(tree["province"].parent, tmp_path / "serial", jobs=1)
    parallel = build(tree["province"].parent, tmp_path / "parallel", jobs=3)
    assert len(serial.built) == len(parallel.built) == len(tree)
    names = sorted(p.name for p in (tmp_path / "serial").glob("*.docx"))
    assert names == sorted(p.name for p in (tmp_path / "parallel").glob("*.docx"))
    for name in names:
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes(), name


def test_chunks_keep_a_subtree_together_and_parents_first(tree):
    sources = [SourceReader().read(p) for p in tree.values()]
    jobs = [Job(s.path, s.arg, Path(s.path.stem + ".docx")) for s in sources]
    parts = chunks(jobs, sources, workers=2)
    assert sorted(j.path.stem for part in parts for j in part) == sorted(tree)
    for part in parts:
        districts = {j.path.stem.split("-xa-")[0] for j in part if "-xa-" in j.path.stem}
        assert len(districts) <= 1
    order = [j.path.stem for part in parts for j in part]
    assert order.index("huyen-1") < order.index("huyen-1-xa-1")
    assert order[0] == "province"


def _workers_of(cwd: Path) -> list[int]:
    """Processes still running in ``cwd`` (orphaned pool workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                if os.readlink(f"/proc/{entry}/cwd") == str(cwd):
                    found.append(int(entry))
            except OSError:
                continue
    return found


def test_a_killed_parallel_build_leaves_whole_files_and_no_workers(tmp_path):
    plans = make_tree(tmp_path / "plans")
    out = tmp_path / "output"
    assert run_build(BuildRequest(sorted(plans.values()), out, jobs=1)).exit_code == 0
    good = {p.name: p.read_bytes() for p in out.glob("*.docx")}
    for writes in (2, 8):
        assert kill_after_writes(tmp_path, ["build", "plans", "--force", "-j", "2"], writes) == -signal.SIGKILL
        deadline = time.monotonic() + 15
        while _workers_of(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _workers_of(tmp_path), "pool workers outlived the killed build"
        for path in out.glob("*.docx"):
            assert path.read_bytes() == good[path.name], path.name


def test_a_few_plans_left_over_from_a_subtree_join_its_last_chunk(tmp_path):
    """Two roots of 3 × MAX_CHUNK + 3 plans each: MAX_CHUNK × 3 + 3 would leave each 3 to run
    last (largest first), their parent long forgotten by then; they join the chunk before
    instead, and a chunk still never mixes two roots."""
    paths = []
    for name in ("a", "b"):
        root = tmp_path / f"{name}.yaml"
        root.write_text("x: 1\n")
        paths.append(root)
        for i in range(3 * MAX_CHUNK + 2):
            child = tmp_path / f"{name}-xa-{i:03}.yaml"
            child.write_text(f"extends: {name}.yaml\n")
            paths.append(child)
    sources = [SourceReader().read(p) for p in paths]
    jobs = [Job(s.path, s.arg, Path(s.path.stem + ".docx")) for s in sources]
    parts = chunks(jobs, sources, workers=1)
    assert [len(p) for p in parts] == [MAX_CHUNK, MAX_CHUNK, MAX_CHUNK + 3] * 2
    assert [{j.path.stem[0] for j in part} for part in parts] == [{"a"}] * 3 + [{"b"}] * 3


def test_a_province_of_the_nation_is_one_chunk(tmp_path):
    """Provinces of a root and 98 communes, as bench/tree.py's nation has them: in a build of
    nine, each travels as one chunk (one worker loads its root once)."""
    paths = []
    for n in range(9):
        paths.append(tmp_path / f"tinh-{n}.yaml")
        paths[-1].write_text("x: 1\n")
        for i in range(98):
            paths.append(tmp_path / f"tinh-{n}-xa-{i:03}.yaml")
            paths[-1].write_text(f"extends: tinh-{n}.yaml\n")
    sources = [SourceReader().read(p) for p in paths]
    jobs = [Job(s.path, s.arg, Path(s.path.stem + ".docx")) for s in sources]
    parts = chunks(jobs, sources, workers=2)
    assert [len(p) for p in parts] == [99] * 9
    assert all(len({j.path.stem.split("-xa-")[0] for j in part}) == 1 for part in parts)


def test_the_last_chunk_of_each_worker_is_cut_smaller_so_that_the_workers_end_together():
    """Largest first; the last round (one chunk per worker) in quarters, each subtree's
    pieces in its order, every plan once."""
    def jobs(name: str, count: int) -> list[Job]:
        return [Job(Path(f"/p/{name}-{i:03}.yaml"), Path(f"{name}-{i:03}.yaml"),
                    Path(f"{name}-{i:03}.docx")) for i in range(count)]
    parts = [jobs("a", 99), jobs("b", 40), jobs("c", 98), jobs("d", 99)]
    run = tapered(parts, workers=2)
    assert [len(p) for p in run] == [99, 99] + [25, 25, 25, 23] + [10] * TAIL_CUT
    assert [j for p in run[2:6] for j in p] == parts[2]
    assert [j for p in run[6:] for j in p] == parts[1]
    assert sorted(j.arg for p in run for j in p) == sorted(j.arg for p in parts for j in p)
    assert [len(p) for p in tapered([jobs("a", 3)], workers=4)] == [1, 1, 1]
