"""Whether a document is the record of a sitting, or another document (a convocation, an agenda, an annex).

A convocation names the sitting to come, its date and its agenda; an annex holds a convention or a plan.
Neither records a sitting, so neither may claim a president, an attendance or a vote: such a document is
kept and searched as one text. The test is for evidence of a record (patterns/header.json,
`record_of_sitting` anywhere, `record_titles` in the first lines), an attendance or a unanimous vote read.
"""
from __future__ import annotations

import functools
import re

from delibsearch.extract.phrases import alternatives, header_phrases
from delibsearch.model import Item, Session

MINUTES = "minutes"
OTHER = "other"
TITLE_SPAN = 600  # characters: the title block of a record, before any agenda


@functools.lru_cache(maxsize=1)
def _evidence() -> tuple[re.Pattern[str], re.Pattern[str]]:
    phrases = header_phrases()
    return tuple(re.compile(_unnamed(alternatives(phrases[key])), re.I) for key in ("record_of_sitting", "record_titles"))


def _unnamed(pattern: str) -> str:
    """The pattern without its group names, which repeat across the phrases of one alternative."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def document_kind(text: str, session: Session, items: list[Item]) -> str:
    """MINUTES when the document shows a sitting's record, else OTHER."""
    if session.present or session.present_count or session.proxies:
        return MINUTES
    # A vote read from loose words ("sept pour") is weak; a unanimity, or a tally as printed (the phrases), is not.
    if any(item.vote and item.vote.unanimous for item in items):
        return MINUTES
    anywhere, titles = _evidence()
    if titles.search("\n" + text[:TITLE_SPAN]) or anywhere.search(" " + text):
        return MINUTES
    return OTHER
