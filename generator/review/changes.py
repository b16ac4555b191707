"""The result of comparing two plans, as plain records that every output format reads.

Values keep their full text here; shortening for a terminal or a merge request is the
formatter's business, so that ``--format json`` gives tools everything.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Union

Value = Union[str, int, list, None]   # a text, a number, a cell's paragraphs, or absent

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"

# The document-level sections of a diff, in the order they are shown, with their headings.
SECTIONS = (
    ("identity", "Identity"),
    ("titles", "Titles"),
    ("bases", "Legal bases"),
    ("articles", "Decision articles"),
    ("paragraphs", "Plan text"),
    ("units", "Units"),
    ("recipients", "Recipients"),
)


@dataclass(frozen=True)
class Change:
    """One value that differs. ``what`` says where, in words a reviewer can find."""

    kind: str                 # added | removed | changed | moved
    what: str
    old: Value = None
    new: Value = None


@dataclass(frozen=True)
class TaskRef:
    """Enough of a task to recognise it: its id, printed number, content and place."""

    id: str
    number: str               # the Stt (or other number) printed in its row
    content: str              # the first paragraph of its content cell
    place: str                # the group it sits in, "I. Công tác …", or "" directly in a part


@dataclass(frozen=True)
class Move:
    task: TaskRef             # as in the new plan
    old_part: str             # the part id it was in
    old_place: str
    old_after: str | None     # the id of the task or sub-group before it, None when first
    new_after: str | None


@dataclass(frozen=True)
class TaskChange:
    task: TaskRef             # as in the new plan
    fields: tuple[Change, ...]


@dataclass
class PartDiff:
    """Everything that changed in one appendix part."""

    id: str
    title: str                # the heading as printed, or the id when the part has none
    status: str = "kept"      # kept | added | removed
    changes: list[Change] = field(default_factory=list)    # heading, layout, groups
    added: list[TaskRef] = field(default_factory=list)
    dropped: list[TaskRef] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.status == "kept" and not (self.changes or self.added or self.dropped
                                              or self.moved or self.changed)


@dataclass
class PlanDiff:
    old: str                  # the sides as the user named them
    new: str
    sections: dict[str, list[Change]]
    parts: list[PartDiff]

    @property
    def equal(self) -> bool:
        return not any(self.sections.values()) and all(p.empty for p in self.parts)

    def summary(self) -> dict[str, int]:
        """Task counts and the number of other changes, for the first line of every format."""
        count = {"added": 0, "dropped": 0, "moved": 0, "changed": 0}
        for part in self.parts:
            for key in count:
                count[key] += len(getattr(part, key))
        count["other"] = sum(map(len, self.sections.values())) + \
            sum(len(p.changes) + (p.status != "kept") for p in self.parts)
        return count

    def as_json(self) -> dict:
        """Plain data with stable keys; parts without changes are left out."""
        return {
            "old": self.old, "new": self.new, "equal": self.equal,
            "summary": self.summary(),
            **{name: [asdict(c) for c in self.sections[name]] for name, _ in SECTIONS},
            "parts": [asdict(p) for p in self.parts if not p.empty],
        }
