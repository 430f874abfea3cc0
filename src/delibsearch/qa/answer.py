"""What an answer is: the short answer, its type and value, a confidence, and its quoted sources."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Source:
    item_id: int | None
    sitting_id: int
    authority: str | None
    date: str | None
    title: str | None
    page: int | None
    quote: str
    pdf_url: str


@dataclass
class Answer:
    answer: str | None
    type: str
    value: Any
    confidence: float
    sources: list[Source]
    alternatives: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"answer": self.answer, "type": self.type, "value": self.value, "confidence": round(self.confidence, 2),
                "sources": [asdict(s) for s in self.sources], "alternatives": self.alternatives}


def make_source(item_id: int | None, sitting_id: int, authority: str | None, date: str | None,
                title: str | None, page: int | None, quote: str) -> Source:
    return Source(item_id, sitting_id, authority, date, title, page, quote, f"/sittings/{sitting_id}/pdf#page={page or 1}")
