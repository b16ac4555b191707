"""The page every document is laid out on: A4 and one value from each range of Decree 30.

Lengths are millimetres, as the decree gives them; ``twips`` turns them into the unit of
WordprocessingML (1/20 pt, 1440 to the inch) with the exact factor, so A4 comes out as the
11906 × 16838 twips that Word writes.
"""
from __future__ import annotations

A4_SHORT_MM = 210
A4_LONG_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10

# The widest appendix table: landscape A4 less the left and right margins.
LANDSCAPE_TEXT_WIDTH_MM = A4_LONG_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

TWIPS_PER_MM = 1440 / 25.4


def twips(mm: float) -> int:
    """Millimetres to whole twips."""
    return int(round(mm * TWIPS_PER_MM))
