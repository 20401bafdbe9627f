"""Row precision / recall and parsed-amount accuracy of the measure extractor on the hand-checked gold list.

The gold list (evaluation/data/measures_gold.jsonl) was written by reading the two seed plans and 30
ncpqa-dev notices, one row per clause part that gives something, keyed by words of its text. Run with -s to
see the figures. The floors are the figures as measured (the extractor's words were tuned on this list: it
is development data, not a held-out test), so that a change that loses rows or amounts fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents.corpus import load_corpus
from assistant.documents.structure import parse_clauses
from assistant.knowledge.measures import extract_document_measures
from evaluation.measures_score import read_gold, score

ROOT = Path(__file__).resolve().parent.parent
NCPQA = Path("/work/shared/data/ncpqa-dev/corpus.jsonl")


@pytest.mark.skipif(not NCPQA.exists(), reason="ncpqa-dev is not on this machine")
@pytest.mark.parametrize("parser", ["hand", "jionlp"])
def test_measures_against_the_gold_list(parser: str) -> None:
    gold = read_gold()
    wanted = {row["doc_id"] for row in gold}
    documents = [d for d in load_corpus(ROOT / "corpus") + load_corpus(NCPQA) if d.doc_id in wanted]
    assert {d.doc_id for d in documents} == wanted
    measures = [
        m for d in documents for m in extract_document_measures(parse_clauses(d.doc_id, d.text), d, parser)
    ]
    figures = score(measures, gold)
    print(f"\nmeasures ({parser}): " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    print("issue targets: precision 0.90, recall 0.90, amounts and bounds 0.95")
    assert figures["precision"] >= 0.95
    assert figures["recall"] >= 0.90
    assert figures["amount_accuracy"] >= 0.97
    assert figures["bound_accuracy"] >= 0.95
    assert figures["who_accuracy"] >= 0.84
