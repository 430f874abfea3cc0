"""Header, item and vote rules on phrasings printed in council minutes of several authorities."""
from __future__ import annotations

import pytest

from delibsearch.extract import dates
from delibsearch.extract.attendance import read_attendance
from delibsearch.extract.authority import authority_of_folder, read_authority
from delibsearch.extract.items import find_items
from delibsearch.extract.kind import document_kind
from delibsearch.extract.names import Roster, clean_name, split_names
from delibsearch.extract.proxies import parse_attendance_block
from delibsearch.extract.rapporteur import find_rapporteur
from delibsearch.extract.unnumbered import (bullet_headings, capital_headings, object_items, single_deliberation,
                                            vote_closed_items)
from delibsearch.extract.votes import parse_vote
from delibsearch.model import Session

ROSTER = Roster(["Hélène DEFOSSEZ", "Gilles PAPIN", "Jean-Claude THUILLIER", "Michel LEBLANC", "Ronan TANGUY"])


@pytest.mark.parametrize("text,expected", [
    ("deux mille vingt-quatre", 2024), ("deux mil vingt", 2020), ("vingt-cinq", 25),
    ("dix-neuf", 19), ("quatre-vingt-dix-sept", 97), ("soixante et onze", 71),
])
def test_numbers_in_words(text, expected):
    assert dates.words_to_int(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Conseil Municipal du 10/12/2024", "2024-12-10"), ("le 1er février 2020", "2020-02-01"),
    ("le vingt-cinq du mois de mai 2020", "2020-05-25"), ("SÉANCE DU 10 MARS 2023 À 16 H 00", "2023-03-10"),
])
def test_dates(text, expected):
    assert dates.first_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("le 10 décembre à 19h00, le", "19:00"), ("À 16 H 00", "16:00"), ("18:30.", "18:30"),
    ("à dix-neuf heures trente", "19:30"), ("à dix-huit heures", "18:00"), ("à 19h, le", "19:00"),
])
def test_times(text, expected):
    assert dates.parse_time(text) == expected


def test_names_lose_civility_and_keep_compounds():
    assert split_names("Madame Florence DEMOUY, Monsieur Jean-Jacques\nCARRETERO, M. Ronan TANGUY (départ à 19h59)") == [
        "Florence DEMOUY", "Jean-Jacques CARRETERO", "Ronan TANGUY"]
    assert split_names("Paul LE BIHAN – Marie Christine BARAC’H – Anne LE GUEN") == [
        "Paul LE BIHAN", "Marie Christine BARAC’H", "Anne LE GUEN"]
    assert clean_name("DEMOUY Florence") == "Florence DEMOUY"
    assert clean_name("Madame le Maire") is None


def test_a_heading_in_capitals_is_no_name_whatever_its_accents():
    assert clean_name("REPUBLIQUE FRANCAISE DEPARTEMENT du GARD") is None
    assert clean_name("Le PRESIDENT") is None and clean_name("Secretaire de séance") is None


def test_a_capital_a_scan_read_apart_joins_its_word():
    assert clean_name("J ean-Pierre PLUS") == "Jean-Pierre PLUS"  # Flaux, 31 March 2021, as OCR reads it
    assert clean_name("A. DUPONT") == "A. DUPONT"


def test_roster_resolves_short_and_misspelt_forms():
    assert ROSTER.resolve("Mme DEFOSSEZ") == "Hélène DEFOSSEZ"
    assert ROSTER.resolve("M. Papin") == "Gilles PAPIN"
    assert ROSTER.resolve("M. THUILLER") == "Jean-Claude THUILLIER"
    assert ROSTER.resolve("J.-C. Inconnu") is None


@pytest.mark.parametrize("block,names,proxies", [
    ("Christine DULAC ROUGERIE pouvoir à Olivier BIANCHI, Marion BARRAUD pouvoir à Thomas WEIBEL", [],
     [("Christine DULAC ROUGERIE", "Olivier BIANCHI"), ("Marion BARRAUD", "Thomas WEIBEL")]),
    ("M. Laurent BARGADA donne procuration à M. Jean-Jacques LECAT,\nMme Jocelyne BRASSEUR donne procuration à M. Jean-Louis GOURDON", [],
     [("Laurent BARGADA", "Jean-Jacques LECAT"), ("Jocelyne BRASSEUR", "Jean-Louis GOURDON")]),
    ("Patrice KERVAON (procuration à Paul LE BIHAN) – Myriam DUBOURG (procuration à Eric ROBERT)", [],
     [("Patrice KERVAON", "Paul LE BIHAN"), ("Myriam DUBOURG", "Eric ROBERT")]),
    ("Maryline (pas de pouvoir donné) / Marielle (pouvoir donné à Agnès)", ["Maryline"], [("Marielle", "Agnès")]),
    ("Monsieur Gilles PAPIN a donné pouvoir à Madame Hélène DEFOSSEZ", [], [("Gilles PAPIN", "Hélène DEFOSSEZ")]),
])
def test_proxies(block, names, proxies):
    found_names, found = parse_attendance_block(block, is_proxy_block=False)
    assert found_names == names
    assert [(p.giver, p.holder) for p in found] == proxies


def test_plain_pairs_under_a_proxy_label():
    _, found = parse_attendance_block("\n- Monsieur Philippe TOLEDANO à Madame Karine DUTEIL\n", is_proxy_block=True)
    assert [(p.giver, p.holder) for p in found] == [("Philippe TOLEDANO", "Karine DUTEIL")]


def vote_of(text: str, voters: int | None = 19):
    return parse_vote(text, ROSTER, voters)


def test_counts_with_names():
    vote, decision = vote_of("Vote :\n- Pour : 15\n- Contre : 3 (M. PAPIN, Mme DEFOSSEZ et M. TANGUY)\n- Abstention : 0")
    assert (vote.for_, vote.against, vote.abstention) == (15, 3, 0)
    assert vote.against_names == ["Gilles PAPIN", "Hélène DEFOSSEZ", "Ronan TANGUY"]
    assert decision == "adopted"


def test_majority_derives_for_from_the_voters():
    vote, decision = vote_of("Le Conseil municipal, après en avoir délibéré, à la majorité :\n- DÉCIDE ...\nCONTRE : 1 (Mme DEFOSSEZ)")
    assert (vote.for_, vote.against, vote.abstention) == (18, 1, 0)
    assert vote.against_names == ["Hélène DEFOSSEZ"] and decision == "adopted"


def test_unanimity():
    vote, decision = vote_of("Après en avoir délibéré, le conseil municipal a adopté à l'unanimité la proposition.", None)
    assert vote.unanimous and (vote.against, vote.abstention) == (0, 0) and vote.for_ is None
    assert decision == "adopted"


def test_counts_in_words_and_reversed_order():
    vote, decision = vote_of("La motion est rejetée par 26 voix contre, 1 abstention et 3 pour.")
    assert (vote.for_, vote.against, vote.abstention) == (3, 26, 1)
    assert decision == "rejected"
    vote, _ = vote_of("les Membres ont, à 34 voix pour et une voix contre :")
    assert (vote.for_, vote.against) == (34, 1)


def test_total_votants_block():
    vote, decision = vote_of("Le Conseil municipal prend acte de cette information.\n"
                             "TOTAL VOTANTS : 0 = 49 Conseillers Présents + 5 Représentés - 0 Non participation\n"
                             "TOTAL DES VOIX EXPRIMÉES : 0 = Pour : 0 + Contre : 0\nAbstention : 0")
    assert (vote.present, vote.represented, vote.not_voting, vote.voters) == (49, 5, 0, 0)
    assert decision == "noted"


def test_withdrawn_and_no_vote():
    assert vote_of("Ce point est retiré de l'ordre du jour.")[1] == "withdrawn"
    assert vote_of("Madame le Maire présente le rapport annuel.") == (None, None)


def test_bare_names_after_counts():
    vote, _ = vote_of("à la majorité :\nContre : M. Tanguy, M. Leblanc et M. Thuillier\nAbstention : M. Papin et Mme Defossez")
    assert vote.against_names == ["Ronan TANGUY", "Michel LEBLANC", "Jean-Claude THUILLIER"]
    assert vote.abstention_names == ["Gilles PAPIN", "Hélène DEFOSSEZ"]
    assert (vote.against, vote.abstention, vote.for_) == (3, 2, 14)


