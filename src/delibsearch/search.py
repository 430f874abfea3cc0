"""Query -> item hits with snippets and facet counts.

What the user types is read with the usual operators ("exact phrase",
-exclusion, OR, prefix*); a query the parser cannot read is searched as plain
words, never an error.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import qparser, sorting
from whoosh.query import And, Every, Prefix, Query, Term, TermRange, Wildcard

from delibsearch.extract.dates import fold
from delibsearch.index import NO_VALUE, FullTextIndex, normalise_query_numbers
from delibsearch.store import Store

FACETS = ("authority", "year", "body", "decision", "rapporteur", "persons", "places", "organisations")
MULTI_VALUED = {"persons", "places", "organisations"}
PAGE_SIZE = 20


@dataclass
class Filters:
    authority: str | None = None
    year: str | None = None
    body: str | None = None
    decision: str | None = None
    rapporteur: str | None = None
    persons: str | None = None
    places: str | None = None
    organisations: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def query(self) -> Query | None:
        terms: list[Query] = [Term(name, value) for name in FACETS if (value := getattr(self, name))]
        if self.date_from or self.date_to:
            terms.append(TermRange("date", self.date_from or "0000", (self.date_to or "9999") + "~"))
        return And(terms) if terms else None


@dataclass
class Hit:
    item_id: int
    sitting_id: int
    authority: str
    date: str
    number: str
    title: str
    snippet: str
    page: int
    file: str
    score: float


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE


def parse_query(text: str, schema) -> Query:
    """The user's query with operators; falls back to plain words when it cannot be read."""
    parser = qparser.MultifieldParser(["title", "text"], schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.PlusMinusPlugin())
    cleaned = normalise_query_numbers(text.strip())
    if not cleaned:
        return Every()
    try:
        return parser.parse(cleaned)
    except Exception:  # whoosh raises assorted errors on odd input; read it as words instead
        words = re.sub(r"[^\w\s*]", " ", cleaned)
        return parser.parse(words) if words.strip() else Every()


def search(index: FullTextIndex, store: Store, text: str, filters: Filters | None = None,
           page: int = 1, sort: str = "relevance", page_size: int = PAGE_SIZE) -> SearchResults:
    filters = filters or Filters()
    query = parse_query(text, index.ix.schema)
    page = max(1, page)
    with index.ix.searcher() as searcher:
        facets = {name: sorting.FieldFacet(name, allow_overlap=name in MULTI_VALUED) for name in FACETS}
        sortedby = sorting.FieldFacet("date", reverse=True) if sort == "date" else None
        results = searcher.search(query, filter=filters.query(), limit=page * page_size, groupedby=facets,
                                  maptype=sorting.Count, sortedby=sortedby, terms=True)
        marker = re.compile("|".join(_term_patterns(query)) or r"(?!)", re.I)
        hits = [_hit(results[n], store, marker) for n in range((page - 1) * page_size, min(len(results), page * page_size))]
        counts = {name: _counts(results.groups(name)) for name in FACETS}
        suggestion = _suggestion(searcher, query, text) if not results.scored_length() else None
        return SearchResults(text, len(results), [h for h in hits if h], counts, suggestion, page, page_size)


def _hit(hit, store: Store, marker: re.Pattern[str]) -> Hit | None:
    item = store.item(int(hit["item_id"]))
    if item is None:
        return None
    snippet = make_snippet(item.text, marker)
    return Hit(item_id=item.id, sitting_id=item.document_id, authority=item.authority or "", date=item.date or "",
               number=item.number or "", title=item.title or "", snippet=snippet, page=item.page_start or 1,
               file=item.file, score=float(hit.score or 0))


def _counts(groups: dict) -> list[tuple[str, int]]:
    pairs = [(str(value), int(count)) for value, count in groups.items() if value and value != NO_VALUE]
    return sorted(pairs, key=lambda p: (-p[1], p[0]))


def _suggestion(searcher, query: Query, text: str) -> str | None:
    try:
        corrected = searcher.correct_query(query, text)
    except Exception:
        return None
    return corrected.string if corrected.query != query else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _term_patterns(query: Query) -> list[str]:
    """Regular expressions over accent-folded text for the query's words: a stem and any ending."""
    patterns = [r"\b" + re.escape(fold(leaf.text)) + r"\w*" for leaf in query.leaves()
                if isinstance(leaf, (Prefix, Wildcard)) and leaf.fieldname in ("title", "text")
                and len(fold(leaf.text).strip("*?")) >= 2 and "*" not in leaf.text[:-1]]
    for fieldname, term in query.iter_all_terms() if hasattr(query, "iter_all_terms") else []:
        if fieldname not in ("title", "text"):
            continue
        word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        if word.isdigit():
            patterns.append(r"(?<!\d)" + r"[\s\u00a0\u202f.]?".join(word) + r"(?!\d)")
        elif len(word) >= 2:
            patterns.append(r"\b" + re.escape(word) + r"\w*")
    return patterns


FOLD_TABLE = {code: unicodedata.normalize("NFKD", chr(code))[0].lower() for code in range(0xC0, 0x250)
              if len(unicodedata.normalize("NFKD", chr(code))[0].lower()) == 1}


def _fold_same_length(text: str) -> str:
    """Lower case without accents, one character for one, so offsets stay those of the text."""
    folded = text.lower().translate(FOLD_TABLE)
    return folded if len(folded) == len(text) else text.lower()


def make_snippet(text: str, marker: re.Pattern[str], width: int = 90, fragments: int = 2) -> str:
    """Up to two passages around the first matches, matches marked; the start of the text when none match."""
    folded = _fold_same_length(text)
    matches = list(marker.finditer(folded))
    if not matches:
        return _escape(" ".join(text[:240].split()))
    windows: list[tuple[int, int]] = []
    for match in matches:
        if len(windows) == fragments:
            break
        start, end = max(0, match.start() - width), min(len(text), match.end() + width)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    parts = []
    for start, end in windows:
        inside = [m for m in matches if m.start() >= start and m.end() <= end]
        cursor, piece = start, []
        for m in inside:
            piece += [_escape(text[cursor:m.start()]), "<mark>", _escape(text[m.start():m.end()]), "</mark>"]
            cursor = m.end()
        piece.append(_escape(text[cursor:end]))
        parts.append(" ".join("".join(piece).split()))
    return " … ".join(parts)
