"""Question answering step by step, without an index: reading the question, the passages' weights, the
mention a passage ties to the question, short phrases, and readings of the header.

The sentences are those of the corpus's PDFs (quoted from the pages named), the expected answers what a
reader of them gives.
"""
from __future__ import annotations

import pytest

from delibsearch.qa import read_question
from delibsearch.qa.mentions import _numbers, candidates, choose, text_span
from delibsearch.qa.passages import Passage, _other_number, question_weights, stems_of
from delibsearch.qa.records import _listed_after, _room_in_header

AUTHORITIES = ["Pierrefonds", "Lannion", "Couthenans", "Clermont-Ferrand", "Communauté de communes des Lisières de l'Oise"]


def passage(text: str, date: str = "2025-01-01") -> Passage:
    found = Passage(text, 1, None, date, None, None, 1)
    found.stems = stems_of(text)
    return found


def answer_in(question: str, text: str, date: str = "2025-01-01") -> str | None:
    """The mention that `choose` takes in one passage for the question."""
    read = read_question(question, AUTHORITIES)
    one = passage(text, date)
    weights = question_weights(read, [one])
    chosen = choose(one, candidates(one, read.type, []), question, weights, read.focus, read.type == "number",
                    read.names if read.type in ("person", "place", "organisation") else None)
    return chosen.candidate.text if chosen else None


@pytest.mark.parametrize("question,kind,type_", [
    ("Qui reprend le marché du déneigement de Couthenans annoncé au conseil municipal du 7 octobre 2022 ?",
     "person_in_text", "person"),  # "Couthenans" is no cost ("coût")
    ("Combien de visiteurs a accueilli la première Journée des cultures du monde ?", "number_in_text", "number"),
    ("Combien coûte le devis d'électrification de la cloche du temple ?", "amount_in_text", "amount"),
    ("À combien le conseil municipal de Lannion a-t-il fixé le nombre d'adjoints le 25 mai 2020 ?", "number_in_text", "number"),
    ("Quelle société porte le projet de carrière de sables et graviers à Vic-sur-Aisne ?", "organisation_in_text", "organisation"),
    ("Quel ancien restaurant la société CHEZ LOULOU a-t-elle repris à Jaulzy ?", "organisation_in_text", "organisation"),
    ("De quelle fourrière animale la commune dépendra-t-elle pendant 4 ans ?", "place_in_text", "place"),
    ("Quel taux de taxe d'habitation la commune de Pierrefonds a-t-elle voté pour 2025 ?", "number_in_text", "number"),
    ("Combien de conseillers se sont abstenus sur l'adhésion à l'ACCDM (Association de Citoyens Contre les Déserts Médicaux) à Couthenans ?",
     "vote_abstention", "number"),  # "Contre" in a name is no vote against
    ("Combien de conseillers étaient présents pour les questions 1 et 2 du conseil municipal de Lannion du 5 juillet 2021 ?",
     "present_count", "number"),
    ("Qui a présenté la demande de subvention pour l'aire de basket 3x3 au conseil municipal de Lannion du 5 juillet 2021 ?",
     "rapporteur", "person"),
    ("Quelle conseillère était absente au conseil municipal de Pierrefonds du 3 avril 2025 ?", "absent", "person"),
    ("Quand s'est tenu le conseil municipal de Couthenans qui a élu Anne-Marie au poste de 3ème adjoint ?", "sitting_date", "date"),
    ("À quelle date les conseillers municipaux de Lannion ont-ils été convoqués pour la séance du 8 juin 2020 ?",
     "convened_on", "date"),
    ("À quelles dates la délégation culturelle de Clermont-Ferrand s'est-elle rendue à Regensburg ?", "trip_date", "date"),
    ("À quelle fréquence les conseils municipaux de Couthenans auront-ils lieu selon la séance du 24 février 2023 ?",
     "text_in_text", "text"),
])
def test_the_kind_and_type_of_answer(question, kind, type_):
    read = read_question(question, AUTHORITIES)
    assert (read.kind, read.type) == (kind, type_)


