"""Bordered tables of a PDF as header and rows of cell texts, rows continued across page breaks.

pdfplumber reads the ruled pages only (parse.pdf picks them): its lattice
detection recovered all 49 cells of the seed's trip table, which pypdf's
text cannot give.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from delibsearch.parse.cleanup import rejoin_hyphenation

logging.getLogger("pdfminer").setLevel(logging.ERROR)
SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass
class TableDraft:
    page: int
    header: list[str]
    rows: list[list[str]]
    page_end: int


def find_tables(path: Path, pages: list[int]) -> list[TableDraft]:
    """Tables on the given 1-based pages; a table that goes on over the next page is one table."""
    if not pages:
        return []
    drafts: list[TableDraft] = []
    with pdfplumber.open(path, pages=pages) as pdf:
        for page in pdf.pages:
            for raw in page.extract_tables(SETTINGS):
                rows = [[_cell(c) for c in row] for row in raw if any(_cell(c) for c in row)]
                if len(rows) >= 2 and len(rows[0]) >= 2:
                    _add(drafts, page.page_number, rows)
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
