"""Incremental indexing by content hash, and a crash in the middle of a batch."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from conftest import SEED_PDF, SHARED_CORPUS
from delibsearch.config import Settings
from delibsearch.index import FullTextIndex
from delibsearch.ingest import Ingest
from delibsearch.store import Store
from pdf_factory import first_pages_of_seed


def test_same_file_again_is_a_no_op(tmp_path):
    settings = Settings(tmp_path / "data")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_PDF, folder / "a.pdf")
    ingest = Ingest(settings, workers=1)
    first = ingest.run([folder])
    second = ingest.run([folder])
    assert (first.count("indexed"), second.count("indexed"), second.count("unchanged")) == (1, 0, 1)
    assert ingest.index.item_count() == 1


def test_changed_file_replaces_its_records(tmp_path):
    settings = Settings(tmp_path / "data")
    target = tmp_path / "deliberation.pdf"
    shutil.copy(SEED_PDF, target)
    ingest = Ingest(settings, workers=1)
    ingest.run([target])
    store = Store(settings.db_path)
    pages_before = store.documents()[0]["pages"]
    first_pages_of_seed(target, 3)
    report = ingest.run([target])
    assert report.count("indexed") == 1
    rows = store.documents()
    assert len(rows) == 1 and rows[0]["pages"] == 3 and pages_before > 3
    assert store.counts()["items"] == ingest.index.item_count() == 1


def test_crash_mid_batch_leaves_a_consistent_store_and_the_next_run_resumes(tmp_path):
    data = tmp_path / "data"
    folder = tmp_path / "in"
    shutil.copytree(SHARED_CORPUS / "pierrefonds", folder)
    total = len(list(folder.glob("*.pdf")))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "delibsearch.cli", "index", "--data", str(data), str(folder)],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
                               start_new_session=True)
    seen = 0
    deadline = time.monotonic() + 120
    while seen < 20 and time.monotonic() < deadline:
        line = process.stderr.readline()
        seen += " indexed: " in line
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    stored = Store(Settings(data).db_path).counts()["documents"]
    assert 0 < stored < total, "the kill must land in the middle of the batch"

    result = subprocess.run([sys.executable, "-m", "delibsearch.cli", "index", "--data", str(data), str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    store = Store(Settings(data).db_path)
    assert store.counts()["documents"] == total
    assert store.unindexed_ids() == []
    index = FullTextIndex(Settings(data).index_dir)
    assert index.item_count() == store.counts()["items"]
    assert index.document_ids() == store.document_ids()
    unchanged = int(result.stdout.split(" indexed, ")[1].split(" unchanged")[0])
    assert unchanged == stored


def test_a_data_directory_with_a_whoosh_index_still_opens_and_searches(tmp_path):
    """Before FTS5 the index directory held whoosh's segments: they are dropped and the index refilled from the store."""
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    data = tmp_path / "data"
    ingest = Ingest(Settings(data), workers=1)
    ingest.run([SEED_PDF])
    ingest.index.close()
    ingest.close()
    index_dir = Settings(data).index_dir
    shutil.rmtree(index_dir)
    index_dir.mkdir()
    old = whoosh_index.create_in(str(index_dir), Schema(item_id=ID(stored=True), text=TEXT()))
    with old.writer() as writer:
        writer.add_document(item_id="1", text="ancien index")
    old.close()

    result = subprocess.run([sys.executable, "-m", "delibsearch.cli", "search", "--data", str(data), "Queretaro"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert '"total": 1' in result.stdout and "Querétaro" in result.stdout
    assert not list(index_dir.glob("*.toc")) and not list(index_dir.glob("*.seg"))
