"""French full-text search over the indexed corpus/ and ../shared/corpus."""
from __future__ import annotations

import re

import pytest

from delibsearch.index import FullTextIndex, french_analyzer, normalise_query_numbers
from delibsearch.search import Filters, make_snippet, search
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
    assert results.total == 0 and results.suggestion in ("bibliothèque", "bibliothèques")
    assert search(index, store, results.suggestion).total > 0


def test_sort_by_date_puts_the_newest_first_and_pages_do_not_overlap(engine):
    index, store = engine
    first = search(index, store, "conseil", sort="date")
    second = search(index, store, "conseil", sort="date", page=2)
    assert first.total > 40 and len(first.hits) == len(second.hits) == 20
    dates = [hit.date for hit in first.hits + second.hits]
    assert dates == sorted(dates, reverse=True)
    assert not {hit.item_id for hit in first.hits} & {hit.item_id for hit in second.hits}


def test_a_person_facet_narrows_to_its_count(engine):
    index, store = engine
    everything = search(index, store, "délibération")
    name, count = everything.facets["persons"][0]
    narrowed = search(index, store, "délibération", Filters(persons=name))
    assert narrowed.total == count < everything.total
    assert dict(narrowed.facets["persons"])[name] == count


def test_a_period_keeps_only_its_sittings(engine):
    index, store = engine
    results = search(index, store, "", Filters(date_from="2024", date_to="2024"))
    assert results.total > 0 and all(hit.date.startswith("2024") for hit in results.hits)
    assert dict(results.facets["year"]) == {"2024": results.total}


def test_words_never_match_the_facet_tokens(engine):
    index, store = engine
    assert search(index, store, "v1").total == search(index, store, "v1*").total == 0


def test_snippets_cut_between_words_and_say_where_text_was_left_out():
    text = ("Le quorum étant atteint, le conseil examine la demande. " * 3 + "Une subvention de 300 € est proposée"
            " à l'association. " + "Le maire remercie les bénévoles pour leur engagement constant. " * 3)
    snippet = make_snippet(text, re.compile("subvention"), width=40)
    assert snippet.startswith("… ") and snippet.endswith(" …") and "<mark>subvention</mark>" in snippet
    words = set(text.replace(".", " ").replace(",", " ").split())
    inner = snippet.strip("… ").replace("<mark>", "").replace("</mark>", "")
    assert all(word.strip(".,") in words for word in inner.split())  # no word cut in half
