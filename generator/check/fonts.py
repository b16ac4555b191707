"""The font rule: Times New Roman in every slot of every run that shows text."""
from __future__ import annotations

from typing import Iterator

from lxml import etree

from generator.check.expect import quote
from generator.check.view import Doc, norm, own_runs
from generator.check.reader import w

TNR = "times new roman"


def check_fonts(doc: Doc) -> Iterator[str]:
    """fonts: ascii, hAnsi, eastAsia and cs all resolve to Times New Roman.

    All four slots matter: Word picks the slot per character, so a Vietnamese letter can fall
    into the East-Asian or complex-script slot and show in another font. A theme font counts as
    not Times New Roman, since the theme can change under the document. Runs are grouped by the
    wrong fonts they share, so a whole table in Calibri is one finding, not hundreds.
    """
    for name, root in _stories(doc):
        groups: dict[tuple, list[str]] = {}
        for p in root.iter(w("p")):
            for r in own_runs(p):
                shown = "".join(t.text or "" for t in r.findall(w("t")))
                if not shown:
                    continue
                wrong = tuple((slot, font) for slot, font in doc.run_format(p, r).fonts
                              if (font or "").strip().lower() != TNR)
                if wrong:
                    groups.setdefault(wrong, []).append(shown)
        for wrong, texts in groups.items():
            slots = ", ".join(f"{slot} {font or 'unset'}" for slot, font in wrong)
            yield (f"{name}: {len(texts)} run(s) not in Times New Roman ({slots}), "
                   f"first {quote(norm(texts[0]) or texts[0])}")


def _stories(doc: Doc) -> list[tuple[str, etree._Element]]:
    """The body, then each header and footer, by part name."""
    stories = [("body", doc.pkg.document)]
    stories += sorted(doc.pkg.headers.items()) + sorted(doc.pkg.footers.items())
    return stories
