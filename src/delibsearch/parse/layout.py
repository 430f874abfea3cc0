"""Lines of a page in reading order, from the positions of its words.

A PDF's content stream does not say in which order a human reads the page: a margin column
("Direction du Secrétariat Général / Extrait du registre ... n° 2014 / 238") printed beside the
attendance list, a two-column header, a rapporteur printed in a left column beside each item all come
out interleaved line by line when text is read in stream order. Here the words' boxes decide:

1. words are grouped into lines by their vertical overlap, and each line into chunks where a wide gap
   separates two runs of words;
2. a *two-column zone* is a run of consecutive lines that a vertical gutter crosses nowhere, with at
   least two lines printing on both sides of it. Two columns of running text (both sides as wide and
   as long as each other, their lines filling them) are read down the left column, then down the right.
   Within any other zone where every line prints on both sides, the lines are read as rows (a form, a
   table). Otherwise the side holding more text is the main
   column, read line by line, and each block of the other side (a *side cell*) is placed where it is
   printed: a left cell on a line of its own before the main line at its height (or before the whole
   paragraph, when it is a label such as "Présents :" printed beside its list), a right cell at the end
   of the main line at its height;
3. each column is read again the same way, so a two-column header inside the main column is untangled
   too.

The same reading serves the text layer (pdfium's character boxes) and scans (Tesseract's word boxes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_GUTTER = 9.0  # points: the narrowest white band that separates two columns
CHUNK_GAP = 1.5  # a gap wider than this many word heights splits a line into chunks
JOINED_GAP = 0.15  # of a word's height: a closer word without a space printed before it continues the word
MIN_TWO_SIDED = 2
MAX_DEPTH = 2
EDGE_STEP = 4.0  # points: line starts this close share a left margin
EDGE_SHARE = 0.5  # ... or this share of the line's height, when more
# A zone of 3 rows or more that mostly print on both sides, in 3 cells or more, is a table.
TABLE_ROWS, TABLE_SHARE, TABLE_CELLS = 3, 0.6, 3
# Two sides of 8 lines or more, as wide and as long as each other within 0.6, most lines filling 0.6 of their
# width: two columns of text.
TEXT_COLUMN_ROWS, TEXT_COLUMN_RATIO, TEXT_COLUMN_FILL = 8, 0.6, 0.6
PARAGRAPH_GAP = 0.35  # a gap wider than the spacing around it by this many line heights parts paragraphs
ENUMERATED = re.compile(r"^(?:\d{1,3}|[IVXL]{1,5}|[a-zA-Z])\s?(?:[.)°/]|\s[-–])\s|^\d{1,3}\s+(?=[A-ZÀ-Þ«\"])")
ENUMERATOR = re.compile(r"^(?:\d{1,3}|[IVXL]{1,5}|[a-zA-Z])\s?[.)°/-]?\)?$|^[-–•▪*]$")


@dataclass
class Word:
    """A run of characters printed together: its box in points, y growing downwards."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    space_after: bool = False  # a space is printed after it, however narrow the gap
    starts: tuple[float, ...] = ()  # where each character starts, when the reading gives it (a text layer)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    def split_at(self, x: float) -> tuple[Word, Word] | None:
        """The word cut where a rule passes between two of its characters (text of two cells run together)."""
        if len(self.starts) != len(self.text):
            return None
        cut = next((i for i, start in enumerate(self.starts) if i and start >= x), None)
        if cut is None:
            return None
        left = Word(self.x0, self.top, x, self.bottom, self.text[:cut], True, self.starts[:cut])
        return left, Word(self.starts[cut], self.top, self.x1, self.bottom, self.text[cut:], self.space_after,
                          self.starts[cut:])


