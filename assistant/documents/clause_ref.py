"""Clause numbers in a question: "第18条", "第十八条", "item 18", "article 4", "二（五）", "第三章".

Official documents number their clauses with the heading markers of assistant.documents.structure_patterns; a
user names one the same way (or in English). A question that names a number goes straight to the
clause(s) so numbered in the document the ranking puts first, ahead of everything else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.documents.periods import cn_number
from assistant.documents.structure_patterns import heading_kind

_NUM = r"[\d一二三四五六七八九十百零〇]+"
_CN = r"[一二三四五六七八九十]+"
# (pattern, the levels its groups name): a level is what kind of marker a number stands for
_REFERENCES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(rf"(?<![\d一二三四五六七八九十])({_CN})\s*[、]?\s*[（(]\s*({_CN})\s*[）)]"), ("cn", "paren")),
    (re.compile(rf"第\s*({_NUM})\s*[条项]"), ("item",)),
    (re.compile(rf"第\s*({_NUM})\s*章"), ("chapter",)),
    (
        re.compile(
            r"(?<![A-Za-z])(?:item|article|clause|measure|point)\s*(?:no\.?\s*)?(\d{1,3})(?!\d)", re.I
        ),
        ("item",),
    ),
    (re.compile(r"(?<![A-Za-z])chapter\s*(\d{1,2})(?!\d)", re.I), ("chapter",)),
)
_LEVEL_OF_KIND = {
    "chapter": "chapter",
    "cn": "cn",
    "paren_cn": "paren",
    "article": "item",
    "arabic": "item",
}


@dataclass(frozen=True)
class ClauseRef:
    """Numbers of heading levels, outermost first: 二（五） is (("cn", 2), ("paren", 5))."""

    parts: tuple[tuple[str, int], ...]


def parse_ref(question: str) -> ClauseRef | None:
    """The clause number a question names, or None."""
    for pattern, levels in _REFERENCES:
        match = pattern.search(question)
        if match:
            numbers = tuple(cn_number(group) for group in match.groups())
            if all(numbers):
                return ClauseRef(tuple(zip(levels, numbers, strict=True)))
    return None


@lru_cache(maxsize=1 << 16)
def path_numbers(section: str) -> tuple[tuple[str, int], ...]:
    """The numbered levels of a clause path: "二、… › （五）… › 1．…" → (cn 2), (paren 5), (item 1)."""
    numbers = []
    for heading in section.split(" › "):
        kind = heading_kind(heading)
        level = _LEVEL_OF_KIND.get(kind[0]) if kind else None
        number = cn_number(re.sub(r"[^\d一二三四五六七八九十百零〇]", "", kind[2])) if kind and level else 0
        if level and number:
            numbers.append((level, number))
    return tuple(numbers)


def matches(ref: ClauseRef, section: str) -> bool:
    """Whether a clause path lies at or under the referenced heading (its numbers appear in order)."""
    numbers = path_numbers(section)
    position = 0
    for part in ref.parts:
        try:
            position = numbers.index(part, position) + 1
        except ValueError:
            return False
    return True


def lookup_clause(
    question: str,
    order: Sequence[int],
    sections: Sequence[str],
    chunk_docs: Sequence[str],
    allowed: np.ndarray,
) -> tuple[np.ndarray, bool]:
    """(the ranking with the named clause's chunks first, whether a named clause was found).

    The document is the one ranked first among those with a clause so numbered; its chunks under that heading
    come first in document order."""
    ranked = np.asarray(order, dtype=np.int64)
    ref = parse_ref(question)
    if ref is None:
        return ranked, False
    found = [i for i in np.flatnonzero(allowed).tolist() if matches(ref, sections[i])]
    if not found:
        return ranked, False
    doc_rank: dict[str, int] = {}
    for n, i in enumerate(ranked.tolist()):
        doc_rank.setdefault(chunk_docs[i], n)
    doc = min((chunk_docs[i] for i in found), key=lambda d: doc_rank.get(d, len(ranked)))
    chosen = [i for i in found if chunk_docs[i] == doc]
    taken = set(chosen)
    return np.array(chosen + [i for i in ranked.tolist() if i not in taken], dtype=np.int64), True
