"""An archivist's corrections: checked, kept in the store, applied each time the file is read again."""
from __future__ import annotations

import copy

import pytest

from conftest import run_cli
from delibsearch.config import Settings
from delibsearch.corrections import BadCorrection, apply, check
from delibsearch.store import Store
from delibsearch.web import create_app

TITLE = "Rapport d'activité relatif à l'action internationale de la Ville"


@pytest.mark.parametrize("field,value,says", [
    ("session.date", "10/03/2023", "YYYY-MM-DD"),
    ("session.time", "16h", "HH:MM"),
    ("item.6.decision", "approved", "adopted, rejected, noted, withdrawn"),
    ("session.weather", "sunny", "unknown field"),
    ("authority", "  ", "empty value"),
])
def test_a_bad_correction_says_why(field, value, says):
    with pytest.raises(BadCorrection, match=says):
        check(field, value)


def test_corrections_replace_what_was_read_and_remember_it(seed_doc):
    doc = copy.deepcopy(seed_doc)
    apply(doc, [check("session.time", "16:30", "heure du registre"), check("item.6.title", TITLE),
                check("item.99.title", "Nothing")])
    assert doc.session.time == "16:30" and doc.items[0].title == TITLE
    assert [(c.field, c.read) for c in doc.corrections] == [("session.time", "16:00"), ("item.6.title", seed_doc.items[0].title)]
    assert doc.corrections[0].note == "heure du registre"
    assert any("item.99.title" in w and "no such item" in w for w in doc.warnings)


def test_a_correction_survives_reindexing_and_can_be_removed(tmp_path, seed_copy):
    data = str(tmp_path / "data")
    assert run_cli("index", "--data", data, str(seed_copy)).returncode == 0
    done = run_cli("correct", "--data", data, str(seed_copy), "item.6.title", TITLE, "--note", "titre en capitales")
    assert done.returncode == 0, done.stderr
    client = create_app({"DATA_DIR": data, "TESTING": True}).test_client()
    store = Store(Settings(tmp_path / "data").db_path)
    doc_id = store.documents()[0]["id"]
    sitting = client.get(f"/api/sittings/{doc_id}").get_json()
    assert sitting["items"][0]["title"] == TITLE
    assert sitting["corrections"][0]["field"] == "item.6.title"
    assert sitting["corrections"][0]["read"].startswith("RAPPORT D'ACTIVITÉ")
    assert "Corrigé par l'archiviste" in client.get(f"/sittings/{doc_id}").get_data(as_text=True)
    hits = client.get("/api/search", query_string={"q": '"action internationale"'}).get_json()["results"]
    assert [hit["title"] for hit in hits] == [TITLE]  # the index was brought up to date too

    seed_copy.write_bytes(seed_copy.read_bytes() + b"\n%% a new version of the same file\n")
    assert run_cli("index", "--data", data, str(seed_copy)).stdout.startswith("1 indexed")
    moved = client.get(f"/api/sittings/{doc_id}")
    assert moved.status_code == 301  # new bytes are a new document; the old URL leads to it
    doc_id = int(moved.headers["Location"].rsplit("/", 1)[1])
    assert client.get(f"/api/sittings/{doc_id}").get_json()["items"][0]["title"] == TITLE  # the correction came along

    listed = run_cli("correct", "--data", data, str(seed_copy), "--list")
    assert listed.stdout.strip() == f"item.6.title = {TITLE}  (titre en capitales)"
    assert run_cli("correct", "--data", data, str(seed_copy), "item.6.title", "--remove").returncode == 0
    assert client.get(f"/api/sittings/{doc_id}").get_json()["items"][0]["title"].startswith("RAPPORT D'ACTIVITÉ")
    missing = run_cli("correct", "--data", data, str(seed_copy), "item.6.title", "--remove")
    assert missing.returncode == 1 and "no correction of item.6.title" in missing.stderr


def test_a_bad_correction_from_the_command_line_names_the_cause(tmp_path, seed_copy):
    result = run_cli("correct", "--data", str(tmp_path / "data"), str(seed_copy), "session.date", "10 mars")
    assert result.returncode == 1 and "YYYY-MM-DD" in result.stderr