def numbers(text: str) -> list[str | None]:
    return [span.number for span in find_items(text)[0]]


BODY = "\nLe conseil délibère longuement sur ce point, avec un texte suffisant pour un vrai point.\n" * 3


def test_coded_items_and_groups():
    text = ("Ordre du jour\nI. AFFAIRES GÉNÉRALES\n- Gratuité\n\nI. AFFAIRES GÉNÉRALES\n"
            "D2024-48 - Objet : Gratuité inscription bibliothèque" + BODY +
            "D2024-49 - Objet : amende administrative" + BODY + "II. FINANCES\nD2024-50 - Objet : Marché" + BODY +
            "DM 2024-10 : Objet : Fermages")
    spans = find_items(text)[0]
    assert [s.number for s in spans] == ["D2024-48", "D2024-49", "D2024-50"]
    assert spans[0].group == "I. AFFAIRES GÉNÉRALES" and spans[2].group == "II. FINANCES"
    assert spans[0].title == "Gratuité inscription bibliothèque"
    assert spans[1].title == "amende administrative"  # printed in lower case after "Objet :"


@pytest.mark.parametrize("headings,expected", [
    (["2021 06 01 Budget primitif", "2021 06 02 Subventions"], ["2021 06 01", "2021 06 02"]),
    (["Rapport N° 6\nRAPPORT D'ACTIVITÉ"], ["6"]),
    (["DELIBERATION N°36/2023 - Tarifs", "DELIBERATION N°37/2023 - Cimetière"], ["36/2023", "37/2023"]),
    (["1°) Budget", "2°) Tarifs", "3°) Cimetière"], ["1", "2", "3"]),
    (["I Convention de mise à disposition", "II PADD", "III Adhésion aux associations"], ["I", "II", "III"]),
    (["1/ Recensement voirie communale :", "2/ Renouvellement contrat GRDF :"], ["1", "2"]),
    (["2020-038 – Vote des taux d'imposition", "2020-039 : Subvention au club de football"],
     ["2020-038", "2020-039"]),
    (["N° 2024/12 Objet : Tarifs de la cantine", "N° 2024/13 Objet : Cimetière"], ["2024/12", "2024/13"]),
    (["Affaire n° 1 : Budget primitif", "Affaire n° 2 : Tarifs de la cantine"], ["1", "2"]),
    (["Point n° 4 - Budget primitif", "Point n° 5 - Tarifs"], ["4", "5"]),
    (["N° 1 - Budget primitif", "N° 2 - Tarifs de la cantine"], ["1", "2"]),
    (["1-1-1 Budget primitif", "1-1-2 Tarifs", "1-2-1 Personnel communal"], ["1-1-1", "1-1-2", "1-2-1"]),
])
def test_numbering_schemes(headings, expected):
    agenda = "Ordre du jour\n" + "\n".join(h.split("\n")[0] for h in headings) + "\n"
    assert numbers(agenda + "".join(h + BODY for h in headings)) == expected


def test_a_lone_year_range_is_no_numbering():
    text = "Ordre du jour\n2021-22 : Rentrée scolaire" + BODY + "1. Budget" + BODY + "2. Tarifs" + BODY
    assert numbers(text) == ["1", "2"]


def test_unknown_layout_is_one_item_with_a_warning():
    spans, warnings = find_items("Un texte sans aucune numérotation de points." + BODY)
    assert spans == [] and warnings


def test_proxies_stated_a_line_each_with_a_spaced_compound_surname():
    block = "Philippe ROUVIER - COROUGE donne procuration à Denis JUVIN\nPatricia MICHOT donne procuration à Catherine VINAS\n\nOuverture de la séance"
    names, proxies = parse_attendance_block(block, True)
    assert names == [] and [(p.giver, p.holder) for p in proxies] == [
        ("Philippe ROUVIER-COROUGE", "Denis JUVIN"), ("Patricia MICHOT", "Catherine VINAS")]
    assert parse_attendance_block("Patricia MICHOT - Philippe ROUVIER – COROUGE", False)[0] == [
        "Patricia MICHOT", "Philippe ROUVIER-COROUGE"]


@pytest.mark.parametrize("text,expected", [
    ("COMPTE RENDU DU CONSEIL MUNICIPAL\nSéance du 3 mars 2022\n1. Budget", "minutes"),
    ("Objet : subvention\nLe Conseil municipal, après en avoir délibéré, accorde la subvention.", "minutes"),
    ("Budget primitif\nPour : 12 Contre : 2 Abstentions : 1", "minutes"),
    ("INVITATION\nJ'ai le plaisir de vous convier à la prochaine séance du Conseil Municipal\n"
     "ORDRE DU JOUR\n1) Approbation du compte rendu du Conseil municipal du 23 novembre 2021", "other"),
    ("CONVENTION DE PARTENARIAT\nLe nouveau cadre de contractualisation adopté le 20 juin 2022 par la "
     "Collectivité européenne d'Alsace", "other"),
])
def test_a_record_of_a_sitting_is_told_from_other_documents(text, expected):
    assert document_kind(text, Session(), []) == expected


def test_an_attendance_read_makes_a_record_whatever_its_words():
    assert document_kind("Convention", Session(present=["Anne DURAND", "Paul MARTIN"]), []) == "minutes"


def test_a_heading_printed_over_several_lines_is_one_title():
    # The shape of a sitting's summary: heading lines, then the tally; or heading lines, a blank, the rapporteur.
    text = ("Ordre du jour\n" + BODY +
            "1 Réalisation d'un groupe scolaire - ZAC Port Marianne\nLancement d'un marché de conception\n"
            "Pour : 59\nAdopté à l'unanimité\n" + BODY +
            "2- Cité de la Jeunesse\nComité Scientifique Consultatif\nAutorisation de signatures\n\n"
            "Michel PASSET :\n" + BODY +
            "3- Subventions aux associations\nLa commune apporte son soutien aux associations. Elle le fait sur "
            "dossier\n\n" + BODY)
    titles = [span.title for span in find_items(text)[0]]
    assert titles == ["Réalisation d'un groupe scolaire - ZAC Port Marianne Lancement d'un marché de conception",
                      "Cité de la Jeunesse Comité Scientifique Consultatif Autorisation de signatures",
                      "Subventions aux associations"]


def test_a_rapporteur_printed_as_a_label_under_the_heading():
    body = "\n   Serge FLEURENCE:\n\nLe club des villes cyclables est devenu un acteur majeur."
    assert find_rapporteur(body, None, Roster([]), None) == "Serge FLEURENCE"


def test_a_tally_printed_as_labels_with_empty_counts():
    vote, decision = parse_vote("affaire.\n\n Pour : 51\n Contre :\n Abstentions :\n Adopté à l’unanimité.\n",
                                Roster([]), 55)
    assert (vote.for_, vote.against, vote.abstention, vote.unanimous, decision) == (51, 0, 0, True, "adopted")


def test_a_heading_in_lower_case_or_on_a_street_number_continues_a_run_only():
    text = ("1 Budget primitif" + BODY + "2 Taux d'imposition" + BODY + "3 20 rue de Verdun Permis de construire" + BODY +
            "4 modification du tableau de l'effectif" + BODY + "Les travaux portent sur\n7 classes concernées" + BODY)
    assert numbers(text) == ["1", "2", "3", "4"]


def test_unnumbered_items_are_the_parts_that_votes_close():
    # Flaux's shape: an agenda in short words, headings that reword it, a point added at the sitting.
    text = ("Ordre du jour\n\nRPQS Eau 2020\nRPQS Assainissement 2020\nQuestions diverses\n\n"
            "Rapport sur le Prix et la Qualité du Service public (RPQS) Eau Potable —\nExercice 2020\n\n"
            "Monsieur le Maire présente le rapport.\nVote : à l'unanimité\n\n"
            "Rapport sur le Prix et la Qualité du Service public (RPQS) Assainissement\n\n"
            "Monsieur le Maire présente le rapport.\nVote : à l'unanimité\n\n"
            "Convention d'adhésion à l'Agence Technique\nMonsieur le Maire propose de la renouveler.\n"
            "Voté à l'unanimité\n\nQuestions diverses\nLe chemin sera réparé.\n")
    spans = vote_closed_items(text)
    assert [s.title for s in spans] == [
        "Rapport sur le Prix et la Qualité du Service public (RPQS) Eau Potable — Exercice 2020",
        "Rapport sur le Prix et la Qualité du Service public (RPQS) Assainissement",
        "Convention d'adhésion à l'Agence Technique"]
    assert text[spans[-1].start:spans[-1].end].endswith("Le chemin sera réparé.\n")


