"""The seed's "Bilan déplacements 2020 à 2022" table and its 7 trips, as read in the seed text."""
from __future__ import annotations

HEADER = ["Invitation", "Objet", "Dates", "Délégation", "Coût du transport pour la Ville", "Observations",
          "Actions et suivi"]
FIRST_COLUMN = ["Querétaro (Mexique)", "Bialystok (Pologne)", "Association des villes (AVUF) à Bruxelles",
                "Querétaro (Mexique) Norman (USA)", "Bruxelles (Belgique)", "Regensburg (Allemagne)", "Montréal (Québec)"]
TRIPS = [  # destination, country, start, end, cost, delegation
    ("Querétaro", "Mexico", "2020-01-27", "2020-01-30", 3600.0, []),
    ("Białystok", "Poland", "2020-02-04", "2020-02-07", 300.0, []),
    ("Bruxelles", "Belgium", "2022-03-11", "2022-03-15", 780.0, ["Jérôme AUSLENDER", "Samir EL BAKKALI"]),
    ("Querétaro", "Mexico", "2023-03-13", "2023-03-24", 14600.0,
     ["Olivier BIANCHI", "Isabelle LAVEST", "Grégory BERNARD", "Samir EL BAKKALI"]),
    ("Bruxelles", "Belgium", "2022-03-27", "2022-03-30", 1800.0,
     ["Olivier BIANCHI", "Marion CANALES", "Isabelle LAVEST", "Rémi CHABRILLAT", "Jérôme AUSLENDER",
      "Lucie MIZOULE", "Alexis BLONDEAU", "Alparslan COSKUN"]),
    ("Regensburg", "Germany", "2022-10-27", "2022-10-30", 3200.0, ["Isabelle LAVEST"]),
    ("Montréal", "Canada", "2022-11-28", "2022-11-30", 1400.0, ["Jérôme AUSLENDER"]),
]


def test_trip_table_has_its_49_cells(seed_doc):
    table = next(t for t in seed_doc.tables if t.header[0] == "Invitation")
    assert table.header == HEADER
    assert len(table.rows) == 7 and all(len(row) == 7 for row in table.rows)
    assert [row[0] for row in table.rows] == FIRST_COLUMN
    regensburg = table.rows[5]
    assert regensburg == ["Regensburg (Allemagne)",
                          "Délégation culturelle de Clermont-Fd à l'occasion du Festival de Culture Pop PUSH4 de Regensburg",
                          "27 au 30 octobre 2022", "I. Lavest et des agents de l'administration municipale", "3 200",
                          "Frais d'hébergement et de restauration pris en charge par Regensburg", ""]
    assert [row[4] for row in table.rows] == ["3 600", "300", "780", "14 600", "1 800", "3 200", "1 400"]
    assert table.item == "6"


def test_seven_trips_with_destination_dates_cost_and_delegation(seed_doc):
    got = [(t.destination, t.country, t.start, t.end, t.cost, t.delegation) for t in seed_doc.trips]
    assert got == TRIPS
    assert sum(t.cost for t in seed_doc.trips) == 25680.0
    montreal = seed_doc.trips[-1]
    assert montreal.purpose == "Entretiens Jacques Cartier" and montreal.item == "6"


def test_cost_cells_are_amounts(seed_doc):
    costs = [e.value for e in seed_doc.entities if e.type == "amount" and e.text in ("3 600", "14 600", "1 400")]
    assert sorted(costs) == [1400.0, 3600.0, 14600.0]


def test_the_delegation_is_kept_as_printed(seed_doc):
    printed = [t.delegation_text for t in seed_doc.trips]
    assert printed[0] == "Agents de l'administration municipale"  # nobody named: still who went
    assert printed[2] == "J. Auslender, S. El Bakkali et un agent de l'administration municipale"
