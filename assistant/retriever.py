"""Hybrid retrieval: FAISS dense search and BM25 keyword search, fused, filtered by place and document."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant import answerable as judge
from assistant.answer_type import asked_type, figure_first, states_figure, topic_words
from assistant.clause_ref import lookup_clause
from assistant.config import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR
from assistant.expansion import expand
from assistant.fusion import FUSIONS
from assistant.index_store import (
    IndexProblem,
    LoadedIndex,
    build_index,
    corpus_hash,
    load_index,
)
from assistant.query import PlaceMatcher, prepare_question
from assistant.records import Hit, Retrieval
from assistant.standing import Timeline, parse_day
from assistant.versions import TimeHook

# hybrid = convex combination, keyword weight 0.3: on the dev set it beat RRF (k 10–100, weights 0.5–1.5)
MODES = {"hybrid": "weighted", "dense": "dense", "keyword": "keyword"}
POOL = 100  # candidates taken from each ranking before fusion
FIGURE_DEPTH = 3  # a figure question is answered only if one of this many top hits states such a figure
EMPTY_NOTICE = "请输入问题 / Please enter a question"


class Retriever:
    """Answers `search(question)` with ranked, cited chunks from one index."""

    def __init__(self, index: LoadedIndex, encoder) -> None:
        self.index = index
        self.encoder = encoder
        self.documents = index.documents
        self.clauses = index.clauses
        self.chunks = index.chunks
        self.cities = sorted({doc.place for doc in index.documents if doc.place})
        self.places = PlaceMatcher.for_places(self.cities)
        self._chunk_place = np.array([chunk.city or chunk.province for chunk in self.chunks], dtype=object)
        self._chunk_doc = np.array([chunk.doc_id for chunk in self.chunks], dtype=object)
        self._sections = [chunk.section for chunk in self.chunks]
        self._texts = [chunk.text for chunk in self.chunks]
        # vectors grouped by chunk: chunk c owns vectors _by_owner[_starts[c]:_starts[c + 1]]
        self._by_owner = np.argsort(index.owner, kind="stable")
        self._starts = np.searchsorted(index.owner[self._by_owner], np.arange(len(self.chunks) + 1))
        self.time = TimeHook(Timeline.of(index.documents), self.chunks)  # dates, status, versions (issue 13)

    @classmethod
    def open(
        cls,
        index_dir: Path | str | None = None,
        encoder=None,
        corpus: Path | str | None = None,
        rebuild: bool = True,
    ) -> Retriever:
        """Load an index; build or rebuild it from its corpus when missing, stale or unreadable."""
        index_dir = Path(index_dir) if index_dir else DEFAULT_INDEX_DIR
        if encoder is None:
            from assistant.embedding import load_encoder

            encoder = load_encoder()
        default_corpus = DEFAULT_CORPUS_DIR if index_dir == DEFAULT_INDEX_DIR else None
        try:
            index = load_index(index_dir, model_id=encoder.model_id)
            # the corpus the index was built from wins over the bundled one
            corpus = corpus or index.manifest.get("corpus_path") or default_corpus
            if corpus and Path(corpus).exists() and rebuild and _stale(index, Path(corpus)):
                print(f"corpus {corpus} changed since the index was built; rebuilding", file=sys.stderr)
                index = _rebuild(index_dir, encoder, Path(corpus))
        except IndexProblem as problem:
            corpus = corpus or _recorded_corpus(index_dir) or default_corpus
            if not (rebuild and corpus and Path(corpus).exists()):
                raise
            print(f"{problem}\nbuilding the index from {corpus}", file=sys.stderr)
            index = _rebuild(index_dir, encoder, Path(corpus))
        return cls(index, encoder)

    def search(
        self,
        question: str,
        k: int = 5,
        cities: Sequence[str] = (),
        doc_ids: Sequence[str] = (),
        mode: str = "hybrid",
        as_of: str | None = None,
        in_force: bool = False,
    ) -> Retrieval:
        """`as_of` (YYYY-MM-DD, default today) is the day statuses are judged on; `in_force` keeps only
        documents in force on that day."""
        return self.search_batch(
            [question], k=k, cities=cities, doc_ids=doc_ids, mode=mode, as_of=as_of, in_force=in_force
        )[0]

    def search_batch(
        self,
        questions: Sequence[str],
        k: int = 10,
        cities: Sequence[str] = (),
        doc_ids: Sequence[str] = (),
        mode: str = "hybrid",
        as_of: str | None = None,
        in_force: bool = False,
    ) -> list[Retrieval]:
        """Retrieve for many questions at once (queries are embedded in batches)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
        day = parse_day(as_of)
        prepared = [prepare_question(q) for q in questions]
        texts = [text for text, _ in prepared if text]
        vectors = (
            self.encoder.encode_queries([dense_query(t) for t in texts])
            if texts and mode != "keyword"
            else None
        )
        results, row = [], 0
        for original, (text, notices) in zip(questions, prepared, strict=True):
            if not text:
                results.append(Retrieval(original, (), False, notices or (EMPTY_NOTICE,)))
                continue
            vector = vectors[row] if vectors is not None else None
            row += 1
            found = self._retrieve(text, vector, k, cities, doc_ids, mode, notices, (day, in_force))
            results.append(found)
        return results

    def _allowed(self, places: Sequence[str], doc_ids: Sequence[str]) -> np.ndarray:
        mask = np.ones(len(self.chunks), dtype=bool)
        if places:
            mask &= np.isin(self._chunk_place, list(places))
        if doc_ids:
            mask &= np.isin(self._chunk_doc, list(doc_ids))
        return mask

    def _retrieve(self, text, vector, k, cities, doc_ids, mode, notices, when) -> Retrieval:
        named = self.places.named(text)
        places = list(cities) or named
        mask = self._allowed(places, doc_ids) & self.time.mask(*when)
        if not mask.any():
            return Retrieval(text, (), False, notices)
        candidates, dense, keyword = self._candidates(text, vector, mask, mode)
        fused = FUSIONS[MODES[mode]](dense, keyword)
        order = candidates[np.argsort(-fused, kind="stable")]
        scores = dict(zip(candidates.tolist(), fused.tolist(), strict=True))
        if len(places) > 1:
            order = _interleave_by_place(order, self._chunk_place, places)
        order = self.time.prefer(text, order, when[0])  # versions.py: named period, in force, latest
        order = figure_first(text, list(order), self._texts)  # answer_type.py
        order, numbered = lookup_clause(text, order, self._sections, self._chunk_doc, mask)  # clause_ref.py
        hits = tuple(
            Hit(self.chunks[i], float(scores.get(i, 0.0)), rank) for rank, i in enumerate(order[:k], 1)
        )
        answerable = numbered or self._judge(text, hits, dense, named, mode)
        return self.time.annotate(Retrieval(text, hits, answerable, notices), when[0])

    def _judge(self, text, hits, dense, named, mode) -> bool:
        """Whether the hits answer the question (see assistant.answerable)."""
        kind = asked_type(text)
        topic = topic_words(text, tuple(self.cities))
        evidence = judge.Evidence(
            top_dense=float(dense.max()) if len(dense) and mode != "keyword" else 0.0,
            named_places=tuple(named),
            foreign_places=tuple(self.places.foreign(text)),
            figure_asked=kind,
            figure_found=bool(kind)
            and any(states_figure(kind, h.chunk.text, topic) for h in hits[:FIGURE_DEPTH]),
        )
        threshold = (
            judge.min_dense(self.encoder.model_id, judge.script_of(text)) if mode != "keyword" else None
        )
        return judge.is_answerable(evidence, threshold)

    def _candidates(self, text, vector, mask, mode) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Union of the dense and keyword top POOL among allowed chunks, with both scores for each."""
        allowed = np.flatnonzero(mask)
        keyword_all = (
            self.index.keyword.scores(expand(text))
            if mode != "dense"
            else np.zeros(len(self.chunks), np.float32)
        )
        pool = set(_top(keyword_all, allowed, POOL).tolist()) if mode != "dense" else set()
        if vector is not None:
            pool |= set(self._dense_top(vector, allowed).tolist())
        candidates = np.array(sorted(pool), dtype=np.int64)
        dense = self._dense_scores(candidates, vector) if vector is not None else np.zeros(len(candidates))
        return candidates, dense, keyword_all[candidates].astype(np.float64)

    def _dense_scores(self, chunk_ids: np.ndarray, vector: np.ndarray) -> np.ndarray:
        """A chunk's dense score: the best similarity over its own vector and its sentence views."""
        spans = [self._by_owner[self._starts[c] : self._starts[c + 1]] for c in chunk_ids]
        rows = np.concatenate(spans) if spans else np.zeros(0, dtype=np.int64)
        if self.index.embeddings is not None:
            similarity = self.index.embeddings[rows] @ vector
        else:  # read the candidates' vectors back from the graph's storage
            similarity = self.index.dense.reconstruct_batch(rows.astype(np.int64)) @ vector
        bounds = np.cumsum([0] + [len(span) for span in spans])
        return np.array(
            [similarity[a:b].max() for a, b in zip(bounds[:-1], bounds[1:], strict=True)], dtype=np.float64
        )

    def _dense_top(self, vector: np.ndarray, allowed: np.ndarray) -> np.ndarray:
        if self.index.embeddings is not None:
            ordered = (self.index.embeddings @ vector)[self._by_owner]
            return _top(np.maximum.reduceat(ordered, self._starts[:-1]), allowed, POOL)
        import faiss

        params = None
        if len(allowed) < len(self.chunks):
            rows = np.flatnonzero(np.isin(self.index.owner, allowed))
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows.astype(np.int64)))
        _, ids = self.index.dense.search(vector[None, :].astype(np.float32), 3 * POOL, params=params)
        return np.unique(self.index.owner[ids[0][ids[0] >= 0]])


