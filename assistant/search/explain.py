"""The hit test: one question's ranked passages with the parts of each fused score, and the rules of the
answerability judgement with the values they compared. Read from the retriever's own search
(`Retriever.traced`), so the ranking shown is the ranking served.

A passage's fused score = passage score + document boost + place boost, where the passage score is the
min-max scaled fusion of the dense and keyword parts (hybrid: 0.7 × scaled cosine + 0.3 × scaled BM25,
fusion.weighted), the document boost is DOC_WEIGHT × its document's best passage score and the place boost
PLACE_WEIGHT × the affinity of its document to the places the question names. Passages of the documents
whose title best matches the question join the candidates (`title match`), with no score of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.records import Hit, Retrieval
from assistant.search.answerable import Check, checks
from assistant.search.fusion import KEYWORD_WEIGHT, minmax


@dataclass(frozen=True)
class HitParts:
    """One ranked passage and what its fused score is made of (None: the passage was not scored, e.g.
    a clause the question names by number)."""

    hit: Hit
    dense: float | None  # cosine similarity, best over the passage and its sentence views
    keyword: float | None  # BM25 of the expanded question
    dense_part: float | None  # the share of the passage score before scaling
    keyword_part: float | None
    passage: float | None
    document: float | None  # document boost
    place: float | None  # place boost
    title_match: bool  # joined the candidates through its document's title, not a top-100 ranking
    fused: float


@dataclass(frozen=True)
class Explanation:
    retrieval: Retrieval
    parts: tuple[HitParts, ...]
    checks: tuple[Check, ...]  # empty when the question was empty
    numbered: bool  # the question names a clause by number, which answers it whatever the rules say
    mode: str


def explain(retriever, question: str, k: int = 10, mode: str = "hybrid") -> Explanation:
    """Search `question` as the chat does (no filter, today) and take each hit's score apart."""
    retrieval, trace = retriever.traced(question, k=k, mode=mode)
    if "candidates" not in trace:  # an empty question, or a filter that leaves nothing
        return Explanation(retrieval, tuple(map(_unscored, retrieval.hits)), (), False, mode)
    position = {int(c): n for n, c in enumerate(trace["candidates"])}
    chunk_row = {chunk.chunk_id: n for n, chunk in enumerate(retriever.chunks)}
    dense_part, keyword_part = _fusion_parts(mode, *trace["within"])
    parts = []
    for hit in retrieval.hits:
        n = position.get(chunk_row.get(hit.chunk.chunk_id, -1))
        if n is None:
            parts.append(_unscored(hit))
            continue
        parts.append(
            HitParts(
                hit,
                dense=float(trace["dense"][n]) if mode != "keyword" else None,
                keyword=float(trace["keyword"][n]) if mode != "dense" else None,
                dense_part=float(dense_part[n]),
                keyword_part=float(keyword_part[n]),
                passage=float(trace["passage"][n]),
                document=float(trace["document"][n]),
                place=float(trace["place"][n]),
                title_match=not bool(trace["core"][n]),
                fused=float(trace["fused"][n]),
            )
        )
    rules = tuple(checks(trace["evidence"], trace["threshold"]))
    return Explanation(retrieval, tuple(parts), rules, bool(trace["numbered"]), mode)


def _unscored(hit: Hit) -> HitParts:
    return HitParts(hit, None, None, None, None, None, None, None, False, hit.score)


def _fusion_parts(mode: str, dense, keyword):
    """What each ranking adds to the passage score before its final scaling."""
    if mode == "hybrid":
        return (1 - KEYWORD_WEIGHT) * minmax(dense), KEYWORD_WEIGHT * minmax(keyword)
    if mode == "dense":
        return dense, 0.0 * keyword
    return 0.0 * dense, keyword
