"""French analysis, shared by the index and the query side.

Words are lower-cased, accents folded before stemming (so "deliberation"
finds "délibération" and "Queretaro" finds "Querétaro"), inclusive writing is
reduced to its plural ("étudiant·e·s" -> "étudiants"), and amounts written
with thousands separators are one token ("129 000" -> "129000"), as the query
side writes them too.
"""
from __future__ import annotations

import re
from typing import Iterator

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from delibsearch.extract.dates import fold

TOKEN = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\w+(?:[·•.]\w+)*(?<!\.)"
DIGIT_GROUPS = re.compile(r"(?<!\d)(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?!\d)")


class InclusiveFilter(Filter):
    """"étudiant·e·s" -> "étudiants", "conseiller·ère·s" -> "conseillers"; joins digit groups."""

    def __call__(self, tokens: Iterator) -> Iterator:
        for token in tokens:
            text = token.text
            if "·" in text or "•" in text:
                parts = re.split(r"[·•]", text)
                text = parts[0] + ("s" if parts[-1].endswith("s") else "")
            elif text[:1].isdigit():
                text = re.sub(r"[ \u00a0\u202f]", "", text)
            token.text = text
            yield token


def french_analyzer():
    stop = frozenset(fold(w) for w in stopwords_for_language("fr"))
    return (
        RegexTokenizer(TOKEN)
        | LowercaseFilter()
        | InclusiveFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=stop, minsize=1)
        | StemFilter(lang="fr", cachesize=50000)
    )


def normalise_query_numbers(text: str) -> str:
    """"129 000 €" -> "129000 €", as the analyzer indexes it."""
    return DIGIT_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)
