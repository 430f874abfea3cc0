"""Bordered tables of a page: the cells its rules draw, each filled with the words printed in it.

The rules come from pdfium's path objects (`parse.ruling.page_edges`) and the words from its text layer, both
already read; pdfplumber's lattice functions (snap and join the edges, intersect them, close the smallest
boxes, group the boxes into tables) turn the rules into cells. They work on plain edge records, so the page is
not interpreted a second time: pdfplumber's own reading of a ruled page (pdfminer) cost about 1.2 s, nine
tenths of the time spent on tables (docs/decisions.md).
"""
from __future__ import annotations

from dataclasses import dataclass

from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from delibsearch.parse.layout import Word, cell_rows, words_text

SNAP, JOIN, INTERSECTION, MIN_EDGE = 3.0, 3.0, 3.0, 3.0  # points: pdfplumber's defaults for ruled tables


@dataclass
class PageTable:
    """One ruled table of a page: its rows of cell texts (None where a merged cell spans the position)."""

    page: int
    rows: list[list[str | None]]


def page_tables(page: int, edges: list[dict], words: list[Word]) -> list[PageTable]:
    """The tables the rules of a page draw, top to bottom, each cell's words read line by line."""
    merged = [e for e in merge_edges(edges, SNAP, SNAP, JOIN, JOIN)
              if (e["height"] if e["orientation"] == "v" else e["width"]) >= MIN_EDGE]
    cells = intersections_to_cells(edges_to_intersections(merged, INTERSECTION, INTERSECTION))
    tables = [Table(None, group) for group in cells_to_tables(cells)]
    if tables:
        words = _cut_at_rules(words, [e for e in merged if e["orientation"] == "v"])
    return [PageTable(page, [[_text(cell, words) for cell in row.cells] for row in table.rows]) for table in tables]


def _cut_at_rules(words: list[Word], rules: list[dict]) -> list[Word]:
    """Words cut where an upright rule passes through them: the text layer runs two cells' text together
    when a figure ends at a rule and the next cell's text starts just after it ("31 130" + "Produits")."""
    out: list[Word] = []
    for word in words:
        middle = (word.top + word.bottom) / 2
        for rule in rules:
            if word.x0 + 1 < rule["x0"] < word.x1 - 1 and rule["top"] <= middle <= rule["bottom"]:
                parts = word.split_at(rule["x0"])
                if parts:
                    out.append(parts[0])
                    word = parts[1]
        out.append(word)
    return out


def _text(cell: tuple[float, float, float, float] | None, words: list[Word]) -> str | None:
    """The words whose middle lies in the cell, a line of the cell a line of text."""
    if cell is None:
        return None
    x0, top, x1, bottom = cell
    inside = [w for w in words if x0 <= (w.x0 + w.x1) / 2 < x1 and top <= (w.top + w.bottom) / 2 < bottom]
    return "\n".join(words_text(sorted(line, key=lambda w: w.x0)) for line in cell_rows(inside))

