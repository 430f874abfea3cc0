"""The full-text index of items, behind a small interface of our own.

whoosh analyses the French text (analysis.py), SQLite FTS5 stores and ranks it
(fulltext.py), facet values are counted in memory (facets.py).
"""
from delibsearch.index.analysis import french_analyzer, normalise_query_numbers
from delibsearch.index.facets import FACETS, MULTI_VALUED, SINGLE_VALUED, Filters
from delibsearch.index.fulltext import FullTextIndex, IndexedItem, IndexWriter, Matches

__all__ = ["FACETS", "MULTI_VALUED", "SINGLE_VALUED", "Filters", "FullTextIndex", "IndexWriter", "IndexedItem",
           "Matches", "french_analyzer", "normalise_query_numbers"]
