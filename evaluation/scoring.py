"""Score each question against its ranked passages, then gather the figures of one configuration."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from evaluation import matching, metrics
from evaluation.questions import Question

STANDARD_CUTOFFS = (1, 3, 5, 10)
SNIPPET_CHARS = 80  # of the top passage, shown next to a miss


class Passage(NamedTuple):
    """A retrieved passage as the evaluation sees it: the citation text and its document."""

    text: str
    doc_id: str = ""


class QueryResult(NamedTuple):
    """Everything the measures need about one question, computed once from the searched depth."""

    id: str
    question: str
    category: str
    lang: str
    answerable: bool
    judged_answerable: bool | None  # None: the configuration makes no judgement
    rank: int | None
    group_ranks: tuple[int | None, ...]
    relevant_ranks: tuple[int, ...]
    doc_id: str
    doc_rank: int | None
    depth: int
    top_passage: str

    def to_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["group_ranks"], data["relevant_ranks"] = list(self.group_ranks), list(self.relevant_ranks)
        return data


def score_question(question: Question, passages: Sequence[Passage], judged: bool | None) -> QueryResult:
    """Apply the evidence rule to the ranked passages (all of them: the cut-off comes later)."""
    texts = [p.text for p in passages]
    ranks_of_groups = matching.group_ranks(question.evidence, texts)
    doc_rank = None
    if question.doc_id:
        doc_rank = next((r for r, p in enumerate(passages, start=1) if p.doc_id == question.doc_id), None)
    return QueryResult(
        id=question.id,
        question=question.question,
        category=question.category,
        lang=question.lang,
        answerable=question.answerable,
        judged_answerable=judged,
        rank=matching.question_rank(ranks_of_groups),
        group_ranks=ranks_of_groups,
        relevant_ranks=matching.relevant_ranks(question.evidence, texts),
        doc_id=question.doc_id,
        doc_rank=doc_rank,
        depth=len(passages),
        top_passage=" ".join(texts[0].split())[:SNIPPET_CHARS] if texts else "",
    )


def cutoffs(k: int) -> tuple[int, ...]:
    """The standard cut-offs up to k, and k itself."""
    return tuple(sorted({c for c in STANDARD_CUTOFFS if c <= k} | {k}))


def summarize(results: Sequence[QueryResult], k: int = 10) -> dict[str, float | int | None]:
    """A flat dict of figures: counts, hit@c, MRR@k, nDCG@k, recall@c, doc-hit@c, abstention."""
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    with_doc = [r for r in results if r.doc_id]
    summary: dict[str, float | int | None] = {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "with_doc_id": len(with_doc),
    }
    ranks = [r.rank for r in answerable]
    for c in cutoffs(k):
        summary[f"hit@{c}"] = metrics.hit_at_k(ranks, c)
    summary[f"mrr@{k}"] = metrics.mrr(ranks, k)
    summary[f"ndcg@{k}"] = metrics.ndcg_at_k([r.relevant_ranks for r in answerable], k)
    for c in cutoffs(k):
        summary[f"recall@{c}"] = metrics.recall_at_k([r.group_ranks for r in answerable], c)
    for c in cutoffs(k):
        summary[f"doc_hit@{c}"] = metrics.doc_hit_at_k([r.doc_rank for r in with_doc], c)
    judged_unanswerable = [r.judged_answerable for r in unanswerable if r.judged_answerable is not None]
    judged_answerable = [r.judged_answerable for r in answerable if r.judged_answerable is not None]
    summary["abstention_accuracy"] = metrics.abstention_accuracy(judged_unanswerable)
    summary["answer_rate"] = metrics.answer_rate(judged_answerable)
    summary["false_refusal_rate"] = metrics.false_refusal_rate(judged_answerable)
    return summary


def breakdown(
    results: Sequence[QueryResult], label: Callable[[QueryResult], str], k: int = 10
) -> dict[str, dict[str, float | int | None]]:
    """`summarize` per label value (e.g. category); empty when no question carries the label."""
    if not any(label(r) for r in results):
        return {}
    groups: dict[str, list[QueryResult]] = {}
    for result in results:
        groups.setdefault(label(result) or "(none)", []).append(result)
    return {name: summarize(group, k) for name, group in sorted(groups.items())}


def misses(results: Sequence[QueryResult], k: int = 10) -> list[QueryResult]:
    """Answerable questions whose evidence was not complete within the top k (rank may be deeper)."""
    return [r for r in results if r.answerable and (r.rank is None or r.rank > k)]


def config_figures(results: Sequence[QueryResult], k: int = 10) -> dict[str, Any]:
    """All figures of one configuration, JSON-ready: overall, per category and lang, misses, queries."""
    return {
        "overall": summarize(results, k),
        "by_category": breakdown(results, lambda r: r.category, k),
        "by_lang": breakdown(results, lambda r: r.lang, k),
        "misses": [r.id for r in misses(results, k)],
        "queries": [r.to_json() for r in results],
    }
