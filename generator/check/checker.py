"""The rule list and the entry point that runs every rule over one DOCX.

Each rule is a function ``Doc -> Iterator[str]`` yielding one message per problem; the rule id
is given here, once, so that ids and order are visible in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from generator.check import appendix_layout as appendix, body, closing, fonts, heading

from generator.check import page_setup as page, unsigned
from generator.check.view import Doc, open_doc
from generator.check.reader import DocxError

Rule = Callable[[Doc], Iterable[str]]

RULES: tuple[tuple[str, Rule], ...] = (
    ("page", page.check_page),
    ("fonts", fonts.check_fonts),
    ("header-table", heading.check_header_table),
    ("title", heading.check_title),
    ("legal-bases", body.check_legal_bases),
    ("body", body.check_body),
    ("end-mark", body.check_end_mark),
    ("closing-block", closing.check_closing_block),
    ("page-numbers", page.check_page_numbers),
    ("appendix", appendix.check_appendix),
)
# Rules whose findings are warnings: printed, but a file with only these passes.
WARNING_RULES: tuple[tuple[str, Rule], ...] = (
    ("unsigned", unsigned.check_unsigned),
)
FILE_RULE = "file"     # the id of the one finding given for a file that cannot be read


@dataclass(frozen=True)
class Finding:
    """One departure from Decree 30/2020 in one file."""

    path: str
    rule: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}: {self.rule}: {kind}{self.message}"


def check_docx(path: str | Path, warnings: bool = False) -> list[Finding]:
    """Every finding for the DOCX at ``path``, in rule order; an unreadable file gives one.
    With ``warnings``, the WARNING_RULES' findings follow (what ``plangen check`` prints);
    without, the list is the departures from Decree 30 alone, empty for a conforming draft."""
    name = str(path)
    try:
        doc = open_doc(path)
    except DocxError as exc:
        return [Finding(name, FILE_RULE, str(exc))]
    return ([Finding(name, rule_id, message) for rule_id, rule in RULES for message in rule(doc)]
            + [Finding(name, rule_id, message, warning=True)
               for rule_id, rule in WARNING_RULES if warnings for message in rule(doc)])