def test_without_an_agenda_the_parts_votes_close_start_after_the_attendance():
    # A web page's compte rendu: headings with no number, "Accord à ..." closing each, dissenters over two lines.
    text = ("Compte rendu du conseil municipal du 4 avril 2022\n\nPrésents : AUBERT Yves, BARRAL Josette ;\n"
            "Secrétaire de séance : DAUMAS Corinne.\n\nDélibérations\n\n"
            "Approbation du compte administratif 2021\nLe compte administratif est présenté.\n"
            "Accord à la majorité : 9 pour et 3 abstentions (M. Chabaud, H.\nEspanet, S. Reynaud).\n\n"
            "Vote des taux d'imposition 2022\nLe Maire propose de reconduire les taux.\nAccord à l'unanimité.\n\n"
            "Nomination du secrétaire\nMme Daumas est proposée.\nVote :\nà l'unanimité\n\n"
            "Budget primitif 2022\nLe budget s'équilibre.\nVote :\nà l'unanimité\n")
    assert [s.title for s in vote_closed_items(text)] == [
        "Approbation du compte administratif 2021", "Vote des taux d'imposition 2022", "Budget primitif 2022"]


def test_objects_without_numbers_are_items():
    text = ("PROCÈS-VERBAL\nPrésents : A B\n\nObjet : Taxe d'aménagement - fixation du taux à compter du\n"
            "1er janvier 2023\nMonsieur le Maire rappelle que la taxe est perçue.\nPour : 7 - Contre : 0\n\n"
            "Objet : Convention de déneigement des voies communales\nComme chaque année, la commune fait appel.\n"
            "\nObjet : Questions diverses\nRien.\n")
    assert [s.title for s in object_items(text)] == [
        "Taxe d'aménagement - fixation du taux à compter du 1er janvier 2023",
        "Convention de déneigement des voies communales"]


def test_coded_numbers_without_a_dash_before_the_title():
    text = ("DEL-2024-07 Approbation du compte de gestion 2023\nRapporteur : M. Marc GIROD\nTexte.\n\n"
            "DEL-2024-08 Compte administratif 2023\nTexte.\n\nDE_2024_001 Autorisation d'engager les dépenses\n")
    assert numbers(text) == ["DEL-2024-07", "DEL-2024-08", "DE_2024_001"]


def test_a_list_of_one_name_a_line():
    names, _ = parse_attendance_block("FAURE René\nASTIER Monique\nBOYER Jean-Luc\n", False)
    assert names == ["René FAURE", "Monique ASTIER", "Jean-Luc BOYER"]
    names, _ = parse_attendance_block("Monsieur Jean-Jacques\nCARRETERO, Mme Anne LE GUEN", False)
    assert names == ["Jean-Jacques CARRETERO", "Anne LE GUEN"]


def test_attendance_printed_as_a_table_of_statuses():
    zone = ("Commune Conseiller titulaire Présent Excusé / Absent / Pouvoir donné à\n"
            "Montvernay Jacques PERRIN Présent\nMontvernay Françoise BAILLY Excusée Marc GIROD\n"
            "Beffia-sur-Lizon Sylvie MOUREAUX Présente\nCressia-les-Prés Odile MONNERET Absente\n"
            "Savigna-Sainte-Anne Brigitte CHAMBARD Excusée\n\nSecrétaire de séance : Mme Mireille TISSOT\n")
    session = Session()
    read_attendance(zone, session)
    assert session.present == ["Jacques PERRIN", "Sylvie MOUREAUX"]
    assert [(p.giver, p.holder) for p in session.proxies] == [("Françoise BAILLY", "Marc GIROD")]
    assert (session.excused, session.absent) == (["Brigitte CHAMBARD"], ["Odile MONNERET"])
    assert session.secretary == "Mireille TISSOT"


def test_a_label_may_print_its_count():
    session = Session()
    read_attendance("Présents (3) : M. Michel ROUSSET, Mme Françoise ARNOUX, M. Jean BESSON.\n"
                    "Absents (1) : M. Kévin GARCIA.\n", session)
    assert session.present == ["Michel ROUSSET", "Françoise ARNOUX", "Jean BESSON"]
    assert session.absent == ["Kévin GARCIA"]


@pytest.mark.parametrize("head,expected", [
    ("Commune de Bellefontaine-sur-Orne Affiché le 22 juin 2023\nCompte rendu du conseil municipal",
     "Bellefontaine-sur-Orne"),
    ("COMMUNAUTÉ DE COMMUNES DES COTEAUX DU LIZON\nCompte rendu du Conseil communautaire – Séance du 21 mars",
     "Communauté de communes des Coteaux du Lizon"),
])
def test_the_authority_stops_where_its_name_does(head, expected):
    assert read_authority(head, head)[0] == expected


@pytest.mark.parametrize("folder,expected", [
    ("couthenans", "Couthenans"), ("saint-restitut-scans", "Saint-Restitut"), ("preuilly_sur_claise", "Preuilly-sur-Claise"),
    ("other-documents", None), ("uploads", None), ("2023", None),
])
def test_the_authority_of_a_folder_named_after_a_commune(folder, expected):
    assert authority_of_folder(folder) == expected


def test_dissenters_named_in_a_scans_brackets_and_initials():
    # Saint-Restitut's scanned minutes: "{(" and "]" for brackets, names as initial and surname, " - " between.
    roster = Roster(["M.DENISE", "C.BOURRETTE", "B.DUBOIS"])
    vote, _ = parse_vote("Accord du conseil par 2 ABSTENTIONS {M.DENISE - C.BOURRETTE]) 1 voix CONTRE\n"
                         "{B.DUBOIS }) et 10 voix POUR.", roster, 13)
    assert vote.abstention_names == ["M.DENISE", "C.BOURRETTE"] and vote.against_names == ["B.DUBOIS"]
    assert (vote.for_, vote.against, vote.abstention) == (10, 1, 2)


def test_a_group_named_with_the_dissenters_is_not_a_member():
    # Montpellier, 7 February 2011, item 14, as printed.
    vote, decision = parse_vote("Pour : 48\nContre : 8 (UMP + M. Viguié)\nAbstention : 4 (Verts)\nAdopté à la majorité\n",
                                Roster(["Francis VIGUIE"]), None)
    assert (vote.against_names, vote.abstention_names, decision) == (["Francis VIGUIE"], [], "adopted")
    vote, _ = parse_vote("Pour : 10\nContre : 1 (M.DENISE)\n", Roster([]), None)
    assert vote.against_names == ["M.DENISE"]


def test_the_hour_of_a_sitting_dated_in_words():
    from delibsearch.extract.header import extract_header
    from delibsearch.parse.text import PagedText

    text = ("PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL\n\nLe mardi dix-neuf septembre deux mille vingt-trois,"
            " à vingt heures, le conseil municipal s'est réuni sous la présidence de M. Serge BLANC, Maire.\n")
    header = extract_header(PagedText(pages=[text]), len(text))
    assert header.session.time == "20:00"


def test_a_slashed_zero_misread_by_the_ocr_is_put_back_only_where_the_reading_is_impossible():
    assert dates.first_date("prévu pour le 12/06/2817") == "2017-06-12"
    assert dates.first_date("le 3 mai 2818") == "2018-05-03"
    assert dates.first_date("le 3 mai 2048") == "2048-05-03"
    vote, _ = parse_vote("Accord du conseil par 2 ABSTENTIONS (M.DENISE - C.BOURRETTE) et 16 voix POUR.",
                         Roster(["M.DENISE", "C.BOURRETTE"]), 12)
    assert (vote.for_, vote.abstention) == (10, 2)
    vote, _ = parse_vote("Adopté par 16 voix pour et 2 abstentions.", Roster([]), 18)
    assert vote.for_ == 16


