"""Score the reading of sittings against the expectations read by hand (tests/expectations).

Every field of every sitting is one check scored from 0 to 1: a value (date, time, president, ...)
is right or wrong; a list of names (present, proxies, absent and excused, named dissenters) scores
its F1; `items` is the F1 of the items found (by number, by title when unnumbered); each detailed
item adds its title, rapporteur, vote and decision. "All fields together" is the mean of the checks.

Three sets are scored apart: `held` (the 17 sittings of tests/expectations/sessions_*.json, on which
the first rules were written), `develop` (expectations/develop) and `check` (expectations/check: read
by a helper who writes no rules, and never looked at while rules change). `--misses` lists the misses
of held and develop only; the check set is only ever shown as figures.

Usage: python tests/score_sittings.py [--set develop] [--misses] [--json FILE] [--src DIR]
       [--ocr-cache DIR] [--workers N]
`--src DIR` scores the code of another checkout (its src/), to record a "first sight" score.
"""
from __future__ import annotations

import argparse
import difflib
import json
import operator
import re
import sys
import unicodedata
from collections import defaultdict
import functools
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTATIONS = HERE / "expectations"
CORPUS = HERE.parents[1] / "shared" / "corpus"
SHAPES_PDF = Path.home() / ".cache" / "delibsearch-shapes"  # tests/shapes*/*.html rendered by chromium
SHAPE_SETS = ("shapes", "shapes2", "shapes3", "shapes4", "shapes5")  # folders of tests/ holding sittings written in real shapes
FIELDS = ("authority", "date", "time", "president", "secretary", "present", "present_count", "proxies",
          "absent_excused", "items", "titles", "rapporteurs", "votes", "decisions", "not_minutes")
CIVILITIES = {"m", "mme", "mmes", "mm", "monsieur", "madame", "mlle", "mademoiselle", "messieurs", "mesdames"}


@dataclass
class Check:
    document: str
    field: str
    score: float
    expected: object = None
    got: object = None
    where: str = ""


@dataclass
class Result:
    checks: list[Check] = field(default_factory=list)

    def add(self, document: str, name: str, score: float, expected=None, got=None, where: str = "") -> None:
        self.checks.append(Check(document, name, score, expected, got, where))


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_tokens(name: str | None) -> frozenset[str]:
    words = re.findall(r"[a-z]+", fold(name or ""))
    return frozenset(w for w in words if w not in CIVILITIES)


def same_name(a: str | None, b: str | None) -> bool:
    """Same person: the same words, or the words of one within the other's (a surname alone, "Y.ARMAND")."""
    x, y = name_tokens(a), name_tokens(b)
    if not x or not y:
        return not x and not y
    x_words, y_words = {w for w in x if len(w) > 1}, {w for w in y if len(w) > 1}
    small = x_words if len(x_words) <= len(y_words) else y_words
    if not (x_words <= y_words or y_words <= x_words) or not any(len(w) >= 3 for w in small):
        return False
    return _initials_agree(x, y_words - x_words) and _initials_agree(y, x_words - y_words)


def _initials_agree(tokens: frozenset[str], others: set[str]) -> bool:
    """An initial on one side stands for a given name the other side prints (or prints not at all)."""
    initials = [w for w in tokens if len(w) == 1]
    return not others or all(any(o.startswith(i) for o in others) for i in initials)


def list_f1(expected: list, got: list, same=same_name) -> float:
    if not expected and not got:
        return 1.0
    left = list(got)
    hits = 0
    for value in expected:
        match = next((k for k, g in enumerate(left) if same(value, g)), None)  # an index: a value may be None
        if match is not None:
            del left[match]
            hits += 1
    if not hits:
        return 0.0
    precision, recall = hits / len(got), hits / len(expected)
    return 2 * precision * recall / (precision + recall)


def same_proxy(a: list, b: list) -> bool:
    return same_name(a[0], b[0]) and (same_name(a[1], b[1]) if a[1] and b[1] else a[1] is None and b[1] is None)


def number_key(number: str | None) -> str | None:
    if number is None:
        return None
    text = fold(number)
    text = re.sub(r"^(?:n[°o]\s*|rapport\s+n[°o]?\s*|deliberation\s+n[°o]?\s*)", "", text)
    return re.sub(r"[\s.)/:°–-]+", "", text) or None


def title_key(title: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(title or ""))


def same_title(expected: str | None, got: str | None) -> bool:
    a, b = title_key(expected), title_key(got)
    if not a or not b:
        return a == b
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def load(kind: str) -> dict[str, dict]:
    paths = sorted(EXPECTATIONS.glob("sessions_*.json")) if kind == "held" else sorted((EXPECTATIONS / kind).glob("*.json"))
    merged: dict[str, dict] = {}
    for path in paths:
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def source_path(relative: str) -> Path:
    """Where a scored document lies: the shared corpus, or the folder its shapes are rendered to."""
    folder, _, name = relative.partition("/")
    if folder in SHAPE_SETS:
        return SHAPES_PDF / ("" if folder == "shapes" else folder) / name
    return CORPUS / relative


