"""Scaffold a child plan: identity and signature to fill in, the parent's tasks as comments.

The scaffold is valid as it stands (it inherits everything the parent has), so it builds at
once. The issuer block follows Decree 30's header rules for the kind of issuer (identity());
what only the author can know (number, day, signer's name) is left blank, as a draft prints
it, and marked ``# TODO`` (which ``plangen validate --final`` refuses).
The parent's tasks are indexed at the end, commented out, one line each in the shape an
override takes, with their current lead and deadline: uncommenting a task (with the lines
above it that lead to it) gives a no-op override to edit, or a drop. ``plangen new
--refresh`` rewrites the index when the parent changes (refreshed_index).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.plan.model import Group, Plan
from generator.plan.schema import is_group
from generator.scaffold.draft import Draft, NewPlanError, extends_value, load, modeline, quoted
from generator.plan.workspace import Workspace
from generator.tree import Map

# The levels of an administrative unit, longest first: "thị xã" before "xã".
LEVELS = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "đặc khu", "xã")
COMMITTEE = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")
# The head who signs for each kind of agency (Decree 30: the title above the name).
HEADS = (("văn phòng", "CHÁNH VĂN PHÒNG"), ("thanh tra", "CHÁNH THANH TRA"),
         ("chi cục", "CHI CỤC TRƯỞNG"), ("cục", "CỤC TRƯỞNG"), ("sở", "GIÁM ĐỐC"),
         ("trung tâm", "GIÁM ĐỐC"), ("phòng", "TRƯỞNG PHÒNG"), ("ban", "TRƯỞNG BAN"))
SNIPPET = 60


def child_plan(parent_path: Path, issuer: str, output: Path) -> Draft:
    """The text of a new plan for ``issuer`` that extends the plan at ``parent_path``."""
    workspace = Workspace()
    parent = load(parent_path, workspace).model
    raw = workspace.resolver.resolve(parent_path).tree      # placeholders not yet evaluated
    lines = [modeline(output), *_header(parent, issuer, parent_path),
             f"extends: {quoted(extends_value(parent_path, output))}", ""]
    who = identity(issuer, parent)
    lines += _identity(parent, who) + [""] + _body(raw) + [""]
    lines += _closing(who.signer) + [""] + task_comments(raw, parent)
    return Draft("\n".join(lines) + "\n")


def _header(parent: Plan, issuer: str, parent_path: Path) -> list[str]:
    return [f"# {issuer}: plan for {parent.year}, implementing {parent.document.type_name} "
            f"{parent.document.code} of {parent.issuer.full} ({parent_path.name}).",
            "# Scaffolded by `plangen new --extends`: replace every value marked TODO.",
            "# Everything else is inherited; the parent's tasks are listed at the end."]


def abbreviation(name: str) -> str:
    """The ký hiệu of an agency: UBND for a people's committee, else its initials (SXD)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", name.replace("đ", "Đ"))
                    if unicodedata.category(c) != "Mn")
    if plain.lower().startswith(("uy ban nhan dan", "ubnd")):
        return "UBND"
    letters = "".join(word[0] for word in plain.split() if word[0].isalnum()).upper()
    return "".join(c for c in letters if c.isdigit() or "A" <= c <= "Z" or c == "Đ") or "CQ"


def parent_line(parent: Plan) -> str:
    """The line above the child's name: the parent agency, as in "UBND TỈNH AN GIANG"."""
    name = list(parent.issuer.name)
    if parent.issuer.abbr == "UBND" and len(name) > 1:
        return " ".join(["UBND", *name[1:]]).upper()
    return " ".join(name).upper()


@dataclass(frozen=True)
class Identity:
    """The issuer block of a new plan, by Decree 30's header rules for its kind of agency."""

    parent: str | None          # the superior line; None for a People's Committee
    name: tuple[str, ...]
    full: str
    short: str
    abbr: str
    place: str
    signer: tuple[str, ...]     # the signature lines above the (blank) name


