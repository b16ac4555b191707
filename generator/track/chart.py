"""The report's chart: tasks by part, each bar cut by standing, as PNG bytes.

matplotlib is imported here only, when a report is made (a build never pays for it), and only
its Agg canvas is used, never pyplot's global state. The same counts give the same bytes:
the font is matplotlib's own DejaVu Serif file (never a system font that differs between
machines) and the PNG carries no software or date metadata.
"""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Sequence

MM_PER_INCH = 25.4
DPI = 200
FONT_FILE = "DejaVuSerif.ttf"


@dataclass(frozen=True)
class Series:
    """One kind of segment: its legend label, its colour and one value per bar."""

    label: str
    colour: str
    values: tuple[int, ...]


def bar_height_mm(bars: int) -> float:
    """The chart's height for ``bars`` bars: room for the legend, then about 9 mm a bar."""
    return 32 + 9 * max(bars, 1)


def stacked_bars(labels: Sequence[str], series: Sequence[Series], width_mm: float,
                 axis_label: str) -> bytes:
    """Horizontal bars, one per label (the first on top), stacked by series, each segment's
    value written inside it; the legend below. A PNG of ``width_mm`` × bar_height_mm()."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font_path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FONT_FILE
    font = FontProperties(fname=str(font_path), size=9)
    small = FontProperties(fname=str(font_path), size=8)
    height_mm = bar_height_mm(len(labels))
    figure = Figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    rows = list(range(len(labels)))[::-1]
    left = [0] * len(labels)
    for s in series:
        bars = axes.barh(rows, s.values, left=left, color=s.colour, edgecolor="black",
                         linewidth=0.5, label=s.label, height=0.6)
        for bar, value in zip(bars, s.values):
            if value:
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                          str(value), ha="center", va="center", fontproperties=small)
        left = [a + b for a, b in zip(left, s.values)]
    axes.set_yticks(rows, labels, fontproperties=font)
    axes.set_xlabel(axis_label, fontproperties=font)
    axes.set_xlim(0, max(max(left, default=0), 1) * 1.02)
    axes.xaxis.get_major_locator().set_params(integer=True)
    for tick in axes.get_xticklabels():
        tick.set_fontproperties(font)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.legend(loc="lower center", ncols=3, prop=small, frameon=False)
    figure.subplots_adjust(left=0.12, right=0.98, top=0.97,
                           bottom=min(0.9, 22 / height_mm))
    out = BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()
