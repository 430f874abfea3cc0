"""Ids that depend on what a record is: URLs survive re-reading, correcting, moving and re-indexing afresh."""
from __future__ import annotations

import copy
import gzip
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from conftest import SEED_PDF, SHARED_CORPUS, run_cli
from delibsearch import identity
from delibsearch.config import Settings
from delibsearch.ingest import Ingest
from delibsearch.store import VERSION, Store
from delibsearch.web import create_app

SEED_SHA = identity.file_sha256(SEED_PDF)


def _client(data):
    return create_app({"DATA_DIR": str(data), "TESTING": True}).test_client()


def _ids(data) -> tuple[set[int], set[int], set[int]]:
    store = Store(Settings(data).db_path)
    ids = tuple({row[0] for row in store.db.execute(f"SELECT id FROM {table}")} for table in ("documents", "items", "entities"))
    store.close()
    return ids


def test_item_keys_are_numbers_unless_missing_or_repeated():
    assert identity.item_keys(["1", "2 bis", None, "4", "4"]) == ["1", "2bis", "#2", "#3", "#4"]
    assert identity.item_id("abc", "1") == identity.item_id("abc", "1") != identity.item_id("abd", "1")
    assert 0 < identity.document_id(SEED_SHA) < 2 ** 52


def test_two_fresh_archives_of_one_pdf_give_the_same_urls(tmp_path, seed_copy):
    for name in ("first", "second"):
        assert run_cli("index", "--data", str(tmp_path / name), str(seed_copy)).returncode == 0
    first, second = _ids(tmp_path / "first"), _ids(tmp_path / "second")
    assert first == second
    assert first[0] == {identity.document_id(SEED_SHA)}
    assert first[1] == {identity.item_id(SEED_SHA, "6")}  # the seed is Rapport N° 6
    assert len(first[2]) > 20


def test_a_copy_is_no_second_sitting_and_a_move_keeps_corrections_and_urls(tmp_path):
    data, first, second = tmp_path / "data", tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    original = shutil.copy(SEED_PDF, first / "rapport-6.pdf")
    assert run_cli("index", "--data", str(data), str(first)).returncode == 0
    done = run_cli("correct", "--data", str(data), str(original), "session.place", "Salle des Gras")
    assert done.returncode == 0, done.stderr
    copied = shutil.copy(SEED_PDF, second / "copie.pdf")
    again = run_cli("index", "--data", str(data), str(first), str(second))
    assert again.returncode == 0 and again.stdout.startswith("0 indexed, 2 unchanged"), again.stdout
    assert len(_ids(data)[0]) == 1  # a councillor's attendance is not counted twice

    (first / "rapport-6.pdf").unlink()  # the file moves: only the copy is left
    assert run_cli("index", "--data", str(data), str(second)).returncode == 0
    client = _client(data)
    doc_id = identity.document_id(SEED_SHA)
    sitting = client.get(f"/api/sittings/{doc_id}").get_json()
    assert sitting["session"]["place"] == "Salle des Gras"
    assert [item["id"] for item in sitting["items"]] == [identity.item_id(SEED_SHA, "6")]  # corrected, moved: same URL
    listed = run_cli("correct", "--data", str(data), str(copied), "--list")
    assert listed.stdout.strip() == "session.place = Salle des Gras"
    pdf = client.get(f"/sittings/{doc_id}/pdf")
    assert pdf.status_code == 200 and pdf.data == SEED_PDF.read_bytes()  # served from where it is now


def test_an_item_that_a_new_reading_loses_answers_410_and_the_others_keep_their_urls(tmp_path, seed_doc):
    data = tmp_path / "data"
    doc = copy.deepcopy(seed_doc)
    doc.source.path = str(SEED_PDF)
    doc.items = [replace(doc.items[0], number=number) for number in ("1", "2", "3")]
    store = Store(Settings(data).db_path)
    store.save(doc)
    ids = {number: identity.item_id(SEED_SHA, number) for number in ("1", "2", "3")}
    doc.items = [doc.items[0], doc.items[2]]  # read again, "2" is no longer found
    store.save(doc)
    store.close()
    client = _client(data)
    assert client.get(f"/api/items/{ids['1']}").status_code == 200
    assert client.get(f"/api/items/{ids['3']}").get_json()["number"] == "3"
    gone = client.get(f"/api/items/{ids['2']}")
    assert gone.status_code == 410
    assert f"/sittings/{identity.document_id(SEED_SHA)}" in gone.get_json()["error"]
    assert client.get("/api/items/12345").status_code == 404  # never existed