def test_the_focus_is_the_head_of_the_wh_phrase():
    assert read_question("Quel montant de subvention FEADER Pierrefonds sollicite-t-elle ?", AUTHORITIES).focus == ["subvention"]
    assert read_question("Combien d'atteintes aux biens ont été comptabilisées à Pierrefonds en 2024 ?", AUTHORITIES).focus == ["atteintes"]
    assert read_question("Quel est le coût total de la mission d'archivage ?", AUTHORITIES).focus == ["cout"]


def test_month_names_and_the_type_word_are_not_words_to_find():
    read = read_question("À quelle date était prévu le conseil municipal de Pierrefonds consacré au vote du budget 2025 ?", AUTHORITIES)
    assert "date" not in read.words and "prevu" in read.words
    assert "juin" not in read_question("Quel est le coût de la mission votée le 4 juin 2021 ?", AUTHORITIES).words


def test_a_compound_shares_its_weight_among_its_parts():
    read = read_question("Quel montant d'aide la CCLO a-t-elle attribué à la société ESPOSITO de Cuise-la-Motte ?", AUTHORITIES)
    weights = question_weights(read, [passage("La société ESPOSITO, dont le siège social est situé à Cuise-la-Motte")])
    assert weights["cuis"] + weights["mott"] == pytest.approx(weights["esposito"])


# Seed, the Europe Direct centre's page.
def test_the_value_beside_the_year_the_question_names():
    text = ("Au-delà de la subvention accordée par la Commission européenne (31 900 euros en 2020, 29 333 euros en 2021 "
            "et 38 000 euros en 2022), la labellisation")
    question = "Quel montant de subvention la Commission européenne a-t-elle accordé au Centre Europe Direct en 2022 ?"
    assert answer_in(question, text) == "38 000 euros"


# CC des Lisières de l'Oise, 25 September 2025, p. 13.
def test_a_count_is_followed_by_what_is_said_of_it():
    text = "Sur l’année écoulée, 20 installations ont été réhabilitées et 71 installations contrôlées."
    assert answer_in("Combien d'installations d'assainissement ont été réhabilitées en 2024 ?", text) == "20"


# Pierrefonds, 10 December 2024, p. 15.
def test_a_count_before_its_noun():
    text = "- En 2022, 47 atteintes aux biens ont été comptabilisées contre 30 en 2024, donc il y a une diminution."
    assert answer_in("Combien d'atteintes aux biens ont été comptabilisées à Pierrefonds en 2024 ?", text) == "30"


# CC des Lisières de l'Oise, 13 March 2025, p. 16.
def test_an_amount_after_the_focus():
    text = "- Approuvé l’attribution d’une aide de 1 257,00 € à la SASU Eric MARCHAND, pour des dépenses de 12 570,00 € HT"
    assert answer_in("Quelle aide a été attribuée à la SASU Eric MARCHAND ?", text) == "1 257,00 €"


def test_headings_tallies_and_article_numbers_are_not_counts():
    text = "2/ Délibération pour le calcul de la longueur. Global de plus de 8717 m. 12 votes pour. L'article 151 de la loi"
    assert [c.text for c in candidates(passage(text), "number", [])] == ["8717 m"]


def test_organisation_names_after_their_kind():
    text = ("- Autorisé Monsieur le Président à céder un véhicule au Garage LJ AUTOMOBILES domicilié ZA LES SURCENS, "
            "la société Dupont Restauration et l’ancien restaurant « Le Trio »")
    names = [c.text for c in candidates(passage(text), "organisation", [])]
    assert {"Garage LJ AUTOMOBILES", "Dupont Restauration", "Le Trio"} <= set(names)


def test_an_acronym_of_the_question_s_words_is_not_its_answer():
    text = "Manifestation d’Intérêt Spontanée (MIS) de la SAS Kerwatt représentée par Monsieur Jean ROUXEL"
    question = "Quelle société a déposé une manifestation d'intérêt spontanée pour une centrale photovoltaïque ?"
    assert answer_in(question, text) == "SAS Kerwatt"


