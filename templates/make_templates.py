"""(Re)create templates/plan.docx from generator/render/styles.py; the same bytes every run.

    .venv/bin/python templates/make_templates.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.render.template import build_template  # noqa: E402

TEMPLATE = ROOT / "templates" / "plan.docx"


def main() -> None:
    TEMPLATE.write_bytes(build_template())
    print(f"wrote {TEMPLATE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
