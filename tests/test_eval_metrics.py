"""Golden values for the metrics; each comment says how the expected value was computed by hand."""

from __future__ import annotations

import math

import pytest

from evaluation import metrics
from evaluation.matching import evidence_rank, relevant_ranks
from evaluation.questions import Question
from evaluation.scoring import Passage, cutoffs, misses, score_question, summarize

RANKS = [1, 3, None, 12]


def test_hit_at_k():
    assert metrics.hit_at_k(RANKS, 1) == 0.25  # only rank 1 is ≤ 1: 1/4
    assert metrics.hit_at_k(RANKS, 3) == 0.5  # ranks 1 and 3: 2/4
    assert metrics.hit_at_k(RANKS, 10) == 0.5  # 12 is beyond 10, None never hits: 2/4
    assert metrics.hit_at_k(RANKS, 20) == 0.75  # 1, 3, 12: 3/4
    assert metrics.hit_at_k([], 10) is None


def test_mrr():
    # (1/1 + 1/3 + 0 + 0) / 4 = (4/3) / 4 = 1/3; rank 12 is cut at 10.
    assert metrics.mrr(RANKS, 10) == pytest.approx(1 / 3)
    # With k = 20 rank 12 counts: (1 + 1/3 + 1/12) / 4 = (17/12) / 4 = 17/48.
    assert metrics.mrr(RANKS, 20) == pytest.approx(17 / 48)


def test_recall_at_k_is_the_share_of_groups_found():
    # Question 1: groups at 1 and never -> 1/2; question 2: groups at 2 and 4 -> 1/2 at k=3, 2/2 at k=5.
    groups = [(1, None), (2, 4)]
    assert metrics.recall_at_k(groups, 3) == pytest.approx((0.5 + 0.5) / 2)
    assert metrics.recall_at_k(groups, 5) == pytest.approx((0.5 + 1.0) / 2)


def test_doc_hit_at_k():
    # Gold documents first seen at ranks 2 and 7: one of two within 5.
    assert metrics.doc_hit_at_k([2, 7], 5) == 0.5
    assert metrics.doc_hit_at_k([], 5) is None


def test_ndcg_golden_values():
    # Binary gains, DCG = Σ 1/log2(rank + 1), IDCG puts the relevant passages first.
    # [3]: (1/log2 4) / 1 = 0.5.  [1, 3]: (1 + 0.5) / (1 + 1/log2 3).  [11]: beyond 10, so 0.  []: 0.
    relevant = [(3,), (1, 3), (11,), ()]
    expected = [0.5, 1.5 / (1 + 1 / math.log2(3)), 0.0, 0.0]
    assert metrics.ndcg_per_query(relevant, 10) == pytest.approx(expected)
    assert metrics.ndcg_at_k(relevant, 10) == pytest.approx(sum(expected) / 4)


def test_ranx_mrr_equals_evidence_rule_mrr_for_single_group_questions():
    # One group with one string: the first matching passage is both the evidence rank and the
    # first relevant passage, so ranx's MRR@10 must equal ours.
    evidence = [["新能源城市公交车辆占比达到85%"]]
    bus = "到 2027年新能源城市公交车辆占比达到 85%。"
    other = "推动农机设备更新。"
    rankings = [[bus, other], [other, other, bus, bus], [other] * 11 + [bus], [other]]
    ours = [metrics.reciprocal_rank(evidence_rank(evidence, ranking), 10) for ranking in rankings]
    assert ours == pytest.approx([1.0, 1 / 3, 0.0, 0.0])
    theirs = metrics.ranx_per_query([relevant_ranks(evidence, r) for r in rankings], "mrr@10")
    assert theirs == pytest.approx(ours)


def test_abstention_measures():
    assert metrics.abstention_accuracy([False, False, True]) == pytest.approx(2 / 3)  # 2 of 3 abstained
    assert metrics.answer_rate([True, False]) == 0.5
    assert metrics.false_refusal_rate([True, False, False, False]) == 0.75  # 3 of 4 refused
    assert metrics.abstention_accuracy([]) is None
    assert metrics.false_refusal_rate([]) is None


def test_cutoffs():
    assert cutoffs(10) == (1, 3, 5, 10)
    assert cutoffs(4) == (1, 3, 4)
    assert cutoffs(20) == (1, 3, 5, 10, 20)


def _question(qid: str, evidence: list[list[str]], category: str = "target", doc_id: str = "") -> Question:
    return Question(qid, "问题", tuple(tuple(g) for g in evidence), category, "zh", doc_id)


def test_score_question_and_summary():
    suzhou, jincheng = "设备投资规模较 2023年增长 30%左右", "设备投资规模较 2023 年增长 25%以上"
    filler = Passage("无关段落", "x")
    results = [
        # Evidence at rank 2, gold document at rank 2; judged answerable.
        score_question(_question("a", [["增长30%左右"]], doc_id="sz"), [filler, Passage(suzhou, "sz")], True),
        # Two groups at ranks 1 and 3: question rank 3; the gold document never appears.
        score_question(
            _question("b", [["增长25%以上"], ["增长30%左右"]], "compare", "jc"),
            [Passage(jincheng, "jc2"), filler, Passage(suzhou, "sz")],
            False,
        ),
        # Unanswerable and judged unanswerable.
        score_question(_question("c", [], "unanswerable"), [filler], False),
    ]
    assert [r.rank for r in results] == [2, 3, None]
    assert results[1].group_ranks == (1, 3)
    assert [r.doc_rank for r in results] == [2, None, None]
    summary = summarize(results, k=10)
    assert summary["answerable"] == 2 and summary["unanswerable"] == 1 and summary["with_doc_id"] == 2
    assert summary["hit@1"] == 0.0  # ranks 2 and 3
    assert summary["hit@3"] == 1.0
    assert summary["mrr@10"] == pytest.approx((1 / 2 + 1 / 3) / 2)
    assert summary["recall@1"] == pytest.approx((0 + 0.5) / 2)  # b has one of its two groups at rank 1
    assert summary["doc_hit@10"] == 0.5  # a's document found, b's not
    assert summary["abstention_accuracy"] == 1.0
    assert summary["answer_rate"] == 0.5 and summary["false_refusal_rate"] == 0.5
    assert [r.id for r in misses(results, k=2)] == ["b"]
