"""Bordered tables of a PDF as header and rows of cell texts, rows continued across page breaks.

The reading (`parse.tables`) gives each ruled page's tables cell by cell; here empty rows are dropped, a
cell's broken words rejoined, and a table that goes on over the next page made one table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from delibsearch.parse.cleanup import rejoin_hyphenation
from delibsearch.parse.tables import PageTable


@dataclass
class TableDraft:
    page: int
    header: list[str]
    rows: list[list[str]]
    page_end: int


def find_tables(tables: list[PageTable]) -> list[TableDraft]:
    """The tables of two rows and two columns or more; a table that goes on over the next page is one table."""
    drafts: list[TableDraft] = []
    for table in tables:
        rows = [[_cell(c) for c in row] for row in table.rows if any(_cell(c) for c in row)]
        if len(rows) >= 2 and len(rows[0]) >= 2:
            _add(drafts, table.page, rows)
    return drafts


def _cell(value: str | None) -> str:
    text = rejoin_hyphenation(value or "", value or "")
    return re.sub(r"\s+", " ", text).strip()


def _add(drafts: list[TableDraft], page: int, rows: list[list[str]]) -> None:
    previous = drafts[-1] if drafts else None
    if previous and previous.page_end == page - 1 and len(previous.header) == len(rows[0]):
        body = rows[1:] if rows[0] == previous.header else rows
        previous.rows += body
        previous.page_end = page
        return
    drafts.append(TableDraft(page=page, header=rows[0], rows=rows[1:], page_end=page))
