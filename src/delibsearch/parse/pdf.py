"""Read a PDF's text page by page with pypdf, with one clear error per bad file."""
from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from delibsearch.errors import ParseError
from delibsearch.parse.ocr import ocr_pages

logging.getLogger("pypdf").setLevel(logging.ERROR)

MIN_TEXT_CHARS = 20
NUMBER = rb"(-?\d*\.?\d+)"
RECTANGLE = re.compile(rb"\s+".join([NUMBER] * 4) + rb"\s+re\b")
SEGMENT = re.compile(NUMBER + rb"\s+" + NUMBER + rb"\s+m\s+" + NUMBER + rb"\s+" + NUMBER + rb"\s+l\b")
MIN_RULES, MIN_COLUMNS = 6, 3


@dataclass
class RawPdf:
    path: Path
    sha256: str
    pages: list[str]
    warnings: list[str] = field(default_factory=list)
    ruled_pages: list[int] = field(default_factory=list)  # pages drawing enough lines to hold a table
    ocr: bool = False  # the text was read from the page images (a scan without a text layer)


def read_pdf(path: Path | str) -> RawPdf:
    """Text of every page; raises ParseError naming the file and the cause."""
    path = Path(path)
    data = _read_bytes(path)
    reader = _open_reader(path, data)
    pages, warnings = _extract_pages(path, reader)
    if _has_text(pages):
        return RawPdf(path=path, sha256=hashlib.sha256(data).hexdigest(), pages=pages, warnings=warnings,
                      ruled_pages=_ruled_pages(reader))
    pages = ocr_pages(path, data, len(pages))
    if not _has_text(pages):
        raise ParseError(path, f"no text on its {len(pages)} page(s), even by OCR (blank pages or pictures)")
    warnings.append(f"no text layer: the {len(pages)} page(s) were read by OCR (Tesseract, French);"
                    " names and figures may hold recognition errors")
    return RawPdf(path=path, sha256=hashlib.sha256(data).hexdigest(), pages=pages, warnings=warnings, ocr=True)


def _has_text(pages: list[str]) -> bool:
    return sum(len(p.strip()) for p in pages) >= MIN_TEXT_CHARS


def _ruled_pages(reader: PdfReader) -> list[int]:
    """Pages whose drawing holds a grid: several long horizontal rules and vertical ones.

    Looking for tables is costly (pdfplumber interprets the whole page); this cheap reading of the
    drawing operators (rectangles and line segments) picks the pages worth the cost.
    """
    ruled = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            contents = page.get_contents()
            data = contents.get_data() if contents is not None else b""
        except Exception:
            continue
        rows, columns = _grid(data)
        if rows >= MIN_RULES and columns >= MIN_COLUMNS:
            ruled.append(number)
    return ruled


def _grid(data: bytes) -> tuple[int, int]:
    """Distinct heights of horizontal rules and positions of vertical rules drawn by a content stream."""
    rows: set[int] = set()
    columns: set[int] = set()
    for match in RECTANGLE.finditer(data):
        x, y, w, h = (float(v) for v in match.groups())
        w, h = abs(w), abs(h)
        if h <= 3 and w >= 20:
            rows.add(round(y))
        elif w <= 3 and h >= 10:
            columns.add(round(x))
        elif w >= 20 and h >= 8:
            rows.update({round(y), round(y + h)})
            columns.update({round(x), round(x + w)})
    for match in SEGMENT.finditer(data):
        x1, y1, x2, y2 = (float(v) for v in match.groups())
        if abs(y1 - y2) <= 1 and abs(x1 - x2) >= 20:
            rows.add(round(y1))
        elif abs(x1 - x2) <= 1 and abs(y1 - y2) >= 10:
            columns.add(round(x1))
    return len(rows), len(columns)


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data:
        raise ParseError(path, "empty file (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        raise ParseError(path, "not a PDF (no %PDF header)")
    return data


def _open_reader(path: Path, data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError(path, "encrypted PDF: a password is needed to read it")
        count = len(reader.pages)
    except ParseError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise ParseError(path, f"damaged or truncated PDF ({_short(exc)})") from exc
    except Exception as exc:  # pypdf raises many types on broken input; never let one stop a batch
        raise ParseError(path, f"unreadable PDF ({type(exc).__name__}: {_short(exc)})") from exc
    if count == 0:
        raise ParseError(path, "the PDF has no pages")
    return reader


def _extract_pages(path: Path, reader: PdfReader) -> tuple[list[str], list[str]]:
    pages: list[str] = []
    warnings: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(page.extract_text() or "")
        except Exception as exc:  # one broken page must not lose the others
            pages.append("")
            warnings.append(f"page {number}: text could not be extracted ({_short(exc)})")
    return pages, warnings


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]
