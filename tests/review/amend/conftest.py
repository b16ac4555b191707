"""A git repository holding the repository's plans, and the edits the amendment tests make."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ...conftest import GIT_ENV, ROOT, edit, git, invoke, run_cli  # noqa: F401  (re-exported)

PLAN = "plans/an-giang-2023.yaml"
CHILD = "plans/an-giang-so-xay-dung-2023.yaml"


@pytest.fixture
def plans_repo(tmp_path, monkeypatch) -> Path:
    """plans/ copied into a fresh git repository with one commit; the working directory."""
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "plans")
    git(tmp_path, "commit", "-q", "-m", "issued")
    return tmp_path


def set_amendment(path: Path, block: str = '{number: "125", date: "2023-06-05"}') -> None:
    """Give the plan an ``amendment:`` block after its ``document:`` line."""
    edit(path, 'document: {number: "77", type: "QĐ", date: "2023-01-18"}\n',
         f'document: {{number: "77", type: "QĐ", date: "2023-01-18"}}\namendment: {block}\n')


def six_changes(path: Path) -> None:
    """Two deadlines, one lead, one content, one task dropped, one added (all in Mục I Phần 1)."""
    edit(path, 'deadline: "Trước 15/02/{{ year }}"\n              result: "Kế hoạch kiểm tra được',
         'deadline: "Trước 15/3/{{ year }}"\n              result: "Kế hoạch kiểm tra được')
    edit(path, 'deadline: "Quý I/{{ year }}"\n              result: "Kế hoạch Phát động thi đua được ban hành"\n'
               '            - id: kh-thi-dua-so-huyen',
         'deadline: "Quý II/{{ year }}"\n              result: "Kế hoạch Phát động thi đua được ban hành"\n'
         '            - id: kh-thi-dua-so-huyen')
    edit(path, "lead: so_ban_nganh_cap_tinh\n              coordinating: vp_ubnd_tinh",
         "lead: so_tu_phap\n              coordinating: vp_ubnd_tinh")
    edit(path, 'content: "Kế hoạch rà soát, đánh giá thủ tục hành chính năm {{ year }}"',
         'content: "Kế hoạch rà soát, đánh giá quy định, thủ tục hành chính năm {{ year }} trên địa bàn tỉnh"')
    text = path.read_text(encoding="utf-8")
    start = text.index("            - id: dau-moi-ksthc-huyen")
    end = text.index("            - id: tap-huan-ksthc")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(path, "            - id: tham-gia-tap-huan-tw", """\
            - id: tap-huan-so-hoa
              content: "Tập huấn số hóa hồ sơ, kết quả giải quyết thủ tục hành chính cho cán bộ Bộ phận một cửa"
              lead: vp_ubnd_tinh
              coordinating: so_tttt
              deadline: "Quý III/{{ year }}"
              result: "Lớp tập huấn được tổ chức"
            - id: tham-gia-tap-huan-tw""")


def twenty_leads(path: Path) -> None:
    """A reorganisation: the first 20 tasks led by the province office move to the justice office."""
    text = path.read_text(encoding="utf-8")
    assert text.count("lead: vp_ubnd_tinh\n") > 20
    path.write_text(text.replace("lead: vp_ubnd_tinh\n", "lead: so_tu_phap\n", 20), encoding="utf-8")


def diff_entries(data: dict) -> list[tuple[str, str]]:
    """Every entry of ``plangen diff --format json``, named as clauses.Clause.source names it."""
    out = [(name, c["what"]) for name in ("identity", "titles", "bases", "articles", "paragraphs",
                                          "units", "recipients") for c in data[name]]
    for part in data["parts"]:
        if part["status"] != "kept":
            out.append(("part", part["id"]))
        out += [(f"part {part['id']}", c["what"]) for c in part["changes"]]
        out += [(kind, t["id"]) for kind in ("added", "dropped") for t in part[kind]]
        out += [("moved", m["task"]["id"]) for m in part["moved"]]
        out += [("changed", t["task"]["id"]) for t in part["changed"]]
    return out