def identity(issuer: str, parent: Plan) -> Identity:
    """A People's Committee heads its own unit: no superior line, its name on two lines
    ("ỦY BAN NHÂN DÂN" / "XÃ PHÚ THỌ"), its unit as the place (Decree 30: the place is the unit
    where the issuer sits, without its level: "Phú Thọ"). A department or office prints the
    agency above it, sits where that agency sits, and is named in sentences by its kind ("Sở")."""
    plain = unicodedata.normalize("NFC", issuer)
    lower = plain.casefold()
    committee = next((p for p in COMMITTEE if lower.startswith(p)), None)
    if committee is not None:
        unit = plain[len(committee):].strip()
        level = next((lv for lv in LEVELS if unit.casefold().startswith(lv + " ")), "")
        place = unit[len(level):].strip() if level else unit
        return Identity(None, ("ỦY BAN NHÂN DÂN", unit.upper()), f"Ủy ban nhân dân {unit}",
                        level or "Ủy ban nhân dân", "UBND", place,
                        ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))
    kind = next((k for k, _ in HEADS if lower.startswith(k + " ")), None)
    short = plain[:len(kind)] if kind else plain.split()[0]
    head = dict(HEADS).get(kind, "THỦ TRƯỞNG")
    return Identity(parent_line(parent), (plain.upper(),), plain, short, abbreviation(plain),
                    parent.issuer.place, (head,))


def _identity(parent: Plan, who: Identity) -> list[str]:
    """The issuer and document blocks; what only the author knows (the number, the day) is
    left blank, as a draft prints it, and marked TODO."""
    day = parent.document.date
    superior = (f"  parent: {quoted(who.parent)}  # TODO: the agency directly above the issuer"
                if who.parent else "  # no parent: line: a People's Committee prints none")
    return [
        "issuer:",
        superior,
        f"  name: [{', '.join(quoted(n) for n in who.name)}]  # TODO: as printed, one entry per line",
        f"  full: {quoted(who.full)}",
        f"  short: {quoted(who.short)}  # how sentences name the issuer (\"UBND {who.short}\")"
        if who.abbr == "UBND" else
        f"  short: {quoted(who.short)}  # how sentences name the issuer (\"… của {who.short}\")",
        f"  abbr: {quoted(who.abbr)}  # TODO: ký hiệu in numbers (…/KH-{who.abbr})",
        f"  place: {quoted(who.place)}  # TODO: the place before the date",
        "",
        "document:",
        '  number: ""  # TODO: the number, once issued',
        '  type: "KH"',
        f'  date: "{day.year}-{day.month:02d}"  # TODO: the day of signing, YYYY-MM-DD',
    ]


def _body(raw: Map) -> list[str]:
    title = raw["plan"]["title"]
    return ["# units:  # this plan's own units, or new names for the parent's unit ids",
            '#   van_phong: "Văn phòng"',
            "",
            "plan:",
            f"  title: {quoted(title)}  # TODO: this plan's own title"]


def _closing(signer: tuple[str, ...]) -> list[str]:
    return ["signature:  # TODO: who signs (lines as printed above the name)",
            f"  lines: [{', '.join(quoted(line) for line in signer)}]",
            '  name: ""  # TODO: the signer\'s name',
            "",
            "recipients:  # TODO: Nơi nhận",
            f"  - {quoted('Như trên;')}",
            f"  - {quoted('Lưu: VT.')}"]


def refreshed_index(path: Path) -> Draft:
    """The plan at ``path`` with its index of the parent's tasks rewritten from the parent as
    it is now (added at the end when the file has none); the rest of the file is untouched."""
    workspace = Workspace()
    loaded = load(path, workspace)
    if loaded.parent is None:
        raise NewPlanError([f"{loaded.label}: does not extend a plan; --refresh lists a "
                            "parent's tasks"], usage=True)
    raw = workspace.resolver.resolve(loaded.parent.path).tree
    index = task_comments(raw, loaded.parent.model)
    lines = path.read_text(encoding="utf-8").splitlines()
    if INDEX_BEGIN in lines and INDEX_END in lines[lines.index(INDEX_BEGIN):]:
        start = lines.index(INDEX_BEGIN)
        end = lines.index(INDEX_END, start) + 1
        lines[start:end] = index
    else:
        lines += [""] + index if lines and lines[-1].strip() else index
    return Draft("\n".join(lines) + "\n", unfit="the plan with its refreshed index does not "
                                              "validate (please report this):")


