"""Dense index kinds compared at several corpus sizes: build time, size, query latency, recall against flat.

Exact search (flat) is the reference; HNSW is the 8-bit graph the index stores above its threshold
(`assistant.indexing.index_store.hnsw_index`, the same builder); IVF is the other common choice. Recall@k is
the overlap of an index's top k with flat's top k, also measured at the depth of the retriever's own dense
candidate pool (`assistant.search.retriever.POOL`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import numpy as np

from assistant.indexing.index_store import (
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    HNSW_THRESHOLD,
    hnsw_index,
)
from assistant.search.retriever import POOL
from evaluation.timing import latency_summary, time_each

# index_store's HNSW settings are named here too, for the reports and tests that read this module
__all__ = ["HNSW_EF_CONSTRUCTION", "HNSW_EF_SEARCH", "HNSW_M", "POOL", "compare_indexes", "hnsw_index"]


def flat_index(vectors: np.ndarray):
    """Exact inner-product search."""
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return index


def ivf_index(vectors: np.ndarray):
    """Inverted lists over k-means cells (Jégou et al. 2011): 4·√n cells, about 1/32 of them probed."""
    import faiss

    n, dim = vectors.shape
    cells = max(1, min(int(4 * math.sqrt(n)), n // 39))  # faiss wants ≥ 39 training points per cell
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, cells, faiss.METRIC_INNER_PRODUCT)
    index.train(vectors)
    index.add(vectors)
    index.nprobe = min(cells, max(8, cells // 32))
    return index


INDEX_KINDS: dict[str, Callable[[np.ndarray], object]] = {
    "flat": flat_index,
    "hnsw": hnsw_index,
    "ivf": ivf_index,
}


def recall_at_k(truth: np.ndarray, found: np.ndarray, k: int) -> float:
    """Mean over queries of |top-k of truth ∩ top-k found| / k (ids < 0 are faiss padding, not hits)."""
    scores = []
    for expected, got in zip(truth, found, strict=True):
        reference = {int(i) for i in expected[:k] if i >= 0}
        if reference:
            scores.append(len(reference & {int(i) for i in got[:k] if i >= 0}) / len(reference))
    return float(np.mean(scores)) if scores else float("nan")


def scale_sizes(n: int) -> list[int]:
    """A tenth, a quarter, half and all of the corpus."""
    return sorted({size for size in (n // 10, n // 4, n // 2, n) if size > 0})


def compare_indexes(
    vectors: np.ndarray,
    queries: np.ndarray,
    sizes: Sequence[int],
    k: int = 10,
    kinds: dict[str, Callable[[np.ndarray], object]] = INDEX_KINDS,
) -> list[dict]:
    """One row per (size, kind): build seconds, serialized MB, single-query latency, recall@k and @POOL."""
    import faiss

    queries = np.ascontiguousarray(queries, dtype=np.float32)
    rows = []
    for size in sizes:
        subset = np.ascontiguousarray(vectors[:size], dtype=np.float32)
        depth = min(POOL, size)
        truth = None
        for kind, make in kinds.items():
            start = time.perf_counter()
            index = make(subset)
            build_s = time.perf_counter() - start
            _, found = index.search(queries, depth)
            if truth is None:
                truth = found if kind == "flat" else flat_index(subset).search(queries, depth)[1]
            latencies = time_each(
                lambda q, index=index, depth=depth: index.search(q[None, :], depth), queries
            )
            rows.append(
                {
                    "size": size,
                    "kind": kind,
                    "index_store_uses": "hnsw" if size > HNSW_THRESHOLD else "flat",
                    "build_s": build_s,
                    "index_mb": faiss.serialize_index(index).nbytes / 2**20,
                    **latency_summary(latencies),
                    f"recall@{k}": recall_at_k(truth, found, k),
                    f"recall@{depth}": recall_at_k(truth, found, depth),
                }
            )
            del index
    return rows