@dataclass
class Line:
    """A printed line: its text, its box, and whether it is a side cell (a margin or rapporteur column)."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    side: bool = False


@dataclass
class _Row:
    words: list[Word] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0
    edges: tuple[float, ...] = ()  # the page's left margins (where many lines start): a word starting there opens a chunk
    # What the zone search asks of a row thousands of times, worked out once (words and edges are set first).
    _height: float | None = field(default=None, repr=False, compare=False)
    _chunks: tuple[tuple[float, ...], list[list[Word]]] | None = field(default=None, repr=False, compare=False)
    _spans: list[tuple[float, float]] | None = field(default=None, repr=False, compare=False)

    def add(self, word: Word) -> None:
        if not self.words:
            self.top, self.bottom = word.top, word.bottom
        else:
            self.top, self.bottom = min(self.top, word.top), max(self.bottom, word.bottom)
        self.words.append(word)
        self._height = self._chunks = self._spans = None

    def collides(self, word: Word) -> bool:
        """Two words of one line never share a position: a stamp printed over a line is another line. A lone
        dash or comma may (OCR boxes a separator into the word beside it)."""
        if len(word.text) == 1 and not word.text.isalnum():
            return False
        return any(w.x0 < word.x1 - 1 and word.x0 < w.x1 - 1 for w in self.words)

    @property
    def height(self) -> float:
        if self._height is None:
            heights = sorted(w.height for w in self.words)
            self._height = heights[len(heights) // 2]
        return self._height

    def chunks(self) -> list[list[Word]]:
        """Runs of words separated by gaps wider than a few line heights."""
        if self._chunks is None or self._chunks[0] != self.edges:
            self._chunks = (self.edges, self._split())
            self._spans = None
        return self._chunks[1]

    def _split(self) -> list[list[Word]]:
        ordered = sorted(self.words, key=lambda w: w.x0)
        height = self.height
        runs: list[list[Word]] = [[ordered[0]]]
        end = ordered[0].x1
        for i, word in enumerate(ordered[1:], start=1):
            following = ordered[i + 1] if i + 1 < len(ordered) else None
            # A heading's number hanging in the margin, apart from what is printed before it ("SAUREL   5.").
            hanging = following is not None and ENUMERATOR.match(word.text) and self._at_edge(following, word.x1) \
                and word.x0 - end > 0.8 * height
            if word.x0 - end > CHUNK_GAP * height or self._at_edge(word, end) or hanging:
                runs.append([word])
                end = word.x1
            else:
                runs[-1].append(word)
                end = max(end, word.x1)
        return _number_with_title(runs)

    def _at_edge(self, word: Word, end: float) -> bool:
        """The word starts at one of the page's left margins, after text printed left of it."""
        step = max(EDGE_STEP, EDGE_SHARE * self.height)  # a scan's margin wavers by half a letter's height
        return any(abs(word.x0 - edge) <= step and end < edge - 2 for edge in self.edges)

    def chunk_spans(self) -> list[tuple[float, float]]:
        chunks = self.chunks()
        if self._spans is None:
            self._spans = [(min(w.x0 for w in c), max(w.x1 for w in c)) for c in chunks]
        return self._spans

    def span(self) -> tuple[float, float]:
        return min(w.x0 for w in self.words), max(w.x1 for w in self.words)


def _number_with_title(runs: list[list[Word]]) -> list[list[Word]]:
    """A heading's number ("1.", "12", "IV -") stays with the title printed after it, but a figure that
    follows a label ("délibération : 10") is the label's value."""
    merged: list[list[Word]] = []
    for run in runs:
        after_label = len(merged) > 1 and merged[-2][-1].text.endswith(":")
        if merged and ENUMERATOR.match(" ".join(w.text for w in merged[-1])) and not after_label:
            merged[-1] = merged[-1] + run
        else:
            merged.append(run)
    return merged


def read_lines(words: list[Word]) -> list[Line]:
    """The page's lines in reading order, an empty line where a wider gap or a new block parts them."""
    rows = _rows([w for w in words if w.text.strip()])
    edges = left_edges([row.span()[0] for row in rows])
    for row in rows:
        row.edges = edges
    return _with_paragraph_breaks(_read(rows, 0))


