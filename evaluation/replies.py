"""reply-hit: does the one-line reply a user reads first contain the answer, not only the citations?

A reply hits when every evidence group is matched by one of its alternatives inside the reply, white
space ignored (the EVAL_FORMAT rule applied to the reply instead of a passage). Citation marks "[n]" are
annotations, not text, and are removed first. `reply_evidence` overrides `evidence` for answers the app
phrases itself ("牵头部门：市商务局"). Only answerable questions are scored: abstention is measured apart.

Finder questions ("what applies to me", category `finder`) are scored on the passages the reply cites:
measure recall and measure precision (metrics.py), and the median length of the reply's cited lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from evaluation.matching import squeeze
from evaluation.metrics import mean, measure_precision, measure_recall, median_length

_CITATION = re.compile(r"\[\d+\]")


class ReplyResult(NamedTuple):
    """One question's reply and whether it holds the answer."""

    id: str
    question: str
    category: str
    lang: str
    hit: bool
    reply: str
    recall: float | None = None  # finder questions: measure recall of the cited passages
    precision: float | None = None  # finder questions: measure precision of the cited passages
    cited: tuple[str, ...] = ()  # finder questions: the texts of the passages the reply cites


def finder_result(question, reply: str, cited: Sequence[str]) -> ReplyResult:
    """A finder question's result: measure recall and precision of the cited passages; a hit when every
    applicable measure was cited."""
    recall = measure_recall(question.evidence, cited)
    precision = measure_precision(question.evidence, question.related, cited)
    return ReplyResult(
        question.id,
        question.question,
        question.category,
        question.lang,
        recall == 1.0,
        reply,
        recall,
        precision,
        tuple(cited),
    )


def cited_lines(reply: str) -> list[str]:
    """The lines of a reply that cite a passage, citation marks removed (a listing's measure lines)."""
    return [_CITATION.sub("", line).strip() for line in reply.splitlines() if _CITATION.search(line)]


def reply_text(reply: str) -> str:
    """The reply as matched: citation marks and all white space removed."""
    return squeeze(_CITATION.sub("", reply))


def reply_hit(reply: str, evidence: Sequence[Sequence[str]]) -> bool:
    """True when every group of `evidence` has an alternative inside `reply`; False for no evidence."""
    text = reply_text(reply)
    return bool(evidence) and all(any(squeeze(a) in text for a in group) for group in evidence)


def reply_rate(results: Sequence[ReplyResult]) -> float | None:
    """The share of replies that hit; None for no questions."""
    return sum(r.hit for r in results) / len(results) if results else None


def summarize_replies(results: Sequence[ReplyResult]) -> dict[str, Any]:
    """Overall reply-hit, reply-hit per category and per language, and the ids of the misses; with finder
    questions, their measure recall and precision too."""
    summary = {
        "overall": {"questions": len(results), "reply_hit": reply_rate(results)},
        "by_category": _per_label(results, lambda r: r.category),
        "by_lang": _per_label(results, lambda r: r.lang),
        "misses": [r.id for r in results if not r.hit],
    }
    finder = [r for r in results if r.recall is not None]
    if finder:
        summary["finder"] = finder_figures(finder)
    return summary


def finder_figures(results: Sequence[ReplyResult]) -> dict[str, Any]:
    """Measure recall and precision averaged over finder questions, and the median cited-line length."""
    return {
        "questions": len(results),
        "measure_recall": mean(r.recall for r in results if r.recall is not None),
        "measure_precision": mean(r.precision for r in results if r.precision is not None),
        "median_line_length": median_length([line for r in results for line in cited_lines(r.reply)]),
    }


def _per_label(results: Sequence[ReplyResult], label: Callable[[ReplyResult], str]) -> dict[str, Any]:
    groups: dict[str, list[ReplyResult]] = {}
    for result in results:
        groups.setdefault(label(result) or "(none)", []).append(result)
    if list(groups) == ["(none)"]:
        return {}
    return {
        name: {"questions": len(group), "reply_hit": reply_rate(group)}
        for name, group in sorted(groups.items())
    }


def reply_figures(results: Sequence[ReplyResult]) -> dict[str, Any]:
    """The JSON-ready reply figures of a run: the summary plus every reply."""
    return {**summarize_replies(results), "replies": [r._asdict() for r in results]}
