"""The entity extractor's scores on the hand-made gold set must not fall below the figures reached.

The figures are in docs/quality.md; tests/score_entities.py computes them.
"""
from __future__ import annotations

import json

import pytest

from score_entities import GOLD, load_documents, score

# F1 reached on 2026-12-01 (docs/quality.md), less a small margin for rounding.
FLOORS = {"person": 0.98, "place": 0.91, "organisation": 0.85, "date": 0.95, "amount": 0.99}


@pytest.fixture(scope="module")
def tally():
    return score(load_documents())[0]


def test_gold_set_size():
    files = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.json")]
    real = [f for f in files if f["file"] != "seed"]
    assert len(real) >= 6 and len({f["file"].split("/")[0] for f in real}) >= 3
    assert sum(len(f["mentions"]) for f in files) >= 400


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_f1_holds(tally, kind):
    assert tally.scores(kind)[2] >= FLOORS[kind]
