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

    @property
    def db_path(self) -> Path:
        return self.data_dir / "delibsearch.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def resolve_settings(data: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """The data directory: the flag, else DELIBSEARCH_DATA, else ./data."""
    environ = os.environ if environ is None else environ
    chosen = data or environ.get(DATA_ENV) or DEFAULT_DATA
    return Settings(data_dir=Path(chosen))