def left_edges(starts: list[float]) -> tuple[float, ...]:
    """Where many lines start: the left margins of the page's columns (a list's, the items' column)."""
    counts: dict[int, int] = {}
    for start in starts:
        key = round(start / EDGE_STEP)
        counts[key] = counts.get(key, 0) + 1
    enough = max(3, 0.15 * len(starts))
    edges = []
    for key, count in counts.items():
        near = count + counts.get(key - 1, 0) + counts.get(key + 1, 0)
        if near >= enough and count >= max(counts.get(key - 1, 0), counts.get(key + 1, 0)):
            edges.append(key * EDGE_STEP)
    return tuple(sorted(edges))


def _with_paragraph_breaks(lines: list[Line]) -> list[Line]:
    """An empty line where the gap is wider than the spacing around it (a list set at 1.5 lines stays whole)."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    downward = sorted(g for g in gaps if g >= -1)
    usual = downward[len(downward) // 2] if downward else 0.0
    out: list[Line] = lines[:1]
    for i, line in enumerate(lines[1:]):
        previous = lines[i]
        neighbours = [g for g in (gaps[i - 1] if i else None, gaps[i + 1] if i + 1 < len(gaps) else None)
                      if g is not None and g >= -1]
        local = max(min(neighbours), usual) if neighbours else usual
        height = min(line.bottom - line.top, previous.bottom - previous.top)
        if gaps[i] > local + PARAGRAPH_GAP * height or line.bottom < previous.top:
            out.append(Line(text="", top=previous.bottom, bottom=line.top, x0=line.x0, x1=line.x0))
        out.append(line)
    return out


def _rows(words: list[Word]) -> list[_Row]:
    """Words grouped into rows by vertical overlap (a superscript "er" joins its line)."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        target, best = None, 0.0
        for row in rows[-3:]:
            overlap = min(row.bottom, word.bottom) - max(row.top, word.top)
            share = overlap / min(word.height, row.height)
            level = row.top <= middle <= row.bottom or share >= 0.5
            if level and share > best and not row.collides(word):
                target, best = row, share
        if target is None:
            target = _Row()
            rows.append(target)
        target.add(word)
    return sorted(rows, key=lambda r: r.top)


def _read(rows: list[_Row], depth: int) -> list[Line]:
    lines: list[Line] = []
    index = 0
    zones = _zones(rows) if depth < MAX_DEPTH else []
    for start, end, gutter in zones:
        lines += [_as_line(row.words) for row in rows[index:start]]
        lines += _read_zone(rows[start:end + 1], gutter, depth)
        index = end + 1
    lines += [_as_line(row.words) for row in rows[index:]]
    return lines


def _gaps(row: _Row) -> list[tuple[float, float]]:
    """White bands between the row's chunks."""
    spans = row.chunk_spans()
    return [(a[1], b[0]) for a, b in zip(spans, spans[1:]) if b[0] > a[1]]


def _two_sided(row: _Row, band: tuple[float, float]) -> bool:
    spans = row.chunk_spans()
    return any(x1 <= band[0] for _, x1 in spans) and any(x0 >= band[1] for x0, _ in spans)


