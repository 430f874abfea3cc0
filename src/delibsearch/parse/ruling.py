"""Which pages draw a grid worth looking for tables in.

Looking for tables is costly (pdfplumber interprets the whole page); this cheap reading of the page's
vector paths through pdfium (their segments, placed by each object's matrix) picks the pages that draw
several long horizontal rules and several vertical ones.
"""
from __future__ import annotations

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium_c

MIN_RULES, MIN_COLUMNS = 3, 3  # two rows of two cells need three rules each way
MAX_SEGMENTS = 20000  # a page drawing more is a picture (a map, a chart), not a table


def ruled_pages(document: pypdfium2.PdfDocument) -> list[int]:
    """1-based numbers of the pages whose drawing holds a grid."""
    found = []
    for index in range(len(document)):
        try:
            rows, columns = _grid(document[index])
        except Exception:  # a page whose drawing cannot be read holds no table we can find
            continue
        if rows >= MIN_RULES and columns >= MIN_COLUMNS:
            found.append(index + 1)
    return found


def _grid(page: pypdfium2.PdfPage) -> tuple[int, int]:
    """Distinct heights of horizontal rules and positions of vertical rules drawn on the page."""
    rows: set[int] = set()
    columns: set[int] = set()
    budget = MAX_SEGMENTS
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height <= 3 and width >= 10:
            rows.add(round(bottom))
            continue
        if width <= 3 and height >= 4:
            columns.add(round(left))
            continue
        count = pdfium_c.FPDFPath_CountSegments(obj.raw)
        budget -= max(count, 0)
        if budget < 0:
            break
        _segments(obj, count, rows, columns)
    return len(rows), len(columns)


def _segments(obj, count: int, rows: set[int], columns: set[int]) -> None:
    a, b, c, d, e, f = obj.get_matrix().get()
    x, y = ctypes.c_float(), ctypes.c_float()
    previous = start = None
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            _rule(previous, point, rows, columns)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _rule(point, start, rows, columns)


def _rule(p: tuple[float, float], q: tuple[float, float], rows: set[int], columns: set[int]) -> None:
    if abs(p[1] - q[1]) <= 1 and abs(p[0] - q[0]) >= 10:
        rows.add(round(p[1]))
    elif abs(p[0] - q[0]) <= 1 and abs(p[1] - q[1]) >= 4:
        columns.add(round(p[0]))
