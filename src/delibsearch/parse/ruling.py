"""The rules a page draws: which pages draw a grid worth looking for tables in, and the rules themselves.

A cheap reading of the page's vector paths through pdfium (their segments, placed by each object's
matrix) picks the pages that draw several long horizontal rules and several vertical ones; on those
pages every straight, level or upright segment is an edge of a possible table (`page_edges`).
"""
from __future__ import annotations

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium_c

MIN_RULES, MIN_COLUMNS = 3, 3  # two rows of two cells need three rules each way
MAX_SEGMENTS = 20000  # a page drawing more is a picture (a map, a chart), not a table
LEVEL = 0.5  # points: a segment whose ends differ by less in height is level (or upright, in width)


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


def page_edges(page: pypdfium2.PdfPage, to_page) -> list[dict]:
    """Every level or upright segment the page's paths draw, as pdfplumber's edge records, in points from
    the top-left corner of the displayed page (`to_page` turns PDF user space into it)."""
    edges: list[dict] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        count = pdfium_c.FPDFPath_CountSegments(obj.raw)
        if 0 < count <= MAX_SEGMENTS:
            edges += [_edge(to_page(*p), to_page(*q)) for p, q in _lines(obj, count)]
    return [e for e in edges if e is not None]


def _lines(obj, count: int) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path object (a closed subpath's closing one too), in page user space."""
    a, b, c, d, e, f = _page_matrix(obj).get()
    x, y = ctypes.c_float(), ctypes.c_float()
    previous = start = None
    found = []
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            found.append((previous, point))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            found.append((point, start))
    return found


def _page_matrix(obj) -> pypdfium2.PdfMatrix:
    """The object's matrix composed with those of the forms that hold it (a form draws in its own space)."""
    matrix, container = obj.get_matrix(), obj.container
    while container is not None:
        matrix = matrix.multiply(container.get_matrix())
        container = container.container
    return matrix


def _edge(p: tuple[float, float], q: tuple[float, float]) -> dict | None:
    x0, x1 = sorted((p[0], q[0]))
    top, bottom = sorted((p[1], q[1]))
    if bottom - top <= LEVEL:
        orientation = "h"
        top = bottom = (top + bottom) / 2
    elif x1 - x0 <= LEVEL:
        orientation = "v"
        x0 = x1 = (x0 + x1) / 2
    else:
        return None
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation}


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
        for p, q in _lines(obj, count):
            _rule(p, q, rows, columns)
    return len(rows), len(columns)


def _rule(p: tuple[float, float], q: tuple[float, float], rows: set[int], columns: set[int]) -> None:
    if abs(p[1] - q[1]) <= 1 and abs(p[0] - q[0]) >= 10:
        rows.add(round(p[1]))
    elif abs(p[0] - q[0]) <= 1 and abs(p[1] - q[1]) >= 4:
        columns.add(round(p[0]))