def test_a_run_of_item_numbers_takes_the_heading_an_ocr_misread():
    body = "Texte de la délibération.\nAccord du conseil à l'unanimité.\n\n"
    text = "".join(f"{n}. POINT NUMERO {word}\n{body}" for n, word in
                   [(str(n), str(n)) for n in range(1, 10)] + [("19", "DIX"), ("11", "ONZE")])
    spans, _ = find_items(text)
    assert [s.number for s in spans] == [str(n) for n in range(1, 12)]
    assert [s.title for s in spans][-3:] == ["POINT NUMERO 9", "POINT NUMERO DIX", "POINT NUMERO ONZE"]


def test_the_vote_is_not_read_in_what_follows_the_deliberations():
    text = ("12. DELIBERATION BUDGETAIRE SPECIALE\nMonsieur le maire expose.\nAccord du conseil à l'unanimité.\n\n"
            "POUR INFORMATION\n" + "Un courrier a été adressé au Préfet au sujet des battues.\n" * 8 +
            "Travaux de la fibre au 1er semestre 2018 pour toutes les communes.\n"
            "La séance est levée à 22h15.\n")
    vote, decision = parse_vote(text, Roster([]), 12)
    assert vote.unanimous and decision == "adopted"
    vote, decision = parse_vote("Une délibération prise en 2014 pour la vente.\n", Roster([]), 12)
    assert vote is None


def test_a_vote_put_off_is_withdrawn():
    _, decision = parse_vote("Le conseil municipal décide à l'unanimité de SURSOIR au VOTE.", Roster([]), 12)
    assert decision == "withdrawn"


def test_a_title_in_capitals_does_not_go_on_into_the_body():
    text = ("1. CONTENTIEUX\nTexte.\nAdopté à l'unanimité.\n\n2. DECISION MODIFICATIVE BUDGET COMMUNE\n"
            "Afin de mandater le syndicat pour le raccordement au réseau, afin d'alimenter la\n"
            "construction de Monsieur Jean DUPONT, il convient d'effectuer la décision\nmodificative suivante :\n\n"
            "Adopté à l'unanimité.\n")
    spans, _ = find_items(text)
    assert [s.title for s in spans] == ["CONTENTIEUX", "DECISION MODIFICATIVE BUDGET COMMUNE"]


def test_a_list_of_initials_and_surnames_over_several_lines():
    block = ("C.FOROT — N.VERDON -— T.BUSIN : adjoints\n"
             "S.MEARY — H.CHARANCON - N.GALIANA -—I.MEJEAN [arrivée en retard)\nM.DENISE — C.BOURRETTE")
    session = Session()
    read_attendance(f"Etaient présents : {block}\n\nEtaient absents excusés :\n|. DUBOIS\n", session)
    assert session.present == ["C.FOROT", "N.VERDON", "T.BUSIN", "S.MEARY", "H.CHARANCON", "N.GALIANA",
                               "I.MEJEAN", "M.DENISE", "C.BOURRETTE"]
    assert session.excused == ["I.DUBOIS"]


def test_a_numeric_convocation_date_after_a_longer_label():
    from delibsearch.extract.header import extract_header
    from delibsearch.parse.text import PagedText

    text = ("COMPTE RENDU DU CONSEIL MUNICIPAL DU\nMARDI 31 MARS 2016 A 18H30\n\n"
            "Date de la convocation du conseil municipal : 23/03/2016\n\n"
            "L'an deux mille quinze, le 31 mars, le Conseil Municipal s'est réuni sous la présidence de "
            "Monsieur Yves MARTIN, Maire.\n")
    session = extract_header(PagedText(pages=[text]), len(text)).session
    assert (session.convened_on, session.date) == ("2016-03-23", "2016-03-31")


def test_a_margin_column_left_at_the_start_of_a_list_line_on_a_scan():
    block = ("Denis MARTIN —- Claire ROUX - Muriel BLANC - Alessandra\n| STURA - Jean-Pierre DUC - Michel VIAL - "
             "Catherine\n11 | VINAY - Philippe VERT -\nil Anne NOIR\n:- Paul GRIS")
    names, _ = parse_attendance_block(block, False)
    assert names == ["Denis MARTIN", "Claire ROUX", "Muriel BLANC", "Alessandra STURA", "Jean-Pierre DUC",
                     "Michel VIAL", "Catherine VINAY", "Philippe VERT", "Anne NOIR", "Paul GRIS"]


def test_an_agenda_entry_is_found_on_its_own_line_not_joined_to_the_vote_above():
    from delibsearch.extract.unnumbered import agenda_items

    text = ("Ordre du jour\nApprobation du compte rendu du conseil du 24 septembre 2021\n"
            "Projet d'aménagement d'une aire de jeux dans le parc du château\n\n"
            "Approbation du compte rendu du conseil du 24 septembre 2021\nPersonne ne prend la parole.\n\n"
            "Vote : à l'unanimité\n\nProjet d'aménagement d'une aire de jeux dans le parc du château\n"
            "Monsieur le Maire présente le projet.\nVote : à l'unanimité\n")
    spans = agenda_items(text)
    assert [s.title for s in spans][1] == "Projet d'aménagement d'une aire de jeux dans le parc du château"
    assert text[spans[1].start:].startswith("Projet")


def test_a_secret_ballot_is_read_as_papers_and_results():
    text = ("Il est procédé à l'élection au scrutin secret.\nRésultats du premier tour de scrutin :\n"
            "Nombre de votants 29\nBulletins blancs 2\nBulletins nuls 1\nSuffrages exprimés 26\nMajorité absolue 14\n"
            "Mme Anne LE BRAS 19 voix\nM. Joël TREHIN 7 voix\n"
            "Mme Anne LE BRAS, ayant obtenu la majorité absolue, est proclamée vice-présidente.\n"
            "Vote : à bulletins secrets (voir ci-dessus)\n")
    vote, decision = parse_vote(text, Roster(["Anne LE BRAS", "Joël TREHIN"]), 29)
    assert vote.ballot.to_dict() == {"voters": 29, "blank": 2, "spoilt": 1, "expressed": 26,
                                     "results": [["Anne LE BRAS", 19], ["Joël TREHIN", 7]]}
    assert (vote.for_, vote.against, decision) == (None, None, "adopted")
    vote, _ = parse_vote("Ont été élus :\n60 bulletins de vote dont 3 blancs\nListe A : 44\nListe B : 13\n", Roster([]), 60)
    assert (vote.ballot.voters, vote.ballot.blank, vote.ballot.spoilt) == (60, 3, None)
    vote, _ = parse_vote("Nombre de bulletins : 15\nBulletins blancs ou nuls : 2\nSuffrages exprimés : 13\n", Roster([]), 15)
    assert (vote.ballot.voters, vote.ballot.blank, vote.ballot.spoilt, vote.ballot.expressed) == (15, None, None, 13)


@pytest.mark.parametrize("line,expected", [
    ("Vote : Pour 21 – Contre 6 – Abstention 2", (21, 6, 2)),
    ("Vote : pour 9, contre 0, abstention 1 (BLANC Jean-François)", (9, 0, 1)),
])
def test_a_tally_of_labels_without_colons(line, expected):
    vote, _ = parse_vote(line, Roster([]), 29)
    assert (vote.for_, vote.against, vote.abstention) == expected


