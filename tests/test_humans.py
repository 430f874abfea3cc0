"""One record per human (issue 10): spelling variants, short forms and a second mandate link person records,
each link says why, and an archivist's decision overrides the rules and outlives re-reading.

The three sittings of tests/fixtures/humans/ were written for this test and printed by Chromium: a commune
whose second sitting prints "Laetitia PIERREON" and "Jean Jacques MORIN" for the "Laëtitia PIERRON" and
"Jean-Jacques MORIN" of the first, and its intercommunal council, which lists Gilles PAPIN and Paul VASSEUR
and grants a fonds de concours to Compiègne.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from delibsearch.config import Settings
from delibsearch.humans import PersonRecord, groups, links
from delibsearch.ingest import Ingest
from delibsearch.records import APART
from delibsearch.search import Filters, search
from delibsearch.index import FullTextIndex
from delibsearch.store import Store
from delibsearch.web import create_app

sys.path.insert(0, str(ROOT / "tests" / "shapes"))
from render import html_to_pdf  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "humans"
CC = "Communauté de communes du Pays des Sources"


def record(number: int, name: str, scope: str = "Vaudrecourt", *sittings: int) -> PersonRecord:
    return PersonRecord(number, name, scope, frozenset(sittings))


def linked(records: list[PersonRecord], mentioned: dict[str, set[str]] | None = None) -> dict[int, int]:
    return groups(records, links(records, mentioned or {}))


def test_variants_of_one_full_name_are_one_human():
    records = [record(1, "Laëtitia PIERRON", "Vaudrecourt", 1, 2), record(2, "Laetitia PIERREON", "Vaudrecourt", 3),
               record(3, "Jean-Jacques MORIN", "Vaudrecourt", 1), record(4, "Jean Jacques MORIN", "Vaudrecourt", 3),
               record(5, "MORIN Jean-Jacques"), record(6, "Joachim LUDER M", "Vaudrecourt", 2),
               record(7, "Joachim LUDER", "Vaudrecourt", 1, 3), record(8, "Jean-Pierre PLUS Absenteexonsée", "Vaudrecourt", 4),
               record(9, "Jean-Pierre PLUS", "Vaudrecourt", 1, 2), record(10, "Charlène Nombre VENOT", "Vaudrecourt", 5),
               record(11, "Charlène VENOT", "Vaudrecourt", 1)]
    assert linked(records) == {2: 1, 4: 3, 5: 3, 6: 7, 8: 9, 10: 11}


def test_a_short_form_joins_the_only_member_it_fits():
    records = [record(1, "Gilles PAPIN", "Vaudrecourt", 1), record(2, "M. PAPIN"), record(3, "Nelly", "Vaudrecourt", 4),
               record(4, "Nelly MARTIN", "Vaudrecourt", 2), record(5, "J. ROUX"), record(6, "Jean ROUX", "Vaudrecourt", 1)]
    assert linked(records) == {2: 1, 3: 4, 5: 6}


def test_a_short_form_joins_the_only_full_name_when_no_member_fits_and_may_share_a_sitting():
    records = [record(1, "Thomas PETIT", "Vaudrecourt"), record(2, "PETIT"), record(3, "Adeline TEXEIRA", "Vaudrecourt", 1, 2),
               record(4, "Mme TEXEIRA", "Vaudrecourt", 2), record(5, "Bruno M.BERNARD"), record(6, "Bruno BERNARD", "Vaudrecourt", 3),
               record(7, "NICOLAS TOTAUX"), record(8, "Sonya NICOLAS", "Vaudrecourt", 3), record(9, "Nelly"),
               record(10, "Nelly ROUX")]
    assert linked(records) == {2: 1, 4: 3, 5: 6, 7: 8}  # a lone given name needs a member of the lists


def test_a_short_form_two_members_fit_and_two_names_listed_together_stay_apart():
    records = [record(1, "Anne ROUX", "Vaudrecourt", 1), record(2, "Pierre ROUX", "Vaudrecourt", 1), record(3, "M. ROUX"),
               record(4, "Jean DURAND", "Vaudrecourt", 5), record(5, "Jean DURANT", "Vaudrecourt", 5),
               record(6, "Gilles PAPIN", "Autreville", 7)]
    assert linked(records) == {}


def test_a_second_mandate_needs_the_intercommunal_council_to_name_the_commune():
    records = [record(1, "Gilles PAPIN", "Vaudrecourt", 1), record(2, "Gilles PAPIN", CC, 9),
               record(3, "Gilles PAPIN", "Autreville", 4)]
    assert linked(records, {CC: {"vaudrecourt"}}) == {2: 1}
    assert linked(records, {CC: {"chalons"}}) == {}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Settings:
    pdfs = tmp_path_factory.mktemp("humans-pdf")
    for html in sorted(FIXTURES.glob("*.html")):
        html_to_pdf(html, pdfs / f"{html.stem}.pdf")
    settings = Settings(tmp_path_factory.mktemp("humans") / "data")
    ingest = Ingest(settings, workers=1)
    report = ingest.run([pdfs])
    ingest.close()
    assert report.count("indexed") == 3, report.failures
    return settings


def person_ids(settings: Settings) -> dict[tuple[str, str], int]:
    store = Store(settings.db_path)
    ids = {(row["scope"], row["name"]): row["id"]
           for row in store.db.execute("SELECT id, scope, name FROM entities WHERE kind = 'person'")}
    store.close()
    return ids


def test_a_variant_leads_to_one_page_that_gathers_every_sitting_and_says_why(archive):
    ids = person_ids(archive)
    client = create_app({"DATA_DIR": str(archive.data_dir), "TESTING": True}).test_client()
    variant, person = ids[("Compiègne", "Laetitia PIERREON")], ids[("Compiègne", "Laëtitia PIERRON")]
    moved = client.get(f"/people/{variant}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/people/{person}")
    page = client.get(f"/api/people/{person}").get_json()
    assert sorted(a["date"] for a in page["present"]) == ["2024-03-12", "2024-04-09"]
    assert [(r["name"], r["rule"]) for r in page["same_human"]] == [("Laetitia PIERREON", "typo")]
    assert "une lettre" in page["same_human"][0]["why"]
    assert "Une seule personne" in client.get(f"/people/{person}").get_data(as_text=True)
    papin = client.get(f"/api/people/{ids[('Compiègne', 'Gilles PAPIN')]}").get_json()
    assert papin["mandates"] == ["Compiègne", CC]
    assert sorted(a["date"] for a in papin["present"] + papin["presided"]) == [
        "2024-03-12", "2024-03-12", "2024-04-09", "2024-04-09", "2024-05-15"]


def test_the_facet_names_the_human_once(archive):
    results = search(FullTextIndex(archive.index_dir), Store(archive.db_path), "tarifs cantine", Filters())
    assert results.total == 1
    assert dict(results.facets["persons"]).get("Laëtitia PIERRON") == 1
    assert "Laetitia PIERREON" not in dict(results.facets["persons"])


def test_an_archivist_keeps_a_record_apart_or_joins_two_and_it_outlives_the_rules(archive):
    ids = person_ids(archive)
    variant, person = ids[("Compiègne", "Laetitia PIERREON")], ids[("Compiègne", "Laëtitia PIERRON")]
    apart = run_cli("people", "apart", str(variant), "--note", "deux soeurs", "--data", str(archive.data_dir))
    assert apart.returncode == 0, apart.stderr
    store = Store(archive.db_path)
    store.link_people()
    assert not store.db.execute("SELECT 1 FROM person_links WHERE member_id = ?", (variant,)).fetchone()
    duval, papin = ids[(CC, "Henri DUVAL")], ids[(CC, "Gilles PAPIN")]
    store.decide_people(duval, papin, "vérifié sur le registre")
    store.link_people()
    rows = {row["member_id"]: row for row in store.person_links()}
    assert rows[duval]["rule"] == "archivist" and rows[duval]["why"] == "vérifié sur le registre"
    store.decide_people(variant, person, None)
    assert store.db.execute("SELECT person_id FROM person_links WHERE member_id = ?", (variant,)).fetchone()[0] == person
    store.decide_people(variant, APART, None)
    store.close()
    wrong = run_cli("people", "same", "123", "--data", str(archive.data_dir))
    assert wrong.returncode == 2 and "2 record number" in wrong.stderr
    unknown = run_cli("people", "same", "1", "2", "--data", str(archive.data_dir))
    assert unknown.returncode == 1 and "no person record n°" in unknown.stderr