@pytest.mark.parametrize("question,text,phrase", [
    ("À quelle fréquence les conseils municipaux auront-ils lieu ?", "Les conseils municipaux auront lieu tous les 3 mois.",
     "tous les 3 mois"),
    ("Quel avis le conseil communautaire a-t-il rendu sur le projet de carrière ?",
     "- Emis un avis défavorable au projet, regrettant le manque de concertation", "défavorable"),
])
def test_a_short_phrase_as_the_answer(question, text, phrase):
    read = read_question(question, AUTHORITIES)
    one = passage(text)
    span = text_span(one, question_weights(read, [one]), read.focus)
    assert span is not None and span.text == phrase


def test_a_numbered_lot_other_than_the_one_asked():
    assert _other_number("Quel assureur a remporté le lot n° 3 ?", "o Lot n° 1 – Dommages aux biens – GROUPAMA PVL")
    assert not _other_number("Quel assureur a remporté le lot n° 1 ?", "o Lot n° 1 – Dommages aux biens – GROUPAMA PVL")


# Couthenans, 4 June 2021 and 29 January 2021, p. 1.
def test_readings_of_a_header_the_header_reader_left():
    header = "Conseil municipal du 4 juin 2021\nPrésents :\nJean-Pierre, Yves, Adeline (procuration à Mario)\n\nAbsent\nHélène\n"
    assert _listed_after(header, "absent") == ["Hélène"]
    assert _room_in_header("CR du conseil municipal 29 janvier 2021\nSalle polyvalente de COUTHENANS.\n") == \
        "Salle polyvalente de COUTHENANS"


# Lannion, 25 May 2020, pp. 2-3; CC des Lisières de l'Oise, 13 November 2025, p. 2.
def test_who_presents_an_item_is_not_who_it_is_about():
    text = ("1 – Election du Maire Madame Danielle MAREC expose : le maire est élu au scrutin secret. "
            "Rapporteur : Eric BEGUIN Rapport. M. Paul LE BIHAN a été proclamé Maire de LANNION")
    assert [c.text for c in candidates(passage(text), "person", [])] == ["M. Paul LE BIHAN"]


# CC des Lisières de l'Oise, 25 September 2025, p. 5.
def test_an_operative_clause_counts_more_than_the_report():
    from delibsearch.qa.passages import score_passages
    read = read_question("Quel montant d'aide la CCLO a-t-elle attribué à la société ESPOSITO ?", AUTHORITIES)
    reported = passage("- Rappelé l’attribution d’une aide de 10 000.00 € à la société ESPOSITO")
    decided = passage("- Approuvé l’attribution d’une aide de 10 000.00 € à la société ESPOSITO")
    score_passages(read, [reported, decided])
    assert decided.score > reported.score


# Seed, the Europe Direct centre's page.
def test_a_part_of_the_question_s_subject_is_not_its_answer():
    text = "la Ville de Clermont-Ferrand, en partenariat avec le Département, porte le Centre EUROPE DIRECT Clermont Puy-de-Dôme"
    assert answer_in("Où est situé le Centre Europe Direct Clermont Puy-de-Dôme ?", text) is None


@pytest.mark.parametrize("question,acting", [
    ("Combien la commune de Pierrefonds a-t-elle versé au club de rugby en 2025 ?", True),
    ("Quel est le coût de la réhabilitation du réservoir d'eau potable de Pierrefonds ?", False),
])
def test_an_authority_that_acts_is_told_from_a_town_that_is_a_subject(question, acting):
    read = read_question(question, AUTHORITIES)
    assert read.authority == "Pierrefonds" and read.acting is acting


def test_a_rules_threshold_is_no_figure_decided():
    found = [c.text for c in _numbers("lorsque le taux de TH est inférieur à 75% de la moyenne, il peut être "
                                      "majoré dans la limite de 5% ; taxe d'habitation : 9,97 %")]
    assert "9,97 %" in found and not any(t.startswith(("75", "5%")) for t in found)
