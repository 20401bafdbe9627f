"""A follow-up about the clause under discussion stays on that clause.

"Which department is responsible?" after an answer about charging piles asks about the clause that answer
cited, not about whichever clause the carried-over words match best. The clause is found again by
composing the previous turn's answer (retrieval is deterministic), and put first among the new hits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.chat.answer import cited_numbers, compose
from assistant.chat.conversation import Turn
from assistant.records import Hit, Retrieval


def clause_under_discussion(
    retriever, previous: Turn, k: int, cities: Sequence[str] = (), doc_ids: Sequence[str] = ()
) -> Hit | None:
    """The hit the previous turn's reply cited first; None when that reply answered nothing."""
    retrieval = retriever.search(previous.query, k=k, cities=tuple(cities), doc_ids=tuple(doc_ids))
    answer = compose(retrieval, previous.query)
    numbers = cited_numbers(answer.reply) if answer.answerable else []
    return answer.hits[numbers[0] - 1] if numbers and numbers[0] <= len(answer.hits) else None


def keep_clause(retrieval: Retrieval, discussed: Hit | None) -> Retrieval:
    """`retrieval` with the discussed clause as hit 1 (moved up, or added when the search missed it)."""
    if discussed is None:
        return retrieval
    others = [hit for hit in retrieval.hits if hit.chunk.chunk_id != discussed.chunk.chunk_id]
    hits = [discussed, *others][: max(len(retrieval.hits), 1)]
    ranked = tuple(Hit(hit.chunk, hit.score, rank) for rank, hit in enumerate(hits, 1))
    return replace(retrieval, hits=ranked, answerable=True)
