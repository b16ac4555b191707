"""How a line of text should look, worded the same way by every rule.

Each helper returns sentences such as "title 'KẾ HOẠCH' is not bold" so that a finding names
the element, what is wrong and what the decree expects.
"""
from __future__ import annotations

from generator.check.view import Doc, Line

_ALIGN = {"center": "centred", "both": "justified", "right": "right-aligned",
          "left": "left-aligned", "distribute": "distributed"}


def quote(text: str, limit: int = 60) -> str:
    """``text`` in quotes, shortened to ``limit`` characters."""
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f"'{short}'"


def pt(value: float) -> str:
    return f"{value:g}"


def size_range(lo: float, hi: float) -> str:
    return f"{pt(lo)} pt" if lo == hi else f"{pt(lo)}–{pt(hi)} pt"


def alignment(value: str | None) -> str:
    return _ALIGN.get(value or "left", value or "left-aligned")


def look(doc: Doc, line: Line, what: str, *, bold: bool | None = None,
         italic: bool | None = None, size: tuple[float, float] | None = None,
         align: str | None = None, upper: bool = False) -> list[str]:
    """Problems of ``line`` against the expected look; ``None`` means "not checked"."""
    formats = [f for _, f in doc.formats(line)]
    if not formats:
        return []
    out = []
    if bold is not None and not all(f.bold == bold for f in formats):
        out.append(f"{what} is not bold" if bold else f"{what} is bold, expected regular")
    if italic is not None and not all(f.italic == italic for f in formats):
        out.append(f"{what} is not italic" if italic else f"{what} is italic, expected upright")
    if size is not None:
        wrong = sorted({f.size for f in formats if not size[0] - 0.01 <= f.size <= size[1] + 0.01})
        if wrong:
            out.append(f"{what} is {'/'.join(map(pt, wrong))} pt, expected {size_range(*size)}")
    if align is not None:
        actual = doc.para_format(line.p).align
        if actual != align:
            out.append(f"{what} is {alignment(actual)}, expected {alignment(align)}")
    if upper and line.norm != line.norm.upper():
        out.append(f"{what} is not upper case")
    return out


def is_upper(text: str) -> bool:
    """Upper-case text: has letters and no lower-case ones."""
    return any(c.isalpha() for c in text) and text == text.upper()
