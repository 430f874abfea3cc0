"""Pages of text -> the domain: sessions, items, votes, entities, tables, trips."""
from delibsearch.extract.document import build_document

__all__ = ["build_document"]
