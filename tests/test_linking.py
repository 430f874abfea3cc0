"""One person record per councillor of an authority, across sittings and printed forms."""
from __future__ import annotations

from delibsearch.store import Store


def person_records(store: Store, authority: str, surname: str) -> list:
    return store.db.execute(
        "SELECT id, name FROM entities WHERE kind = 'person' AND scope = ? AND name LIKE ?",
        (authority, f"% {surname}"),
    ).fetchall()


def test_a_councillor_is_one_record_across_sittings(indexed):
    store = Store(indexed.db_path)
    records = person_records(store, "Pierrefonds", "PAPIN")
    assert [r["name"] for r in records] == ["Gilles PAPIN"]
    sittings = store.db.execute(
        "SELECT COUNT(DISTINCT d.id) FROM attendance a JOIN documents d ON d.id = a.document_id"
        " WHERE d.authority = 'Pierrefonds' AND a.person = 'Gilles PAPIN'").fetchone()[0]
    mentioned_in = store.db.execute(
        "SELECT COUNT(DISTINCT document_id) FROM mentions WHERE entity_id = ?", (records[0]["id"],)).fetchone()[0]
    assert sittings >= 20 and mentioned_in >= 10


def test_spelling_variants_are_one_record(indexed):
    store = Store(indexed.db_path)
    # Printed "Joachim LUDER" in 2021 and "Joachim LÜDER" later (read in the attendance lists).
    assert len(person_records(store, "Pierrefonds", "LUDER") + person_records(store, "Pierrefonds", "LÜDER")) == 1
    aliases = {r[0] for r in store.db.execute(
        "SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.name = 'Gilles PAPIN'")}
    assert {"M. Papin", "Gilles PAPIN"} <= aliases


def test_persons_are_per_authority(indexed):
    store = Store(indexed.db_path)
    # Florence DEMOUY sits in Pierrefonds' council and in the Lisières de l'Oise community council.
    records = {r[0]: r[1] for r in store.db.execute(
        "SELECT scope, id FROM entities WHERE kind = 'person' AND name = 'Florence DEMOUY'")}
    assert {"Pierrefonds", "Communauté de communes des Lisières de l'Oise"} <= set(records)
    # ... and both records are one human with two mandates (humans.py: the council's sittings cite Pierrefonds).
    row = store.db.execute("SELECT person_id, rule FROM person_links WHERE member_id = ?",
                           (records["Communauté de communes des Lisières de l'Oise"],)).fetchone()
    assert tuple(row) == (records["Pierrefonds"], "mandates")
