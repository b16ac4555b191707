"""The pages of a DOCX as LibreOffice laid them out: what the XML alone cannot show.

Two findings, as warnings (a layout to look at, not a departure from Decree 30):

- an appendix page (landscape) whose text ends above the middle of the page: a row that did
  not fit moved whole to the next page. The last page of an appendix and a page before one
  of its headings (a part's title, which starts on a new page when it must) are exempt.
  The margins take about a tenth at the top and the bottom, so text reaching the middle of
  the page fills half of what it can hold.
- words of the DOCX that are in no page of the PDF: a cell cut off at a page's end, a row
  taller than a page that LibreOffice left unprinted.

The PDF is read with ``pdftotext -bbox`` (poppler): each word with its box, page by page.
Words are compared as pdftotext separates them, NFKC-normalised and cut where a line may
break inside a word; each DOCX paragraph's words are taken from what the PDF holds, in the
order of the document, so a word printed once is not found twice.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.check.checker import FILE_RULE, Finding
from generator.check.expect import quote
from generator.check.reader import DocxError, w
from generator.check.view import Doc, is_empty, open_doc, text
from generator.errors import UsageProblem

PAGES_RULE, PRINTED_RULE = "pages", "printed"
HALF = 0.5
QUOTE_WORDS = 12          # a finding quotes at most this many missing words
QUOTE_PARAGRAPHS = 10     # and so many paragraphs; the rest are counted
HEADING_CHARS = 30        # a page "starts with a heading" when these first characters agree

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


class PdfReaderMissing(UsageProblem):
    """No pdftotext to read a PDF's pages with."""


class PdfUnreadable(DocxError):
    """A file pdftotext cannot read: a finding of the file, as an unreadable DOCX is."""


@dataclass(frozen=True)
class PdfPage:
    number: int               # 1-based
    landscape: bool
    filled: float             # the lowest text's bottom as a fraction of the page height
    words: tuple[str, ...]    # in the order pdftotext reads them

    def opening(self) -> str:
        """The page's first words, past a page number at its top."""
        words = self.words[1:] if self.words and self.words[0].isdigit() else self.words
        return " ".join(words)


def _normal(word: str) -> str:
    return unicodedata.normalize("NFKC", word)