INDEX_BEGIN = "# --- the parent's tasks (plangen new --refresh rewrites this block) ---"
INDEX_END = "# --- end of the parent's tasks ---"


def task_comments(raw: Map, parent: Plan) -> list[str]:
    """The parent's appendix as a compact index: parts and groups by id, one line per task
    with its lead and deadline, in the shape an override takes, between INDEX_BEGIN and
    INDEX_END (what ``plangen new --refresh`` rewrites when the parent changes)."""
    appendix = raw.get("appendix")
    if not appendix or parent.appendix is None:
        return []
    labels = _labels(parent)
    out = [INDEX_BEGIN,
           "# To change a task: uncomment it with the appendix:, parts:, groups: and tasks:",
           "# lines leading to it, then edit its lead or deadline, or write drop: true in its",
           "# braces to leave it out. A later deadline than the parent's needs a deadline_reason.",
           "# appendix:", "#   parts:"]
    for part in appendix.get("parts") or []:
        out += _holder(part, 3, labels, parent.units)
    return out + [INDEX_END]


def _labels(plan: Plan) -> dict[str, str]:
    """Each part, group and task id with how the parent prints it ("I. …", "3. …")."""
    out: dict[str, str] = {}

    def visit(items):
        for item in items:
            if isinstance(item, Group):
                out[item.id] = f"{item.number}. {item.title}"
                visit(item.items)
            else:
                number = (item.cell("number") or item.cell("stt") or ("",))[0]
                text = " ".join(item.cell("content"))
                out[item.id] = f"{number}. {text}" if number else text

    for part in plan.appendix.parts:
        out[part.id] = part.heading or ""
        visit(part.items)
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1].rstrip() + "…"


def _label(labels: dict[str, str], item_id: str) -> str:
    label = labels.get(item_id)
    return f"  # {_short(label)}" if label else ""


def _holder(item: Map, depth: int, labels: dict[str, str], units: dict[str, str]) -> list[str]:
    """A part or group: its id, then its tasks and groups, nested as the YAML nests them."""
    pad = "#" + " " * (2 * depth - 1)
    out = [f"{pad}- id: {item['id']}{_label(labels, item['id'])}"]
    if item.get("tasks"):
        out.append(f"{pad}  tasks:")
        for task in item["tasks"]:      # a sub-group written among the tasks stays in its place
            out += (_holder if is_group(task) else _task)(task, depth + 2, labels, units)
    if item.get("groups"):
        out.append(f"{pad}  groups:")
        for group in item["groups"]:
            out += _holder(group, depth + 2, labels, units)
    return out


def _task(task: Map, depth: int, labels: dict[str, str], units: dict[str, str]) -> list[str]:
    """One line: ``- {id: …, lead: […], deadline: "…"}  # 3. the task's text``."""
    pad = "#" + " " * (2 * depth - 1)
    fields = [f"id: {task['id']}"]
    lead = task.get("lead")
    ids = ([lead] if isinstance(lead, str) else list(lead)) if lead else []
    if ids:
        fields.append(f"lead: [{', '.join(ids)}]")
    deadline = task.get("deadline")
    if isinstance(deadline, str):
        fields.append(f"deadline: {quoted(deadline)}")
    elif isinstance(deadline, list):
        fields.append(f"deadline: [{', '.join(quoted(d) for d in deadline)}]")
    return [f"{pad}- {{{', '.join(fields)}}}{_label(labels, task['id'])}"]


__all__ = ["Identity", "abbreviation", "child_plan", "identity", "parent_line", "refreshed_index",
           "task_comments"]
