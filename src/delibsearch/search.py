"""Query -> item hits with snippets and facet counts.

What the user types is read by whoosh's query parser with the usual operators
("exact phrase", -exclusion, OR, prefix*), its words analysed as the index
analysed the items, then written as an FTS5 expression for the index. A query
the parser cannot read, or that has no FTS5 form, is searched as plain words,
never an error.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import qparser
from whoosh.fields import TEXT, Schema
from whoosh.query import And, AndMaybe, AndNot, Every, Not, NullQuery, Or, Phrase, Prefix, Query, Require, Term, Wildcard
from whoosh.highlight import NullFormatter
from whoosh.spelling import ListCorrector, SimpleQueryCorrector

from delibsearch.errors import BadQuery
from delibsearch.extract.dates import fold
from delibsearch.index import FACETS, Filters, FullTextIndex, Matches, french_analyzer, normalise_query_numbers
from delibsearch.store import Store

__all__ = ["Filters", "Hit", "SearchResults", "make_snippet", "parse_query", "search", "to_fts"]
PAGE_SIZE = 20
TEXT_FIELDS = ("title", "text")  # "text" searches both columns; "title:word" the title only
QUERY_SCHEMA = Schema(title=TEXT(analyzer=french_analyzer()), text=TEXT(analyzer=french_analyzer()))


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


class Untranslatable(Exception):
    """A whoosh query with no FTS5 form (a range, a negation inside OR, a bare wildcard)."""


@dataclass
class Expression:
    """What to match: `include` (None: every item) minus `exclude`; `nothing` for a query of stop words only."""

    include: str | None = None
    exclude: str | None = None
    nothing: bool = False


def _parser() -> qparser.QueryParser:
    parser = qparser.QueryParser("text", QUERY_SCHEMA, group=qparser.AndGroup)
    parser.add_plugin(qparser.PlusMinusPlugin())
    return parser


def parse_query(text: str) -> Query:
    """The user's query with operators; falls back to plain words when it cannot be read."""
    cleaned = normalise_query_numbers(text.strip())
    if not cleaned:
        return Every()
    try:
        return _parser().parse(cleaned)
    except Exception:  # whoosh raises assorted errors on odd input; read it as words instead
        return _plain_words(cleaned)


def _plain_words(text: str) -> Query:
    words = re.sub(r"[^\w\s]", " ", text)
    return _parser().parse(words) if words.strip() else NullQuery


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _column(query: Query, expression: str) -> str:
    return f"title : {expression}" if query.fieldname == "title" else expression


def to_fts(query: Query) -> str:
    """The FTS5 expression of a query that matches something; raises Untranslatable."""
    if isinstance(query, Term) and query.fieldname in TEXT_FIELDS:
        return _column(query, _quote(str(query.text)))
    if isinstance(query, Phrase) and query.fieldname in TEXT_FIELDS:
        return _column(query, _quote(" ".join(query.words)))
    if isinstance(query, (Prefix, Wildcard)) and query.fieldname in TEXT_FIELDS:
        stem = re.split(r"[*?]", str(query.text))[0]
        if len(stem) < 2:
            raise Untranslatable(query)
        return _column(query, _quote(stem) + " *")
    if isinstance(query, AndNot):
        return f"({to_fts(query.a)}) NOT ({to_fts(query.b)})"
    if isinstance(query, AndMaybe):
        return to_fts(query.a)
    if isinstance(query, Require):
        return f"({to_fts(query.a)}) AND ({to_fts(query.b)})"
    if isinstance(query, And):
        positives = [to_fts(q) for q in query.subqueries if not isinstance(q, (Not, Every))]
        negatives = [to_fts(q.query) for q in query.subqueries if isinstance(q, Not)]
        if not positives:
            raise Untranslatable(query)
        expression = " AND ".join(f"({p})" for p in positives)
        return "".join([f"({expression})"] + [f" NOT ({n})" for n in negatives]) if negatives else expression
    if isinstance(query, Or):
        if any(isinstance(q, (Not, Every)) for q in query.subqueries):
            raise Untranslatable(query)
        return " OR ".join(f"({to_fts(q)})" for q in query.subqueries)
    raise Untranslatable(query)


