"""An index's vectors: one per chunk, then one per sentence view, by the chosen mode (vector_plan.VECTOR_MODES).

A vector computed by an earlier build from the same input (the same text, or the same pass and part of
it) is reused, not computed again. `EmbedStats` says how much the encoder read.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from assistant.documents.chunking import sentence_views
from assistant.errors import AssistantError
from assistant.indexing.vector_plan import VECTOR_MODES, Segment, plan_segments, vector_layout
from assistant.model.span_pooling import can_pool_spans, encode_spans, token_sums
from assistant.records import Chunk, Clause, Document

log = logging.getLogger(__name__)

MODE_VARIABLE = "POLICY_ASSISTANT_VECTORS"
DEFAULT_MODE = "separate"


class Embedded(NamedTuple):
    vectors: np.ndarray  # (rows, dim) float32, L2-normalised
    owner: np.ndarray  # (rows,) int64: the chunk each row stands for
    keys: np.ndarray  # (rows,) S32: what each vector was computed from, for reuse by a later build
    stats: dict  # mode, passes, tokens the encoder read, rows reused


def vector_mode(mode: str | None = None) -> str:
    """The vector mode: `mode`, else $POLICY_ASSISTANT_VECTORS, else DEFAULT_MODE; a clear error otherwise."""
    mode = mode or os.environ.get(MODE_VARIABLE) or DEFAULT_MODE
    if mode not in VECTOR_MODES:
        raise AssistantError(
            f"unknown vector mode {mode!r} (${MODE_VARIABLE}); choose from {', '.join(VECTOR_MODES)}"
        )
    return mode


def vector_texts(chunks: list[Chunk]) -> tuple[list[str], np.ndarray]:
    """Every text to embed (each chunk's, then all sentence views) and the chunk each belongs to."""
    texts = [chunk.embed_text for chunk in chunks]
    for chunk in chunks:
        texts += sentence_views(chunk)
    owner, _ = vector_layout(chunks)
    return texts, owner


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def embed_chunks(
    mode: str,
    documents: Sequence[Document],
    clauses: Sequence[Clause],
    chunks: list[Chunk],
    encoder,
    reuse: dict[str, np.ndarray],
    progress: bool,
) -> Embedded:
    """Every vector of the index, under `mode` (an encoder without token states falls back to "separate")."""
    if mode != "separate" and not can_pool_spans(encoder):
        log.warning("%s cannot pool parts of a text; vectors encoded separately", encoder.model_id)
        mode = "separate"
    texts, owner = vector_texts(chunks)
    keys = [text_key(text) for text in texts]
    stats = {"mode": mode, "passes": 0, "tokens": 0, "reused": 0}
    fresh: dict[str, np.ndarray] = {}
    if mode == "composed":
        fresh = _compose(texts, owner, len(chunks), keys, reuse, encoder, stats, progress)
    elif mode != "separate":
        segments = plan_segments(mode, documents, clauses, chunks, encoder)
        fresh = _pool_segments(mode, segments, keys, reuse, encoder, stats, progress)
    missing = {key: i for i, key in reversed(list(enumerate(keys))) if key not in reuse and key not in fresh}
    if missing:  # "separate", and any row no segment covers
        picked = [texts[i] for i in missing.values()]
        log.info("embedding %d texts", len(picked))
        fresh.update(zip(missing, encoder.encode_passages(picked, progress=progress), strict=True))
        stats["passes"] += len(picked)
        stats["tokens"] += _tokens(encoder, picked)
    vectors = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    for i, key in enumerate(keys):
        vectors[i] = fresh[key] if key in fresh else reuse[key]
    stats["reused"] = sum(key not in fresh for key in keys)
    log.info(
        "vectors (%s): %d, %d passes of %d tokens, %d reused",
        mode,
        len(keys),
        stats["passes"],
        stats["tokens"],
        stats["reused"],
    )
    return Embedded(vectors, owner, np.array(keys, dtype="S32"), stats)


def _pool_segments(
    mode: str,
    segments: list[Segment],
    keys: list[str],
    reuse: dict[str, np.ndarray],
    encoder,
    stats: dict,
    progress: bool,
) -> dict[str, np.ndarray]:
    """Pool each segment's rows; the rows' keys become the hash of the pass's text and the row's part.

    A row pooled over the whole of its pass's text keeps its text key (it is the text's own vector),
    so a "separate" build's vectors are reused for it.
    """
    todo = []
    for segment in segments:
        for row, ranges in zip(segment.rows, segment.pools, strict=True):
            if ranges != ((0, len(segment.text)),):
                keys[row] = text_key(f"{mode}\n{ranges}\n{segment.text}")
        if any(keys[row] not in reuse for row in segment.rows):
            todo.append(segment)
    if not todo:
        return {}
    log.info("encoding %d passes for %d vectors (%s)", len(todo), sum(len(s.rows) for s in todo), mode)
    pooled = encode_spans(encoder, [s.text for s in todo], [s.pools for s in todo], progress=progress)
    stats["passes"] += len(todo)
    stats["tokens"] += _tokens(encoder, [s.text for s in todo])
    fresh = {}
    for segment, vectors in zip(todo, pooled, strict=True):
        fresh.update({keys[row]: vector for row, vector in zip(segment.rows, vectors, strict=True)})
    return fresh


def _compose(
    texts: list[str],
    owner: np.ndarray,
    n_chunks: int,
    keys: list[str],
    reuse: dict[str, np.ndarray],
    encoder,
    stats: dict,
    progress: bool,
) -> dict[str, np.ndarray]:
    """Sentence views encoded on their own (each its own text's vector); a chunk with views gets the
    mean of its views' token states, as if they were read as one text, instead of a pass of its own."""
    views: dict[int, list[int]] = {}
    for row in range(n_chunks, len(texts)):
        views.setdefault(int(owner[row]), []).append(row)
    for chunk, rows in views.items():
        keys[chunk] = text_key("composed\n" + "\n".join(texts[row] for row in rows))
    todo = [chunk for chunk, rows in views.items() if any(keys[r] not in reuse for r in [chunk, *rows])]
    needed = list(dict.fromkeys(texts[row] for chunk in todo for row in views[chunk]))
    if not needed:
        return {}
    log.info("encoding %d sentence views for %d passages (composed)", len(needed), len(todo))
    sums, counts = token_sums(encoder, needed, progress=progress)
    where = {text: n for n, text in enumerate(needed)}
    fresh = {text_key(text): _unit(sums[n]) for text, n in where.items()}
    for chunk in todo:
        picked = [where[texts[row]] for row in views[chunk]]
        fresh[keys[chunk]] = _unit(sums[picked].sum(axis=0) / counts[picked].sum())
    stats["passes"] += len(needed)
    stats["tokens"] += _tokens(encoder, needed)
    return fresh


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _tokens(encoder, texts: list[str]) -> int:
    """Tokens the encoder read for `texts` (each cut at its limit); 0 when it cannot count them."""
    count = getattr(encoder, "count_tokens", None)
    if not callable(count) or not texts:
        return 0
    limit = getattr(encoder, "max_tokens", 512)
    return sum(min(n, limit) for n in count(texts))
