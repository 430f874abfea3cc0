"""Query -> item hits with snippets and facet counts.

What the user types is read with the usual operators ("exact phrase",
-exclusion, OR, prefix*); a query the parser cannot read is searched as plain
words, never an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import qparser, sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.query import And, Every, Query, Term, TermRange

from delibsearch.index import FullTextIndex, normalise_query_numbers
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
        results.fragmenter = ContextFragmenter(maxchars=220, surround=80)
        results.formatter = HtmlFormatter(tagname="mark", between=" … ")
        hits = [_hit(hit, store) for hit in list(results)[(page - 1) * page_size:]]
        counts = {name: _counts(results.groups(name)) for name in FACETS}
        suggestion = _suggestion(searcher, query, text) if not results.scored_length() else None
        return SearchResults(text, len(results), [h for h in hits if h], counts, suggestion, page, page_size)


def _hit(hit, store: Store) -> Hit | None:
    item = store.item(int(hit["item_id"]))
    if item is None:
        return None
    snippet = hit.highlights("text", text=item.text, top=2) or _escape(item.text[:240])
    return Hit(item_id=item.id, sitting_id=item.document_id, authority=item.authority or "", date=item.date or "",
               number=item.number or "", title=item.title or "", snippet=snippet, page=item.page_start or 1,
               file=item.file, score=float(hit.score or 0))


def _counts(groups: dict) -> list[tuple[str, int]]:
    pairs = [(str(value), int(count)) for value, count in groups.items() if value]
    return sorted(pairs, key=lambda p: (-p[1], p[0]))


def _suggestion(searcher, query: Query, text: str) -> str | None:
    try:
        corrected = searcher.correct_query(query, text)
    except Exception:
        return None
    return corrected.string if corrected.query != query else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
