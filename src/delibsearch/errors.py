"""One base error for the project, and the errors each layer raises."""
from __future__ import annotations

from pathlib import Path


class DelibError(Exception):
    """Base of every error delibsearch raises on purpose."""


class ParseError(DelibError):
    """A file could not be read as a council PDF; names the file and the cause."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NeedsOCR(ParseError):
    """A scanned PDF: pages but no text layer."""


class BadQuery(DelibError):
    """A query the full-text engine cannot read."""
