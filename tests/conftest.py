"""Shared fixtures: the real PDFs of ../shared/corpus, the seed PDF, and an index built once."""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from delibsearch.config import Settings
from delibsearch.ingest import Ingest, parse_file
from delibsearch.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SEED_PDF = ROOT / "corpus" / "clermont-ferrand-2023-03-10-rapport-6.pdf"


def shared_pdf(relative: str) -> Path:
    path = SHARED_CORPUS / relative
    assert path.is_file(), f"{path} is missing: the tests read the real PDFs from ../shared/corpus"
    return path


def run_cli(*args: str, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    """The `delibsearch` command run for real, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "delibsearch.cli", *args], capture_output=True, text=True,
                          timeout=timeout, **kwargs)


@functools.lru_cache(maxsize=None)
def parsed(path: Path) -> Document:
    """Each real document is parsed once per test session."""
    return parse_file(path)


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return parsed(SEED_PDF)


@pytest.fixture(scope="session")
def indexed(tmp_path_factory) -> Settings:
    """corpus/ and ../shared/corpus indexed once into a fresh data directory."""
    assert SHARED_CORPUS.is_dir(), "../shared/corpus is missing"
    settings = Settings(tmp_path_factory.mktemp("indexed") / "data")
    ingest = Ingest(settings)
    report = ingest.run([ROOT / "corpus", SHARED_CORPUS])
    ingest.close()
    assert not report.failures, report.failures  # the scans too, by OCR
    return settings


@pytest.fixture()
def seed_copy(tmp_path) -> Path:
    target = tmp_path / "seed.pdf"
    shutil.copy(SEED_PDF, target)
    return target


SLOW_MODULES = {"test_ocr.py", "test_real_documents.py", "test_entity_quality.py"}


def pytest_collection_modifyitems(config, items) -> None:
    """Tests that index the whole shared corpus, read every held sitting or run OCR are `slow`:
    `bash tests/run.sh -m "not slow"` is the fast loop; CI runs both tiers."""
    for item in items:
        if "indexed" in getattr(item, "fixturenames", ()) or item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