def test_a_store_of_the_old_schema_upgrades_in_place(tmp_path):
    """A data directory written by the code before stable ids (its SQL dumped from a real run on the seed,
    with a correction made by `delibsearch correct`) is upgraded without reading the PDF again."""
    data = tmp_path / "data"
    data.mkdir()
    seed = shutil.copy(SEED_PDF, tmp_path / "seed.pdf")
    dump = gzip.open(SEED_PDF.parents[1] / "tests" / "fixtures" / "store-v0.sql.gz", "rt", encoding="utf-8").read()
    db = sqlite3.connect(Settings(data).db_path)
    db.executescript(dump.replace("@SEED@", str(seed)))
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    db.close()

    client = _client(data)
    doc_id, item_id = identity.document_id(SEED_SHA), identity.item_id(SEED_SHA, "6")
    old_sitting = client.get("/sittings/1")  # the old store numbered its first sitting 1, its first item 1
    assert old_sitting.status_code == 301 and old_sitting.headers["Location"].endswith(f"/sittings/{doc_id}")
    assert client.get("/items/1").headers["Location"].endswith(f"/items/{item_id}")
    sitting = client.get(f"/api/sittings/{doc_id}").get_json()
    assert sitting["session"]["place"] == "Salle du conseil"  # the correction, as stored
    assert [item["id"] for item in sitting["items"]] == [item_id]

    again = run_cli("index", "--data", str(data), str(seed))
    assert again.stdout.startswith("0 indexed, 1 unchanged"), again.stdout  # not read again
    hits = client.get("/api/search", query_string={"q": "action internationale"}).get_json()["results"]
    assert [hit["item_id"] for hit in hits] == [item_id]  # the full-text index was refilled with the new ids
    store = Store(Settings(data).db_path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert [c.field for c in store.corrections(SEED_SHA)] == ["session.place"]
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    store.close()


def test_every_url_of_the_corpus_is_its_content_and_survives_a_fresh_index(indexed, tmp_path):
    store = Store(indexed.db_path)
    documents = store.db.execute("SELECT id, sha256, path FROM documents").fetchall()
    items = {}
    for doc in documents:
        assert doc["id"] == identity.document_id(doc["sha256"])
        rows = store.db.execute("SELECT id, number FROM items WHERE document_id = ? ORDER BY ord", (doc["id"],)).fetchall()
        keys = identity.item_keys([row["number"] for row in rows])
        assert [row["id"] for row in rows] == [identity.item_id(doc["sha256"], key) for key in keys]
        items[doc["path"]] = [row["id"] for row in rows]
    store.close()
    client = _client(indexed.data_dir)
    assert all(client.get(f"/api/items/{i}").status_code == 200 for ids in items.values() for i in ids)

    sample = sorted(str(p) for p in (SHARED_CORPUS / "pierrefonds").glob("cm-*.pdf"))[:3]
    fresh = Settings(tmp_path / "fresh")
    ingest = Ingest(fresh)
    ingest.run([Path(path) for path in sample])
    ingest.close()
    again = Store(fresh.db_path)
    for path in sample:
        row = again.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        assert [r[0] for r in again.db.execute("SELECT id FROM items WHERE document_id = ? ORDER BY ord", (row[0],))] == items[path]
    again.close()


def test_an_authority_given_for_a_batch_reaches_documents_already_indexed(tmp_path, seed_copy):
    data = tmp_path / "data"
    assert run_cli("index", "--data", str(data), str(seed_copy)).returncode == 0
    again = run_cli("index", "--data", str(data), "--authority", "Ville de Clermont", str(seed_copy.parent))
    assert again.returncode == 0 and again.stdout.startswith("1 indexed"), again.stdout  # read again, corrected
    sitting = _client(data).get(f"/api/sittings/{identity.document_id(SEED_SHA)}").get_json()
    assert sitting["authority"] == "Ville de Clermont"
    assert sitting["corrections"][0]["field"] == "authority" and "--authority" in sitting["corrections"][0]["note"]
    assert run_cli("index", "--data", str(data), "--authority", "Ville de Clermont", str(seed_copy)).stdout.startswith(
        "0 indexed, 1 unchanged")
