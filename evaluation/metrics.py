"""Retrieval and abstention measures as pure functions: per-query scores first, aggregation separate.

A rank is the 1-based position at which a question's evidence was complete (None: never within the
searched depth). Aggregates return None when no question qualifies (e.g. no unanswerable ones).
"""

from __future__ import annotations

import statistics
import warnings
from collections.abc import Iterable, Sequence

from evaluation.matching import matches_group


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, None for an empty sequence (the measure does not apply)."""
    collected = list(values)
    return sum(collected) / len(collected) if collected else None


# ---- per query ---------------------------------------------------------------------------------


def hit(rank: int | None, k: int) -> float:
    """1.0 when the evidence is complete within the top k, else 0.0."""
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None, k: int) -> float:
    """1/rank within the top k, else 0.0 (Voorhees, TREC-8 QA track)."""
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def group_recall(ranks_of_groups: Sequence[int | None], k: int) -> float:
    """Share of evidence groups matched by some passage in the top k."""
    if not ranks_of_groups:
        return 0.0
    return sum(hit(rank, k) for rank in ranks_of_groups) / len(ranks_of_groups)


def ndcg_per_query(relevant: Sequence[Sequence[int]], k: int) -> list[float]:
    """nDCG@k with binary gains for each query, from the ranks of its relevant passages (ranx)."""
    return ranx_per_query(relevant, f"ndcg@{k}")


def ranx_per_query(relevant: Sequence[Sequence[int]], metric: str) -> list[float]:
    """Any ranx measure per query; qrels and run are built from relevant ranks (Bassani, ECIR 2022).

    The run lists every position up to the deepest relevant one, scored 1/rank, so ranx sees the
    non-relevant passages where they were; queries with no relevant passage score 0.
    """
    scores = [0.0] * len(relevant)
    judged = [i for i, ranks in enumerate(relevant) if ranks]
    if not judged:
        return scores
    from ranx import Qrels, Run, evaluate

    qrels = {f"q{i}": {f"p{r}": 1 for r in relevant[i]} for i in judged}
    run = {f"q{i}": {f"p{r}": 1.0 / r for r in range(1, max(relevant[i]) + 1)} for i in judged}
    ranx_run = Run.from_dict(run)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numba's uint64→int64 cast notice inside ranx
        evaluate(Qrels.from_dict(qrels), ranx_run, metric, threads=1, save_results_in_run=True)
    for i in judged:
        scores[i] = float(ranx_run.scores[metric][f"q{i}"])
    return scores


def measure_recall(evidence: Sequence[Sequence[str]], cited: Sequence[str]) -> float:
    """Share of evidence groups (one per applicable measure) matched by some passage the reply cites."""
    if not evidence:
        return 0.0
    return sum(any(matches_group(p, group) for p in cited) for group in evidence) / len(evidence)


def measure_precision(
    evidence: Sequence[Sequence[str]], related: Sequence[Sequence[str]], cited: Sequence[str]
) -> float:
    """Share of cited passages that match an evidence or a related group; 0.0 when the reply cites none
    (a reply that lists nothing found nothing, rather than being excused)."""
    if not cited:
        return 0.0
    groups = [*evidence, *related]
    return sum(any(matches_group(p, group) for group in groups) for p in cited) / len(cited)


def median_length(lines: Sequence[str]) -> float | None:
    """The median number of characters of the lines, None for no lines."""
    return float(statistics.median(len(line) for line in lines)) if lines else None


# ---- aggregates ---------------------------------------------------------------------------------


def hit_at_k(ranks: Sequence[int | None], k: int) -> float | None:
    """Share of (answerable) questions whose evidence is complete within the top k."""
    return mean(hit(rank, k) for rank in ranks)


def mrr(ranks: Sequence[int | None], k: int) -> float | None:
    """Mean reciprocal rank at cut-off k."""
    return mean(reciprocal_rank(rank, k) for rank in ranks)


def recall_at_k(ranks_of_groups: Sequence[Sequence[int | None]], k: int) -> float | None:
    """Mean over questions of the share of evidence groups matched within the top k."""
    return mean(group_recall(groups, k) for groups in ranks_of_groups)


def ndcg_at_k(relevant: Sequence[Sequence[int]], k: int) -> float | None:
    """Mean nDCG@k over questions (binary relevance: a passage matching any evidence group)."""
    return mean(ndcg_per_query(relevant, k)) if relevant else None


def doc_hit_at_k(doc_ranks: Sequence[int | None], k: int) -> float | None:
    """Share of questions with a gold `doc_id` whose document appears within the top k."""
    return mean(hit(rank, k) for rank in doc_ranks)


def abstention_accuracy(judged_answerable: Sequence[bool]) -> float | None:
    """For unanswerable questions: share the system judged `answerable: false`."""
    return mean(0.0 if judged else 1.0 for judged in judged_answerable)


def answer_rate(judged_answerable: Sequence[bool]) -> float | None:
    """For answerable questions: share the system judged `answerable: true`."""
    return mean(1.0 if judged else 0.0 for judged in judged_answerable)


def false_refusal_rate(judged_answerable: Sequence[bool]) -> float | None:
    """For answerable questions: share the system wrongly judged `answerable: false`."""
    rate = answer_rate(judged_answerable)
    return None if rate is None else 1.0 - rate