def _zones(rows: list[_Row]) -> list[tuple[int, int, tuple[float, float]]]:
    """Runs of rows (first, last) split by a common gutter, the largest first, never overlapping."""
    if len(rows) < MIN_TWO_SIDED:
        return []
    candidates = []
    for i, row in enumerate(rows):
        for band in _gaps(row):
            if band[1] - band[0] >= MIN_GUTTER:
                candidates.append(_grow(rows, i, band))
    taken: set[int] = set()
    zones = []
    # The longest zone first (an outer column holds inner ones: a table inside the items' column is read
    # again within it), then the most rows printed on both sides, then the widest gutter.
    for first, last, band, sided in sorted(candidates, key=lambda c: (c[0] - c[1], -c[3], c[2][0] - c[2][1], c[0])):
        # A zone that shares its first or last rows with a longer one keeps the rest.
        while first <= last and first in taken:
            first += 1
        while last >= first and last in taken:
            last -= 1
        sided = sum(_two_sided(rows[k], band) for k in range(first, last + 1))
        if sided < MIN_TWO_SIDED or any(k in taken for k in range(first, last + 1)):
            continue
        taken.update(range(first, last + 1))
        zones.append((first, last, band))
    return sorted(zones)


def _grow(rows: list[_Row], start: int, band: tuple[float, float]) -> tuple[int, int, tuple[float, float], int]:
    """Extend a gutter up and down over the rows it does not cross; it may narrow as it goes."""
    first = last = start
    for step in (-1, 1):
        k = start + step
        while 0 <= k < len(rows):
            narrowed = _narrow(rows[k], band)
            if narrowed is None:
                break
            band = narrowed
            first, last = min(first, k), max(last, k)
            k += step
    sided = [k for k in range(first, last + 1) if _two_sided(rows[k], band)]
    if not sided:
        return first, last, band, 0
    # Rows printed on one side only belong to the zone when they print under one of its columns: after
    # the last row printed on both sides (the rest of a long list beside a margin), and before the first
    # one when they open its paragraph ("Présents :" above the names that face a margin note).
    columns = _column_ranges([rows[k] for k in sided], band)
    begin, end = sided[0], sided[-1]
    while begin > first and _under(rows[begin - 1], columns) and _close(rows[begin - 1], rows[begin]):
        begin -= 1
    while end < last and _under(rows[end + 1], columns):
        end += 1
    return begin, end, band, len(sided)


def _under(row: _Row, columns: list[tuple[float, float]]) -> bool:
    return all(any(x0 < hi and x1 > lo for lo, hi in columns) for x0, x1 in row.chunk_spans())


def _close(upper: _Row, lower: _Row) -> bool:
    """Two rows of one paragraph: the gap between them under a line height."""
    return lower.top - upper.bottom <= 0.8 * min(upper.height, lower.height)


def _column_ranges(rows: list[_Row], band: tuple[float, float]) -> list[tuple[float, float]]:
    spans = [span for row in rows for span in row.chunk_spans()]
    left = [s for s in spans if s[1] <= band[0]]
    right = [s for s in spans if s[0] >= band[1]]
    return [(min(s[0] for s in side), max(s[1] for s in side)) for side in (left, right) if side]


def _narrow(row: _Row, band: tuple[float, float]) -> tuple[float, float] | None:
    """The gutter as it is left by a row's words, or None when they close it."""
    lo, hi = band
    for x0, x1 in row.chunk_spans():
        if x0 < hi and x1 > lo:
            if x1 - lo < hi - x0:
                lo = x1
            else:
                hi = x0
    return (lo, hi) if hi - lo >= MIN_GUTTER else None


def _read_zone(rows: list[_Row], band: tuple[float, float], depth: int) -> list[Line]:
    if _table(rows, band):
        return _table_lines(rows)
    left_rows = [_Row() for _ in rows]
    right_rows = [_Row() for _ in rows]
    for row, left, right in zip(rows, left_rows, right_rows):
        for word in row.words:
            (left if word.x1 <= band[0] else right).add(word)
    left_rows, right_rows = [r for r in left_rows if r.words], [r for r in right_rows if r.words]
    if _text_columns(left_rows, right_rows):
        return _read(left_rows, depth + 1) + _read(right_rows, depth + 1)
    if all(_two_sided(row, band) for row in rows):
        return [_as_line(row.words) for row in rows]
    left_lines = _read(left_rows, depth + 1)
    right_lines = _read(right_rows, depth + 1)
    left_size = sum(len(line.text) for line in left_lines)
    right_size = sum(len(line.text) for line in right_lines)
    if left_size >= right_size:  # the right side is a table's last columns: each of its lines is a cell
        return _place_cells(left_lines, [[_as_side(line)] for line in right_lines], before=False)
    return _place_cells(right_lines, _cells(left_lines), before=True)


