"""The rules question set over ncpqa-dev notices (evaluation/data/rules_ncpqa.jsonl): its shape, its
categories, and evidence copied verbatim from the gold document's text."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from assistant.config import PROJECT_ROOT

QUESTIONS = PROJECT_ROOT / "evaluation" / "data" / "rules_ncpqa.jsonl"
NCPQA_CORPUS = PROJECT_ROOT.parent / "shared" / "data" / "ncpqa-dev" / "corpus.jsonl"
CATEGORIES = {"amount", "tier", "cap", "eligibility", "period", "how", "contact", "english"}


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_at_least_80_questions_in_every_category(questions):
    counts = Counter(q["category"] for q in questions)
    assert len(questions) >= 80 and set(counts) == CATEGORIES and min(counts.values()) >= 8
    assert len({q["id"] for q in questions}) == len(questions)
    assert all(q["lang"] == ("en" if q["category"] == "english" else "zh") for q in questions)


def test_questions_are_not_copied_from_their_evidence(questions):
    for q in questions:
        for group in q["evidence"]:
            assert all(_squash(e) not in _squash(q["question"]) for e in group), q["id"]


@pytest.mark.skipif(not NCPQA_CORPUS.exists(), reason="ncpqa-dev is not on this machine")
def test_evidence_is_verbatim_in_the_gold_document(questions):
    """Each evidence group has a string of the gold document; an alternative may be the same fact as another
    notice states it ("每人将获得5000元补贴"), but is verbatim in the corpus too."""
    texts = {}
    for line in NCPQA_CORPUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["doc_id"]] = _squash(record["text"])
    for q in questions:
        assert q["doc_id"] in texts, q["id"]
        assert q["evidence"] and all(group for group in q["evidence"]), q["id"]
        for group in q["evidence"]:
            assert any(_squash(e) in texts[q["doc_id"]] for e in group), q["id"]
            assert all(any(_squash(e) in text for text in texts.values()) for e in group), q["id"]
