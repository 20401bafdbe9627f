"""A fake encoder whose vectors can be worked out by hand: one dimension per known keyword."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

KEYWORDS = ("公交", "电梯", "汽车", "家电", "农机", "化工", "部门", "补贴")


class FakeEncoder:
    """Counts each keyword of KEYWORDS in the text, plus a constant bias dimension, then L2-normalises."""

    model_id = "fake/keyword-counts"
    dim = len(KEYWORDS) + 1
    max_tokens = 512

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = [[text.count(word) for word in KEYWORDS] + [0.1] for text in texts]
        vectors = np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def encode_queries(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        return self._encode(texts)
