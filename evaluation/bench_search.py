"""Warm search latency of a retriever against a bare query encode, with the main steps of a search timed
one by one; used on the real corpus (`bench`) and on the synthetic one at scale (`bench_scale`)."""

from __future__ import annotations

import re

from evaluation.timing import latency_summary, ratio, time_each, time_interleaved

WARMUP = 5


def strip_places(question: str, aliases: dict[str, str]) -> str:
    """The question with every known place name removed, so no place filter narrows the search."""
    for alias in sorted(aliases, key=len, reverse=True):
        if alias.isascii():
            question = re.sub(rf"\b{re.escape(alias)}\b", "", question, flags=re.IGNORECASE)
        else:
            question = question.replace(alias, "")
    return re.sub(r"\s+", " ", question).strip()


def measure_search(retriever, questions: list[str], k: int) -> dict:
    """Warm single-query latency of a bare query encode and of full searches (as asked, and place-free)."""
    encoder = retriever.encoder
    place_free = [strip_places(q, retriever.places.aliases) or q for q in questions]
    seconds = time_interleaved(
        {
            "encode": lambda i: encoder.encode_queries([questions[i]]),
            "search": lambda i: retriever.search(questions[i], k=k),
            "search_no_place": lambda i: retriever.search(place_free[i], k=k),
        },
        range(len(questions)),
        WARMUP,
    )
    encode, search, free = (
        latency_summary(seconds[name]) for name in ("encode", "search", "search_no_place")
    )
    return {
        "breakdown_p50_ms": search_breakdown(retriever, questions),
        "chunks": len(retriever.chunks),
        "dense_vectors": len(retriever.index.owner),
        "dense_index": type(retriever.index.dense).__name__ if retriever.index.dense else "exact (numpy)",
        "encode": encode,
        "search": search,
        "search_no_place": free,
        "search_to_encode_p50": ratio(search["p50_ms"], encode["p50_ms"]),
        "search_no_place_to_encode_p50": ratio(free["p50_ms"], encode["p50_ms"]),
    }


def search_breakdown(retriever, questions: list[str]) -> dict[str, float]:
    """p50 of the main steps of a search, timed one by one: finding place names, keyword scores over all
    chunks, and the dense top 100 both ways the retriever may take (one matrix product, or the faiss index)."""
    from assistant.indexing.index_store import make_faiss_index
    from evaluation.ann import POOL

    vectors = dict(zip(questions, retriever.encoder.encode_queries(questions), strict=True))
    index = retriever.index
    depth = min(POOL, len(index.owner))
    # an index under the HNSW size keeps no faiss index: time the flat one it would make
    dense = index.dense or make_faiss_index(index.embeddings)
    steps = {
        "place_names": lambda q: retriever.places.named(q),
        "keyword_scores": lambda q: index.keyword.scores(q),
        "dense_faiss": lambda q: dense.search(vectors[q][None, :], depth),
    }
    if index.embeddings is not None:  # held in memory only below the HNSW size
        steps["dense_matmul"] = lambda q: index.embeddings @ vectors[q]
    return {
        name: latency_summary(time_each(step, questions, WARMUP))["p50_ms"] for name, step in steps.items()
    }
