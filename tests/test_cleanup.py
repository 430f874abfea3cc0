"""Page text clean-up: running headers and footers, hyphenation across lines, spaces."""
from __future__ import annotations

import pytest

from delibsearch.parse.cleanup import clean_pages, rejoin_hyphenation


@pytest.mark.parametrize("text,expected", [
    ("Grégory BER-\nNARD, Nicolas BONNET", "Grégory BERNARD, Nicolas BONNET"),
    ("Jérôme AUSLEN-\nDER et un agent", "Jérôme AUSLENDER et un agent"),
    ("la ville de Clermont-\nFerrand a été", "la ville de Clermont-Ferrand a été"),
    ("Monsieur Jean-\nPierre BRENAS", "Monsieur Jean-Pierre BRENAS"),
    ("Catherine PINET-\nTALLON pouvoir à", "Catherine PINET-TALLON pouvoir à"),
    ("il faudra peut-\nêtre revoir", "il faudra peut-être revoir"),
    ("le dévelop-\npement du territoire", "le développement du territoire"),
])
def test_hyphenation(text: str, expected: str):
    assert rejoin_hyphenation(text, text) == expected


def test_the_document_decides_between_join_and_compound():
    context = "Mme BISMIR-TAHA est présente. Plus loin : Mme BISMIR-\nTAHA"
    assert rejoin_hyphenation("Mme BISMIR-\nTAHA", context) == "Mme BISMIR-TAHA"
    context = "Samir EL BAKKALI, puis M. BAK-\nKALI"
    assert rejoin_hyphenation("M. BAK-\nKALI", context + " BAKKALI") == "M. BAKKALI"


def test_running_header_and_page_numbers_removed():
    bodies = ["Présents : A B.\nVote : pour à l'unanimité", "Le point 2 est adopté.\nVote : pour à l'unanimité",
              "Le point 3 est rejeté.\nFin.", "Le point 4 est retiré.\nVote : pour à l'unanimité"]
    pages = [f"Commune de Pierrefonds - Conseil Municipal du 10 décembre 2024 – Page {n} / 4\n{body}\n{n}"
             for n, body in enumerate(bodies, start=1)]
    cleaned = clean_pages(pages)
    # The first page keeps its running header: it may be the only place that names the authority.
    assert cleaned == [f"Commune de Pierrefonds - Conseil Municipal du 10 décembre 2024 – Page 1 / 4\n{bodies[0]}",
                       *bodies[1:]]


def test_short_documents_keep_their_lines():
    pages = ["Commune de X\nPrésents : A B", "Commune de X\nFin."]
    assert clean_pages(pages)[0].startswith("Commune de X")


def test_spaces_and_ligatures_normalised():
    assert clean_pages(["Carine  HUE\u00a0–  Cédric  SEUREAU \n e\ufb03cace"]) == ["Carine HUE – Cédric SEUREAU\neffiace".replace("effiace", "efficace")]