@pytest.mark.parametrize("text,title", [
    ("Délibération n° 2023-112\nObjet : Approbation du procès-verbal de la séance\nRapporteur : Jean DURAND\nTexte.\n",
     "Approbation du procès-verbal de la séance"),
    ("Délibération n° 2023-119\nObjet : Autorisation d'engager les dépenses avant le vote du budget\nprimitif 2024\n"
     "Rapporteur : Jean DURAND\nTexte.\n", "Autorisation d'engager les dépenses avant le vote du budget primitif 2024"),
    ("DCM 2023-067 OBJET : CONVENTION D'ADHÉSION AU SERVICE COMMUN\nD'INSTRUCTION DES AUTORISATIONS D'URBANISME\n"
     "Mme Yvonne BRIAND, adjointe à l'urbanisme, présente la nouvelle convention proposée par la communauté.\n",
     "CONVENTION D'ADHÉSION AU SERVICE COMMUN D'INSTRUCTION DES AUTORISATIONS D'URBANISME"),
    ("POINT 2 - Formation du bureau\nM. Joseph STOECKEL, le plus âgé des membres du conseil, a pris ensuite la\n"
     "présidence de l'assemblée (art. L.2122-8 du CGCT). Il a procédé à l'appel\nnominal des membres.\n\nSuite.\n",
     "Formation du bureau"),
])
def test_titles_printed_under_or_after_their_number(text, title):
    spans, _ = find_items(text)
    assert spans[0].title == title


@pytest.mark.parametrize("tail", [
    "ce point est ajourné et sera présenté lors d'une prochaine séance.",
    "le notaire n'ayant pas transmis le compromis, la décision est reportée à la prochaine séance.",
])
def test_an_item_put_off_without_a_vote_is_withdrawn(tail):
    _, decision = parse_vote(f"Monsieur le Maire rappelle le projet d'acquisition ; {tail}\n", Roster([]), 15)
    assert decision == "withdrawn"


def test_the_rapporteurs_role_after_a_comma_is_not_his_name():
    assert find_rapporteur("Rapporteur : Hervé LE GOFF, Président\nTexte.", None, Roster([]), None) == "Hervé LE GOFF"


@pytest.mark.parametrize("head,expected", [
    ("Conseil communautaire\nPays de Brévelin Du 14 décembre 2023\nCommunauté de communes\nPROCES-VERBAL DE SEANCE\n"
     "les membres se sont réunis au siège de la Communauté de communes du Pays de Brévelin, sur la convocation",
     "Communauté de communes du Pays de Brévelin"),
    ("SIAEP de GÉLISE\nSyndicat Intercommunal d'Alimentation en Eau Potable de Gélise – Mairie – 32190\nComité syndical",
     "Syndicat Intercommunal d'Alimentation en Eau Potable de Gélise"),
])
def test_the_authority_of_a_grouping_of_communes(head, expected):
    assert read_authority(head, head)[0] == expected


def test_a_numbered_list_of_members_in_two_columns():
    names, _ = parse_attendance_block("1. KLEIN Bernard 8. WENDLING Jean-Paul\n2. MEYER Antoine 9. BRAUN Sophie\n", False)
    assert names == ["Bernard KLEIN", "Jean-Paul WENDLING", "Antoine MEYER", "Sophie BRAUN"]
    names, _ = parse_attendance_block("Denis JUVIN - Muriel NIGGEL - Michel VAILLIES |\n: Catherine VINAS - Paul VERT", False)
    assert names == ["Denis JUVIN", "Muriel NIGGEL", "Michel VAILLIES", "Catherine VINAS", "Paul VERT"]


def test_the_eldest_member_presides_an_installation_sitting():
    from delibsearch.extract.header import extract_header
    from delibsearch.parse.text import PagedText

    text = ("PROCES-VERBAL DE LA SEANCE DU 25 MAI 2020\nOrdre du jour\n1. Installation des conseillers municipaux\n"
            "2. Election du Maire\n\nPOINT 1 - Installation des conseillers municipaux\nLa séance est ouverte sous la "
            "présidence de M. Jean-Paul WENDLING, Maire sortant.\nPOINT 2 - Election du Maire\nM. Joseph STOECKEL, "
            "le plus âgé des membres du conseil, a pris la présidence de l'assemblée.\n")
    assert extract_header(PagedText(pages=[text]), 200).session.president == "Joseph STOECKEL"


def test_an_agenda_entry_beside_a_side_column():
    from delibsearch.extract.unnumbered import agenda_items

    text = ("Ordre du jour\nBudget primitif de la commune 2021\nConvention pour la capture des chats errants\n\n"
            "Budget primitif de la commune 2021\nVote : à l'unanimité\n\n"
            "REPUBLIQUE FRANCAISE Convention pour la capture des chats errants\nMadame MICHOT expose.\n"
            "Vote : à l'unanimité\n")
    assert [s.title for s in agenda_items(text)] == ["Budget primitif de la commune 2021",
                                                     "Convention pour la capture des chats errants"]


def test_items_lettered_under_a_section():
    text = ("B – Délibérations :\n\na) Adhésion au groupement de commandes\nSur proposition de M. Didier ALZIEU, "
            "adjoint délégué aux travaux, le Conseil est invité à adhérer.\nAdopté à l'unanimité.\n\n"
            "b) Budget principal – Décision modificative n° 1\nTexte.\nAdopté à l'unanimité.\n\n"
            "c) Retrait de la délibération n° 2023-031 du 6 juin\nVu le courrier du contrôle de légalité relevant que la\n"
            "délibération n° 2023-031 du 6 juin 2023 ne pouvait pas être prise.\nAdopté à l'unanimité.\n")
    spans, _ = find_items(text)
    assert [(s.number, s.title) for s in spans] == [("a", "Adhésion au groupement de commandes"),
                                                    ("b", "Budget principal – Décision modificative n° 1"),
                                                    ("c", "Retrait de la délibération n° 2023-031 du 6 juin")]
    body = text[spans[0].start:spans[0].end]
    assert find_rapporteur(body, None, Roster([]), None) == "Didier ALZIEU"


def test_a_commune_name_printed_with_its_letters_spaced():
    head = "C OMMU N E D E R O U B I AC-MI N E RVO IS\nProcès-verbal de la séance du Conseil Municipal\n"
    assert read_authority(head, head)[0] == "Roubiac-Minervois"


@pytest.mark.parametrize("block,expected", [
    ("HUBER Valérie, qui a donné procuration à KLEIN Bernard.", [("Valérie HUBER", "Bernard KLEIN")]),
    ("Sabine COLLET (pouvoir de Florence FALCOZ), Paul ROUX", [("Florence FALCOZ", "Sabine COLLET")]),
    ("B. VAGNON a donné pouvoir à G. GRIGNON C. GANNE a\ndonné pouvoir à A. PINSARD",
     [("B. VAGNON", "G. GRIGNON"), ("C. GANNE", "A. PINSARD")]),
])
def test_proxies_stated_in_a_clause_a_bracket_or_run_together(block, expected):
    _, proxies = parse_attendance_block(block, False)
    assert [(p.giver, p.holder) for p in proxies] == expected


def test_proxies_given_to_the_mayor_by_title_and_a_secretary_named_before_its_verb():
    from delibsearch.extract.header import extract_header
    from delibsearch.parse.text import PagedText

    text = ("PROCES-VERBAL du CONSEIL MUNICIPAL du 27 juin 2023\nsous la présidence de :\n"
            "Monsieur Jean-Baptiste ROUSSELOT, Maire\nEtaient présents : MM. ARNOULT, CORDIER, Mmes AUBERTIN, VERDIER.\n"
            "Absent(e)s : MM. TANGUY, OUDARD.\nAvaient donné pouvoir : Mme SAUNIER à M. le Maire ; Mme\n"
            "LÉGER à Mme AUBERTIN ; M. BOUCHARD à M. CORDIER.\nMme Inès BOUAZIZ\n"
            "est nommée Secrétaire à l'ouverture de la séance.\n")
    session = extract_header(PagedText(pages=[text]), len(text)).session
    assert [(p.giver, p.holder) for p in session.proxies] == [
        ("SAUNIER", "Jean-Baptiste ROUSSELOT"), ("LÉGER", "AUBERTIN"), ("BOUCHARD", "CORDIER")]
    assert session.absent == ["TANGUY", "OUDARD"]


def test_a_margins_label_and_rapporteur_beside_a_title_are_not_the_title():
    text = ("1 Modification du règlement intérieur du conseil municipal (article 31\n– expression des groupes)\n"
            "ADMINISTRATION\nGÉNÉRALE Rapporteur : M. le Maire\n\nLe règlement intérieur fixe l'espace.\n"
            "Adopté à l'unanimité.\n\n2 Compte administratif 2022 – Budget principal\n"
            "FINANCES Rapporteur : M. DELAHAYE, Adjoint délégué aux finances\n\nTexte.\nAdopté à l'unanimité.\n")
    spans, _ = find_items(text)
    assert [s.title for s in spans] == [
        "Modification du règlement intérieur du conseil municipal (article 31 – expression des groupes)",
        "Compte administratif 2022 – Budget principal"]


