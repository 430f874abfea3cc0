"""Read a PDF into lines of text page by page, with one clear error per bad file.

pdfium (pypdfium2) reads the text layer with every character's box, fast; the layout reading
(`parse.layout`) puts the lines in reading order. Pages with no text layer, and pages whose only text
is an earlier OCR of a page image that reads poorly, are read by Tesseract (`parse.ocr`). A file that
pdfium cannot open is tried with pypdf, which forgives more damage, for its text alone.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from delibsearch.errors import ParseError
from delibsearch.parse.layout import Line, read_lines
from delibsearch.parse.ocr import ocr_words
from delibsearch.parse.ruling import page_edges, ruled_pages
from delibsearch.parse.tables import PageTable, page_tables
from delibsearch.parse.textlayer import page_transform, page_words

logging.getLogger("pypdf").setLevel(logging.ERROR)

MIN_TEXT_CHARS = 20
MIN_PAGE_CHARS = 20
SCAN_COVER = 0.6  # an image over this share of the page makes it a scanned page
POOR_LAYER = 0.01  # share of misread-looking words above which an earlier OCR layer is read again
TOKEN = re.compile(r"\S+")


@dataclass
class RawPdf:
    path: Path
    sha256: str
    lines: list[list[Line]]
    warnings: list[str] = field(default_factory=list)
    ruled_pages: list[int] = field(default_factory=list)  # pages drawing enough lines to hold a table
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text was read from their image
    tables: list[PageTable] = field(default_factory=list)  # the ruled tables of the text pages

    @property
    def pages(self) -> list[str]:
        return ["\n".join(line.text for line in page) for page in self.lines]

    @property
    def ocr(self) -> bool:
        """The text was read from the page images (a scan without a usable text layer)."""
        return bool(self.ocr_pages)


@dataclass
class _Page:
    words: list
    scanned: bool  # an image covers the page
    invisible: bool  # its text is drawn invisibly (an earlier OCR laid over the image)


def read_pdf(path: Path | str, ocr_cache: Path | None = None) -> RawPdf:
    """Lines of every page; raises ParseError naming the file and the cause."""
    path = Path(path)
    data = _read_bytes(path)
    sha256 = hashlib.sha256(data).hexdigest()
    document = _open(path, data)
    if document is None:
        return _read_with_pypdf(path, data, sha256)
    try:
        pages, warnings = _read_pages(path, document)
        to_ocr = _pages_to_ocr(pages)
        if to_ocr:
            warnings += _ocr_warnings(pages, to_ocr)
            for number, words in ocr_words(path, document, to_ocr, sha256, ocr_cache).items():
                pages[number - 1].words = words
        lines = [read_lines(page.words) for page in pages]
        if sum(len(line.text) for page in lines for line in page) < MIN_TEXT_CHARS:
            raise ParseError(path, f"no text on its {len(pages)} page(s), even by OCR (blank pages or pictures)")
        ruled = ruled_pages(document) if not to_ocr or len(to_ocr) < len(pages) else []
        ruled = [n for n in ruled if n not in to_ocr]
        tables = _tables(document, pages, ruled, warnings)
    finally:
        document.close()
    return RawPdf(path=path, sha256=sha256, lines=lines, warnings=warnings, ruled_pages=ruled, ocr_pages=to_ocr,
                  tables=tables)


def _tables(document: pypdfium2.PdfDocument, pages: list[_Page], ruled: list[int], warnings: list[str]) -> list[PageTable]:
    tables: list[PageTable] = []
    for number in ruled:
        try:
            page = document[number - 1]
            tables += page_tables(number, page_edges(page, page_transform(page)), pages[number - 1].words)
        except Exception as exc:  # a table that cannot be read leaves the page's text as it is
            warnings.append(f"page {number}: its table could not be read ({_short(exc)})")
    return tables


def page_count(path: Path) -> int:
    """The number of pages, read cheaply (0 when the file cannot be opened: the reading will say why)."""
    try:
        document = pypdfium2.PdfDocument(str(path))
    except Exception:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def _open(path: Path, data: bytes) -> pypdfium2.PdfDocument | None:
    """The document opened by pdfium; None when pdfium cannot parse it (pypdf may, and tells why not)."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None
    if len(document) == 0:
        document.close()
        raise ParseError(path, "the PDF has no pages")
    return document