def _text_columns(left: list[_Row], right: list[_Row]) -> bool:
    """Two columns of running text, read down the left one and then down the right one (a summary printed
    in two columns): both sides as wide and as long as each other, most of their lines filling their
    column. A margin, a list of labels or a table's columns fail one of these."""
    if min(len(left), len(right)) < TEXT_COLUMN_ROWS:
        return False
    widths = []
    for side in (left, right):
        lo, hi = min(r.span()[0] for r in side), max(r.span()[1] for r in side)
        full = sum(r.span()[1] - r.span()[0] >= TEXT_COLUMN_FILL * (hi - lo) for r in side)
        if full < TEXT_COLUMN_FILL * len(side):
            return False
        widths.append(hi - lo)
    return min(widths) >= TEXT_COLUMN_RATIO * max(widths) and min(len(left), len(right)) >= TEXT_COLUMN_RATIO * max(len(left), len(right))


def _table(rows: list[_Row], band: tuple[float, float]) -> bool:
    """Most rows, three at least, print on both sides, in three cells or more: a table's rows (a multi-line
    header above them), each read as one line, not two columns of text."""
    sided = [row for row in rows if _two_sided(row, band)]
    if len(sided) < max(TABLE_ROWS, TABLE_SHARE * len(rows)):
        return False
    cells = sorted(len(row.chunks()) for row in sided)
    return cells[len(cells) // 2] >= TABLE_CELLS


def _table_lines(rows: list[_Row]) -> list[Line]:
    """A table's records, one line each, each cell's words read down the cell before the next cell
    ("27 au 30 janvier" over "2020"). Where the rows are spaced unevenly, a wider gap parts two records
    and the rows closer together continue one; evenly spaced rows are a record each."""
    gaps = [lower.top - upper.bottom for upper, lower in zip(rows, rows[1:])]
    height = sorted(row.height for row in rows)[len(rows) // 2]
    tight = min(gaps, default=0.0) + PARAGRAPH_GAP * height
    uneven = any(gap > tight for gap in gaps)
    records: list[list[_Row]] = [[rows[0]]]
    for row, gap in zip(rows[1:], gaps):
        if uneven and gap <= tight:
            records[-1].append(row)
        else:
            records.append([row])
    columns = _column_starts(rows)
    return [_record_line(record, columns) for record in records]


def _column_starts(rows: list[_Row]) -> list[float]:
    """Where the table's cells start: a left edge that two chunks or more share, and the table's own."""
    counts: dict[int, int] = {}
    for row in rows:
        for x0, _ in row.chunk_spans():
            key = round(x0 / EDGE_STEP)
            counts[key] = counts.get(key, 0) + 1
    starts = [key * EDGE_STEP for key, count in sorted(counts.items())
              if count + counts.get(key - 1, 0) >= 2 and counts.get(key - 1, 0) <= count]
    return sorted({min(row.span()[0] for row in rows), *starts})


def _record_line(record: list[_Row], columns: list[float]) -> Line:
    cells: list[list[Word]] = [[] for _ in columns]
    for row in record:
        for word in row.words:
            column = max(k for k in range(len(columns)) if k == 0 or columns[k] <= word.x0 + EDGE_STEP)
            cells[column].append(word)
    texts = [" ".join(_as_line(row).text for row in cell_rows(cell)) for cell in cells if cell]
    words = [w for row in record for w in row.words]
    return Line(text=" ".join(texts), top=min(w.top for w in words), bottom=max(w.bottom for w in words),
                x0=min(w.x0 for w in words), x1=max(w.x1 for w in words))


def cell_rows(words: list[Word]) -> list[list[Word]]:
    """A cell's words line by line, top to bottom."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and word.top < max(w.bottom for w in rows[-1]) - 0.3 * word.height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return rows


def _cells(lines: list[Line]) -> list[list[Line]]:
    """Lines of a side column grouped into blocks (a gap under a line height parts nothing)."""
    cells: list[list[Line]] = []
    for line in map(_as_side, lines):
        height = line.bottom - line.top
        previous = cells[-1][-1] if cells else None
        if previous and line.top - previous.bottom <= 0.8 * max(height, 1.0) and line.x0 < previous.x1 \
                and previous.x0 < line.x1:
            cells[-1].append(line)
        else:
            cells.append([line])
    return cells


def _as_side(line: Line) -> Line:
    return Line(text=line.text, top=line.top, bottom=line.bottom, x0=line.x0, x1=line.x1, side=True)


def _place_cells(main: list[Line], cells: list[list[Line]], before: bool) -> list[Line]:
    """Side cells placed among the main column's lines at the height they are printed.

    A left cell goes on lines of its own before the paragraph (or the numbered line) it is printed beside:
    a rapporteur before the item's heading, a margin note or a label before the list it faces; a right cell
    of one line printed at the height of a main line ends that line (a table's last column), otherwise it
    has lines of its own.
    """
    anchored: dict[int, list[list[Line]]] = {}
    for cell in sorted(cells, key=lambda c: c[0].top):
        at = _aligned(main, cell[0])
        if before:
            at = _paragraph_start(main, at)
        anchored.setdefault(at, []).append(cell)
    out: list[Line] = []
    for i, line in enumerate(main):
        pending = anchored.get(i, [])
        if not before and pending and len(pending[-1]) == 1 and _level(line, pending[-1][0]):
            cell = pending.pop()[0]
            line = Line(text=f"{line.text} {cell.text}", top=line.top, bottom=line.bottom, x0=line.x0, x1=cell.x1)
        out += [cell_line for cell in pending for cell_line in cell]
        out.append(line)
    return out + [cell_line for cell in anchored.get(len(main), []) for cell_line in cell]


def _level(line: Line, cell: Line) -> bool:
    return abs(line.top - cell.top) <= 0.6 * max(min(cell.bottom - cell.top, line.bottom - line.top), 1.0)


def _aligned(lines: list[Line], cell: Line) -> int:
    """Index of the first main line printed at or below the cell's top (the cell's own height)."""
    tolerance = 0.5 * min(cell.bottom - cell.top, 12.0)
    for i, line in enumerate(lines):
        if line.bottom >= cell.top + tolerance:
            return i
    return len(lines)


def _paragraph_start(lines: list[Line], at: int) -> int:
    """Back up from a line to the first line of its paragraph: after a wide gap, or a numbered line."""
    while 0 < at < len(lines) and not ENUMERATED.match(lines[at].text):
        gap = lines[at].top - lines[at - 1].bottom
        if gap > 0.8 * (lines[at].bottom - lines[at].top) or lines[at - 1].side:
            break
        at -= 1
    return at


def _as_line(words: list[Word]) -> Line:
    ordered = sorted(words, key=lambda w: w.x0)
    return Line(text=words_text(ordered).strip(), top=min(w.top for w in words), bottom=max(w.bottom for w in words),
                x0=ordered[0].x0, x1=max(w.x1 for w in words))


def words_text(ordered: list[Word]) -> str:
    """The text of words printed left to right on one line: a space between two, unless the second follows the
    first closely with no space printed (a word the text layer parted at a jump in position)."""
    parts = [ordered[0].text]
    for previous, word in zip(ordered, ordered[1:]):
        joined = not previous.space_after and word.x0 - previous.x1 < JOINED_GAP * word.height
        parts.append(word.text if joined else " " + word.text)
    return "".join(parts)
