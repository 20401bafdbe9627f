"""Passage embeddings of a benchmark corpus, cached as .npy blocks so that an interrupted run resumes.

Blocks hold BLOCK consecutive texts and are named by a hash of those texts, inside a directory named by
the model and the synthetic generator's version: a changed text or model never reuses a stale vector,
and a smaller scale reuses the leading blocks of a larger one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant import config
from evaluation.synthetic import GENERATOR_VERSION

log = logging.getLogger(__name__)

BLOCK = 1000


@dataclass(frozen=True)
class EmbedRun:
    """How the vectors were obtained: how many were computed in this run, in how many seconds."""

    total: int
    embedded: int
    seconds: float

    @property
    def chunks_per_s(self) -> float:
        return self.embedded / self.seconds if self.seconds > 0 else float("nan")


def cache_dir(model_id: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_")
    return config.data_home() / "bench" / f"{slug}-gen{GENERATOR_VERSION}"


def block_key(texts: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:24]


def cached_embeddings(
    texts: Sequence[str], encoder, directory: Path | None = None, progress: bool = True
) -> tuple[np.ndarray, EmbedRun]:
    """Passage vectors of `texts` (float32, in order), computing and saving only blocks not yet cached."""
    directory = directory or cache_dir(encoder.model_id)
    directory.mkdir(parents=True, exist_ok=True)
    vectors = np.empty((len(texts), encoder.dim), dtype=np.float32)
    embedded, seconds, done = 0, 0.0, 0
    for start in range(0, len(texts), BLOCK):
        block = texts[start : start + BLOCK]
        path = directory / f"{block_key(block)}.npy"
        cached = _load(path, (len(block), encoder.dim))
        if cached is None:
            began = time.perf_counter()
            cached = encoder.encode_passages(list(block))
            seconds += time.perf_counter() - began
            embedded += len(block)
            _save(path, cached)
        vectors[start : start + len(block)] = cached
        done += len(block)
        if progress:
            _report(done, len(texts), embedded, seconds)
    return vectors, EmbedRun(len(texts), embedded, seconds)


def _load(path: Path, shape: tuple[int, int]) -> np.ndarray | None:
    try:
        array = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return array if array.shape == shape else None


def _save(path: Path, array: np.ndarray) -> None:
    """Write beside the target, then rename: a killed run leaves no half-written block."""
    tmp = path.with_name(f"{path.stem}.tmp-{os.getpid()}.npy")
    np.save(tmp, np.asarray(array, dtype=np.float32), allow_pickle=False)
    os.replace(tmp, path)


def _report(done: int, total: int, embedded: int, seconds: float) -> None:
    rate = embedded / seconds if seconds > 0 else 0.0
    left = f", ~{(total - done) / rate / 60:.0f} min left" if rate and done < total else ""
    speed = f", {rate:.1f} texts/s" if rate else ""
    log.info("embeddings: %s", f"{done:,}/{total:,} ({done - embedded:,} cached{speed}{left})")


class KnownPassages:
    """An Encoder whose `encode_passages` answers from known vectors by text, encoding only unknown texts.

    Lets `build_index` index a large corpus whose embeddings are cached, without embedding it again.
    """

    def __init__(self, encoder, texts: Sequence[str], vectors: np.ndarray) -> None:
        self.encoder = encoder
        self.model_id = encoder.model_id
        self.dim = encoder.dim
        self._rows = {text: row for row, text in enumerate(texts)}
        self._vectors = vectors
        self.unknown = 0  # texts that had to be encoded

    def encode_queries(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        return self.encoder.encode_queries(texts, batch_size=batch_size, progress=progress)

    def encode_passages(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        rows = [self._rows.get(text, -1) for text in texts]
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        known = [i for i, row in enumerate(rows) if row >= 0]
        out[known] = self._vectors[[rows[i] for i in known]]
        missing = [i for i, row in enumerate(rows) if row < 0]
        if missing:
            self.unknown += len(missing)
            out[missing] = self.encoder.encode_passages([texts[i] for i in missing], batch_size=batch_size)
        return out
