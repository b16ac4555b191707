"""Page geometry in twips (1/20 pt), the unit of every width and margin in WordprocessingML.

The decree fixes A4 and margin ranges (docs/nd30.md); one value from each range is chosen here
and used for portrait and landscape sections alike.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.page import MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM  # noqa: F401

TWIPS_PER_MM = 56.7
TWIPS_PER_PT = 20


def twips(mm: float) -> int:
    """Millimetres to whole twips, the way column widths are written (×56.7, rounded)."""
    return int(round(mm * TWIPS_PER_MM))


A4_SHORT = 11906
A4_LONG = 16838
HEADER_DISTANCE_MM = 10


@dataclass(frozen=True)
class Page:
    width: int
    height: int

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text_width(self) -> int:
        return self.width - twips(MARGIN_LEFT_MM) - twips(MARGIN_RIGHT_MM)


PORTRAIT = Page(A4_SHORT, A4_LONG)
LANDSCAPE = Page(A4_LONG, A4_SHORT)

# The two borderless tables of a portrait page: letterhead and closing block.
LETTERHEAD_LEFT = twips(62)
LETTERHEAD_RIGHT = PORTRAIT.text_width - LETTERHEAD_LEFT
CLOSING_LEFT = twips(78)
CLOSING_RIGHT = PORTRAIT.text_width - CLOSING_LEFT

# Short rules under the trích yếu and the appendix heading.
SHORT_RULE = twips(35)
