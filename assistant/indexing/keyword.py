"""Chinese keyword search: jieba tokens scored with BM25 (bm25s), saved as plain files."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np

_KEEP = re.compile(r"[\w%％.:]+", re.UNICODE)
_STOP = frozenset(
    "的 了 和 与 及 或 等 在 对 为 是 有 把 被 将 从 以 于 并 其 之 也 就 都 而 要 我 我们 你 你们 他们 这 那 哪 啥 什么 "
    "吗 呢 吧 啊 呀 么 多少 怎么 怎样 如何 哪些 哪个 是否 可以 能 会 个 一个 一些 有关 相关 "
    "the a an of to in for on and or is are be what which who how does do did by with at from as it its this that".split()
)


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
