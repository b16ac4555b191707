"""Page geometry in twips (1/20 pt), the unit of every width and margin in WordprocessingML.

Decree 30/2020 fixes A4 and margin ranges; one value from each range is chosen in page.py
and used for portrait and landscape sections alike.
"""
from __future__ import annotations

from generator.page import A4_LONG_MM, A4_SHORT_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, twips
from generator.record import record

A4_SHORT = twips(A4_SHORT_MM)
A4_LONG = twips(A4_LONG_MM)


@record
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
