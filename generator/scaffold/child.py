"""Scaffold a child plan: identity and signature to fill in, the parent's tasks as comments.

The scaffold is valid as it stands (it inherits everything the parent has), so it builds at
once; each value that only the author can know holds a visible placeholder marked ``# TODO``.
The parent's tasks are listed, commented out, in the shape an override takes, with their
current lead and deadline: uncommenting a task (with the lines above it that lead to it)
gives a no-op override to edit, or a drop.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.plan.model import Group, Plan
from generator.scaffold.draft import Draft, extends_value, load, modeline, quoted
from generator.plan.workspace import Workspace
from generator.tree import Map

SIGNER_LINES = ["CHỨC VỤ NGƯỜI KÝ"]
SIGNER_NAME = "Họ và tên người ký"
SNIPPET = 60


def child_plan(parent_path: Path, issuer: str, output: Path) -> Draft:
    """The text of a new plan for ``issuer`` that extends the plan at ``parent_path``."""
    workspace = Workspace()
    parent = load(parent_path, workspace).model
    raw = workspace.resolver.resolve(parent_path).tree      # placeholders not yet evaluated
    lines = [modeline(output), *_header(parent, issuer, parent_path),
             f"extends: {quoted(extends_value(parent_path, output))}", ""]
    lines += _identity(parent, issuer) + [""] + _body(raw) + [""]
    lines += _closing() + [""] + task_comments(raw, parent)
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


def _identity(parent: Plan, issuer: str) -> list[str]:
    day, abbr = parent.document.date, abbreviation(issuer)
    return [
        "issuer:",
        f"  parent: {quoted(parent_line(parent))}  # TODO: the agency above the issuer",
        f"  name: [{quoted(issuer.upper())}]  # TODO: as printed, one entry per line",
        f"  full: {quoted(issuer)}",
        f"  abbr: {quoted(abbr)}  # TODO: ký hiệu in numbers (…/KH-{abbr})",
        f"  place: {quoted(parent.issuer.place)}  # TODO: the place before the date",
        "  # short: \"…\"  # how the plan names its issuer in sentences (\"… của Sở\")",
        "",
        "document:",
        '  number: ""  # TODO: the number, once issued',
        '  type: "KH"',
        f'  date: "{day.year}-{day.month:02d}"  # TODO: the date of signing, YYYY-MM-DD',
    ]


def _body(raw: Map) -> list[str]:
    title = raw["plan"]["title"]
    return ["# units:  # this plan's own units, or new names for the parent's unit ids",
            '#   van_phong: "Văn phòng"',
            "",
            "plan:",
            f"  title: {quoted(title)}  # TODO: this plan's own title"]


def _closing() -> list[str]:
    return ["signature:  # TODO: who signs (lines as printed above the name)",
            f"  lines: [{', '.join(quoted(line) for line in SIGNER_LINES)}]",
            f"  name: {quoted(SIGNER_NAME)}",
            "",
            "recipients:  # TODO: Nơi nhận",
            f"  - {quoted('Như trên;')}",
            f"  - {quoted('Lưu: VT.')}"]


def task_comments(raw: Map, parent: Plan) -> list[str]:
    """The parent's appendix as commented overrides: parts, groups, tasks with lead and deadline."""
    appendix = raw.get("appendix")
    if not appendix or parent.appendix is None:
        return []
    labels = _labels(parent)
    out = ["# The parent's tasks, to change in this plan: uncomment a task together with the",
           "# appendix:, parts:, groups: and tasks: lines leading to it, then edit its lead or",
           "# deadline, or uncomment its `drop: true` to leave it out of this plan. A later",
           "# deadline than the parent's needs a deadline_reason.",
           "# appendix:", "#   parts:"]
    for part in appendix.get("parts") or []:
        out += _holder(part, 3, labels, parent.units)
    return out


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
        for task in item["tasks"]:
            out += _task(task, depth + 2, labels, units)
    if item.get("groups"):
        out.append(f"{pad}  groups:")
        for group in item["groups"]:
            out += _holder(group, depth + 2, labels, units)
    return out


def _task(task: Map, depth: int, labels: dict[str, str], units: dict[str, str]) -> list[str]:
    pad = "#" + " " * (2 * depth - 1)
    out = [f"{pad}- id: {task['id']}{_label(labels, task['id'])}"]
    lead = task.get("lead")
    if lead:
        ids = [lead] if isinstance(lead, str) else list(lead)
        names = "; ".join(units.get(i, "?") for i in ids)
        out.append(f"{pad}  lead: [{', '.join(ids)}]  # {_short(names)}")
    deadline = task.get("deadline")
    if isinstance(deadline, str):
        out.append(f"{pad}  deadline: {quoted(deadline)}")
    elif isinstance(deadline, list):
        out.append(f"{pad}  deadline: [{', '.join(quoted(d) for d in deadline)}]")
    out.append(f"{pad}  # drop: true")
    return out


__all__ = ["abbreviation", "child_plan", "parent_line", "task_comments"]
