"""Batch retrieval output (`python -m assistant retrieve`, EVAL_FORMAT.md) read back for scoring."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple

from evaluation.questions import FormatError, Question, read_jsonl
from evaluation.scoring import Passage, QueryResult, score_question


class BatchRecord(NamedTuple):
    """One output line: the system's judgement and its passages in rank order."""

    id: str
    answerable: bool | None
    passages: tuple[Passage, ...]


def read_batch(source: str | os.PathLike[str]) -> dict[str, BatchRecord]:
    """Records by question id; results are put in `rank` order (their listed order breaks ties)."""
    records: dict[str, BatchRecord] = {}
    for number, data in read_jsonl(source):
        if "id" not in data:
            raise FormatError(f"line {number}: missing 'id'")
        results = data.get("results", [])
        if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
            raise FormatError(f"line {number}: 'results' must be a list of objects")
        ordered = sorted(enumerate(results), key=lambda item: (item[1].get("rank", item[0] + 1), item[0]))
        passages = tuple(Passage(str(r.get("text", "")), str(r.get("doc_id", ""))) for _, r in ordered)
        judged = data.get("answerable")
        records[str(data["id"])] = BatchRecord(
            str(data["id"]), judged if isinstance(judged, bool) else None, passages
        )
    return records


def score_batch(questions: Sequence[Question], records: dict[str, BatchRecord]) -> list[QueryResult]:
    """Score every question against its batch record; a question without one is a user error."""
    missing = [q.id for q in questions if q.id not in records]
    if missing:
        raise FormatError(f"{len(missing)} question(s) have no line in the results, e.g. {missing[0]!r}")
    return [score_question(q, records[q.id].passages, records[q.id].answerable) for q in questions]