def read_pdf(pdf: str | Path) -> list[PdfPage]:
    """Every page of ``pdf`` with its words and how far down its text reaches."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise PdfReaderMissing("pdftotext is not installed (apt-get install poppler-utils): "
                               "it reads the PDF's pages")
    done = subprocess.run([exe, "-bbox", str(pdf), "-"], capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise PdfUnreadable(f"not a readable PDF ({reason[:200]})")
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(done.stdout), 1):
        found = _WORD.findall(body)
        bottom = max((float(y) for y, _ in found), default=0.0)
        pages.append(PdfPage(number, float(width) > float(height), bottom / float(height),
                             tuple(_normal(html.unescape(word)) for _, word in found)))
    return pages


def appendix_headings(doc: Doc) -> list[str]:
    """The paragraphs of the appendices outside their tables: marks, titles, part headings."""
    return [" ".join(text(p).split()) for part in doc.parts if part.kind == "appendix"
            for _, p in doc.paragraphs(part.marker, part.end) if not is_empty(p)]


def half_empty(pages: list[PdfPage], headings: list[str]) -> list[PdfPage]:
    """Appendix pages whose text ends above the middle, but the last page of each appendix
    (a run of landscape pages) and a page the next of which opens with a heading."""
    starts = [_normal(h)[:HEADING_CHARS] for h in headings if h]
    out = []
    for page, following in zip(pages, pages[1:]):
        if not (page.landscape and following.landscape) or page.filled >= HALF:
            continue
        if not any(following.opening().startswith(start) for start in starts):
            out.append(page)
    return out


_PIECE = re.compile(r"[^/-]+[/-]?|[/-]")


def _pieces(word: str) -> list[str]:
    """A word cut after each "/" and "-", where a line may break inside it ("107/2021/NĐ-"
    ending one line of a cell, "CP;" starting the next)."""
    return _PIECE.findall(word)


def _paragraph_pieces(doc: Doc) -> list[tuple[str, list[str]]]:
    """(text, pieces) of every paragraph of the body, those in tables too, in document order."""
    out = []
    for p in doc.pkg.document.iter(w("p")):
        words = text(p).split()
        if words:
            out.append((" ".join(words), [piece for word in words for piece in _pieces(_normal(word))]))
    return out


def _take(printed: Counter, piece: str) -> bool:
    if printed[piece] > 0:
        printed[piece] -= 1
        return True
    return False


def _take_broken(printed: Counter, piece: str) -> bool:
    """A piece printed in two, broken where no break was allowed (a word wider than its
    column: "Stt2" as "Stt" above "2")."""
    for cut in range(1, len(piece)):
        head, tail = piece[:cut], piece[cut:]
        if printed[head] > 0 and printed[tail] > (head == tail):
            printed[head] -= 1
            printed[tail] -= 1
            return True
    return False


def missing_words(doc: Doc, pages: list[PdfPage]) -> list[tuple[str, list[str]]]:
    """(paragraph, its words or pieces of words no page holds) for each paragraph of ``doc``
    that lost some. Whole pieces are matched first; a piece broken in two only from what is
    left over."""
    printed = Counter(piece for page in pages for word in page.words for piece in _pieces(word))
    lost = [(paragraph, [piece for piece in pieces if not _take(printed, piece)])
            for paragraph, pieces in _paragraph_pieces(doc)]
    out = []
    for paragraph, pieces in lost:
        still = [piece for piece in pieces if not _take_broken(printed, piece)]
        if still:
            out.append((paragraph, still))
    return out


def check_pages(docx: str | Path, pdf: str | Path) -> list[Finding]:
    """Warnings, one per finding: a page by its number ("pages"), words no page holds by the
    paragraph they belong to ("printed")."""
    doc = open_doc(docx)
    pages = read_pdf(pdf)
    out = [Finding(str(pdf), PAGES_RULE, f"page {page.number}, in the appendix, is only "
                   f"{round(page.filled * 100)}% filled: the row after it did not fit and "
                   "moved to the next page", warning=True)
           for page in half_empty(pages, appendix_headings(doc))]
    lost = missing_words(doc, pages)
    for paragraph, pieces in lost[:QUOTE_PARAGRAPHS]:
        shown = " ".join(pieces[:QUOTE_WORDS]) + (" …" if len(pieces) > QUOTE_WORDS else "")
        out.append(Finding(str(pdf), PRINTED_RULE, f"{len(pieces)} word(s) of {Path(docx).name} "
                           f"are on no page: {quote(shown)} in {quote(paragraph)}", warning=True))
    if len(lost) > QUOTE_PARAGRAPHS:
        out.append(Finding(str(pdf), PRINTED_RULE, f"and words of {len(lost) - QUOTE_PARAGRAPHS} "
                           "more paragraph(s) are on no page", warning=True))
    return out


def check_pdf(pdf: str | Path) -> list[Finding]:
    """``check_pages`` against the DOCX of the same name beside ``pdf`` (as a build leaves them)."""
    docx = Path(pdf).with_suffix(".docx")
    if not docx.is_file():
        return [Finding(str(pdf), FILE_RULE, f"no {docx.name} beside it: its pages are checked "
                                             "against the DOCX they were made from")]
    try:
        return check_pages(docx, pdf)
    except DocxError as exc:
        return [Finding(str(pdf), FILE_RULE, str(exc))]


__all__ = ["PAGES_RULE", "PRINTED_RULE", "PdfPage", "PdfReaderMissing", "PdfUnreadable", "appendix_headings",
           "check_pages", "check_pdf", "half_empty", "missing_words", "read_pdf"]
