"""The one build path: a corpus becomes an index with its side files (targets, responsibilities), and an
index is opened as it is, or rebuilt first when its corpus changed or it is missing or unreadable.

`python -m assistant index`, `add`/`remove`, the web app's first start, the retriever's callers and the
benchmark all build through `build_from_corpus` (or `build_documents`, for documents made in memory).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import NamedTuple

from assistant.config import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR
from assistant.documents.corpus import Corpus, CorpusError, load_corpus, read_corpus
from assistant.indexing.index_store import (
    CURRENT,
    IndexProblem,
    LoadedIndex,
    build_index,
    corpus_hash,
    load_index,
    read_manifest,
)
from assistant.knowledge.extras import index_extras
from assistant.records import Document

log = logging.getLogger(__name__)


class CorpusBuild(NamedTuple):
    """A finished build: its directory, and one line per corpus file that could not be read."""

    build: Path
    skipped: list[str]


def readable_corpus(corpus: Path, *, report_skipped: bool = True) -> Corpus:
    """The corpus's readable documents; each skipped file is logged (unless the caller reports them) and a
    corpus with no readable document is refused."""
    loaded = read_corpus(corpus)
    if report_skipped:
        for problem in loaded.problems:
            log.warning("skipped: %s", problem)
    if not loaded.documents:
        raise CorpusError(f"no readable documents in {corpus}")
    return loaded


def build_documents(
    documents: list[Document], index_dir: Path, encoder, *, corpus_path: str = "", progress: bool = True
) -> Path:
    """Index `documents` with the side files every shipped index carries (knowledge.extras)."""
    return build_index(
        documents, index_dir, encoder, corpus_path=corpus_path, progress=progress, extras=index_extras
    )


def build_from_corpus(
    corpus: Path | str,
    index_dir: Path | str,
    encoder=None,
    *,
    progress: bool = True,
    report_skipped: bool = True,
) -> CorpusBuild:
    """Read a corpus directory or JSONL file and build its index into `index_dir` (made the active build)."""
    corpus = Path(corpus)
    loaded = readable_corpus(corpus, report_skipped=report_skipped)
    return _build(loaded, corpus, Path(index_dir), encoder, progress)


def _build(loaded: Corpus, corpus: Path, index_dir: Path, encoder, progress: bool) -> CorpusBuild:
    if encoder is None:
        from assistant.model.embedding import load_encoder

        encoder = load_encoder()
    path = str(corpus.resolve())
    build = build_documents(loaded.documents, index_dir, encoder, corpus_path=path, progress=progress)
    return CorpusBuild(build, loaded.problems)


def indexed_line(build: Path) -> str:
    """ "indexed 2 documents, 4 chunks into DIR": the line a finished build is reported with."""
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    return f"indexed {manifest['documents']} documents, {manifest['chunks']} chunks into {build}"


def open_or_build(
    index_dir: Path | str | None,
    encoder,
    corpus: Path | str | None = None,
    *,
    fallback: Path | str | None = None,
    progress: bool = True,
) -> LoadedIndex:
    """The index in `index_dir`, rebuilt first when its corpus changed since it was built, built when it is
    missing or unreadable and a corpus is known.

    The corpus is `corpus` if given, else the one the index was built from, else the bundled corpus for
    the default index directory; an index that cannot be read is built from `fallback` before that.
    """
    index_dir = Path(index_dir) if index_dir else DEFAULT_INDEX_DIR
    bundled = DEFAULT_CORPUS_DIR if index_dir == DEFAULT_INDEX_DIR else None
    try:
        index = load_index(index_dir, model_id=encoder.model_id)
    except IndexProblem as problem:
        source = corpus or _recorded_corpus(index_dir) or fallback or bundled
        if not (source and Path(source).exists()):
            raise
        _build_missing(problem, Path(source), index_dir, encoder, progress)
        return load_index(index_dir, model_id=encoder.model_id)
    source = corpus or index.manifest.get("corpus_path") or bundled  # the index's own corpus wins
    if source and Path(source).exists() and is_stale(index, Path(source)):
        log.info("corpus %s changed since the index was built; rebuilding", source)
        build_from_corpus(source, index_dir, encoder, progress=progress)
        index = load_index(index_dir, model_id=encoder.model_id)
    return index


def _build_missing(problem: IndexProblem, corpus: Path, index_dir: Path, encoder, progress: bool) -> None:
    """Build an index that is not there yet (a first start) or cannot be read, saying which."""
    if (index_dir / CURRENT).exists():
        log.info("%s\nbuilding the index from %s", problem, corpus)
        build_from_corpus(corpus, index_dir, encoder, progress=progress)
        return
    loaded = readable_corpus(corpus)
    log.info(
        "no index yet in %s: building it from %s (%d documents)", index_dir, corpus, len(loaded.documents)
    )
    _build(loaded, corpus, index_dir, encoder, progress)


def is_stale(index: LoadedIndex, corpus: Path) -> bool:
    """Whether the corpus's documents differ from those the index was built from."""
    return index.manifest.get("corpus_hash") != corpus_hash(load_corpus(corpus))


def _recorded_corpus(index_dir: Path) -> str | None:
    """The corpus path an unusable index's manifest still names, if it can be read."""
    try:
        return read_manifest(index_dir).get("corpus_path") or None
    except IndexProblem:
        return None
