"""Synthetic plan trees for the benchmarks, derived from the real seed plans.

    .venv/bin/python bench/tree.py province DIR     # 1 + 20 departments + 10 districts × 15 communes
    .venv/bin/python bench/tree.py nation DIR       # 34 provinces + 3,321 communes
    .venv/bin/python bench/tree.py tasks N FILE     # one root plan with N appendix tasks

A province is plans/an-giang-2023.yaml with its issuer changed. Every child is written the way
plans/an-giang-so-xay-dung-2023.yaml is: its own issuer, document, units and signature, leads
and deadlines overridden on about a third of the inherited tasks, a few tasks dropped and two
added. Deadlines are only ever moved earlier, so every generated plan is valid. All choices
come from a seeded random generator: the same arguments give the same files.
"""
from __future__ import annotations

import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.plan import deadlines  # noqa: E402
from generator.plan.load import load_file  # noqa: E402

SEED_PLAN = ROOT / "plans" / "an-giang-2023.yaml"
YEAR = 2023
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

PROVINCES = ("An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk",
             "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Nội", "Hà Tĩnh", "Hải Phòng",
             "Huế", "Hưng Yên", "Khánh Hòa", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng",
             "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
             "Sơn La", "Tây Ninh", "Thái Nguyên", "Thanh Hóa", "Hồ Chí Minh", "Tuyên Quang",
             "Vĩnh Long")
DEPARTMENTS = ("Sở Xây dựng", "Sở Tư pháp", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế",
               "Sở Giáo dục và Đào tạo", "Sở Công Thương", "Sở Giao thông vận tải",
               "Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội",
               "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường",
               "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch",
               "Sở Khoa học và Công nghệ", "Sở Ngoại vụ", "Thanh tra tỉnh", "Ban Dân tộc",
               "Ban Quản lý Khu kinh tế", "Văn phòng UBND tỉnh")
NATION_COMMUNES = 3321


@dataclass(frozen=True)
class Slot:
    """One task of a resolved plan: where it sits, its id and its deadline as written."""

    where: tuple[tuple[str, str], ...]      # (("parts", id), ("groups", id)) …
    id: str
    deadline: str | None


@dataclass
class Node:
    """A plan to write: its file stem, parent stem, the text and the tasks it ends up with."""

    stem: str
    text: str
    slots: list[Slot]
    parent: str | None = None
    children: list["Node"] = field(default_factory=list)


# --- the seed ---------------------------------------------------------------------------------

def seed_slots() -> list[Slot]:
    """The tasks of the seed plan in document order."""
    tree = load_file(SEED_PLAN)
    out: list[Slot] = []

    def walk(holder, where):
        for key in ("parts", "groups", "tasks"):
            for item in holder.get(key) or []:
                if key == "tasks":
                    out.append(Slot(where, item["id"], item.get("deadline")))
                else:
                    walk(item, where + ((key, item["id"]),))

    walk(tree["appendix"], ())
    return out


def province_text(name: str) -> str:
    """The seed plan with the issuer of province ``name``."""
    text = SEED_PLAN.read_text(encoding="utf-8")
    for old, new in (('"TỈNH AN GIANG"', f'"TỈNH {name.upper()}"'),
                     ('full: "Ủy ban nhân dân tỉnh An Giang"', f'full: "Ủy ban nhân dân tỉnh {name}"'),
                     ('place: "An Giang"', f'place: "{name}"')):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


# --- children ---------------------------------------------------------------------------------

def slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def abbr(name: str) -> str:
    letters = [w[0] for w in slug(name).split("-") if w and w not in ("va",)]
    return "".join(letters).upper()[:6] or "UB"


