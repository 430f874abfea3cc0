"""The hand audit of entity records (issue 10): sample records of an index, then score a reader's verdicts.

    python tests/audit_entities.py sample DATA_DIR OUT_DIR [SEED]   # 200 persons, 100 places, 100 organisations
    python tests/audit_entities.py score tests/expectations/audit/entities-2026-12-03.json

The sample is drawn with a seed (a fresh one for each audit) from the records of the whole index, each
with its printed forms, a few mentions (PDF and page) and, for a person, rows of attendance, and lists
every record of each kind so that the reader can find a second record of the same human. A person is
sampled as a journalist meets it: one page per human, so the records linked to another (humans.py) are not
drawn themselves but listed under the record whose page gathers them (`linked`), and the listing marks
them. The reader (a helper who writes no rules) writes a verdict per record, `same_as` for a record of the
same human left apart, and `wrong_links` for a linked record that is another human; `score` prints the
shares the issue's bar is about.
"""
from __future__ import annotations

import json
import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path

SIZES = {"person": 200, "place": 100, "organisation": 100}
SEED = 20261203
REAL = {"person": "real", "place": "real", "organisation": "real"}


def sample(data_dir: Path, out: Path, seed: int = SEED) -> None:
    db = sqlite3.connect(data_dir / "delibsearch.sqlite3")
    db.row_factory = sqlite3.Row
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    picked: dict[str, list[dict]] = {}
    linked_to = _linked(db)
    for kind, size in SIZES.items():
        rows = [dict(r) for r in db.execute("SELECT id, name, scope FROM entities WHERE kind = ? ORDER BY id", (kind,))]
        with open(out / f"all-{kind}s.txt", "w", encoding="utf-8") as listing:
            listing.writelines(f"{r['id']}\t{r['scope']}\t{r['name']}"
                               + (f"\t(linked to {linked_to[r['id']]})" if r["id"] in linked_to else "") + "\n"
                               for r in rows)
        pages = [r for r in rows if r["id"] not in linked_to]
        picked[kind] = [_described(db, rng, kind, record) for record in rng.sample(pages, min(size, len(pages)))]
        print(f"{kind}: {len(rows)} records, {len(picked[kind])} sampled")
    (out / "sample.json").write_text(json.dumps(picked, ensure_ascii=False, indent=1), encoding="utf-8")


def _described(db: sqlite3.Connection, rng: random.Random, kind: str, record: dict) -> dict:
    mentions = [dict(r) for r in db.execute(
        "SELECT m.text, m.page, d.path FROM mentions m JOIN documents d ON d.id = m.document_id"
        " WHERE m.entity_id = ? LIMIT 40", (record["id"],))]
    rng.shuffle(mentions)
    attendance = [dict(r) for r in db.execute(
        "SELECT a.role, d.path FROM attendance a JOIN documents d ON d.id = a.document_id"
        " WHERE a.person = ? AND COALESCE(d.authority, '') = ? LIMIT 5", (record["name"], record["scope"]))]
    aliases = [row[0] for row in db.execute("SELECT alias FROM aliases WHERE entity_id = ?", (record["id"],))]
    linked = [dict(r) for r in db.execute(
        "SELECT l.member_id AS id, e.name, e.scope, l.why FROM person_links l JOIN entities e ON e.id = l.member_id"
        " WHERE l.person_id = ?", (record["id"],))] if _has_links(db) else []
    for other in linked:
        other["mentions"] = [dict(r) for r in db.execute(
            "SELECT m.text, m.page, d.path FROM mentions m JOIN documents d ON d.id = m.document_id"
            " WHERE m.entity_id = ? LIMIT 2", (other["id"],))]
    return {**record, "aliases": aliases, "mentions": mentions[:3], "attendance": attendance if kind == "person" else [],
            "linked": linked}


def _has_links(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'person_links'").fetchone() is not None


def _linked(db: sqlite3.Connection) -> dict[int, int]:
    return dict(db.execute("SELECT member_id, person_id FROM person_links").fetchall()) if _has_links(db) else {}


def score(audit_path: Path) -> None:
    audit = json.loads(audit_path.read_text(encoding="utf-8"))
    for kind in SIZES:
        verdicts = audit.get(kind, {})
        counted = Counter(v["verdict"] for v in verdicts.values())
        judged = sum(n for verdict, n in counted.items() if verdict != "unverifiable")
        real = counted.get(REAL[kind], 0)
        print(f"{kind}: {len(verdicts)} audited, {dict(counted)}; real {real}/{judged} = {real / judged:.1%}" if judged
              else f"{kind}: nothing audited")
        if kind == "person":
            real_ids = [i for i, v in verdicts.items() if v["verdict"] in ("real", "mangled")]
            split = [i for i in real_ids if verdicts[i].get("same_as")]
            wrong = sum(len(v.get("wrong_links", [])) for v in verdicts.values())
            if real_ids:
                print(f"  humans with another record of them: {len(split)} of {len(real_ids)};"
                      f" one record per human: {1 - len(split) / len(real_ids):.1%}; links to another human: {wrong}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["sample"]:
        sample(Path(sys.argv[2]), Path(sys.argv[3]), *(int(a) for a in sys.argv[4:5]))
    elif sys.argv[1:2] == ["score"]:
        score(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
