"""Identifiers that depend on what a record is, never on the order it was stored in.

A sitting's id comes from its PDF's content hash, an item's from that hash and the item's number (its
ordinal when the number is missing or printed twice), an entity's from its kind, scope and folded name.
Re-reading a file, correcting it, forcing a re-index or building the archive afresh on another machine
gives every record the same id, so every published URL keeps working. The ids are integers of 52 bits
(exact in JSON and JavaScript); two records meeting on one id would need some 2**26 of them.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

BITS = 52


def stable_id(*parts: str) -> int:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - BITS)


def file_sha256(path: Path | str) -> str | None:
    """The SHA-256 of a file's bytes, which name its document; None when the file cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def document_id(sha256: str) -> int:
    return stable_id("document", sha256)


def item_keys(numbers: list[str | None]) -> list[str]:
    """What names each item within its document: its number when no other item prints it, else '#ordinal'."""
    folded = [re.sub(r"\s+", "", number or "") for number in numbers]
    return [number if number and folded.count(number) == 1 else f"#{ordinal}"
            for ordinal, number in enumerate(folded)]


def item_id(document_sha256: str, key: str) -> int:
    return stable_id("item", document_sha256, key)


def entity_id(kind: str, scope: str, key: str) -> int:
    return stable_id("entity", kind, scope, key)
