"""The evidence-group hit rule of EVAL_FORMAT.md.

A passage matches a string when the string, with all white space removed, is a substring of the
passage with all white space removed. A question's rank is the largest, over its groups, of the
first rank whose passage matches the group (None when some group is never matched).
"""

from __future__ import annotations

from collections.abc import Sequence


def squeeze(text: str) -> str:
    """Remove all white space (ASCII and Unicode, e.g. U+3000), as PDF extraction scatters it."""
    return "".join(text.split())


def matches_group(passage: str, group: Sequence[str]) -> bool:
    """True when the passage contains any of the group's alternatives, white space ignored."""
    squeezed = squeeze(passage)
    return any(squeeze(alternative) in squeezed for alternative in group)


def group_ranks(evidence: Sequence[Sequence[str]], passages: Sequence[str]) -> tuple[int | None, ...]:
    """For each group, the 1-based rank of the first passage matching it, or None."""
    squeezed_passages = [squeeze(p) for p in passages]
    ranks: list[int | None] = []
    for group in evidence:
        alternatives = [squeeze(a) for a in group]
        ranks.append(
            next(
                (
                    rank
                    for rank, passage in enumerate(squeezed_passages, start=1)
                    if any(a in passage for a in alternatives)
                ),
                None,
            )
        )
    return tuple(ranks)


def question_rank(ranks_of_groups: Sequence[int | None]) -> int | None:
    """The rank at which every group has been matched: the largest group rank; None if any is missing."""
    if not ranks_of_groups or any(rank is None for rank in ranks_of_groups):
        return None
    return max(rank for rank in ranks_of_groups if rank is not None)


def evidence_rank(evidence: Sequence[Sequence[str]], passages: Sequence[str]) -> int | None:
    """The question's rank under the evidence rule (None for unanswerable questions or misses)."""
    return question_rank(group_ranks(evidence, passages))


def relevant_ranks(evidence: Sequence[Sequence[str]], passages: Sequence[str]) -> tuple[int, ...]:
    """1-based ranks of passages that match any group: the binary qrels used for nDCG."""
    return tuple(
        rank
        for rank, passage in enumerate(passages, start=1)
        if any(matches_group(passage, g) for g in evidence)
    )
