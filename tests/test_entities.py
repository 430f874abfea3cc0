"""Entities: amounts, dates, persons, places, organisations, on rules and on the seed deliberation.

Expected values are read from the seed text (../shared/seed) and the documents.
"""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from conftest import SEED_PDF
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.money import find_amounts


@pytest.mark.parametrize("text,value,tax", [
    ("129 000 euros", 129000.0, None), ("52 273,20 € TTC", 52273.2, "TTC"), ("11 460 € HT", 11460.0, "HT"),
    ("1,5 M€", 1_500_000.0, None), ("3 K€", 3000.0, None), ("400.000 € HT", 400000.0, "HT"),
    ("173,55 €", 173.55, None), ("2 millions d’euros", 2_000_000.0, None),
])
def test_amounts(text, value, tax):
    found = find_amounts(f"pour un montant de {text} environ")
    assert [(a.value, a.tax) for a in found] == [(value, tax)]


def test_numbers_that_are_not_money():
    assert find_amounts("article 6574, 15 votants, 20 % des voix, en 2024") == []


@pytest.mark.parametrize("text,values", [
    ("du 27 au 30 janvier 2020", ["2020-01-27/2020-01-30"]),
    ("du 7 janvier au 1er février 2020", ["2020-01-07/2020-02-01"]),
    ("mars 2021", ["2021-03"]),
    ("le 3 décembre", ["2024-12-03"]),
    ("les 13 et 20 juin 2021", ["2021-06-13", "2021-06-20"]),
    ("le 10/12/2024", ["2024-12-10"]),
])
def test_dates(text, values):
    assert [d.value for d in find_dates(text, 2024)] == values


def mentions(doc, kind):
    return [e for e in doc.entities if e.type == kind]


def test_seed_amount_with_its_page_and_offsets(seed_doc):
    amount = next(e for e in mentions(seed_doc, "amount") if e.text == "129 000 euros")
    assert (amount.value, amount.unit, amount.item) == (129000.0, "EUR", "6")
    item = seed_doc.items[0]
    assert item.text[amount.start:amount.end] == "129 000 euros"
    page_text = PdfReader(SEED_PDF).pages[amount.page - 1].extract_text()
    assert "129 000" in page_text


def test_seed_persons_link_to_the_roster(seed_doc):
    values = {(e.text, e.value) for e in mentions(seed_doc, "person")}
    assert ("J. Auslender", "Jérôme AUSLENDER") in values
    assert ("O. Bianchi", "Olivier BIANCHI") in values
    assert ("S. El Bakkali", "Samir EL BAKKALI") in values
    assert any(v == "David MILLER" for _, v in values)


def test_seed_places_with_their_country(seed_doc):
    places = {e.value: e.country for e in mentions(seed_doc, "place")}
    assert places.get("Querétaro") == "Mexico"
    assert places.get("Regensburg") == "Germany"
    assert places.get("Montréal") == "Canada"
    assert "Ville" not in places and "Mairie" not in places


def test_seed_organisations(seed_doc):
    names = {e.value for e in mentions(seed_doc, "organisation")}
    assert {"RIVM", "Réseau International des Villes Michelin", "AVUF"} <= names
    assert not names & {"Conseil Municipal", "VU", "DÉCIDE"}


def test_entity_contract_keys(seed_doc):
    data = seed_doc.to_dict()
    assert set(data) >= {"entities", "tables", "trips"}
    assert set(data["entities"][0]) >= {"type", "text", "value", "unit", "item", "page", "start", "end"}


@pytest.mark.parametrize("text,acronym,name", [
    ("Vote : pour  Union nationale des combattants (U.N.C.) 320 €", "U.N.C.", "Union nationale des combattants"),
    ("adhère au SIVOC, Syndicat Intercommunal à Vocation Culturelle. Les", "SIVOC",
     "Syndicat Intercommunal à Vocation Culturelle"),
    ("Subvention pour l’ASL (Association Sport & Loisirs) L’ASL", "ASL", "Association Sport & Loisirs"),
])
def test_an_acronym_beside_its_expansion(text, acronym, name):
    from delibsearch.extract.acronyms import find_expansions

    found = [(text[slice(*e.acronym)], text[slice(*e.name)]) for e in find_expansions(text)]
    assert found == [(acronym, name)]


def test_words_that_do_not_spell_the_acronym_are_no_expansion():
    from delibsearch.extract.acronyms import find_expansions

    assert find_expansions("selon le plan local d’urbanisme (PLU) et la Ville (DETR)") == []


def entities_of(text, authority="Pierrefonds"):
    from delibsearch.extract.entities import Context, extract_entities
    from delibsearch.extract.names import Roster

    return {(d.type, d.text) for d in extract_entities([(text, Context(Roster([]), 2024, authority))])[0]}


def test_organisation_shapes_without_a_name_list():
    found = entities_of("La commune signe une convention avec le Centre des monuments nationaux pour le château. "
                        "La SASU Eric MARCHAND sollicite une aide. Ensuite, le Réseau régional se réunit.")
    assert ("organisation", "Centre des monuments nationaux") in found
    assert ("organisation", "SASU Eric MARCHAND") in found
    assert not any(text.startswith("Réseau") for _, text in found)


def test_an_acronym_learnt_in_the_text_is_found_again_in_lower_case():
    found = entities_of("Le Réseau International des Villes Michelin (RIVM) se réunit. Plus tard, les rencontres "
                        "du réseau international des villes Michelin ont eu lieu.")
    assert ("organisation", "réseau international des villes Michelin") in found


def test_small_communes_codes_and_titles():
    found = entities_of("Le siège est situé 1 rue de la fontaine - 60350 AUTRÊCHES. Les villes d'Anderson "
                        "(SC-USA) et de Pirot (RS) ; le jeu « Europe express » ; les 3 communes de Couloisy et "
                        "Trosly-Breuil.")
    for place in ("rue de la fontaine", "AUTRÊCHES", "SC", "USA", "Pirot", "Couloisy", "Trosly-Breuil"):
        assert ("place", place) in found
    assert ("place", "Europe") not in found


def test_a_name_stops_before_a_numbered_heading_and_before_a_second_name():
    found = entities_of("Lot n° 1 – Dommages aux biens\nGROUPAMA PVL\nLot n° 2 – Responsabilités civiles. "
                        "La convention signée entre le Centre de Gestion de l'Oise et TERRITORIA MUTUELLE.")
    organisations = {text for kind, text in found if kind == "organisation"}
    assert not any("Lot" in name for name in organisations), organisations
    assert not any(" et " in name for name in organisations), organisations


def test_capitals_words_beside_an_acronym_make_one_name():
    found = entities_of("o Lot n° 1 – Dommages aux biens – GROUPAMA PVL\nLe SIVOC\nDÉLIBÉRATION du conseil. "
                        "DÉCIDE D'APPROUVER la convention avec le SDIS.")
    organisations = {text for kind, text in found if kind == "organisation"}
    assert {"GROUPAMA PVL", "SIVOC", "SDIS"} <= organisations, organisations
    assert not any("DÉLIBÉRATION" in name or "APPROUVER" in name for name in organisations), organisations
