"""Bad input: a one-line error naming the file and the cause; the batch goes on; nothing stored is lost."""
from __future__ import annotations

import shutil

import pytest

from conftest import SEED_PDF, run_cli
from delibsearch.config import Settings
from delibsearch.ingest import Ingest
from delibsearch.store import Store
from pdf_factory import write_bad_files

CAUSES = {
    "empty": "empty file",
    "text": "not a PDF",
    "truncated": "damaged or truncated PDF",
    "encrypted": "encrypted PDF",
    "nopages": "no pages",
    "blank": "no text on its 2 page(s), even by OCR",
}


@pytest.mark.parametrize("kind", sorted(CAUSES))
def test_parse_names_the_file_and_the_cause(tmp_path, kind):
    path = write_bad_files(tmp_path)[kind]
    result = run_cli("parse", str(path))
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and CAUSES[kind] in lines[0]


def test_index_goes_on_and_names_each_failure(tmp_path):
    folder = tmp_path / "in"
    bad = write_bad_files(folder)
    shutil.copy(SEED_PDF, folder / "seed.pdf")
    result = run_cli("index", "--data", str(tmp_path / "data"), str(folder))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("1 indexed, 0 unchanged, 6 failed")
    for kind, path in bad.items():
        assert any(str(path) in line and CAUSES[kind] in line for line in result.stdout.splitlines()), kind
    assert Store(Settings(tmp_path / "data").db_path).counts() == {"documents": 1, "items": 1, "failures": 6}


def test_a_file_that_turns_bad_loses_nothing_already_stored(tmp_path):
    settings = Settings(tmp_path / "data")
    target = tmp_path / "seed.pdf"
    shutil.copy(SEED_PDF, target)
    ingest = Ingest(settings, workers=1)
    assert ingest.run([target]).count("indexed") == 1
    target.write_bytes(SEED_PDF.read_bytes()[:5000])
    report = ingest.run([target])
    assert report.count("failed") == 1 and "truncated" in report.failures[0].reason
    store = Store(settings.db_path)
    assert store.counts()["items"] == 1
    assert store.documents()[0]["date"] == "2023-03-10"
    assert ingest.index.item_count() == 1
