"""Precision and recall of the target extractor against the hand-made gold list of both seed documents.

The gold list (evaluation/data/targets_gold.jsonl) was built by reading both documents line by line; a
gold record is keyed by doc_id, value and an evidence substring of its sentence, never by clause ids, so
it survives any change of clause splitting. Run with `-s` to see the figures and the misses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.documents.corpus import load_corpus
from assistant.documents.structure import parse_clauses
from assistant.knowledge.targets import compact, extract_targets
from assistant.records import Clause, Document, Target

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "evaluation" / "data" / "targets_gold.jsonl"
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


@dataclass(frozen=True)
class GoldTarget:
    doc_id: str
    value: str
    indicator: str
    qualifier: str
    deadline_year: str
    baseline_year: str
    evidence: str


def clause_pairs() -> Iterator[tuple[Clause, Document]]:
    """Every (clause, document) of the bundled corpus, split by the project's own parser."""
    yield from ((c, d) for d in load_corpus(CORPUS) for c in parse_clauses(d.doc_id, d.text))


def load_gold(path: Path = GOLD) -> list[GoldTarget]:
    return [GoldTarget(**json.loads(line)) for line in path.read_text("utf-8").splitlines() if line.strip()]


def match_targets(gold: list[GoldTarget], found: list[Target]) -> list[tuple[GoldTarget, Target]]:
    """One-to-one pairs: same document, same value (white space removed), evidence inside the sentence."""
    pairs, used = [], set()
    for record in gold:
        for i, target in enumerate(found):
            if i not in used and _agrees(record, target):
                pairs.append((record, target))
                used.add(i)
                break
    return pairs


def _agrees(record: GoldTarget, target: Target) -> bool:
    return (
        target.doc_id == record.doc_id
        and compact(target.value) == record.value
        and record.evidence in compact(target.sentence)
    )


def attribute_agreement(pairs: list[tuple[GoldTarget, Target]]) -> dict[str, float]:
    """Share of matched targets whose qualifier, years and indicator agree with the gold record."""
    n = len(pairs) or 1
    return {
        "qualifier": sum(g.qualifier == t.qualifier for g, t in pairs) / n,
        "deadline_year": sum(g.deadline_year == t.deadline_year for g, t in pairs) / n,
        "baseline_year": sum(g.baseline_year == t.baseline_year for g, t in pairs) / n,
        "indicator": sum(g.indicator in t.indicator or t.indicator in g.indicator for g, t in pairs) / n,
    }


@pytest.fixture(scope="module")
def scored() -> tuple[list[GoldTarget], list[Target], list[tuple[GoldTarget, Target]]]:
    gold = load_gold()
    found = [target for clause, document in clause_pairs() for target in extract_targets(clause, document)]
    return gold, found, match_targets(gold, found)


def test_gold_list_is_well_formed() -> None:
    gold = load_gold()
    assert len(gold) >= 50
    for record in gold:
        assert record.value and record.evidence and len(record.evidence) <= 30
        assert not re.search(r"\s", record.value + record.evidence)


def test_precision_and_recall(scored) -> None:
    gold, found, pairs = scored
    precision, recall = len(pairs) / max(len(found), 1), len(pairs) / len(gold)
    matched_gold = {id(g) for g, _ in pairs}
    matched_found = {id(t) for _, t in pairs}
    misses = [g for g in gold if id(g) not in matched_gold]
    extras = [t for t in found if id(t) not in matched_found]
    print(f"\ntargets: gold {len(gold)}, extracted {len(found)}, matched {len(pairs)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    for record in misses:
        print(f"  missed: {record.doc_id} {record.value} [{record.evidence}]")
    for target in extras:
        print(f"  spurious: {target.doc_id} {target.value} [{target.sentence[:40]}]")
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (precision, recall, misses, extras)


def test_attributes_of_matched_targets(scored) -> None:
    _, _, pairs = scored
    agreement = attribute_agreement(pairs)
    print("\nattribute agreement: " + ", ".join(f"{key} {value:.3f}" for key, value in agreement.items()))
    for g, t in pairs:
        for key in ("qualifier", "deadline_year", "baseline_year"):
            if getattr(g, key) != getattr(t, key):
                print(
                    f"  {key}: {g.value} [{g.evidence}] gold {getattr(g, key)!r} extracted {getattr(t, key)!r}"
                )
        if not (g.indicator in t.indicator or t.indicator in g.indicator):
            print(f"  indicator: {g.value} gold {g.indicator!r} extracted {t.indicator!r}")
    assert agreement["qualifier"] >= 0.95
    assert agreement["baseline_year"] >= 0.95
    assert agreement["deadline_year"] >= 0.9
    assert agreement["indicator"] >= 0.9
