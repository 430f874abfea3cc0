"""Clean extracted page text: white space, running headers and footers, hyphenation.

Running headers and footers are found by repetition, not by layout rules: a
line near the top or bottom of a page whose shape (digits folded) recurs on
most pages is furniture ("Commune de Pierrefonds - Conseil Municipal du
10 décembre 2024 – Page 1 / 15", a bare page number), dropped from every page but the top of the first.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from delibsearch.parse.layout import Line

EDGE_LINES = 3
LIGATURES = str.maketrans({"\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl"})
SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a]+")
# Second halves that make a real compound rather than a word cut at the line end.
COMPOUND_TAILS = {
    "être", "à", "dire", "midi", "ci", "là", "même", "mêmes", "t", "il", "elle", "ils", "elles",
    "on", "vous", "nous", "y", "en", "vis", "clés", "clé", "cadre", "dessus", "dessous",
}
PLACE_PARTICLES = {"sur", "sous", "lès", "lez", "les", "la", "le", "de", "du", "des", "en", "aux", "et", "d", "l"}
HYPHEN_BREAK = re.compile(r"(\w+)-\n([^\W\d_][\w'’-]*)")


def clean_pages(pages: list[str]) -> list[str]:
    """Pages of plain text cleaned as `clean_lines` cleans lines."""
    as_lines = [[Line(text=t, top=float(i), bottom=i + 1.0, x0=0.0, x1=0.0) for i, t in enumerate(p.split("\n"))]
                for p in pages]
    return [_squeeze_blank_lines("\n".join(line.text for line in page)) for page in clean_lines(as_lines)]


def clean_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Lines with normalised spaces, no running header or footer, hyphenated words rejoined."""
    normalised = [[replace(line, text=_normalise(line.text)) for line in page] for page in pages]
    texts = [[line.text for line in page] for page in normalised]
    running = _running(texts)
    kept = [[line for i, line in enumerate(page) if i not in running[n] or n == 0 and i in _top(text)]
            for n, (page, text) in enumerate(zip(normalised, texts))]
    whole = "\n".join(line.text for page in kept for line in page)
    return [_rejoin_lines(page, whole) for page in kept]


def running_lines(pages: list[list[str]]) -> list[set[int]]:
    """Per page, the indexes of its running header's and footer's lines (found by repetition)."""
    return _running([[_normalise(line) for line in page] for page in pages])


def _running(pages: list[list[str]]) -> list[set[int]]:
    """`running_lines` of pages whose lines are normalised already."""
    furniture = _furniture_shapes(pages)
    return [{i for i in _edge_indexes(page) if _shape(page[i]) in furniture} for page in pages]


def _top(page: list[str]) -> set[int]:
    """The first page's top lines, kept although they run on every page: they may be the only place the
    authority is printed ("COMMUNE DE SARREWALD Feuillet 2023/031" atop each register sheet)."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return set(filled[:min(EDGE_LINES, max(1, len(filled) - EDGE_LINES))])


def _rejoin_lines(page: list[Line], context: str) -> list[Line]:
    """A word cut at a line's end is rejoined with the next line of the same column."""
    out: list[Line] = []
    for line in page:
        previous = out[-1] if out else None
        if previous and previous.side == line.side and previous.text.endswith("-") and line.text:
            joined = rejoin_hyphenation(f"{previous.text}\n{line.text}", context)
            if "\n" not in joined:
                out[-1] = replace(previous, text=joined, bottom=line.bottom, x1=max(previous.x1, line.x1))
                continue
        if line.text or (previous and previous.text):
            out.append(line)
    return out


def _normalise(line: str) -> str:
    line = line.translate(LIGATURES).replace("\r", " ").replace("\n", " ")
    line = re.sub("\u00ad$", "-", line).replace("\u00ad", "")
    return SPACES.sub(" ", line).strip()


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower()).strip()


def _edge_indexes(page: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return filled[:EDGE_LINES] + filled[-EDGE_LINES:]


def _furniture_shapes(pages: list[list[str]]) -> set[str]:
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(page[i]) for i in _edge_indexes(page)})
    numbered = max(3, math.ceil(len(pages) * 0.5))
    constant = max(3, math.ceil(len(pages) * 0.8))
    return {shape for shape, n in counts.items() if shape and n >= (numbered if "#" in shape else constant)}


def _squeeze_blank_lines(page: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", page).strip("\n")


def rejoin_hyphenation(page: str, context: str) -> str:
    """Join "BER-\\nNARD" into "BERNARD" but keep "Jean-\\nPierre", "PINET-\\nTALLON", "peut-\\nêtre".

    The rest of the document decides first: a form seen elsewhere with or
    without its hyphen wins. Otherwise capitalised halves ("Jean-Pierre") and
    long upper-case halves ("PINET-TALLON") are compounds; other cuts are joined.
    """

    def repair(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        # "MARSILLAC-LA-\nVARENNE": a part of a hyphenated name is no cut word
        inside_compound = match.start(1) > 0 and page[match.start(1) - 1] == "-"
        return head + ("-" if inside_compound or _is_compound(head, tail, context) else "") + tail

    return HYPHEN_BREAK.sub(repair, page)


def _is_compound(head: str, tail: str, context: str) -> bool:
    first_tail = re.split(r"[-'’]", tail)[0]
    joined, hyphenated = head + first_tail, f"{head}-{first_tail}"
    seen_hyphenated, seen_joined = _count(context, hyphenated), _count(context, joined)
    if seen_hyphenated or seen_joined:
        return seen_hyphenated > seen_joined
    if first_tail.lower() in COMPOUND_TAILS:
        return True
    if first_tail != tail and first_tail.lower() in PLACE_PARTICLES:  # "Roquenègre-\nsur-Cère"
        return True
    if head[:1].isupper() and head[1:].islower() and first_tail[:1].isupper():
        return True
    if head.isupper() and first_tail.isupper():
        return len(head) >= 4 and len(first_tail) >= 4
    return False


def _count(context: str, form: str) -> int:
    return len(re.findall(rf"(?<![\w-]){re.escape(form)}(?![\w])", context))