def test_a_tally_is_repaired_only_when_the_zero_reading_makes_the_voters_exactly():
    vote, _ = parse_vote("par 26 voix pour et 5 voix contre", Roster([]), 27)
    assert (vote.for_, vote.against) == (26, 5)


def test_a_secretariat_label_ends_the_list_above_it():
    session = Session()
    read_attendance("ABSENTS : Messieurs JOUBERT, LAMY, Madame HUET.\nSecrétariat de séance : Monsieur Alain BRISSET.\n",
                    session)
    assert (session.absent, session.secretary) == (["JOUBERT", "LAMY", "HUET"], "Alain BRISSET")


def test_a_title_in_small_letters_goes_on_in_capitals_inside_its_quotation():
    # Montpellier, 17 February 2014, item 129, as printed.
    text = ("1- Autre point\nTexte.\nAdopté à l'unanimité.\n\n2- Avenant n°1 à la convention de Délégation de Service "
            "Public pour la\ngestion et l'exploitation des parcs de stationnement «FOCH-PREFECTURE /\nMARCHE AUX FLEURS »\n"
            "et « ARC DE TRIOMPHE »\n\nPhilippe THINES :\n\nTexte.\n")
    assert find_items(text)[0][1].title.endswith("«FOCH-PREFECTURE / MARCHE AUX FLEURS » et « ARC DE TRIOMPHE »")


def test_the_secretary_designated_in_the_first_point():
    from delibsearch.extract.header import extract_header
    from delibsearch.parse.text import PagedText

    head = "PROCES-VERBAL DE LA SEANCE DU 25 MAI 2020\nsous la présidence de M. Jean WENDLING, Maire.\n\n"
    body = ("POINT 2 - Formation du bureau\nLe conseil municipal a désigné Mme Laura ZIMMER, benjamine de "
            "l'assemblée,\nen qualité de secrétaire de séance.\n")
    assert extract_header(PagedText(pages=[head + body]), len(head)).session.secretary == "Laura ZIMMER"


def test_sub_items_under_numbered_sections_are_the_items():
    text = ("1 - FINANCES\n\n1.1 Décision modificative n° 2" + BODY + "1.2 Tarifs communaux 2023" + BODY
            + "2 - APPROBATION DU PROCÈS-VERBAL" + BODY + "3 - PERSONNEL\n\n3.1 Création d'un poste" + BODY)
    spans = find_items(text)[0]
    assert [s.number for s in spans] == ["1.1", "1.2", "2", "3.1"]  # a section without sub-items is an item
    assert spans[0].group == "1. FINANCES" and spans[3].group == "3. PERSONNEL"


@pytest.mark.parametrize("headings,expected", [
    (["N°1 : Compte administratif 2019", "N°2 : Affectation du résultat", "N °3 : Budget primitif"], ["1", "2", "3"]),
    (["Délibération n° 2025/001 APPROBATION DU PROCÈS-VERBAL", "Délibération n° 2025/002 TARIFS DE LA CANTINE"],
     ["2025/001", "2025/002"]),
    (["Tarifs de l'eau potable 2023 : 2022-62", "Adhésion à l'agence technique : 2022-63",
      "Rapport sur le service public d'assainissement non collectif :\n2022-64"], ["2022-62", "2022-63", "2022-64"]),
])
def test_more_numbering_schemes(headings, expected):
    assert numbers("".join(h + BODY for h in headings)) == expected


def test_a_title_in_capitals_after_a_report_number():
    spans = find_items("Délibération n° 2025/004 OUVERTURE DE CRÉDITS" + BODY + "Délibération n° 2025/005 TARIFS" + BODY)[0]
    assert [s.title for s in spans] == ["OUVERTURE DE CRÉDITS", "TARIFS"]


PRESENT = "Présents : MM. DUPRÉ, VIALA, Mmes ROUX, BLANC.\nSecrétaire de séance : Mme ROUX.\n\n"
PARAGRAPH = ("Monsieur le Maire présente le projet au conseil municipal, qui en débat longuement.\n"
             "Après en avoir délibéré, le conseil municipal approuve.\n\n")


def test_unnumbered_headings_in_capitals_or_after_a_bullet():
    capitals = (PRESENT + "VOIRIE : PROGRAMME 2022 ET DEMANDE\nDE SUBVENTION\n" + PARAGRAPH
                + "CIMETIÈRE : REPRISE DES CONCESSIONS EN ÉTAT\nD'ABANDON\n" + PARAGRAPH)
    assert [s.title for s in capital_headings(capitals)] == [
        "VOIRIE : PROGRAMME 2022 ET DEMANDE DE SUBVENTION", "CIMETIÈRE : REPRISE DES CONCESSIONS EN ÉTAT D'ABANDON"]
    bullets = (PRESENT + "➢ Éclairage public : demande d'aide au\nSyndicat d'énergies\n" + PARAGRAPH
               + "➢ Location du logement communal\n" + PARAGRAPH)
    assert [s.title for s in bullet_headings(bullets)] == [
        "Éclairage public : demande d'aide au Syndicat d'énergies", "Location du logement communal"]
    assert capital_headings(PRESENT + "COMPTE RENDU DE LA SÉANCE DU 7 MARS\n" + PARAGRAPH + "DÉCIDE :\n" + PARAGRAPH) == []


def test_a_run_on_header_and_a_list_that_runs_into_a_sentence():
    session = Session()
    read_attendance("Étaient présents : MM. DURAND, VIALA, Mmes ROUX,\nBLANC et NOËL, formant la majorité des membres"
                    " en exercice.\nAbsent : M. PINEL.\n", session)
    assert session.present == ["DURAND", "VIALA", "ROUX", "BLANC", "NOËL"] and session.absent == ["PINEL"]
    session = Session()
    read_attendance("Étaient présents : MM. et Mmes DURAND Marc, ROUX Julie,\nSAINT-MARTIN Karine M. PÉBAYLE Olivier"
                    " donne procuration à M. DURAND Marc\nExcusé : M. ESPARBES Didier Secrétaire de séance : Mme ROUX"
                    " Julie\n", session)
    assert session.present == ["Marc DURAND", "Julie ROUX", "Karine SAINT-MARTIN"]
    assert [(p.giver, p.holder) for p in session.proxies] == [("Olivier PÉBAYLE", "Marc DURAND")]
    assert session.excused == ["Didier ESPARBES"] and session.secretary == "Julie ROUX"


def test_represented_by_under_a_proxy_label():
    names, proxies = parse_attendance_block("Régis CROUZET par Jérôme PAGÈS,", True)
    assert names == [] and [(p.giver, p.holder) for p in proxies] == [("Régis CROUZET", "Jérôme PAGÈS")]


def test_a_tally_of_zeros_under_a_unanimous_decision_is_unanimous():
    vote, decision = parse_vote("Le Conseil municipal, à l'unanimité des membres ayant pris part au vote,\n"
                                "- ATTRIBUE les subventions suivantes.\nVotants : 9 Pour : 9 Contre : 0 Abstention : 0",
                                Roster([]), None)
    assert vote.unanimous and vote.for_ == 9 and decision == "adopted"


def test_a_decision_put_off_is_withdrawn():
    assert parse_vote("Le Conseil Municipal décide de reporter sa décision à une prochaine séance.",
                      Roster([]), None) == (None, "withdrawn")


def test_named_dissent_wins_over_a_boilerplate_unanimity_and_is_flagged():
    roster = Roster(["Gilles PAPIN", "Anne DEBUISSER", "Marc DUPONT", "Lise MARTIN"])
    vote, decision = parse_vote("Le conseil municipal, après en avoir délibéré, à l'unanimité, approuve le budget.\n"
                                "Abstentions 4 : M. Papin, Mme Debuisser, M. Dupont, Mme Martin", roster, 20)
    assert not vote.unanimous and (vote.for_, vote.against, vote.abstention) == (16, 0, 4)
    assert vote.abstention_names == ["Gilles PAPIN", "Anne DEBUISSER", "Marc DUPONT", "Lise MARTIN"]
    assert "unanimité" in vote.conflict and decision == "adopted"
    assert parse_vote("Le Conseil municipal PREND ACTE du rapport annuel.", roster, 20) == (None, "noted")


