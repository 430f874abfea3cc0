"""PDF -> pages of clean text."""
from delibsearch.parse.cleanup import clean_pages
from delibsearch.parse.pdf import RawPdf, read_pdf
from delibsearch.parse.text import PagedText

__all__ = ["PagedText", "RawPdf", "clean_pages", "read_pdf"]