def to_expression(query: Query) -> Expression:
    """Top level: every item, a pure exclusion, or an FTS5 expression."""
    if query is NullQuery:
        return Expression(nothing=True)
    if isinstance(query, Every):
        return Expression()
    if isinstance(query, Not):
        return Expression(exclude=to_fts(query.query))
    if isinstance(query, And) and all(isinstance(q, (Not, Every)) for q in query.subqueries):
        negatives = [to_fts(q.query) for q in query.subqueries if isinstance(q, Not)]
        return Expression(exclude=" OR ".join(f"({n})" for n in negatives) or None)
    return Expression(include=to_fts(query))


def _find(index: FullTextIndex, query: Query, text: str, filters: Filters, sort: str, offset: int,
          limit: int) -> tuple[Query, Matches]:
    """The matches of the query; of its plain words when it has no FTS5 form; none when even they fail."""
    for attempt in (query, None):
        if attempt is None:
            attempt = _plain_words(normalise_query_numbers(text.strip()))
        try:
            expression = to_expression(attempt)
            if expression.nothing:
                return attempt, Matches(0, [], {name: [] for name in FACETS})
            return attempt, index.find(expression.include, expression.exclude, filters, sort, offset, limit)
        except (Untranslatable, BadQuery):
            continue
    return query, Matches(0, [], {name: [] for name in FACETS})


def search(index: FullTextIndex, store: Store, text: str, filters: Filters | None = None,
           page: int = 1, sort: str = "relevance", page_size: int = PAGE_SIZE) -> SearchResults:
    filters = filters or Filters()
    page = max(1, page)
    query, matches = _find(index, parse_query(text), text, filters, sort, (page - 1) * page_size, page_size)
    marker = re.compile("|".join(_term_patterns(query)) or r"(?!)", re.I)
    hits = [_hit(item_id, score, store, marker) for item_id, score in matches.ranked]
    suggestion = _suggestion(index, store, query, normalise_query_numbers(text.strip())) if not matches.total else None
    return SearchResults(text, matches.total, [h for h in hits if h], matches.facets, suggestion, page, page_size)


def _hit(item_id: int, score: float, store: Store, marker: re.Pattern[str]) -> Hit | None:
    item = store.item(item_id)
    if item is None:
        return None
    snippet = make_snippet(item.text, marker)
    return Hit(item_id=item.id, sitting_id=item.document_id, authority=item.authority or "", date=item.date or "",
               number=item.number or "", title=item.title or "", snippet=snippet, page=item.page_start or 1,
               file=item.file, score=score)


def _suggestion(index: FullTextIndex, store: Store, query: Query, text: str) -> str | None:
    """The query with each word the index does not know replaced by the nearest one it knows ("did you mean")."""
    unknown = [(t.fieldname, t.text) for t in query.all_tokens()
               if t.fieldname in TEXT_FIELDS and not index.has_term(t.text)]
    if not unknown or not text:
        return None
    corrector = ListCorrector(index.vocabulary())
    try:
        corrected = SimpleQueryCorrector({name: corrector for name in TEXT_FIELDS}, unknown).correct_query(query, text)
    except Exception:  # the corrector works on token offsets that odd queries may lack
        return None
    if corrected.query == query:
        return None
    for token in corrected.tokens:
        word = _printed_word(index, store, token.text)
        typed = text[token.startchar:token.endchar]
        token.text = word[:1].upper() + word[1:] if typed[:1].isupper() else word
    return corrected.format_string(NullFormatter())


