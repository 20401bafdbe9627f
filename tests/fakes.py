"""A fake encoder whose vectors can be worked out by hand: one dimension per known keyword."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.records import Chunk, Hit

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


class FakeTokenEncoder(FakeEncoder):
    """FakeEncoder's keywords read token by token: each character is a token whose state counts the
    keywords that start at it, plus the bias 0.1; `<s>` and `</s>` frame every text with the bias only.
    A text's vector is the mean of its token states, as e5 pools: for "公交电梯" (4 characters, 2 frame
    tokens) the mean is (1, 1, 0, …, 0.1 · 6) / 6, which normalises to ∝ (1, 1, 0, …, 0.6)."""

    model_id = "fake/keyword-tokens"

    def token_states(self, texts: Sequence[str]):
        from assistant.model.span_pooling import TokenStates

        result = []
        for text in texts:
            text = text[: self.max_tokens - 2]  # truncated as the model truncates
            rows = [[0.0] * (self.dim - 1) + [0.1]]
            rows += [[float(text.startswith(word, i)) for word in KEYWORDS] + [0.1] for i in range(len(text))]
            rows += [[0.0] * (self.dim - 1) + [0.1]]
            spans = [(0, 0)] + [(i, i + 1) for i in range(len(text))] + [(0, 0)]
            frame = [True] + [False] * len(text) + [True]
            result.append(
                TokenStates(np.array(rows, np.float32), np.array(spans).reshape(-1, 2), np.array(frame))
            )
        return result

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(text) + 2 for text in texts]

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        from assistant.model.span_pooling import pool

        whole = [
            pool(states, [((0, len(text)),)])[0]
            for states, text in zip(self.token_states(texts), texts, strict=True)
        ]
        return np.array(whole, dtype=np.float32).reshape(len(texts), self.dim)


def text_hit(text: str, doc: str, section: str = "一") -> Hit:
    """A hit on one clause of document `doc` whose text is `text` (rank 1, score 1.0)."""
    return Hit(
        Chunk(chunk_id=text[:4], doc_id=doc, clause_id="1", section=section, text=text, embed_text=text),
        1.0,
        1,
    )
