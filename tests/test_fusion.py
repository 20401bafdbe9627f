from __future__ import annotations

import numpy as np
import pytest

from assistant.search.fusion import FUSIONS, rrf, weighted


def test_rrf_golden_values():
    dense = np.array([0.9, 0.8, 0.1])  # dense ranks 1, 2, 3
    keyword = np.array([0.0, 2.0, 1.0])  # keyword ranks 3, 1, 2; chunk 0 has no keyword match
    fused = rrf(dense, keyword, k=60)
    # chunk 0: 1/61 (no keyword part); chunk 1: 1/62 + 1/61; chunk 2: 1/63 + 1/62
    assert fused == pytest.approx([1 / 61, 1 / 62 + 1 / 61, 1 / 63 + 1 / 62])
    assert int(np.argmax(fused)) == 1


def test_weighted_is_a_convex_combination_of_minmax_scores():
    dense = np.array([1.0, 0.5, 0.0])
    keyword = np.array([0.0, 4.0, 2.0])
    # minmax: dense [1, .5, 0], keyword [0, 1, .5]; 0.7*d + 0.3*k
    assert weighted(dense, keyword, keyword_weight=0.3) == pytest.approx([0.7, 0.65, 0.15])


def test_table_names_every_mode():
    assert set(FUSIONS) == {"rrf", "weighted", "dense", "keyword"}
