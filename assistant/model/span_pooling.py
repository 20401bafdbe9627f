"""Late chunking (Günther et al. 2024, "Late Chunking: Contextual Chunk Embeddings"): a text is encoded
once, and the vector of any part of it is the mean of that part's token states, L2-normalised, as e5's own
mean pooling does over a whole text. Overlapping parts (windows, their sentences) share one encoder pass.

The tokens that belong to no character of the text (`<s>`, `</s>`, the model's "passage: " prompt) are
pooled into every part, as e5 pools them into every text: the pool of the whole text is then exactly
the vector the model gives the text on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

log = logging.getLogger(__name__)

Ranges = tuple[tuple[int, int], ...]  # character ranges [start, end) of a text whose tokens one vector pools
BLOCK = 256  # texts whose token states are held at once


class TokenStates(NamedTuple):
    """A text's token states as the encoder left them, and where each token lies in the text."""

    vectors: np.ndarray  # (tokens, dim) float32
    spans: np.ndarray  # (tokens, 2) int64: [start, end) characters of the text each token covers
    frame: np.ndarray  # (tokens,) bool: a token of no character of the text (special tokens, the prompt)


def pool(states: TokenStates, pools: Sequence[Ranges]) -> np.ndarray:
    """One L2-normalised vector per pool: the mean of the frame tokens and of every token that overlaps
    one of the pool's character ranges."""
    starts, ends = states.spans[:, 0], states.spans[:, 1]
    text = ~states.frame
    vectors = np.zeros((len(pools), states.vectors.shape[1]), dtype=np.float32)
    for row, ranges in enumerate(pools):
        mask = states.frame.copy()
        for start, end in ranges:
            mask |= text & (starts < end) & (ends > start)
        mean = states.vectors[mask].mean(axis=0)
        vectors[row] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return vectors


def encode_spans(
    encoder, texts: Sequence[str], pools: Sequence[Sequence[Ranges]], *, progress: bool = False
) -> list[np.ndarray]:
    """Encode each text once (as a passage) and pool its token states: for text i, an array with one
    row per pool of `pools[i]`. Texts go to the encoder in blocks of similar length, so only BLOCK
    texts' token states are held at once."""
    if len(texts) != len(pools):
        raise ValueError("one list of pools per text")
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    pooled: list[np.ndarray] = [np.zeros((0, encoder.dim), dtype=np.float32)] * len(texts)
    for start in range(0, len(order), BLOCK):
        block = order[start : start + BLOCK]
        states = encoder.token_states([texts[i] for i in block])
        for i, text_states in zip(block, states, strict=True):
            pooled[i] = pool(text_states, pools[i])
        if progress:
            log.info("encoded %d of %d texts", min(start + BLOCK, len(order)), len(order))
    return pooled


def token_sums(encoder, texts: Sequence[str], *, progress: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Each text's token states summed (one pass each) and its token count: the text's own vector is
    the normalised sum, and the vector of several texts read as one is the normalised sum of theirs."""
    sums = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    counts = np.zeros(len(texts), dtype=np.int64)
    for start in range(0, len(texts), BLOCK):
        for n, states in enumerate(encoder.token_states(list(texts[start : start + BLOCK])), start):
            sums[n], counts[n] = states.vectors.sum(axis=0), len(states.vectors)
        if progress:
            log.info("encoded %d of %d texts", min(start + BLOCK, len(texts)), len(texts))
    return sums, counts


def can_pool_spans(encoder) -> bool:
    """Whether the encoder gives token states that mean-pool into its own vectors."""
    return callable(getattr(encoder, "token_states", None)) and callable(
        getattr(encoder, "count_tokens", None)
    )
