"""Fusion of the dense and keyword rankings: small named functions picked from a table.

Each takes per-chunk score arrays (same length, higher is better) and returns fused scores.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

KEYWORD_WEIGHT = 0.3  # of the hybrid mode's convex combination (retriever.MODES)


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of every element under descending score (ties broken by position)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def rrf(dense: np.ndarray, keyword: np.ndarray, k: int = 60, keyword_weight: float = 1.0) -> np.ndarray:
    """Reciprocal-rank fusion, Σ w / (k + rank) (Cormack, Clarke & Büttcher, SIGIR 2009).

    Chunks with no keyword match at all get no keyword contribution.
    """
    fused = 1.0 / (k + _ranks(dense))
    keyword_part = keyword_weight / (k + _ranks(keyword))
    return fused + np.where(keyword > 0, keyword_part, 0.0)


def minmax(scores: np.ndarray) -> np.ndarray:
    """Scores scaled to [0, 1]; all zeros when they are all equal (or there are none)."""
    if len(scores) == 0:
        return np.zeros(0, dtype=np.float64)
    low, high = float(scores.min()), float(scores.max())
    return np.zeros_like(scores, dtype=np.float64) if high <= low else (scores - low) / (high - low)


def weighted(dense: np.ndarray, keyword: np.ndarray, keyword_weight: float = KEYWORD_WEIGHT) -> np.ndarray:
    """Convex combination of min-max normalised scores (Bruch, Gai & Ingber, TOIS 2023: "convex combination")."""
    return (1 - keyword_weight) * minmax(dense) + keyword_weight * minmax(keyword)


def dense_only(dense: np.ndarray, keyword: np.ndarray) -> np.ndarray:
    return dense.astype(np.float64)


def keyword_only(dense: np.ndarray, keyword: np.ndarray) -> np.ndarray:
    return keyword.astype(np.float64)


FUSIONS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "rrf": rrf,
    "weighted": weighted,
    "dense": dense_only,
    "keyword": keyword_only,
}
