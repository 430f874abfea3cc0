"""French full-text search over the indexed corpus/ and ../shared/corpus."""
from __future__ import annotations

import pytest

from delibsearch.index import FullTextIndex, french_analyzer, normalise_query_numbers
from delibsearch.search import Filters, search
from delibsearch.store import Store


@pytest.fixture(scope="module")
def engine(indexed):
    return FullTextIndex(indexed.index_dir), Store(indexed.db_path)


def tokens(text: str) -> list[str]:
    return [t.text for t in french_analyzer()(text)]


def test_analyzer_folds_accents_stems_and_reads_french_forms():
    assert tokens("délibération") == tokens("deliberation") == tokens("Délibérations")
    assert tokens("étudiant·e·s") == tokens("étudiants")
    assert tokens("129 000 €") == tokens(normalise_query_numbers("129 000")) == ["129000"]
    assert tokens("le 1er janvier") == ["1er", "janvi"]


def test_unaccented_word_finds_the_accented_one(engine):
    index, store = engine
    results = search(index, store, "Queretaro")
    assert results.total == 1
    assert results.hits[0].authority == "Clermont-Ferrand"
    assert "<mark" in results.hits[0].snippet and "Querétaro" in results.hits[0].snippet


def test_amount_with_thousands_separator(engine):
    index, store = engine
    assert search(index, store, "129 000 euros").total >= 1


def test_phrase_exclusion_or_and_prefix(engine):
    index, store = engine
    phrase = search(index, store, '"compte financier unique"').total
    assert phrase > 0
    assert search(index, store, '"compte financier unique" -Lisières').total < phrase
    assert search(index, store, "Querétaro OR Regensburg").total >= 1
    assert search(index, store, "bibliot*").total >= search(index, store, "bibliothèque").total > 0


def test_facet_filter_narrows_and_its_count_was_right(engine):
    index, store = engine
    everything = search(index, store, "subvention")
    counts = dict(everything.facets["authority"])
    assert "Pierrefonds" in counts and len(counts) >= 2
    narrowed = search(index, store, "subvention", Filters(authority="Pierrefonds"))
    assert narrowed.total == counts["Pierrefonds"] < everything.total
    assert {hit.authority for hit in narrowed.hits} == {"Pierrefonds"}


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR (", "((", "*", "-", 'title:"', "NOT", "~~~"])
def test_malformed_queries_never_raise(engine, query):
    index, store = engine
    results = search(index, store, query)
    assert results.total >= 0


def test_typo_gets_a_suggestion(engine):
    index, store = engine
    results = search(index, store, "bibliothqèue")
    assert results.total == 0 and results.suggestion
