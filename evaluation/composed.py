"""Stand-in vectors for synthetic texts, composed from the model's vectors of the source sentences and
headings a text is made of, plus its heading and place. They let the scale benchmark measure latency and
memory at 100,000 chunks when embedding that many passages would take hours; figures based on them say so.

A synthetic sentence differs from its source only in place names and figures, so both are reduced to a
key with places as "@" and numbers as "#" before matching. The weights were picked by comparing with the
model's own vectors of the first 1,000 synthetic texts (neighbour overlap@10 0.18 → 0.44).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.records import Chunk
from evaluation.embed_cache import cached_embeddings
from evaluation.synthetic import SourcePool, strip_marker

_SPLIT = re.compile(r"(?<=[。；！？!?;])")  # as assistant.documents.chunking.sentence_views splits
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
HEADING_WEIGHT = 1.0  # the item heading from the text's header line, added to the body's sentences
PLACE_WEIGHT = 0.5  # the place name, added to the normalised text vector


def sentence_key(sentence: str, places: Sequence[str]) -> str:
    for place in places:
        if place:
            sentence = sentence.replace(place, "@")
    return _FIGURE.sub("#", sentence.strip().rstrip("。；！？!?;"))


class Composer:
    """Composes a vector for any text made of the pool's sentences and item headings."""

    def __init__(self, pool: SourcePool, encoder) -> None:
        headings, _ = cached_embeddings(list(pool.items), encoder, progress=False)
        sentences, _ = cached_embeddings([s.text for s in pool.sentences], encoder, progress=False)
        cities = sorted({city for city, _ in pool.places})
        places, _ = cached_embeddings(cities, encoder, progress=False)
        self.places = dict(zip(cities, places, strict=True))
        self.base = np.concatenate([sentences, headings]).astype(np.float32)
        self.rows: dict[str, int] = {}
        for row, item in enumerate(pool.items, start=len(sentences)):
            self.rows.setdefault(sentence_key(item, ()), row)
        for row, sentence in enumerate(pool.sentences):  # sentences win over headings of the same wording
            self.rows[sentence_key(sentence.text, (sentence.place, sentence.province))] = row
        self.unmatched = 0  # texts none of whose sentences were found

    def vector(self, text: str, places: Sequence[str]) -> np.ndarray:
        """Body (the last line) + heading (end of the line above: "place 1．heading" or "… › 1．heading") + place."""
        lines = text.split("\n")
        found = [
            self.rows[key]
            for key in (self._key(s, places) for s in _SPLIT.split(lines[-1]))
            if key in self.rows
        ]
        if not found:
            self.unmatched += 1
            return np.zeros(self.base.shape[1], dtype=np.float32)
        total = self.base[found].sum(axis=0)
        heading = (
            self._key(lines[-2].split(" › ")[-1].removeprefix(f"{places[0]} "), places)
            if len(lines) > 1
            else ""
        )
        if heading in self.rows:
            total = total + HEADING_WEIGHT * self.base[self.rows[heading]]
        total = total / np.linalg.norm(total)
        if places and places[0] in self.places:
            total = total + PLACE_WEIGHT * self.places[places[0]]
        return total / np.linalg.norm(total)

    @staticmethod
    def _key(sentence: str, places: Sequence[str]) -> str:
        return sentence_key(strip_marker(sentence.strip()), places)


def composed_vectors(
    texts: Sequence[str], owner: np.ndarray, chunks: Sequence[Chunk], composer: Composer
) -> np.ndarray:
    """One vector per text; `owner[i]` is the chunk text i belongs to (its place names are replaced)."""
    vectors = np.empty((len(texts), composer.base.shape[1]), dtype=np.float32)
    for i, (text, chunk) in enumerate(zip(texts, (chunks[o] for o in owner), strict=True)):
        vectors[i] = composer.vector(text, (chunk.city, chunk.province))
    return vectors


def agreement(composed: np.ndarray, model: np.ndarray, k: int = 10) -> dict[str, float]:
    """How well composed vectors stand in for the model's: mean cosine, and the overlap of exact top-k
    neighbours when each row is used as a query against the others."""
    from evaluation.ann import flat_index, recall_at_k

    depth = min(k + 1, len(model))
    by_model = _others(flat_index(model).search(model, depth)[1], k)
    by_composed = _others(flat_index(composed).search(composed, depth)[1], k)
    return {
        "texts": len(model),
        "mean_cosine": float(np.mean(np.sum(composed * model, axis=1))),
        f"neighbour_overlap@{k}": recall_at_k(by_model, by_composed, k),
    }


def _others(ids: np.ndarray, k: int) -> np.ndarray:
    """Each row's neighbours without the row itself, padded with -1 to k."""
    rows = [[i for i in row if i != own][:k] for own, row in enumerate(ids.tolist())]
    return np.array([row + [-1] * (k - len(row)) for row in rows], dtype=np.int64)