def test_a_proxy_clause_wrapped_to_the_next_line_opens_no_block():
    session = Session()
    read_attendance("Présents : Mmes DARRIET, LABAT.\nAbsents excusés : Mme BERGEY qui a donné procuration à M. LAFON,"
                    " M. CASTAGNET qui\na donné procuration à Mme DARRIET, M. ROUMÉGOUX.\nAbsente : Mme LAPORTE.\n", session)
    assert [(p.giver, p.holder) for p in session.proxies] == [("BERGEY", "LAFON"), ("CASTAGNET", "DARRIET")]
    assert session.excused == ["ROUMÉGOUX"] and session.absent == ["LAPORTE"]


def test_a_person_record_needs_evidence():
    from delibsearch.records import is_evidenced_person
    roster = {"Nelly", "Florence DEMOUY"}
    assert is_evidenced_person("Florence DEMOUY", "Mme DEMOUY", roster)  # the sitting's lists print her
    assert is_evidenced_person("Nelly", "Nelly", roster)
    assert is_evidenced_person("STAMM", "Madame STAMM", set())  # a civility introduces her
    assert is_evidenced_person("Gwenaëlle TANGUY", "Gwenaëlle TANGUY", set())  # a French given name and a surname
    assert not is_evidenced_person("Taxe FONCIÈRE", "Taxe FONCIÈRE", set())
    assert not is_evidenced_person("Père NOËL", "Père NOËL", set())
    assert not is_evidenced_person("Demain CLERMONT", "Demain CLERMONT", set())
    assert not is_evidenced_person("Nelly", "Nelly", set())  # a given name alone that no list names


@pytest.mark.parametrize("headings,expected", [
    # a heading printed as a list's entry, its code with no separator
    (["- Délibération D202448 – Décision modificative", "- Délibération D202449 – Tarifs de la cantine"],
     ["D202448", "D202449"]),
    # a code dated within the year
    (["2023 – 071 – 05.12 – Tarifs communaux", "2023 – 072 – 05.12 – Décision modificative"],
     ["2023 – 071 – 05.12", "2023 – 072 – 05.12"]),
    # the sitting's date and a number
    (["141024-52 Repas des agents", "141024-53 Temps de travail d'un adjoint"], ["141024-52", "141024-53"]),
    # numbered from zero
    (["0. Approbation du procès-verbal", "1. Demande de subvention", "2. Tarifs du port"], ["0", "1", "2"]),
])
def test_more_numbering_shapes(headings, expected):
    assert numbers("".join(h + BODY for h in headings)) == expected


def test_a_code_alone_on_its_line_takes_the_title_under_its_section():
    text = ("2023/58\nFINANCES\n\nDécision modificative n° 2 – Budget principal\nRapporteur : Christian DOMEC." + BODY
            + "2023/59\nFINANCES\n\nAttributions de compensation 2023\nRapporteur : Christian DOMEC." + BODY)
    spans = find_items(text)[0]
    assert [(s.number, s.title) for s in spans] == [("2023/58", "Décision modificative n° 2 – Budget principal"),
                                                   ("2023/59", "Attributions de compensation 2023")]


def test_a_run_in_title_ends_where_its_body_begins():
    text = ("2023 – 071 – 05.12 – Tarifs communaux 2024 Monsieur le Maire présente les propositions de la commission"
            + BODY + "2023 – 072 – 05.12 – Cession à la propriété de Monsieur et Madame Paul RIGAIL Madame Nathalie"
            " RAYNAUD, adjointe, expose la demande" + BODY)
    assert [s.title for s in find_items(text)[0]] == ["Tarifs communaux 2024",
                                                      "Cession à la propriété de Monsieur et Madame Paul RIGAIL"]


def test_a_register_number_after_the_title_and_a_subtitle_above_the_body():
    long_body = ("\nM. le Maire présente le programme établi par l'Office National des Forêts pour l'exploitation des"
                 " coupes\nde la forêt communale, en parcelles 7 et 12, pour un volume de 1 250 mètres cubes en 2024.\n")
    text = ("1. Demande de subvention par une association Délibération n° 101" + long_body
            + "2. Forêt communale\nProgramme des travaux d'exploitation 2024" + long_body
            + "3. Retrait de la délibération n° 2023-031 du 6 juin" + long_body)
    assert [s.title for s in find_items(text)[0]] == ["Demande de subvention par une association",
                                                      "Forêt communale Programme des travaux d'exploitation 2024",
                                                      "Retrait de la délibération n° 2023-031 du 6 juin"]


def test_items_printed_as_entries_under_sections_in_capitals():
    text = ("I. RELEVE DE DECISIONS DU BUREAU\nLe Président donne lecture des décisions du Bureau.\n"
            "- attribution du marché de bacs roulants ;\n- Signature d'une convention de mise à disposition ;\n"
            "Le Conseil prend acte de ces décisions.\n"
            "IL ADMINISTRATION GENERALE\n- Modification des statuts" + BODY + "- Désignation d'un délégué" + BODY
            + "III. FINANCES\n- Décision modificative n° 1" + BODY + "- Admission en non-valeur" + BODY)
    spans = find_items(text)[0]
    assert [(s.number, s.title) for s in spans] == [
        ("I", "RELEVE DE DECISIONS DU BUREAU"), (None, "Modification des statuts"), (None, "Désignation d'un délégué"),
        (None, "Décision modificative n° 1"), (None, "Admission en non-valeur")]
    assert spans[1].group == "II. ADMINISTRATION GENERALE" and spans[3].group == "III. FINANCES"


@pytest.mark.parametrize("head,expected", [
    ("COMMUNAUTE DE COMMUNES CAUSSE ET CESSE\n\nCOMPTE-RENDU DU CONSEIL DE COMMUNAUTE\nSéance du 26 septembre 2023",
     ("Communauté de communes Causse et Cesse", "conseil communautaire")),
    ("Les délégués de la Communauté\nde communes Terres de Raille se sont réunis en conseil communautaire",
     ("Communauté de communes Terres de Raille", "conseil communautaire")),
    ("COMPTE RENDU DE LA SEANCE DU CONSEIL MUNICIPAL DE BECHERET SUR MORIN\nDU 02 JUILLET 2024",
     ("Becheret-sur-Morin", "conseil municipal")),
    ("se sont réunis en Mairie d'ARRIGNAC-D'ASPE. Commune d'Arrignac-d'Aspe sous la présidence du Maire, conseil municipal",
     ("Arrignac-d'Aspe", "conseil municipal")),
])
def test_authority_names_end_where_the_sentence_goes_on(head, expected):
    assert read_authority(head, head) == expected


def test_a_table_column_glued_to_a_name_and_a_surname_taken_for_an_organisation():
    from delibsearch.extract.orgshapes import is_surname_of, without_table_residue
    assert without_table_residue("ASSOCIATION RAMA Fonctionnement") == "ASSOCIATION RAMA"
    assert without_table_residue("Chengdu F") == "Chengdu"
    assert without_table_residue("SDIS") == "SDIS"
    people = {"Joseph DELTEIL", "Gilles PAPIN"}
    assert is_surname_of("DELTEIL", people) and not is_surname_of("SDIS", people)
    assert not is_surname_of("Delteil Conseil", people)


def test_unanimity_of_the_voters_counts_them():
    vote, decision = parse_vote("Vote : unanimité des votants (32 voix)", Roster([]), None)
    assert (vote.for_, vote.voters, vote.unanimous, decision) == (32, 32, True, "adopted")


def test_the_count_in_office_is_the_one_before_its_words_when_both_are_printed():
    from delibsearch.extract.header import _count
    from delibsearch.extract.phrases import patterns
    assert _count(patterns("in_office"), "31 conseillers en exercice : 26 présents 3 pouvoirs 2 excusés") == 31
    assert _count(patterns("in_office"), "Membres en exercice : 15 Présents : 12") == 15
    assert _count(patterns("present_count"), "Nombre de conseillers en exercice : 14\nPrésents : MM. A, B") is None


