"""The benchmark at scale: a synthetic corpus of N chunks, its vectors (cached model embeddings or composed
stand-ins), an index built from them as shipped (`build_documents`: targets and responsibilities too), dense index kinds compared, and the real
`Retriever` searching it. The build and the searches each run in a fresh process, so their peak RSS is
their own and not the benchmark's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from evaluation.bench_search import measure_search
from evaluation.bench_settings import BenchSettings, progress
from evaluation.timing import peak_rss_mb


def measure_scale(
    pool, encoder, encoder_factory, questions: list[str], settings: BenchSettings, work: Path
) -> dict:
    from assistant.indexing.vectors import vector_texts
    from evaluation.ann import compare_indexes, scale_sizes
    from evaluation.synthetic import document_chunks, synthetic_documents

    start = time.perf_counter()
    documents = synthetic_documents(pool, settings.scale, settings.seed)
    chunks = list(document_chunks(documents))
    texts, owner = vector_texts(chunks)
    generate_s = time.perf_counter() - start
    progress(
        f"{len(chunks):,} synthetic chunks ({len(texts):,} texts to embed) in {len(documents):,} documents"
    )
    vectors, run, check = scale_vectors(texts, owner, chunks, pool, encoder, settings.vectors)
    vectors_path = work / "vectors.npy"
    np.save(vectors_path, vectors.astype(np.float16), allow_pickle=False)

    progress("building the index from those vectors, in a fresh process")
    index_dir = work / "scale-index"
    build = in_fresh_process(
        build_in_child, documents, str(vectors_path), encoder.model_id, encoder.dim, str(index_dir)
    )
    n_documents = len(documents)
    del documents, chunks, texts, owner

    progress("comparing dense index kinds")
    query_vectors = encoder.encode_queries(questions)
    ann = compare_indexes(vectors, query_vectors, scale_sizes(len(vectors)), k=settings.k)
    del vectors
    vectors_path.unlink()

    progress("searching the index with the real retriever, in a fresh process")
    serve = in_fresh_process(serve_in_child, str(index_dir), encoder_factory, questions, settings.k)
    texts_per_s = run.chunks_per_s
    total = build["texts"]
    # a full build with the model: embedding every text at the measured rate, plus everything else
    projected = serve["chunks"] / (total / texts_per_s + build["build_s"]) if run.embedded else float("nan")
    return {
        "chunks": serve["chunks"],
        "documents": n_documents,
        "dense_vectors": total,
        "vector_source": settings.vectors,
        "composed_agreement": check,
        "generate_s": generate_s,
        "embedded_this_run": run.embedded,
        "embed_s": run.seconds,
        "embed_texts_per_s": texts_per_s,
        "build": build,
        "projected_build_chunks_per_s": projected,
        "ann": ann,
        "serve": serve,
    }


def scale_vectors(texts, owner, chunks, pool, encoder, source: str):
    """(vectors in `texts` order, EmbedRun, composed-vector check or None).

    The cache holds the texts grouped by chunk (a chunk's text, then its sentence views), so a smaller
    scale's blocks are the leading blocks of a larger one.
    """
    from evaluation.embed_cache import BLOCK, cache_dir, cached_embeddings

    order = np.argsort(owner, kind="stable")
    grouped = [texts[i] for i in order]
    if source == "composed":
        from evaluation.composed import Composer, agreement, composed_vectors

        progress("composing vectors from the source sentences' embeddings")
        composer = Composer(pool, encoder)
        vectors = composed_vectors(texts, owner, chunks, composer)
        progress(
            f"embedding the first {min(BLOCK, len(texts)):,} texts to check the composed vectors against"
        )
        model, run = cached_embeddings(grouped[:BLOCK], encoder)
        check = {**agreement(vectors[order[:BLOCK]], model), "unmatched_texts": composer.unmatched}
        return vectors, run, check
    progress(f"embedding (resumable, cached in {cache_dir(encoder.model_id)})")
    embedded, run = cached_embeddings(grouped, encoder)
    vectors = np.empty_like(embedded)
    vectors[order] = embedded
    return vectors, run, None


class _CacheOnly:
    """The encoder a child build gets: every passage must come from the benchmark's vectors."""

    def __init__(self, model_id: str, dim: int) -> None:
        self.model_id, self.dim = model_id, dim

    def encode_passages(self, texts, *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        raise RuntimeError(f"{len(texts)} texts to embed are not among the benchmark's vectors")

    encode_queries = encode_passages


def build_in_child(documents, vectors_path: str, model_id: str, dim: int, index_dir: str) -> dict:
    """Run in a fresh process: the shipped build (index and side files) of `documents`, its passages
    answered from the saved vectors."""
    from assistant.indexing.build import build_documents
    from assistant.indexing.vectors import vector_texts
    from evaluation.embed_cache import KnownPassages
    from evaluation.synthetic import document_chunks

    texts, _ = vector_texts(list(document_chunks(documents)))
    vectors = np.load(vectors_path, allow_pickle=False)
    known = KnownPassages(_CacheOnly(model_id, dim), texts, vectors)
    start = time.perf_counter()
    build_documents(documents, Path(index_dir), known, progress=False)
    return {
        "texts": len(texts),
        "build_s": time.perf_counter() - start,
        "peak_rss_mb": peak_rss_mb(),
        "bench_copy_mb": vectors.nbytes / 2**20,  # the benchmark's float16 vectors, included in the peak
    }


def serve_in_child(
    index_dir: str, encoder_factory: Callable[[], object], questions: list[str], k: int
) -> dict:
    """Run in a fresh process: load the model and the index, search, and report this process's peak RSS."""
    from assistant.search.retriever import Retriever

    start = time.perf_counter()
    encoder = encoder_factory()
    retriever = Retriever.load(index_dir, encoder=encoder)
    opened = time.perf_counter() - start
    figures = measure_search(retriever, questions, k)
    return {"open_s": opened, **figures, "peak_rss_mb": peak_rss_mb()}


def in_fresh_process(function: Callable, *args) -> dict:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()
