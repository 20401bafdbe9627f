"""The runner with a fake search function, the naive baseline with a hand-computable fake encoder."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from assistant.records import Chunk, Document, Hit, Retrieval
from evaluation.naive import NaiveIndex, split_documents
from evaluation.questions import read_questions
from evaluation.runner import Config, evaluate_config, parse_config_names, run_questions

QUESTIONS = read_questions(
    '{"id": "bus", "question": "苏州新能源公交", "evidence": [["占比达到85%"]], "category": "target"}\n'
    '{"id": "cars", "question": "晋城二手车", "evidence": [["增长45%"]], "category": "target"}\n'
    '{"id": "sz", "question": "深圳补贴", "evidence": [], "category": "unanswerable"}\n'
)
PASSAGES = {
    "苏州新能源公交": ["苏州 新能源城市公交车辆占比达到 85%", "无关"],
    "晋城二手车": ["无关", "无关", "二手车交易量较 2023 年增长 45%"],
    "深圳补贴": ["无关"],
}


def _chunk(text: str, doc_id: str = "d") -> Chunk:
    return Chunk(
        chunk_id=f"{doc_id}-{text}", doc_id=doc_id, clause_id="c", section="", text=text, embed_text=text
    )


def fake_search(questions: Sequence[str]) -> list[Retrieval]:
    """Hits listed in reverse so the runner must order them by rank; answerable unless about 深圳."""
    return [
        Retrieval(
            question=q,
            hits=tuple(reversed([Hit(_chunk(t), 1.0 / r, r) for r, t in enumerate(PASSAGES[q], start=1)])),
            answerable="深圳" not in q,
        )
        for q in questions
    ]


def test_run_questions_scores_each_question_in_order_and_reports_progress():
    seen: list[tuple[int, int]] = []
    results = run_questions(fake_search, QUESTIONS, batch_size=2, progress=lambda d, t: seen.append((d, t)))
    assert [r.id for r in results] == ["bus", "cars", "sz"]
    assert [r.rank for r in results] == [1, 3, None]
    assert [r.judged_answerable for r in results] == [True, True, False]
    assert [r.depth for r in results] == [2, 3, 1]
    assert seen == [(2, 3), (3, 3)]


def test_a_configuration_without_judgement_records_none():
    results = run_questions(fake_search, QUESTIONS, judges=False)
    assert [r.judged_answerable for r in results] == [None, None, None]


def test_search_returning_the_wrong_number_of_results_is_an_error():
    with pytest.raises(RuntimeError, match="2 results for 3 questions"):
        run_questions(lambda qs: fake_search(qs)[:2], QUESTIONS)


def test_evaluate_config_gathers_figures_and_misses():
    messages: list[str] = []
    figures = evaluate_config(Config("fake", fake_search), QUESTIONS, k=2, log=messages.append)
    assert figures["overall"]["hit@1"] == 0.5  # bus at 1, cars at 3
    assert figures["overall"]["hit@2"] == 0.5
    assert figures["misses"] == ["cars"]  # found at rank 3, beyond k = 2
    assert figures["overall"]["abstention_accuracy"] == 1.0
    assert set(figures["by_category"]) == {"target", "unanswerable"}
    assert figures["by_lang"] == {}
    assert messages == ["[fake] 3/3 questions"]


def test_parse_config_names():
    assert parse_config_names("hybrid, naive") == ["hybrid", "naive"]
    with pytest.raises(ValueError, match="unknown configuration bm25"):
        parse_config_names("hybrid,bm25")


class CharacterEncoder:
    """Counts of 苏 and 晋 (+ a constant), L2-normalised: similarities can be worked out by hand."""

    model_id, dim = "fake-chars", 3

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.array([[t.count("苏"), t.count("晋"), 0.1] for t in texts], dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def encode_queries(self, texts, *, batch_size=32, progress=False):
        return self._encode(texts)

    def encode_passages(self, texts, *, batch_size=32, progress=False):
        return self._encode(texts)


DOCUMENTS = [
    Document("sz", "苏州方案", "苏州推动设备更新。" * 50, city="苏州"),
    Document("jc", "晋城方案", "晋城推动设备更新。" * 50, city="晋城"),
]


def test_naive_split_is_fixed_size_with_overlap():
    chunks = split_documents(DOCUMENTS, size=300, overlap=50)
    # 450 characters without separators split into 300-character pieces overlapping by ≤ 50.
    assert all(len(c.text) <= 300 for c in chunks)
    assert {c.doc_id for c in chunks} == {"sz", "jc"}
    sz = [c.text for c in chunks if c.doc_id == "sz"]
    assert len(sz) == 2 and sz[0][-50:] == sz[1][:50]


def test_naive_index_ranks_by_cosine_similarity():
    index = NaiveIndex.build(DOCUMENTS, CharacterEncoder())
    (retrieval,) = index.search_batch(["晋城的目标"], k=10)
    # The query vector is (0, 1, 0.1)/|.|; 晋城 chunks point almost the same way, 苏州 ones are orthogonal-ish.
    assert len(retrieval.hits) == len(index.chunks) == 4
    assert [h.chunk.doc_id for h in retrieval.hits] == ["jc", "jc", "sz", "sz"]
    assert [h.rank for h in retrieval.hits] == [1, 2, 3, 4]
    assert retrieval.hits[0].score > 0.9 > 0.1 > retrieval.hits[-1].score
