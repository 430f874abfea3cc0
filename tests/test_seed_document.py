"""The seed deliberation (Clermont-Ferrand, 10 March 2023, Rapport N° 6) as rendered in corpus/.

Expected values are read from ../shared/seed/000_d9c7286315812823.txt.
"""
from __future__ import annotations


def test_session_header(seed_doc):
    s = seed_doc.session
    assert (s.date, s.time) == ("2023-03-10", "16:00")
    assert s.convened_on == "2023-02-24"
    assert s.president == "Olivier BIANCHI"
    assert s.secretary == "Wendy LAFAYE"
    assert seed_doc.authority == "Clermont-Ferrand"
    assert seed_doc.body == "conseil municipal"
    assert s.place == "Hôtel de Ville, Salle du Conseil Municipal"


def test_forty_nine_present_with_whole_names(seed_doc):
    present = seed_doc.session.present
    assert seed_doc.session.present_count == 49
    assert len(present) == 49
    assert present[0] == "Olivier BIANCHI" and present[-1] == "Thomas WEIBEL"
    for name in ("Manuela FERREIRA DE SOUSA", "Jean-Christophe CERVANTES", "Claudine KHATCHADOURIAN-TECER",
                 "Steve MAQUAIRE-BEAUSOLEIL", "Laetitia BEN SADOK", "Grégory BERNARD", "Jérôme AUSLENDER"):
        assert name in present


def test_proxies_and_excused(seed_doc):
    proxies = [(p.giver, p.holder) for p in seed_doc.session.proxies]
    assert proxies == [
        ("Christine DULAC ROUGERIE", "Olivier BIANCHI"),
        ("Marion BARRAUD", "Thomas WEIBEL"),
        ("Alexis BLONDEAU", "Fatima BISMIR"),
        ("Catherine PINET-TALLON", "Cécile LAPORTE"),
        ("Stanislas RENIE", "Eric FAIDY"),
    ]
    assert seed_doc.session.excused == ["Odile VIGNAL"]
    assert seed_doc.session.absent == []


def test_movements_as_printed(seed_doc):
    texts = [m.text for m in seed_doc.session.movements]
    assert "Arrivée de Mme JOSEPH pendant le débat de la question 2 (fin du pouvoir à M. PEYRE)." in texts
    assert "Départ de M. ADENOT pendant la suspension de séance." in texts
    assert all(m.page == 1 for m in seed_doc.session.movements)


def test_one_item_report_six(seed_doc):
    assert len(seed_doc.items) == 1
    item = seed_doc.items[0]
    assert item.number == "6"
    assert item.title.startswith("RAPPORT D'ACTIVITÉ RELATIF À L'ACTION INTERNATIONALE")
    assert item.title.endswith("DU DÉVELOPPEMENT DE L'ENSEMBLE DU TERRITOIRE ET DE SES ACTEURS")
    assert item.rapporteur == "Jérôme AUSLENDER"
    assert item.decision == "noted"
    assert item.page_end == seed_doc.source.pages


def test_vote_block_counts_as_printed(seed_doc):
    vote = seed_doc.items[0].vote
    assert vote is not None
    assert (vote.present, vote.represented, vote.not_voting) == (49, 5, 0)
    assert (vote.voters, vote.for_, vote.against, vote.abstention) == (0, 0, 0, 0)
    assert not vote.unanimous


def test_sections_follow_the_headings(seed_doc):
    headings = [s.heading for s in seed_doc.items[0].sections]
    assert any(h.startswith("1 - MIEUX FAIRE CONNAÎTRE") for h in headings)
    assert any(h.startswith("2- PARTAGER NOS SAVOIR-FAIRE") for h in headings)
    assert "Les faits marquants de l'année 2021 sont :" in headings


def test_running_header_and_footer_removed(seed_doc):
    text = seed_doc.items[0].text
    assert "Page 2 / " not in text
    assert "Séance du 10 mars 2023" not in text.replace("SÉANCE DU 10 MARS 2023", "")


def test_contract_keys(seed_doc):
    data = seed_doc.to_dict()
    assert set(data) >= {"source", "authority", "body", "session", "items", "warnings"}
    assert set(data["source"]) == {"file", "sha256", "pages"}
    assert set(data["session"]) >= {"date", "time", "place", "convened_on", "president", "secretary", "in_office",
                                    "present_count", "present", "proxies", "excused", "absent", "movements"}
    item = data["items"][0]
    assert set(item) >= {"number", "title", "rapporteur", "page_start", "page_end", "text", "sections", "vote", "decision"}
    assert set(item["vote"]) == {"present", "represented", "voters", "for", "against", "abstention", "not_voting",
                                 "unanimous", "against_names", "abstention_names", "ballot", "conflict"}
    assert data["session"]["proxies"][0] == {"from": "Christine DULAC ROUGERIE", "to": "Olivier BIANCHI"}