def dense_query(text: str) -> str:
    """The text embedded for a question: with the plan wording of its English or everyday terms."""
    return expand(text)


def _top(scores: np.ndarray, allowed: np.ndarray, n: int) -> np.ndarray:
    values = scores[allowed]
    if len(values) > n:
        keep = np.argpartition(-values, n)[:n]
        return allowed[keep]
    return allowed


def _interleave_by_place(order: np.ndarray, chunk_place: np.ndarray, places: Sequence[str]) -> np.ndarray:
    """Alternate places in rank order so a comparison question sees each place near the top."""
    position = {int(i): n for n, i in enumerate(order)}
    queues = {place: [i for i in order if chunk_place[i] == place] for place in places}
    rest = [i for i in order if chunk_place[i] not in queues]
    merged: list[int] = []
    while any(queues.values()):
        round_ = [queue.pop(0) for queue in queues.values() if queue]
        merged.extend(sorted(round_, key=lambda i: position[int(i)]))
    return np.array(merged + rest, dtype=np.int64)


def _recorded_corpus(index_dir: Path) -> str | None:
    """The corpus path an unusable index's manifest still names, if it can be read."""
    from assistant.index_store import read_manifest

    try:
        return read_manifest(index_dir).get("corpus_path") or None
    except IndexProblem:
        return None


def _stale(index: LoadedIndex, corpus: Path) -> bool:
    from assistant.corpus import load_corpus

    return index.manifest.get("corpus_hash") != corpus_hash(load_corpus(corpus))


def _rebuild(index_dir: Path, encoder, corpus: Path) -> LoadedIndex:
    from assistant.corpus import read_corpus
    from assistant.knowledge import index_extras

    loaded = read_corpus(corpus)
    for problem in loaded.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    build_index(loaded.documents, index_dir, encoder, corpus_path=str(corpus.resolve()), extras=index_extras)
    return load_index(index_dir, model_id=encoder.model_id)
