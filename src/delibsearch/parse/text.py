"""Text of a whole document with the page of every character and the place of its side cells."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from delibsearch.parse.layout import Line


@dataclass
class PagedText:
    """The pages joined by blank lines; offsets map back to 1-based page numbers.

    `side_spans` are the (start, end) offsets of the lines printed in a side column (a margin beside the
    header, a rapporteur column beside each item), for the rules that read such cells.
    """

    pages: list[str]
    side_spans: list[tuple[int, int]] = field(default_factory=list)
    text: str = field(init=False)
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = []
        parts = []
        offset = 0
        for page in self.pages:
            self.starts.append(offset)
            parts.append(page)
            offset += len(page) + 2
        self.text = "\n\n".join(parts)

    @classmethod
    def from_lines(cls, pages: list[list[Line]]) -> "PagedText":
        texts, spans, offset = [], [], 0
        for page in pages:
            cursor = offset
            for line in page:
                if line.side:
                    spans.append((cursor, cursor + len(line.text)))
                cursor += len(line.text) + 1
            text = "\n".join(line.text for line in page)
            texts.append(text)
            offset += len(text) + 2
        return cls(texts, spans)

    def page_at(self, offset: int) -> int:
        return max(1, bisect_right(self.starts, offset))

    def page_range(self, start: int, end: int) -> tuple[int, int]:
        return self.page_at(start), self.page_at(max(start, end - 1))

    def side_text_before(self, offset: int) -> str | None:
        """The side-column lines printed just before the line at `offset` (a rapporteur beside a heading)."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        while line_start >= 2 and self.text[line_start - 2] == "\n":  # blank lines between cell and heading
            line_start -= 1
        ends = {end: start for start, end in self.side_spans}
        parts: list[str] = []
        while line_start - 1 in ends:
            start = ends[line_start - 1]
            parts.insert(0, self.text[start:line_start - 1])
            line_start = start
        return " ".join(parts) if parts else None
