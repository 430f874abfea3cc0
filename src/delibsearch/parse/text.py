"""Text of a whole document with the page of every character."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class PagedText:
    """The pages joined by blank lines; offsets map back to 1-based page numbers."""

    pages: list[str]
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

    def page_at(self, offset: int) -> int:
        return max(1, bisect_right(self.starts, offset))

    def page_range(self, start: int, end: int) -> tuple[int, int]:
        return self.page_at(start), self.page_at(max(start, end - 1))
