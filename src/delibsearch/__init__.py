"""delibsearch: turn a folder of council deliberation PDFs into a linked, searchable archive."""

__version__ = "0.1.0"
