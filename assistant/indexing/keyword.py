"""Chinese keyword search: jieba tokens scored with BM25 (bm25s), saved as plain files."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np

from assistant.words import stop_words

_KEEP = re.compile(r"[\w%％.:]+", re.UNICODE)
_STOP = frozenset(stop_words("search"))  # data/stopwords.json


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens, lower-cased, without punctuation and stop words."""
    tokens = []
    for token in _jieba().cut_for_search(text.lower()):
        token = token.strip()
        if token and _KEEP.fullmatch(token) and token not in _STOP:
            tokens.append(token)
    return tokens


class KeywordIndex:
    """BM25 over pre-tokenised chunks; `scores(query)` gives one score per chunk."""

    def __init__(self, model) -> None:
        self._model = model
        self._vocab = model.vocab_dict

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        import bm25s

        model = bm25s.BM25(method="lucene")
        model.index([tokenize(text) or ["∅"] for text in texts], show_progress=False)
        return cls(model)

    def save(self, directory: Path) -> None:
        self._model.save(str(directory), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        import bm25s

        return cls(bm25s.BM25.load(str(directory), allow_pickle=False, show_progress=False, verbosity=0))

    def scores(self, query: str) -> np.ndarray:
        tokens = [token for token in tokenize(query) if token in self._vocab]
        n = self._model.scores["num_docs"]
        if not tokens:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)
