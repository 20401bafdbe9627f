"""The hand-written dev question set: its shape, its labels, and evidence that really is in the documents."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT
from assistant.documents.chunking import chunk_clauses
from assistant.documents.corpus import load_corpus
from assistant.documents.structure import parse_clauses

DEV_SET = PROJECT_ROOT / "evaluation" / "data" / "dev.jsonl"
CATEGORIES = {
    "target",
    "eligibility",
    "department",
    "colloquial",
    "compare",
    "english",
    "unanswerable",
    "detail",
}
LANGS = {"zh", "en"}
EVIDENCE_MIN_CHARS, EVIDENCE_MAX_CHARS = 6, 30

_CJK = re.compile(r"[\u4e00-\u9fff]")


def squash(text: str) -> str:
    """Remove all white space, as the evidence matching rule does."""
    return re.sub(r"\s+", "", text)


def load_questions(path: Path) -> list[dict]:
    """Read a JSONL question set, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evidence_strings(question: dict) -> list[str]:
    """Every alternative string of every evidence group."""
    return [text for group in question["evidence"] for text in group]


def documents_holding(text: str, documents: dict[str, str]) -> set[str]:
    """The doc_ids whose squashed text contains the squashed string."""
    needle = squash(text)
    return {doc_id for doc_id, body in documents.items() if needle in body}


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    return load_questions(DEV_SET)


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    """doc_id → each bundled document's chunks, squashed and joined by a separator no evidence contains.

    Built with the project's own cleaning, structure and chunking, so an evidence string must lie inside
    a single citation passage, as the matching rule requires.
    """
    out = {}
    for doc in load_corpus(DEFAULT_CORPUS_DIR):
        chunks = chunk_clauses(doc, parse_clauses(doc.doc_id, doc.text))
        out[doc.doc_id] = "\u241e".join(squash(chunk.text) for chunk in chunks)
    return out


def test_set_is_large_and_varied_enough(questions: list[dict]) -> None:
    langs = Counter(q.get("lang") for q in questions)
    categories = Counter(q.get("category") for q in questions)
    assert len(questions) >= 100
    assert langs["en"] >= 10
    assert categories["unanswerable"] >= 8
    assert sum(1 for q in questions if q.get("category") == "unanswerable" and q.get("lang") == "en") >= 2


def test_ids_are_unique(questions: list[dict]) -> None:
    duplicates = [qid for qid, n in Counter(q["id"] for q in questions).items() if n > 1]
    assert duplicates == []


def test_required_fields_and_labels(questions: list[dict]) -> None:
    for q in questions:
        assert isinstance(q["id"], str) and q["id"], q
        assert isinstance(q["question"], str) and q["question"].strip(), q["id"]
        assert isinstance(q["evidence"], list), q["id"]
        for group in q["evidence"]:
            assert isinstance(group, list) and group, q["id"]
            assert all(isinstance(text, str) and text.strip() for text in group), q["id"]
        assert q.get("category") in CATEGORIES, q["id"]
        assert q.get("lang") in LANGS, q["id"]


def test_lang_label_matches_the_question_text(questions: list[dict]) -> None:
    for q in questions:
        has_chinese = bool(_CJK.search(q["question"]))
        assert has_chinese == (q["lang"] == "zh"), q["id"]


def test_unanswerable_questions_have_no_evidence_and_no_document(questions: list[dict]) -> None:
    for q in questions:
        unanswerable = q["category"] == "unanswerable"
        assert (q["evidence"] == []) == unanswerable, q["id"]
        if unanswerable:
            assert "doc_id" not in q, q["id"]


def test_evidence_strings_are_short(questions: list[dict]) -> None:
    wrong = [
        (q["id"], text)
        for q in questions
        for text in evidence_strings(q)
        if not EVIDENCE_MIN_CHARS <= len(squash(text)) <= EVIDENCE_MAX_CHARS
    ]
    assert wrong == []


def test_every_evidence_string_is_in_a_cleaned_document(
    questions: list[dict], documents: dict[str, str]
) -> None:
    missing = [
        (q["id"], text)
        for q in questions
        for text in evidence_strings(q)
        if not documents_holding(text, documents)
    ]
    assert missing == []


def test_doc_id_names_a_corpus_document_that_holds_all_the_evidence(
    questions: list[dict], documents: dict[str, str]
) -> None:
    for q in (q for q in questions if "doc_id" in q):
        assert q["doc_id"] in documents, q["id"]
        for text in evidence_strings(q):
            assert squash(text) in documents[q["doc_id"]], (q["id"], text)


def test_single_document_evidence_does_not_also_match_the_other_documents(
    questions: list[dict], documents: dict[str, str]
) -> None:
    """Evidence must pick out the right city: it may not also occur in another document the set uses."""
    used = {q["doc_id"] for q in questions if "doc_id" in q}
    others = {doc_id: body for doc_id, body in documents.items() if doc_id in used}
    ambiguous = [
        (q["id"], text)
        for q in questions
        if "doc_id" in q
        for text in evidence_strings(q)
        if documents_holding(text, others) - {q["doc_id"]}
    ]
    assert ambiguous == []


def test_compare_questions_have_one_group_per_document(
    questions: list[dict], documents: dict[str, str]
) -> None:
    used = {q["doc_id"] for q in questions if "doc_id" in q}
    seed_documents = {doc_id: body for doc_id, body in documents.items() if doc_id in used}
    for q in (q for q in questions if q["category"] == "compare"):
        assert "doc_id" not in q, q["id"]
        assert len(q["evidence"]) >= 2, q["id"]
        group_documents = []
        for group in q["evidence"]:
            holders = set().union(*(documents_holding(text, seed_documents) for text in group))
            assert len(holders) == 1, (q["id"], group, holders)
            group_documents.append(holders.pop())
        assert len(set(group_documents)) == len(group_documents), q["id"]
