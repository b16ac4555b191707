"""The page every document is laid out on: A4 and one value from each range of Decree 30."""

A4_SHORT_MM = 210
A4_LONG_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15

# The widest appendix table: landscape A4 less the left and right margins.
LANDSCAPE_TEXT_WIDTH_MM = A4_LONG_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