def earlier(deadline: str | None, rng: random.Random) -> str | None:
    """A deadline no later than ``deadline`` (None when it names no comparable date)."""
    if not deadline:
        return None
    try:
        parsed = deadlines.parse(deadline.replace("{{ year }}", str(YEAR)), YEAR)
    except deadlines.DeadlineError:
        return None
    if not parsed.comparable or parsed.latest.year != YEAR:
        return None
    day = max(parsed.latest - timedelta(days=rng.randint(0, 20)), parsed.latest.replace(day=1))
    return f"Trước ngày {day.day:02d}/{day.month:02d}/{{{{ year }}}}"


def child(stem: str, parent: Node, issuer: dict, units: dict[str, str], rng: random.Random,
          extra: dict | None = None) -> Node:
    """A child of ``parent``: overrides on a third of the tasks, a few dropped, two added."""
    unit_ids = list(units)
    slots = list(parent.slots)
    changes: dict[tuple, list[dict]] = {}
    kept: list[Slot] = []
    for slot in slots:
        roll = rng.random()
        if roll < 0.08:
            changes.setdefault(slot.where, []).append({"id": slot.id, "drop": True})
            continue
        if roll < 0.40:
            change = {"id": slot.id, "lead": rng.choice(unit_ids)}
            sooner = earlier(slot.deadline, rng) if rng.random() < 0.5 else None
            if sooner:
                change["deadline"] = sooner
                slot = replace(slot, deadline=sooner)
            changes.setdefault(slot.where, []).append(change)
        kept.append(slot)
    for n in (1, 2):
        anchor = rng.choice(kept)
        new_id = f"{stem}-them-{n}"
        changes.setdefault(anchor.where, []).append({
            "id": new_id, "after": anchor.id,
            "content": f"Nhiệm vụ riêng số {n} của {{{{ issuer.full }}}} năm {{{{ year }}}}",
            "lead": unit_ids[0], "deadline": "Thường xuyên",
            "result": "Báo cáo kết quả thực hiện"})
        kept.insert(kept.index(anchor) + 1, Slot(anchor.where, new_id, "Thường xuyên"))
    data = {"extends": f"{parent.stem}.yaml", "issuer": issuer,
            "document": {"number": "", "type": "KH", "date": f"{YEAR}-02-{rng.randint(1, 28):02d}"},
            "units": units, **(extra or {}),
            "appendix": {"parts": _nest(changes)},
            "signature": {"lines": ["KT. THỦ TRƯỞNG", "PHÓ THỦ TRƯỞNG"], "name": "Nguyễn Văn A"},
            "recipients": [f"{parent_name(parent)};", "Lưu: VT."]}
    text = "# synthetic plan (bench/tree.py)\n" + yaml.dump(
        data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=120)
    node = Node(stem, text, kept, parent.stem)
    parent.children.append(node)
    return node


def parent_name(node: Node) -> str:
    return "Cơ quan cấp trên" if node.parent else "UBND tỉnh"


def _nest(changes: dict[tuple, list[dict]]) -> list[dict]:
    """The change lists placed under their parts and groups, in the parent's order."""
    root: dict = {}
    for where, tasks in changes.items():
        holder = root
        for key, item_id in where:
            holder = holder.setdefault(key, {}).setdefault(item_id, {"id": item_id})
        holder.setdefault("tasks", []).extend(tasks)

    def lists(holder: dict) -> dict:
        out = {k: v for k, v in holder.items() if k not in ("parts", "groups")}
        for key in ("groups",):
            if key in holder:
                out[key] = [lists(g) for g in holder[key].values()]
        return out

    return [lists(p) for p in root.get("parts", {}).values()]


def units_for(prefix: str, label: str) -> dict[str, str]:
    return {f"{prefix}_van_phong": f"Văn phòng {label}",
            f"{prefix}_chuyen_mon": f"Các bộ phận chuyên môn thuộc {label}",
            f"{prefix}_mot_cua": f"Bộ phận một cửa {label}"}


# --- trees ------------------------------------------------------------------------------------

def province(name: str, slots: list[Slot]) -> Node:
    return Node(f"tinh-{slug(name)}", province_text(name), slots)


