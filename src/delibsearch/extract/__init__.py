"""Pages of text -> the domain: sessions, items, votes."""
from delibsearch.extract.document import build_document

__all__ = ["build_document"]
