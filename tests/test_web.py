"""The web pages through Flask's test client, on the indexed corpus."""
from __future__ import annotations

import re

import pytest

from delibsearch.store import Store
from delibsearch.web import create_app


@pytest.fixture(scope="module")
def client(indexed):
    app = create_app({"DATA_DIR": str(indexed.data_dir), "TESTING": True})
    return app.test_client()


@pytest.fixture(scope="module")
def seed_id(indexed) -> int:
    rows = Store(indexed.db_path).documents()
    return next(r["id"] for r in rows if r["file"].startswith("clermont-ferrand"))


def test_home_lists_the_sittings(client, indexed):
    page = client.get("/").get_data(as_text=True)
    assert "Clermont-Ferrand" in page and "Pierrefonds" in page and 'lang="fr"' in page
    counts = Store(indexed.db_path).counts()
    assert f"{counts['documents']} séances, {counts['items']} points" in page


def test_sitting_page_shows_header_and_pdf_link(client, seed_id):
    page = client.get(f"/sittings/{seed_id}").get_data(as_text=True)
    text = re.sub(r"<[^>]+>", "", page)
    assert "Olivier BIANCHI" in text and "Christine DULAC ROUGERIE → Olivier BIANCHI" in text
    assert f"/sittings/{seed_id}/pdf#page=2" in page


def test_pdf_is_served(client, seed_id):
    response = client.get(f"/sittings/{seed_id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


def test_search_page_and_bad_queries(client):
    page = client.get("/search?q=Queretaro").get_data(as_text=True)
    assert "Querétaro" in page and "<mark" in page
    for query in ('"unbalanced', "AND OR ("):
        assert client.get("/search", query_string={"q": query}).status_code == 200


def test_unknown_sitting_is_404(client):
    assert client.get("/sittings/999999").status_code == 404


def test_a_document_that_is_not_minutes_says_so_and_claims_no_attendance(client, indexed):
    rows = Store(indexed.db_path).documents()
    doc_id = next(r["id"] for r in rows if r["file"] == "convocation-ordre-du-jour.pdf")
    data = client.get(f"/api/sittings/{doc_id}").get_json()
    assert data["kind"] == "other" and not data["session"]["present"] and data["session"]["date"] is None
    page = re.sub(r"<[^>]+>", "", client.get(f"/sittings/{doc_id}").get_data(as_text=True))
    assert "ne rend pas compte d'une séance" in page and "Présences" not in page