def department(top: Node, province_name: str, name: str, rng: random.Random) -> Node:
    issuer = {"parent": f"UBND TỈNH {province_name.upper()}", "name": [name.upper()],
              "full": name, "short": name.split()[0], "abbr": abbr(name), "place": province_name}
    return child(f"{top.stem}-{slug(name)}", top, issuer, units_for("dv", name), rng)


def district(top: Node, province_name: str, n: int, rng: random.Random) -> Node:
    name = f"Huyện Số {n}"
    issuer = {"name": ["ỦY BAN NHÂN DÂN", name.upper()], "full": f"Ủy ban nhân dân {name.lower()}",
              "short": "huyện", "abbr": "UBND", "place": province_name}
    return child(f"{top.stem}-huyen-{n:02d}", top, issuer, units_for("huyen", name.lower()), rng)


def commune(parent: Node, place: str, n: int, rng: random.Random) -> Node:
    name = f"Xã Số {n}"
    issuer = {"name": ["ỦY BAN NHÂN DÂN", name.upper()], "full": f"Ủy ban nhân dân {name.lower()}",
              "short": "xã", "abbr": "UBND", "place": place}
    extra = {"plan": {"bases": [{"cite": "parent"}]}}
    return child(f"{parent.stem}-xa-{n:03d}", parent, issuer, units_for("xa", name.lower()),
                 rng, extra)


def province_tree(name: str = "An Giang", seed: int = 1) -> list[Node]:
    """1 province + 20 departments + 10 districts × 15 communes = 181 plans."""
    rng = random.Random(seed)
    top = province(name, seed_slots())
    nodes = [top] + [department(top, name, d, rng) for d in DEPARTMENTS]
    for n in range(1, 11):
        seat = district(top, name, n, rng)
        nodes += [seat] + [commune(seat, name, c, rng) for c in range(1, 16)]
    return nodes


def nation_tree(seed: int = 1) -> list[Node]:
    """34 provinces and 3,321 communes under them (the two-level administration of 2025)."""
    rng = random.Random(seed)
    slots = seed_slots()
    nodes = []
    for i, name in enumerate(PROVINCES):
        top = province(name, slots)
        count = NATION_COMMUNES // len(PROVINCES) + (i < NATION_COMMUNES % len(PROVINCES))
        nodes += [top] + [commune(top, name, c, rng) for c in range(1, count + 1)]
    return nodes


def write_tree(nodes: list[Node], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for node in nodes:
        path = directory / f"{node.stem}.yaml"
        path.write_text(node.text, encoding="utf-8")
        paths.append(path)
    return paths


# --- growth -----------------------------------------------------------------------------------

def tasks_plan(count: int) -> str:
    """The seed plan with its appendix replaced by one part of ``count`` short tasks."""
    text = SEED_PLAN.read_text(encoding="utf-8")
    head = text[:text.index("  parts:\n", text.index("\nappendix:"))]
    lines = [head + "  parts:\n    - id: nhiem-vu\n      title: \"Nhiệm vụ\"\n      groups:\n"]
    for g in range(0, count, 50):
        lines.append(f"        - id: nhom-{g // 50 + 1}\n          title: \"Nhóm {g // 50 + 1}\"\n"
                     "          tasks:\n")
        for n in range(g + 1, min(g + 50, count) + 1):
            lines.append(f'            - {{id: t{n}, content: "Rà soát thủ tục số {n}", '
                         'lead: vp_ubnd_tinh, deadline: "Quý I/{{ year }}"}\n')
    tail = text[text.index("\nsignature:"):]
    return "".join(lines) + tail


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] in ("province", "nation"):
        nodes = province_tree() if argv[0] == "province" else nation_tree()
        paths = write_tree(nodes, Path(argv[1]))
        print(f"{len(paths)} plans in {argv[1]}")
        return 0
    if len(argv) == 3 and argv[0] == "tasks":
        Path(argv[2]).write_text(tasks_plan(int(argv[1])), encoding="utf-8")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