def _printed_word(index: FullTextIndex, store: Store, stem: str) -> str:
    """A stem as the archive prints it ("bibliothequ" -> "bibliothèque"): its first word in the best match."""
    try:
        matches = index.find(_quote(stem), None, Filters(), limit=1)
    except BadQuery:
        return stem
    for item_id, _ in matches.ranked:
        item = store.item(item_id)
        found = item and re.search(r"\b" + _loose(stem) + r"\w*", f"{item.title or ''} {item.text}", re.I)
        if found:
            return found.group(0).lower()
    return stem


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _term_patterns(query: Query) -> list[str]:
    """Regular expressions for the query's words, with or without accents: a stem and any ending."""
    patterns = [r"\b" + _loose(fold(leaf.text)) + r"\w*" for leaf in query.leaves()
                if isinstance(leaf, (Prefix, Wildcard)) and leaf.fieldname in TEXT_FIELDS
                and len(fold(leaf.text).strip("*?")) >= 2 and "*" not in leaf.text[:-1]]
    for fieldname, term in query.iter_all_terms() if hasattr(query, "iter_all_terms") else []:
        if fieldname not in TEXT_FIELDS:
            continue
        word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        if word.isdigit():
            patterns.append(r"(?<!\d)" + r"[\s\u00a0\u202f.]?".join(word) + r"(?!\d)")
        elif len(word) >= 2:
            patterns.append(r"\b" + _loose(word) + r"\w*")
    return patterns


FOLD_TABLE = {code: unicodedata.normalize("NFKD", chr(code))[0].lower() for code in range(0xC0, 0x250)
              if len(unicodedata.normalize("NFKD", chr(code))[0].lower()) == 1}
ACCENTED: dict[str, str] = {}
for _code, _base in FOLD_TABLE.items():
    ACCENTED[_base] = ACCENTED.get(_base, _base) + chr(_code)


def _loose(word: str) -> str:
    """A regular expression for an accent-folded word that matches it with or without its accents."""
    return "".join(f"[{re.escape(ACCENTED[c])}]" if c in ACCENTED else re.escape(c) for c in word)


def make_snippet(text: str, marker: re.Pattern[str], width: int = 90, fragments: int = 2) -> str:
    """Up to two passages around the first matches, matches marked; the start of the text when none match.

    The text is read only as far as the passages need (the longest items are 40 000 characters).
    """
    matches: list[re.Match[str]] = []
    windows: list[tuple[int, int]] = []
    for match in marker.finditer(text):
        matches.append(match)
        if len(windows) == fragments:
            if match.start() >= windows[-1][1]:
                break
            continue
        start, end = max(0, match.start() - width), min(len(text), match.end() + width)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    if not matches:
        return _escape(" ".join(text[:240].split()))
    parts = []
    for start, end in windows:
        inside = [m for m in matches if m.start() >= start and m.end() <= end]
        start, end = _whole_words(text, start, end, inside[0].start(), inside[-1].end())
        cursor, piece = start, []
        for m in inside:
            piece += [_escape(text[cursor:m.start()]), "<mark>", _escape(text[m.start():m.end()]), "</mark>"]
            cursor = m.end()
        piece.append(_escape(text[cursor:end]))
        parts.append(" ".join("".join(piece).split()))
    lead = "… " if windows[0][0] > 0 else ""
    tail = " …" if windows[-1][1] < len(text) else ""
    return lead + " … ".join(parts) + tail


def _whole_words(text: str, start: int, end: int, first: int, last: int) -> tuple[int, int]:
    """A passage widened or narrowed to whole words, never cutting the matches between first and last."""
    if start > 0 and not text[start - 1].isspace():
        space = next((i for i in range(start, first) if text[i].isspace()), None)
        start = space + 1 if space is not None else start
    if end < len(text) and not text[end].isspace():
        space = next((i for i in range(end - 1, last - 1, -1) if text[i].isspace()), None)
        end = space if space is not None else end
    return start, end
