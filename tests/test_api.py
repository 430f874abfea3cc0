"""The JSON API and the JSON twins of the pages, through Flask's test client, on the indexed corpus."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from delibsearch.store import Store
from delibsearch.web import create_app

EXPECTATIONS = Path(__file__).parent / "expectations" / "sessions_pierrefonds.json"


@pytest.fixture(scope="module")
def client(indexed):
    return create_app({"DATA_DIR": str(indexed.data_dir), "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def store(indexed):
    return Store(indexed.db_path)


def record_id(store, kind, name, scope=""):
    row = store.db.execute("SELECT id FROM entities WHERE kind = ? AND name = ? AND scope = ?", (kind, name, scope)).fetchone()
    assert row, f"no {kind} record {name!r}"
    return row[0]


def seed_id(store) -> int:
    return next(r["id"] for r in store.documents() if r["file"].startswith("clermont-ferrand"))


def test_search_keys_and_accent_folding(client):
    data = client.get("/api/search?q=Queretaro").get_json()
    assert set(data) >= {"total", "results", "facets"}
    assert data["total"] >= 1
    hit = data["results"][0]
    assert set(hit) >= {"item_id", "sitting_id", "authority", "date", "number", "title", "snippet", "pdf_url", "page"}
    assert "Querétaro" in hit["snippet"] and hit["pdf_url"].endswith(f"#page={hit['page']}")
    assert set(data["facets"]) >= {"authority", "year", "person", "place", "organisation", "decision"}
    assert set(data["facets"]["authority"][0]) >= {"value", "count"}


def test_facets_combine_and_counts_are_right(client):
    everything = client.get("/api/search?q=subvention").get_json()
    pierrefonds = next(b for b in everything["facets"]["authority"] if b["value"] == "Pierrefonds")
    narrowed = client.get("/api/search?q=subvention&authority=Pierrefonds").get_json()
    assert narrowed["total"] == pierrefonds["count"] < everything["total"]
    year = narrowed["facets"]["year"][0]
    both = client.get(f"/api/search?q=subvention&authority=Pierrefonds&year={year['value']}").get_json()
    assert both["total"] == year["count"]
    assert all(r["authority"] == "Pierrefonds" and r["date"].startswith(year["value"]) for r in both["results"])


def test_paging_and_date_sort(client):
    first = client.get("/api/search?q=conseil&sort=date").get_json()
    second = client.get("/api/search?q=conseil&sort=date&page=2").get_json()
    dates = [r["date"] for r in first["results"]]
    assert dates == sorted(dates, reverse=True)
    assert not {r["item_id"] for r in first["results"]} & {r["item_id"] for r in second["results"]}


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR (", "((((", "-", "*"])
def test_malformed_queries_answer(client, query):
    response = client.get("/api/search", query_string={"q": query})
    assert response.status_code == 200 and "total" in response.get_json()


def test_trips_of_the_seed(client):
    data = client.get("/api/trips?authority=Clermont-Ferrand").get_json()
    assert data["total"] == 7 and data["total_cost"] == 25680.0
    assert {t["destination"] for t in data["trips"]} >= {"Montréal", "Regensburg", "Querétaro"}
    by_year = {b["value"]: b["cost"] for b in data["by_year"]}
    assert by_year == {"2020": 3900.0, "2022": 7180.0, "2023": 14600.0}
    rows = list(csv.DictReader(io.StringIO(client.get("/trips.csv?authority=Clermont-Ferrand").get_data(as_text=True))))
    assert len(rows) == 7 and sum(float(r["cout_eur"]) for r in rows) == 25680.0
    montreal = client.get("/api/trips?destination=Montréal").get_json()
    assert montreal["total"] == 1 and montreal["trips"][0]["delegation"][0]["name"] == "Jérôme AUSLENDER"
    assert montreal["trips"][0]["delegation_text"] == "Jérôme AUSLENDER et un agent de l'administration municipale"
    assert rows[0]["delegation_imprimee"] == "Agents de l'administration municipale"  # sorted by date: Querétaro 2020


def test_sitting_and_its_json_twin(client, store):
    doc_id = seed_id(store)
    data = client.get(f"/api/sittings/{doc_id}").get_json()
    assert data == client.get(f"/sittings/{doc_id}.json").get_json()
    assert data["session"]["president"] == "Olivier BIANCHI" and len(data["session"]["proxies"]) == 5
    assert data["items"][0]["number"] == "6" and data["items"][0]["decision"] == "noted"


def test_item_has_mentions_tables_and_pdf_page(client, store):
    item_id = store.db.execute("SELECT id FROM items WHERE document_id = ?", (seed_id(store),)).fetchone()[0]
    data = client.get(f"/api/items/{item_id}").get_json()
    assert data["tables"][0]["header"][0] == "Invitation" and len(data["tables"][0]["rows"]) == 7
    assert any(m["text"] == "129 000 euros" and m["number"] == 129000.0 for m in data["mentions"])
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    assert f'/sittings/{data["sitting_id"]}/pdf#page={data["page_start"]}' in page


def test_person_page_lists_the_sittings_attended(client, store):
    expected = json.loads(EXPECTATIONS.read_text(encoding="utf-8"))
    attended = {e["date"] for e in expected.values() if "Florence DEMOUY" in e["present_first_last"]}
    assert len(attended) >= 5
    person = record_id(store, "person", "Florence DEMOUY", "Pierrefonds")
    data = client.get(f"/api/people/{person}").get_json()
    assert attended <= {a["date"] for a in data["present"]}
    assert any(p["date"] == "2024-12-10" for p in data["presided"])
    toledano = client.get(f"/api/people/{record_id(store, 'person', 'Philippe TOLEDANO', 'Pierrefonds')}").get_json()
    assert any(p["date"] == "2024-12-10" and p["other"] == "Karine DUTEIL" for p in toledano["proxies_given"])
    defossez = client.get(f"/api/people/{record_id(store, 'person', 'Hélène DEFOSSEZ', 'Pierrefonds')}").get_json()
    assert any(v["position"] == "against" and v["number"] == "D2024-48" for v in defossez["votes"])


def test_a_voting_record_is_each_vote_of_a_councillor(client, store):
    """Pierrefonds, 10 December 2024 (read on the PDF): D2024-48 passed 18 for and 1 against (Hélène DEFOSSEZ),
    D2024-49 with three named abstentions (Michel LEBLANC among them), D2024-50 unanimously; Florence DEMOUY,
    present, voted for all three."""
    def positions(name: str) -> dict[str, tuple[str, int]]:
        data = client.get(f"/api/people/{record_id(store, 'person', name, 'Pierrefonds')}").get_json()
        return {p["number"]: (p["position"], p["printed"]) for p in data["voting_record"]["positions"]
                if p["date"] == "2024-12-10"}
    defossez, leblanc, demouy = positions("Hélène DEFOSSEZ"), positions("Michel LEBLANC"), positions("Florence DEMOUY")
    assert defossez["D2024-48"] == ("against", 1) and defossez["D2024-50"] == ("for", 0)
    assert leblanc["D2024-49"] == ("abstention", 1) and leblanc["D2024-48"] == ("for", 0)
    assert [demouy[n][0] for n in ("D2024-48", "D2024-49", "D2024-50")] == ["for", "for", "for"]


def test_place_and_organisation_pages(client, store):
    montreal = client.get(f"/api/places/{record_id(store, 'place', 'Montréal')}").get_json()
    assert montreal["country"] == "Canada" and montreal["trips"][0]["cost"] == 1400.0
    rivm = client.get(f"/api/organisations/{record_id(store, 'organisation', 'RIVM')}").get_json()
    assert len(rivm["mentions"]) >= 3 and "amounts" in rivm


@pytest.mark.parametrize("path", ["/api/sittings/999999", "/api/items/999999", "/api/people/999999", "/places/999999.json"])
def test_one_error_shape(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {"ok": False, "error": response.get_json()["error"], "status": 404}


def test_html_pages_point_to_their_json_twin(client, store):
    for path in ("/", "/search?q=budget", "/trips", f"/sittings/{seed_id(store)}"):
        page = client.get(path).get_data(as_text=True)
        assert 'rel="alternate" type="application/json"' in page, path
        assert 'lang="fr"' in page


def test_ask_links_every_passage_it_offers(client):
    data = client.get("/api/ask", query_string={
        "q": "Quelle subvention a été accordée au comité des fêtes de Pierrefonds en 2021 ?"}).get_json()
    assert data["answer"] == "2.000 €"  # printed so, Pierrefonds, 18 May 2021, page 3
    offered = [a for a in data["alternatives"] if a.get("quote")]
    assert offered and all(a["pdf_url"] == f"/sittings/{a['sitting_id']}/pdf#page={a['page']}" for a in offered)
