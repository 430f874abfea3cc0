"""Passages that may hold an answer told in running text: sentences, table rows and header lines.

Items come from the search engine (the question's content words, any of them) or, when the question
names a sitting, from that sitting whole. Each item is cut into sentences (long ones into pairs of
printed lines, so that a table dumped as text does not become one "sentence"), its tables into rows,
and a named sitting's header into lines. Passages are scored by the question's stems they share,
weighted by how rare each stem is among the passages (a name or a rare word counts more than
"commune"), with the item's title and the previous sentence as weaker context.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from delibsearch.extract.dates import fold
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.sentences import flat, sentence_spans
from delibsearch.index import FullTextIndex, french_analyzer
from delibsearch.qa.question import Question
from delibsearch.qa.records import Sitting
from delibsearch.search import search
from delibsearch.store import StoredItem, Store

LONG_SENTENCE = 320
SEARCH_HITS = 15
CONTEXT_WEIGHT = 0.35
LEAD_IN_WEIGHT = 0.8
SHORT_ITEM = 800
FOCUS_WEIGHT = 1.5
NAME_WEIGHT = 1.5
ANALYZER = french_analyzer()


@dataclass
class Passage:
    text: str
    sitting_id: int
    authority: str | None
    date: str | None
    item: StoredItem | None
    start: int | None  # offset in the item's text; None for table rows and header lines
    page: int | None
    context: str = ""
    rank: int = 0
    lead_in: str = ""
    stems: set[str] = field(default_factory=set)
    score: float = 0.0

    @property
    def quote(self) -> str:
        return flat(self.text)


@lru_cache(maxsize=200_000)
def stem_list(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in ANALYZER(text))


def stems_of(text: str) -> set[str]:
    return {s for s in stem_list(text) if len(s) > 1}


class PassageFinder:
    def __init__(self, store: Store, index: FullTextIndex) -> None:
        self.store, self.index = store, index

    def items(self, q: Question, sittings: list[Sitting]) -> list[StoredItem]:
        """A named sitting's items, else the search engine's best items for the question's words."""
        if sittings and q.date and len(sittings) <= 2:
            return [item for sitting in sittings for item in self.store.items_of(sitting.id)]
        # Plain words only: a hyphen would read as an exclusion ("Clermont-Ferrand", "verse-t-elle").
        words = sorted({part for w in q.words for part in re.split(r"[^\w]+", w) if len(part) > 2})
        if not words:
            return []
        hits = search(self.index, self.store, " OR ".join(words), None, page_size=SEARCH_HITS * (4 if q.authority else 1)).hits
        chosen = hits[:SEARCH_HITS]
        if q.authority:
            # Documents whose authority was not read from the PDF stay candidates; and the town a question
            # names may be its subject's ("le réservoir de Pierrefonds"), so the best hits elsewhere follow,
            # unless the town is the one that acted ("la commune de Pierrefonds a versé").
            own = [h for h in hits if h.authority in (q.authority, "")]
            if sittings:
                ids = {s.id for s in sittings}
                own = [h for h in own if h.sitting_id in ids] or own
            others = [] if q.acting else [h for h in hits[:SEARCH_HITS // 2] if h not in own[:SEARCH_HITS]]
            chosen = own[:SEARCH_HITS] + others
        return [item for item in (self.store.item(h.item_id) for h in chosen) if item]

    def passages(self, q: Question, sittings: list[Sitting]) -> list[Passage]:
        found: list[Passage] = []
        for rank, item in enumerate(self.items(q, sittings)):
            found += _sentences(item, rank)
            found += self._rows(item, rank)
        if q.date and len(sittings) == 1:
            found += _header_lines(sittings[0])
        for passage in found:
            passage.stems = stems_of(passage.text)
        return found

    def _rows(self, item: StoredItem, rank: int) -> list[Passage]:
        rows = []
        for table in self.store.db.execute("SELECT header, rows, page FROM tables WHERE item_id = ?", (item.id,)):
            header = " ".join(c for c in json.loads(table["header"]) if c)
            for row in json.loads(table["rows"]):
                text = " | ".join(c for c in row if c and c.strip())
                if text:
                    rows.append(Passage(text, item.document_id, item.authority, item.date, item, None, table["page"],
                                        f"{item.title or ''} {header}", rank))
        return rows


def _sentences(item: StoredItem, rank: int) -> list[Passage]:
    found = []
    previous, lead_in = item.title or "", ""
    # A short item is about its title: every sentence of it inherits the title as a lead-in.
    title_lead = item.title or "" if len(item.text) < SHORT_ITEM else ""
    for start, end in sentence_spans(item.text):
        for piece_start, piece_end in _pieces(item.text, start, end):
            text = item.text[piece_start:piece_end]
            # The items of a list ("à savoir :" then "- dépôt de 0 à 2 m3 : 600 €") inherit its lead-in.
            if previous.rstrip().endswith(":"):
                lead_in = previous
            elif not re.match(r"\s*[-–•▪o]\s", text):
                lead_in = ""
            found.append(Passage(text, item.document_id, item.authority, item.date, item, piece_start,
                                 item.page_start, f"{item.title or ''} {previous[-200:]}", rank,
                                 lead_in=f"{title_lead} {lead_in}".strip()))
            previous = text
    return found


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence, or pairs of its printed lines when it is too long to be one statement."""
    if end - start <= LONG_SENTENCE:
        return [(start, end)]
    lines, cursor = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            lines.append((cursor, cursor + len(line)))
        cursor += len(line) + 1
    return [(lines[i][0], lines[min(i + 1, len(lines) - 1)][1]) for i in range(len(lines))] or [(start, end)]


def _header_lines(sitting: Sitting) -> list[Passage]:
    lines = [line for line in sitting.header.split("\n") if line.strip()]
    return [Passage(" ".join(lines[i:i + 2]), sitting.id, sitting.authority, sitting.date, None, None, 1, "", 0)
            for i in range(len(lines))]


def score_passages(q: Question, passages: list[Passage]) -> dict[str, float]:
    """Give each passage its score (share of the question's weighted stems it holds); returns the weights."""
    weights = question_weights(q, passages)
    total = sum(weights.values()) or 1.0
    dated = _dated(q, passages, weights)
    for passage in passages:
        if passage in dated:
            passage.stems = passage.stems | {DATE_STEM}
        inside = passage.stems & weights.keys()
        led = (stems_of(passage.lead_in) & weights.keys()) - inside
        around = (stems_of(passage.context) & weights.keys()) - inside - led
        passage.score = (sum(weights[s] for s in inside) + LEAD_IN_WEIGHT * sum(weights[s] for s in led)
                         + CONTEXT_WEIGHT * sum(weights[s] for s in around)) / total
        passage.score -= 0.01 * passage.rank
        if OPERATIVE.match(passage.text) or OPERATIVE_LEAD.search(passage.lead_in):
            passage.score += OPERATIVE_WEIGHT
        if _other_number(q.text, passage.text):
            passage.score *= 0.5
    return weights


# The operative clauses of a deliberation ("- Approuvé l'attribution d'une aide de 10 000 €", after "ont, à
# l'unanimité :") state what was decided; the report before them weighs options and past figures.
OPERATIVE = re.compile(r"\s*[-–•▪]?\s*(?:approuv|d[ée]cid|attribu|fix|autoris|accord|valid|adopt|arr[êe]t)\w*\b", re.I)
OPERATIVE_LEAD = re.compile(r"(?:unanimité|majorité|délibéré)[^:]*:\s*$", re.I)
OPERATIVE_WEIGHT = 0.1
NUMBERED = re.compile(r"\b(lot|phase|tranche|rapport|point|question|zone|secteur|article)\s+(?:n°\s*)?(\d+)\b", re.I)


def _other_number(question: str, text: str) -> bool:
    """The question asks about "le lot n° 3" and the passage is about "Lot n° 1"."""
    asked = {(fold(m.group(1)), m.group(2)) for m in NUMBERED.finditer(question)}
    if not asked:
        return False
    printed = {(fold(m.group(1)), m.group(2)) for m in NUMBERED.finditer(text)}
    return any(noun == n and number != k for noun, number in printed for n, k in asked) and not asked & printed


DATE_STEM = "\u2020date"  # a pseudo-stem: the passage prints the date the question names


def _dated(q: Question, passages: list[Passage], weights: dict[str, float]) -> list[Passage]:
    """A date the question names that is not its sitting's ("l'encours au 1er janvier 2020") is a word to find."""
    if not q.date or (passages and all(p.date == q.date for p in passages)):
        return []
    year = int(q.date[:4])
    found = [p for p in passages if q.date[:4] in p.text and any(d.value == q.date for d in find_dates(p.text, year))]
    if found:
        weights[DATE_STEM] = max(weights.values(), default=1.0)
    return found


def question_weights(q: Question, passages: list[Passage]) -> dict[str, float]:
    """Each stem of the question weighted by its rarity among the passages; the focus words count more."""
    # A compound ("Cuise-la-Motte", "géomètre-topographe") is one word: its parts share its weight.
    share: dict[str, float] = {}
    for word in q.words:
        parts = stems_of(word)
        for stem in parts:
            share[stem] = max(share.get(stem, 0.0), 1.0 / len(parts))
    if q.authority and q.date and passages and all(p.date == q.date for p in passages):
        for stem in stems_of(q.authority):  # within the named sitting, its town's name tells nothing
            share.pop(stem, None)
    df = Counter(s for p in passages for s in p.stems & share.keys())
    n = max(1, len(passages))
    focus = stems_of(" ".join(q.focus))
    names = stems_of(" ".join(q.names))
    return {s: math.log(1 + n / (1 + df[s])) * part * (FOCUS_WEIGHT if s in focus else 1.0) * (NAME_WEIGHT if s in names else 1.0)
            for s, part in share.items()}
