"""The judgement whether retrieved clauses answer a question at all.

Two signals, calibrated on the dev set (evaluation/data/dev.jsonl; see README for the figures):
a question about a place the corpus does not cover, and a best dense similarity below what on-topic
questions reach. Thresholds are for the default model (multilingual-e5-small); other models get only
the place rule unless a threshold is configured.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_DENSE_SIMILARITY = 0.80


@dataclass(frozen=True)
class Evidence:
    top_dense: float
    top_keyword: float
    named_places: tuple[str, ...] = ()
    foreign_places: tuple[str, ...] = ()


def is_answerable(evidence: Evidence, min_dense: float = MIN_DENSE_SIMILARITY) -> bool:
    if evidence.foreign_places and not evidence.named_places:
        return False
    return evidence.top_dense >= min_dense
