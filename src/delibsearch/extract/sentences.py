"""Sentence spans of French text, kept as offsets so a quote maps back to its page."""
from __future__ import annotations

import re

BOUNDARY = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[A-ZÀ-Þ0-9])|\n\s*\n|\n(?=\s*[-–•▪o]\s)")
ABBREVIATIONS = re.compile(r"(?:\b(?:M|MM|Mme|Mmes|Dr|art|Art|n|N|cf|p|St|Ste|av|bd|etc|[A-Z])\.)$")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of text[start:end]; abbreviations such as "M." do not end one."""
    end = len(text) if end is None else end
    spans = []
    begin = start
    for match in BOUNDARY.finditer(text, start, end):
        if ABBREVIATIONS.search(text[max(begin, match.start() - 6):match.start()]):
            continue
        if text[begin:match.start()].strip():
            spans.append(_trim(text, begin, match.start()))
        begin = match.end()
    if text[begin:end].strip():
        spans.append(_trim(text, begin, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def flat(text: str) -> str:
    """One line, single spaces."""
    return re.sub(r"\s+", " ", text).strip()