@pytest.mark.parametrize("codes", [["041/24 :", "042/24 :", "043/24 :"], ["06.2024.01", "06.2024.02", "06.2024.03"],
                                   ["12/03/24-01", "12/03/24-02", "12/03/24-03"]])
def test_serial_codes_carrying_the_sitting_year_number_the_items(codes):
    text = "SEANCE DU 12 MARS 2024\nPrésents : M. A, Mme B\n\n" + "".join(
        f"{code}\nTITRE NUMERO {k} DU POINT\n" + BODY for k, code in enumerate(codes, 1))
    spans = find_items(text)[0]
    assert [s.number for s in spans] == [c.rstrip(" :") for c in codes]


def test_dates_at_lines_start_and_levelled_numbers_are_no_serial_codes():
    dated = "SEANCE DU 12 MARS 2024\n" + "".join(f"{d}/03/2024 Réunion de la commission\n" + BODY for d in (10, 11, 12))
    assert find_items(dated)[0] == []
    levelled = "SEANCE DU 12 MARS 2024\n1. FINANCES\n1.1 Budget primitif\n" + BODY + "1.2 Tarifs de l'eau\n" + BODY
    assert [s.number for s in find_items(levelled)[0]] == ["1.1", "1.2"]


def test_question_numbers_head_items():
    text = "SEANCE\n" + "Question 1 – Adhésion au groupement\n" + BODY + "Question 2 – Tarifs de la salle\n" + BODY
    assert [(s.number, s.title) for s in find_items(text)[0]] == [("1", "Adhésion au groupement"),
                                                                 ("2", "Tarifs de la salle")]


def test_sub_items_under_a_section_whose_line_their_first_one_follows():
    text = ("SEANCE\n1. Communauté de communes\n1-1 Modification des statuts\n" + BODY + "1-2 Rapport de la CLECT\n"
            + BODY + "2. Finances\n\n2-1 Décision modificative n° 2\n" + BODY + "3. Questions diverses\nRien.\n")
    assert [s.number for s in find_items(text)[0]] == ["1-1", "1-2", "2-1", "3"]


def test_a_register_number_after_its_label_and_not_in_the_title():
    text = ("Extrait du registre des délibérations\nSéance du 19 octobre 2023\n"
            "Objet : Taxe d'aménagement – Fixation du taux à compter du 1er janvier 2024 N° interne de l'acte : 2023-37\n"
            "Monsieur le Maire expose le projet.\nAprès en avoir délibéré, le conseil adopte à l'unanimité.\n")
    span = single_deliberation(text)
    assert (span.number, span.title) == ("2023-37", "Taxe d'aménagement – Fixation du taux à compter du 1er janvier 2024")


@pytest.mark.parametrize("head,expected", [
    ("MAIRIE de VERNOLLES LE BOCAGE\nREUNION DU CONSEIL MUNICIPAL", "Vernolles-le-Bocage"),
    ("Le Conseil Municipal de la Commune de LA CHAPELLE-AUX-BROUETTES, dûment convoqué", "La Chapelle-aux-Brouettes"),
    ("CONSEIL MUNICIPAL de LE PLESSIS-AUX-FRÊNES\nSéance du 22 juin 2023", "Le Plessis-aux-Frênes"),
])
def test_a_compound_commune_name_keeps_its_article_apart_and_its_particles_small(head, expected):
    assert read_authority(head, head)[0] == expected


def _session_of(text: str):
    from delibsearch.extract.header import extract_header
    from delibsearch.parse.text import PagedText
    return extract_header(PagedText(pages=[text]), len(text)).session


def test_proxies_from_one_to_another_joined_by_and():
    session = _session_of("Séance du 22 juin 2023\nPrésents : Jean LIORET, Céline ROLLAND, Sylvie GALLOU.\n"
                          "Absents excusés : Solange DELAHAYE, Sarah THOMASSIN\n\n"
                          "Pouvoirs : de Solange DELAHAYE à Jean LIORET, de Sarah THOMASSIN à Céline ROLLAND\n"
                          "et de Florence TOUCHARD à Sylvie GALLOU\n\nLe Maire ouvre la séance.\n")
    assert [(p.giver, p.holder) for p in session.proxies] == [
        ("Solange DELAHAYE", "Jean LIORET"), ("Sarah THOMASSIN", "Céline ROLLAND"), ("Florence TOUCHARD", "Sylvie GALLOU")]
    assert session.excused == []


def test_two_lists_paired_respectively():
    session = _session_of("Séance du 5 juillet 2023\nPRESENTS : Tous les membres en exercice sauf :\n\n"
                          "ABSENTS EXCUSES : Sophie MOREL, Marie LECLERCQ et Paul WATTEL qui avaient respectivement donné "
                          "procuration à Patrick DESCAMPS, Jean PLOUVIER et Éric DELATTRE. Et Marcel LEFEBVRE.\n\n"
                          "Le Maire propose le secrétariat de séance à Véronique DESRUMAUX qui l'accepte.\n")
    assert [(p.giver, p.holder) for p in session.proxies] == [
        ("Sophie MOREL", "Patrick DESCAMPS"), ("Marie LECLERCQ", "Jean PLOUVIER"), ("Paul WATTEL", "Éric DELATTRE")]
    assert session.excused == ["Marcel LEFEBVRE"]
    assert session.secretary == "Véronique DESRUMAUX"


@pytest.mark.parametrize("text", [
    "Le conseil municipal décide d'ajourner ce point à la séance de septembre.",
    "Le conseil municipal décide de reporter l'examen de cette demande à la préparation du budget.",
    "Le Conseil Municipal décide de surseoir à statuer dans l'attente d'une estimation.",
])
def test_an_item_put_off_without_a_vote_is_withdrawn(text):
    assert vote_of(text)[1] == "withdrawn"


def test_a_heading_whose_colon_opens_its_body():
    text = ("SEANCE\n1/ Budgets primitifs 2023 : le budget de la commune s'équilibre à 412 600 € en fonctionnement.\n"
            + BODY + "2/ Réfection de la toiture de l'église : choix de l'entreprise\n" + BODY
            + "3/ Secteur des Prés : projet d'urbanisation nouvelle au sud du quartier des Prés et acquisition\n" + BODY)
    assert [s.title for s in find_items(text)[0]] == [
        "Budgets primitifs 2023", "Réfection de la toiture de l'église : choix de l'entreprise",
        "Secteur des Prés : projet d'urbanisation nouvelle au sud du quartier des Prés et acquisition"]


def test_surnames_printed_one_after_another_under_plural_civilities():
    assert split_names("MM. DUCLOS LABAT LE GOFF MMES LATAPIE CHOMEL MME CLAVIER") == [
        "DUCLOS", "LABAT", "LE GOFF", "LATAPIE", "CHOMEL", "CLAVIER"]
    assert split_names("MM. Jean DUCLOS, Paul LE GOFF et Mme Anne ROUX") == ["Jean DUCLOS", "Paul LE GOFF", "Anne ROUX"]


def test_proxies_run_together_after_a_list_and_a_name_after_the_last_holder():
    names, found = parse_attendance_block("M. DUPAS, POULAIN, GLORIOD Mme ANTONY pouvoir à M. AUBERT M. BALLAND pouvoir "
                                          "à Mme BOUCHARD\nMme DUBROCA pouvoir à M. LAFITTE M. CAPDEVIELLE", False)
    assert [(p.giver, p.holder) for p in found] == [("ANTONY", "AUBERT"), ("BALLAND", "BOUCHARD"), ("DUBROCA", "LAFITTE")]
    assert names == ["DUPAS", "POULAIN", "GLORIOD", "CAPDEVIELLE"]


def test_delegates_present_are_the_present_list():
    session = _session_of("Conseil communautaire du 22 mai 2023\nDélégués présents : Mmes PARISOT (Aubertans), "
                          "VERNEREY (Courchaton) M. GAILLOT (Bayans), DUMONTET (Beaumotte).\nAbsents : M. HENRIOT\n")
    assert session.present == ["PARISOT", "VERNEREY", "GAILLOT", "DUMONTET"]
