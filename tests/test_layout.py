"""Reading a page as laid out: words placed as a real scan and a real text layer print them."""
from __future__ import annotations

from delibsearch.parse.layout import Word, read_lines

HEIGHT = 12.0


def words(text: str, x: float, top: float, width: float = 6.0) -> list[Word]:
    """The words of `text` from x, one letter `width` points wide, on the row at `top`."""
    out = []
    for token in text.split():
        out.append(Word(x, top, x + width * len(token), top + HEIGHT, token, space_after=True))
        x += width * (len(token) + 1)
    return out


def body(lines: list[str]) -> list[str]:
    return [line.text for line in lines if line.text]


def test_a_margin_column_beside_a_list_is_read_apart_from_it():
    # The shape of Flaux's scanned minutes: a margin note whose rows sit between the list's rows,
    # its figure printed close to the body's left margin (x=175).
    page = []
    page += words("Présents : Denis JUVIN - Catherine MARTEL", 176, 190)
    page += words("Nombre de membres", 46, 200) + words("NIGGEL - Alessandra STURANI", 177, 204)
    page += words("en exercice :", 46, 214) + words("11", 152, 214) + words("Catherine VINAS - Michel VAILLIES", 178, 218)
    page += words("délibération :", 45, 236) + words("10", 153, 236) + words("Absent: Jean-Pierre PLUS", 176, 238)
    for n in range(6):  # the body goes on, starting at its left margin
        page += words(f"Le conseil délibère sur le point {n} de son ordre du jour", 175 + n % 3, 270 + 16 * n)
    text = body(read_lines(page))
    assert "Présents : Denis JUVIN - Catherine MARTEL" in text
    assert "NIGGEL - Alessandra STURANI" in text and "Catherine VINAS - Michel VAILLIES" in text
    assert "Absent: Jean-Pierre PLUS" in text
    assert "Nombre de membres" in text


def test_a_separator_boxed_into_the_word_beside_it_stays_on_its_line():
    page = words("Catherine VINAS", 100, 100) + words("Philippe ROUVIER", 210, 100)
    page.append(Word(184, 102, 190, 110, "-"))  # overlaps the end of "VINAS" (184-190)
    assert body(read_lines(page)) == ["Catherine VINAS - Philippe ROUVIER"]


def test_two_columns_are_read_one_after_the_other():
    page = []
    for n in range(4):
        page += words(f"gauche ligne {n}", 40, 100 + 16 * n) + words(f"droite ligne {n}", 320, 100 + 16 * n)
    page += words("droite ligne 4", 320, 164)
    text = body(read_lines(page))
    assert text.index("gauche ligne 3") < text.index("droite ligne 0") or \
        text.index("droite ligne 4") < text.index("gauche ligne 0")
    assert all(not ("gauche" in line and "droite" in line) for line in text)


def test_a_table_row_printed_over_two_lines_is_one_record_read_cell_by_cell():
    # The seed's trip table: "27 au 30 janvier" over "2020" in the dates cell, records parted by a wider gap.
    page = words("Invitation Objet", 40, 80) + words("Dates", 260, 80) + words("Délégation", 380, 80) + words("Coût", 520, 80)
    page += words("Querétaro", 40, 100) + words("Préparation des", 130, 100) + words("27 au 30 janvier", 260, 100) \
        + words("Agents de", 380, 100) + words("3 600", 520, 100)
    page += words("(Mexique)", 40, 113) + words("rencontres", 130, 113) + words("2020", 260, 113) + words("municipale", 380, 113)
    page += words("Bialystok", 40, 140) + words("Projet", 130, 140) + words("04 au 07 février", 260, 140) \
        + words("Agent de", 380, 140) + words("300", 520, 140)
    page += words("(Pologne)", 40, 153) + words("urbain", 130, 153) + words("2020", 260, 153) + words("municipale", 380, 153)
    text = body(read_lines(page))
    assert "Querétaro (Mexique) Préparation des rencontres 27 au 30 janvier 2020 Agents de municipale 3 600" in text
    assert "Bialystok (Pologne) Projet urbain 04 au 07 février 2020 Agent de municipale 300" in text


def test_two_columns_of_running_text_are_read_down_each_column():
    # A compte rendu sommaire printed in two columns: the left column's items, then the right column's,
    # whatever their lines' heights; lines of the two columns never mix.
    page = words("Conseil municipal du 13 décembre 2022", 60, 40)
    left = ["1. Décision modificative n° 3", "Ajustement des crédits de fin", "d'exercice pour les charges",
            "d'énergie, compensés par une", "baisse des crédits d'entretien.", "Adopté à l'unanimité.",
            "2. Tarifs communaux 2023", "Concession au cimetière et salle", "des fêtes pour les habitants.",
            "Adopté à l'unanimité."]
    right = ["7. Réfection de la rue des Écoles", "Le marché est attribué après", "consultation à l'entreprise",
             "la mieux-disante des quatre", "offres reçues pour ces travaux.", "Adopté à l'unanimité.",
             "8. Noël des aînés de la commune", "Un bon d'achat pour chacun des", "habitants de plus de 75 ans.",
             "Adopté à l'unanimité."]
    for n, line in enumerate(left):
        page += words(line, 40, 80 + 15 * n, width=5.0)
    for n, line in enumerate(right):
        page += words(line, 320, 84 + 15 * n, width=5.0)
    text = body(read_lines(page))
    assert text[1:] == left + right


def test_a_margin_of_labels_beside_a_column_of_text_is_no_second_column():
    page = []
    for n, (label, line) in enumerate([("Présents :", "Denis JUVIN, Catherine MARTEL, Michel VAILLIES,"),
                                       ("", "Alessandra STURANI, Catherine VINAS, Jean PLUS,"),
                                       ("Excusés :", "Paul NIGGEL, Anne ROUX"), ("Secrétaire :", "Anne ROUX")]):
        if label:
            page += words(label, 40, 80 + 15 * n)
        page += words(line, 140, 80 + 15 * n)
    text = body(read_lines(page))
    assert "Denis JUVIN, Catherine MARTEL, Michel VAILLIES," in " ".join(text)
    assert not any(t.startswith("Alessandra") and "Excusés" in t for t in text)
