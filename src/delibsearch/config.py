"""Settings, resolved once at the edge (CLI, WSGI entry point) and passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

DATA_ENV = "DELIBSEARCH_DATA"
DEFAULT_DATA = "data"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    file_time_limit_s: float = 120.0  # each file's reading is stopped past this, plus the allowance per page
    page_time_limit_s: float = 6.0
    file_memory_limit_mb: int = 1536  # what one file's reading may add to its worker's memory

    @property
    def db_path(self) -> Path:
        return self.data_dir / "delibsearch.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def ocr_cache_dir(self) -> Path:
        """Words read by OCR, kept per file content and page (reading a scan again costs nothing)."""
        return self.data_dir / "ocr"


def resolve_settings(data: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """The data directory: the flag, else DELIBSEARCH_DATA, else ./data."""
    environ = os.environ if environ is None else environ
    chosen = data or environ.get(DATA_ENV) or DEFAULT_DATA
    return Settings(data_dir=Path(chosen))