def _read_pages(path: Path, document: pypdfium2.PdfDocument) -> tuple[list[_Page], list[str]]:
    pages: list[_Page] = []
    warnings: list[str] = []
    for index in range(len(document)):
        try:
            page = document[index]
            scanned, invisible = _page_kind(page)
            pages.append(_Page(page_words(page), scanned, invisible))
        except Exception as exc:  # one broken page must not lose the others
            pages.append(_Page([], False, False))
            warnings.append(f"page {index + 1}: text could not be extracted ({_short(exc)})")
    return pages, warnings


def _page_kind(page: pypdfium2.PdfPage) -> tuple[bool, bool]:
    """Whether an image covers the page, and whether all its text is drawn invisibly."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    cover, visible, invisible = 0.0, 0, 0
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            cover += (right - left) * (top - bottom) / area
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
            if mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
                invisible += 1
            else:
                visible += 1
    return cover >= SCAN_COVER, invisible > 0 and visible <= invisible // 20


def _pages_to_ocr(pages: list[_Page]) -> list[int]:
    """Scanned pages without text, and scanned pages under an earlier OCR layer that reads poorly."""
    blank = [n for n, p in enumerate(pages, 1) if _chars(p) < MIN_PAGE_CHARS and p.scanned]
    layered = [n for n, p in enumerate(pages, 1) if p.scanned and p.invisible and _chars(p) >= MIN_PAGE_CHARS]
    if layered and _misread_share([pages[n - 1] for n in layered]) > POOR_LAYER:
        blank += layered
    return sorted(blank)


def _chars(page: _Page) -> int:
    return sum(len(w.text) for w in page.words)


def _misread_share(pages: list[_Page]) -> float:
    """Share of words shaped as OCR misreadings: "suR", "dAlsace", "2Ol7", "{ÉË"."""
    tokens = [w for p in pages for word in p.words for w in TOKEN.findall(word.text) if re.search(r"[^\W\d_]", w)]
    return sum(map(_misread, tokens)) / max(len(tokens), 1)


def _misread(token: str) -> bool:
    word = token.strip(".,;:!?()«»\"'’[]")
    if len(word) < 2:
        return False
    if re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", word) or re.search(r"[{}<>_|#@$%^*~\\]", word):
        return True
    units = r"\d+(?:er|ère|re|e|ème|eme|è|h\d*|min|m[²2³3]?|km|ha|kg|mm|cm|bis|ter|x)"
    return bool(re.search(r"[a-zà-ÿ]\d|\d[a-zà-ÿ]", word)) and not re.fullmatch(units, word)


def _ocr_warnings(pages: list[_Page], to_ocr: list[int]) -> list[str]:
    relayered = [n for n in to_ocr if _chars(pages[n - 1]) >= MIN_PAGE_CHARS]
    warnings = []
    if relayered:
        warnings.append(f"{len(relayered)} page(s) carried an earlier OCR that reads poorly: read again by OCR")
    if len(to_ocr) == len(pages):
        warnings.append(f"no text layer: the {len(pages)} page(s) were read by OCR (Tesseract, French);"
                        " names and figures may hold recognition errors")
    elif len(to_ocr) > len(relayered):
        warnings.append(f"{len(to_ocr) - len(relayered)} scanned page(s) without text were read by OCR"
                        " (Tesseract, French); names and figures may hold recognition errors")
    return warnings


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ParseError(path, "not a regular file" if path.exists() else "no such file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data:
        raise ParseError(path, "empty file (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        raise ParseError(path, "not a PDF (no %PDF header)")
    return data


def _read_with_pypdf(path: Path, data: bytes, sha256: str) -> RawPdf:
    """pdfium refused the file: pypdf's text, a line per printed line, without positions."""
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
    lines, warnings = [], ["the PDF is damaged: its text was read without its layout"]
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # one broken page must not lose the others
            text = ""
            warnings.append(f"page {number}: text could not be extracted ({_short(exc)})")
        lines.append([Line(text=t, top=float(i), bottom=i + 1.0, x0=0.0, x1=0.0) for i, t in enumerate(text.split("\n"))])
    if sum(len(line.text) for page in lines for line in page) < MIN_TEXT_CHARS:
        raise ParseError(path, "damaged PDF without readable text")
    return RawPdf(path=path, sha256=sha256, lines=lines, warnings=warnings)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]
