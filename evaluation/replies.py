"""reply-hit: does the one-line reply a user reads first contain the answer, not only the citations?

A reply hits when every evidence group is matched by one of its alternatives inside the reply, white
space ignored (the EVAL_FORMAT rule applied to the reply instead of a passage). Citation marks "[n]" are
annotations, not text, and are removed first. `reply_evidence` overrides `evidence` for answers the app
phrases itself ("牵头部门：市商务局"). Only answerable questions are scored: abstention is measured apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from evaluation.matching import squeeze

_CITATION = re.compile(r"\[\d+\]")


class ReplyResult(NamedTuple):
    """One question's reply and whether it holds the answer."""

    id: str
    question: str
    category: str
    lang: str
    hit: bool
    reply: str


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
    """Overall reply-hit, reply-hit per category and per language, and the ids of the misses."""
    return {
        "overall": {"questions": len(results), "reply_hit": reply_rate(results)},
        "by_category": _per_label(results, lambda r: r.category),
        "by_lang": _per_label(results, lambda r: r.lang),
        "misses": [r.id for r in results if not r.hit],
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
