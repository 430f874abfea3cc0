"""The "ask a question" page: the answer first, then its quoted source and the passages it came from."""
from __future__ import annotations

from flask import Blueprint, request

from delibsearch.qa import Asker
from delibsearch.web import full_text_index, page, respond, store

bp = Blueprint("ask", __name__)


@page(bp, "/ask", api="/api/ask")
def ask():
    question = request.args.get("q", "").strip()
    data = {"question": question, "answer": None, "type": None, "value": None, "confidence": 0.0,
            "sources": [], "alternatives": []}
    if question:
        data.update(Asker(store(), full_text_index()).ask(question).to_dict())
    return respond("ask.html", data)
