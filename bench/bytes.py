"""Do the plans in plans/ still build to the same bytes? (issue 17: "same bytes as today")

    .venv/bin/python bench/bytes.py            # build every plan, compare with the stored list
    .venv/bin/python bench/bytes.py --update   # build every plan, store the new list

The list is tests/fixtures/bytes.sha256 (``sha256sum`` format, one DOCX a line), checked by
tests/build/test_same_bytes.py. Speed work must leave it unchanged. A change that is meant
to change a document (a new layout rule, a new template) runs ``--update`` and says in its
commit which documents changed and why; ``plangen text`` shows what differs in words.

Each build is a fresh ``plangen build --force`` process with an empty template cache, so the
first plan renders the template and the others read the skeleton it stored: both ways count.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
STORED = ROOT / "tests" / "fixtures" / "bytes.sha256"
_MAIN = "import sys\nfrom generator.commands import main\nmain(sys.argv[1:])\n"


def build_digests(plans: Path = PLANS) -> dict[str, str]:
    """{DOCX file name: sha256} of a fresh ``plangen build --force`` of ``plans``."""
    with tempfile.TemporaryDirectory(prefix="plangen-bytes-") as work:
        out, cache = Path(work, "out"), Path(work, "cache")
        env = {**os.environ, "PLANGEN_CACHE_DIR": str(cache)}
        run = subprocess.run([sys.executable, "-c", _MAIN, "build", str(plans), "--force",
                              "-o", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"plangen build failed:\n{run.stdout}{run.stderr}")
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.glob("*.docx"))}


def read_stored(path: Path = STORED) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        out[name] = digest
    return out


def format_digests(digests: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(digests.items()))


def differences(stored: dict[str, str], built: dict[str, str]) -> list[str]:
    """One line per document that is new, gone or changed; empty when the bytes are the same."""
    out = []
    for name in sorted(stored.keys() | built.keys()):
        if name not in built:
            out.append(f"{name}: no longer built")
        elif name not in stored:
            out.append(f"{name}: new (not in {STORED.name})")
        elif stored[name] != built[name]:
            out.append(f"{name}: bytes changed")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help=f"store the new list in {STORED}")
    args = parser.parse_args(argv)
    built = build_digests()
    if args.update:
        STORED.write_text(format_digests(built), encoding="utf-8")
        print(f"stored {len(built)} digests in {STORED.relative_to(ROOT)}")
        return 0
    changed = differences(read_stored(), built)
    for line in changed:
        print(line)
    if not changed:
        print(f"same bytes: {len(built)} documents")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