def render_shapes(kind: str) -> None:
    spec = importlib.util.spec_from_file_location("shapes_render", HERE / "shapes" / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.render(source_path(f"{kind}/x").parent, HERE / kind)


def parse(relative: str, ocr_cache: str | None):
    from delibsearch.ingest import parse_file

    path = source_path(relative)
    try:
        try:
            return relative, parse_file(path, ocr_cache=Path(ocr_cache) if ocr_cache else None), None
        except TypeError:  # an older checkout without the OCR cache
            return relative, parse_file(path), None
    except Exception as exc:  # a failure scores zero, the rest goes on
        return relative, None, f"{type(exc).__name__}: {exc}"


def score_document(result: Result, relative: str, expected: dict, doc) -> None:
    if expected.get("kind") == "not_minutes":
        score_not_minutes(result, relative, expected, doc)
        return
    session = doc.session if doc else None

    def add(name, score, exp=None, got=None, where=""):
        result.add(relative, name, float(score), exp, got, where)

    if doc is None:
        for name in ("authority", "date", "time", "president", "secretary", "present_count", "proxies",
                     "absent_excused", "items"):
            add(name, 0, "a reading", "parse failed")
        return
    if "authority" in expected:
        add("authority", fold(doc.authority or "") == fold(expected["authority"] or ""), expected["authority"], doc.authority)
    for name in ("date", "time"):
        add(name, getattr(session, name) == expected.get(name), expected.get(name), getattr(session, name))
    for name in ("president", "secretary"):
        exp, got = expected.get(name), getattr(session, name)
        add(name, same_name(exp, got) if exp and got else exp is None and got is None, exp, got)
    if "present" in expected:
        add("present", list_f1(expected["present"], session.present), len(expected["present"]), len(session.present))
    elif "present_first_last" in expected:
        first_last = expected["present_first_last"]
        hits = sum(any(same_name(n, p) for p in session.present) for n in first_last)
        add("present", hits / len(first_last), first_last, session.present[:1] + session.present[-1:])
    add("present_count", session.present_count == expected.get("present_count"), expected.get("present_count"),
        session.present_count)
    got_proxies = [[p.giver, p.holder] for p in session.proxies]
    add("proxies", list_f1(expected.get("proxies", []), got_proxies, same_proxy), expected.get("proxies"), got_proxies)
    exp_status = [("excused", n) for n in expected.get("excused", [])] + [("absent", n) for n in expected.get("absent", [])]
    got_status = [("excused", n) for n in session.excused] + [("absent", n) for n in session.absent]
    add("absent_excused", list_f1(exp_status, got_status, lambda a, b: a[0] == b[0] and same_name(a[1], b[1])),
        exp_status, got_status)
    add("items", items_found(expected, doc.items), expected.get("item_numbers"), [i.number for i in doc.items])
    for item in expected.get("items", []):
        score_item(result, relative, item, match_item(item, doc.items))


def items_found(expected: dict, items: list) -> float:
    numbers = expected.get("item_numbers") or []
    return list_f1([number_key(n) for n in numbers], [number_key(i.number) for i in items], same=operator.eq)


def match_item(expected: dict, items: list):
    key = number_key(expected.get("number"))
    if key is not None:
        same = [i for i in items if number_key(i.number) == key]
        if same:
            return next((i for i in same if i.page_start == expected.get("page")), same[0])
        return None
    scored = [(difflib.SequenceMatcher(None, title_key(expected.get("title")), title_key(i.title)).ratio(), i)
              for i in items]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= 0.6 else None


def score_item(result: Result, relative: str, expected: dict, item) -> None:
    where = f"item {expected.get('number')} p. {expected.get('page')}"

    def add(name, score, exp=None, got=None):
        result.add(relative, name, float(score), exp, got, where)

    if item is None:
        add("titles", 0, expected.get("title"), "no such item")
        add("votes", 0, expected.get("vote"), "no such item")
        add("decisions", 0, expected.get("decision"), "no such item")
        if "rapporteur" in expected:
            add("rapporteurs", 0, expected["rapporteur"], "no such item")
        return
    add("titles", same_title(expected.get("title"), item.title), expected.get("title"), item.title)
    if "rapporteur" in expected:
        exp, got = expected["rapporteur"], item.rapporteur
        add("rapporteurs", same_name(exp, got) if exp and got else exp is None and got is None, exp, got)
    add("votes", vote_score(expected.get("vote"), item.vote), expected.get("vote"), item.vote.to_dict() if item.vote else None)
    add("decisions", item.decision == expected.get("decision"), expected.get("decision"), item.decision)


def vote_score(expected: dict | None, vote) -> float:
    got = vote.to_dict() if vote else None
    if expected is None:
        printed = got and (got["unanimous"] or any(got[k] is not None for k in ("for", "against", "abstention")))
        return 0.0 if printed else 1.0
    # No vote read is a vote of unknown counts: only what the expectation knows is compared.
    got = got or {"for": None, "against": None, "abstention": None, "unanimous": False, "against_names": [],
                  "abstention_names": []}
    parts = [got[k] == expected[k] for k in ("for", "against", "abstention") if expected.get(k) is not None]
    parts.append(bool(got["unanimous"]) == bool(expected.get("unanimous")))
    for key in ("against_names", "abstention_names"):
        if expected.get(key) or got[key]:
            parts.append(list_f1(expected.get(key) or [], got[key]))
    ballot = expected.get("ballot")
    if ballot:
        printed = got.get("ballot") or {}
        parts += [printed.get(k) == v for k, v in ballot.items() if k != "results" and v is not None]
    return sum(parts) / len(parts)


def score_not_minutes(result: Result, relative: str, expected: dict, doc) -> None:
    if doc is None:
        result.add(relative, "not_minutes", 0.0, "a reading", "parse failed")
        return
    s = doc.session
    claims = bool(s.date or s.present or s.proxies or s.president or any(i.vote for i in doc.items))
    result.add(relative, "not_minutes", 0.0 if claims else 1.0, "no sitting", "claims a sitting" if claims else "none")
    text = re.sub(r"\s+", " ", fold(" ".join(i.text for i in doc.items)))
    for phrase, page in expected.get("phrases", []):
        found = re.sub(r"\s+", " ", fold(phrase)) in text
        result.add(relative, "not_minutes", float(found), phrase, "found" if found else "not found", f"p. {page}")


def authority_of(relative: str, expected: dict) -> str:
    return expected.get("authority") or relative.split("/")[0]


def table(result: Result, expectations: dict[str, dict]) -> tuple[list[str], dict]:
    by_authority: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for check in result.checks:
        authority = authority_of(check.document, expectations[check.document])
        by_authority[authority][check.field].append(check.score)
        by_authority["all"][check.field].append(check.score)
    used = [f for f in FIELDS if by_authority["all"].get(f)]
    lines = ["| authority | sittings | " + " | ".join(used) + " | all fields |",
             "| --- | --- | " + " | ".join("---" for _ in used) + " | --- |"]
    figures = {}
    for authority in sorted(by_authority, key=lambda a: (a == "all", a)):
        fields = by_authority[authority]
        sittings = len({c.document for c in result.checks
                        if authority == "all" or authority_of(c.document, expectations[c.document]) == authority})
        every = [s for scores in fields.values() for s in scores]
        cells = [f"{sum(fields[f]) / len(fields[f]):.2f}" if fields.get(f) else "" for f in used]
        total = sum(every) / len(every)
        figures[authority] = {"sittings": sittings, "checks": len(every), "all": round(total, 4),
                              **{f: round(sum(fields[f]) / len(fields[f]), 4) for f in used if fields.get(f)}}
        label = f"**{authority}**" if authority == "all" else authority
        lines.append(f"| {label} | {sittings} | " + " | ".join(cells) + f" | **{total:.3f}** ({len(every)}) |")
    return lines, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=("held", "develop", *SHAPE_SETS, "check"),
                        help="the sets to score (default: all)")
    parser.add_argument("--misses", action="store_true", help="list the misses of held and develop")
    parser.add_argument("--only", help="score only the documents whose path contains this")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--src", type=Path, help="score the code of this src/ folder")
    parser.add_argument("--ocr-cache", default=str(Path.home() / ".cache" / "delibsearch-ocr"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=900.0, help="seconds a document may take (then it scores 0)")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, str(args.src.resolve()))
    sets = args.set or ["held", "develop", *SHAPE_SETS, "check"]
    for kind in SHAPE_SETS:
        if kind in sets:
            render_shapes(kind)
    all_figures = {}
    for kind in sets:
        expectations = {k: v for k, v in load(kind).items() if not args.only or args.only in k}
        if not expectations:
            continue
        result = Result()
        pool = worker_pool(functools.partial(parse, ocr_cache=args.ocr_cache), args.workers, args.time_limit)
        for outcome in pool.run(list(expectations)):
            relative, doc, error = (outcome.task, None, outcome.reason) if hasattr(outcome, "reason") else outcome
            if error:
                print(f"{relative}: {error}", file=sys.stderr)
            score_document(result, relative, expectations[relative], doc)
        lines, figures = table(result, expectations)
        all_figures[kind] = figures
        print(f"\n## {kind}\n")
        print("\n".join(lines))
        if args.misses and kind != "check":
            print_misses(result)
    if args.json:
        args.json.write_text(json.dumps(all_figures, indent=1, ensure_ascii=False), encoding="utf-8")


def worker_pool(work, workers: int, limit_s: float):
    """This checkout's pool of parsing processes (loaded from its file: --src may name older code)."""
    spec = importlib.util.spec_from_file_location("delibsearch_workers", HERE.parent / "src" / "delibsearch" / "workers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.WorkerPool(work, workers, lambda _: limit_s)


def print_misses(result: Result) -> None:
    print()
    for check in result.checks:
        if check.score < 1:
            got = json.dumps(check.got, ensure_ascii=False, default=str)
            exp = json.dumps(check.expected, ensure_ascii=False, default=str)
            print(f"- {check.document} {check.where} {check.field} ({check.score:.2f}): expected {exp[:300]}; got {got[:300]}")


if __name__ == "__main__":
    main()
