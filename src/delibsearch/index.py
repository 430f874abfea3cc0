"""The full-text index of items, behind a small interface of our own (whoosh first).

French analysis: words are lower-cased, accents folded before stemming (so
"deliberation" finds "délibération" and "Queretaro" finds "Querétaro"),
inclusive writing is reduced to its plural ("étudiant·e·s" -> "étudiants"),
and amounts written with thousands separators are one token ("129 000" ->
"129000"), as the query side writes them too.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from whoosh import index as whoosh_index
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map
from whoosh.writing import IndexWriter

from delibsearch.extract.dates import fold

TOKEN = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\w+(?:[·•.]\w+)*(?<!\.)"
DIGIT_GROUPS = re.compile(r"(?<!\d)(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?!\d)")


class InclusiveFilter(Filter):
    """"étudiant·e·s" -> "étudiants", "conseiller·ère·s" -> "conseillers"; joins digit groups."""

    def __call__(self, tokens: Iterator) -> Iterator:
        for token in tokens:
            text = token.text
            if "·" in text or "•" in text:
                parts = re.split(r"[·•]", text)
                text = parts[0] + ("s" if parts[-1].endswith("s") else "")
            elif text[:1].isdigit():
                text = re.sub(r"[ \u00a0\u202f]", "", text)
            token.text = text
            yield token


def french_analyzer():
    stop = frozenset(fold(w) for w in stopwords_for_language("fr"))
    return (
        RegexTokenizer(TOKEN)
        | LowercaseFilter()
        | InclusiveFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=stop, minsize=1)
        | StemFilter(lang="fr", cachesize=50000)
    )


def normalise_query_numbers(text: str) -> str:
    """"129 000 €" -> "129000 €", as the analyzer indexes it."""
    return DIGIT_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)


NO_VALUE = "\u2205"  # whoosh keeps no term vector for an empty field, and facets need one in every document


def _keywords(values: tuple[str, ...]) -> str:
    return ",".join(v.replace(",", " ") for v in values) or NO_VALUE


def make_schema() -> Schema:
    analyzer = french_analyzer()
    return Schema(
        item_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        authority=ID(stored=True),
        body=ID(stored=True),
        year=ID(stored=True),
        date=ID(stored=True, sortable=True),
        decision=ID(stored=True),
        number=ID(stored=True),
        rapporteur=ID(stored=True),
        # Term vectors let the facet counts read only the matching documents' values.
        persons=KEYWORD(stored=True, commas=True, lowercase=False, vector=True),
        places=KEYWORD(stored=True, commas=True, lowercase=False, vector=True),
        organisations=KEYWORD(stored=True, commas=True, lowercase=False, vector=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        text=TEXT(analyzer=analyzer),
        page=NUMERIC(stored=True),
        file=STORED(),
    )


@dataclass
class IndexedItem:
    """What the index holds of one item."""

    item_id: int
    doc_id: int
    authority: str | None
    body: str | None
    date: str | None
    decision: str | None
    number: str | None
    rapporteur: str | None
    title: str | None
    text: str
    page: int | None
    file: str
    persons: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    def fields(self) -> dict[str, object]:
        return {
            "item_id": str(self.item_id),
            "doc_id": str(self.doc_id),
            "authority": self.authority or "",
            "body": self.body or "",
            "year": (self.date or "")[:4],
            "date": self.date or "",
            "decision": self.decision or "",
            "number": self.number or "",
            "rapporteur": self.rapporteur or "",
            "persons": _keywords(self.persons),
            "places": _keywords(self.places),
            "organisations": _keywords(self.organisations),
            "title": self.title or "",
            "text": self.text,
            "page": self.page or 1,
            "file": self.file,
        }


def _layout(schema: Schema) -> list[tuple[str, str, bool]]:
    return sorted((name, type(field).__name__, bool(field.vector)) for name, field in schema.items())


class FullTextIndex:
    """Add, replace and remove a document's items; search is in delibsearch.search."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        schema = make_schema()
        if whoosh_index.exists_in(str(directory)):
            self.ix = whoosh_index.open_dir(str(directory))
            if _layout(self.ix.schema) != _layout(schema):
                # An index of an older layout: start afresh; the ingest run refills it from the store.
                self.ix.close()
                shutil.rmtree(directory)
                directory.mkdir(parents=True)
                self.ix = whoosh_index.create_in(str(directory), schema)
        else:
            self.ix = whoosh_index.create_in(str(directory), schema)

    def writer(self) -> IndexWriter:
        return self.ix.writer(timeout=30.0)

    @staticmethod
    def replace_document(writer: IndexWriter, doc_id: int, items: Iterable[IndexedItem]) -> None:
        writer.delete_by_term("doc_id", str(doc_id))
        for item in items:
            writer.add_document(**item.fields())

    @staticmethod
    def remove_document(writer: IndexWriter, doc_id: int) -> None:
        writer.delete_by_term("doc_id", str(doc_id))

    def optimize(self) -> None:
        """Merge the segments into one: searches and facet counts visit each segment."""
        self.ix.optimize()

    def document_ids(self) -> set[int]:
        with self.ix.searcher() as searcher:
            return {int(fields["doc_id"]) for fields in searcher.all_stored_fields()}

    def item_count(self) -> int:
        return self.ix.doc_count()

