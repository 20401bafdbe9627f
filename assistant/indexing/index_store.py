"""Build, save, load and validate an index directory made of plain files.

Layout: DIR/CURRENT names the active build DIR/build-*/, which holds manifest.json (format version,
corpus hash, model id, dimension, a SHA-256 per file), documents.jsonl, clauses.jsonl, chunks.jsonl,
embeddings.npy (float16: one vector per chunk and per sentence view, reused by later builds for unchanged
text) with vector_owner.npy and vector_keys.npy, dense.faiss (only above HNSW_THRESHOLD vectors: the
8-bit HNSW graph; exact search reads embeddings.npy, so a small index keeps each vector once) and
keyword/ (bm25s). The vectors are made by indexing/vectors (one encoder pass per text, or late chunking).
A build is written beside the active one and switched to by replacing CURRENT, so a build that fails
half-way leaves the previous index working; a lock file keeps two builds from running at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.config import INDEX_FORMAT_VERSION
from assistant.documents.chunking import CHUNK_LIMIT, VIEW_LIMIT, chunk_clauses
from assistant.documents.structure import parse_clauses
from assistant.errors import AssistantError
from assistant.indexing.vectors import embed_chunks, vector_mode
from assistant.records import Chunk, Clause, Document, Measure, Target

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
LOCK = ".build.lock"
HNSW_THRESHOLD = 50_000  # above this many vectors an HNSW graph replaces exact (flat) search
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 128
DENSE_FILE = "dense.faiss"  # the HNSW graph; an index under HNSW_THRESHOLD vectors has none
_CHUNKING = f"clauses-v2-limit{CHUNK_LIMIT}-views{VIEW_LIMIT}"


class IndexProblem(AssistantError):
    """The index cannot be used as it is; the message says what is wrong and what to run."""


@dataclass
class LoadedIndex:
    directory: Path
    manifest: dict
    documents: list[Document]
    clauses: list[Clause]
    chunks: list[Chunk]
    # (vectors, dim) float32, L2-normalised: one per chunk, then its sentence views; None above
    # HNSW_THRESHOLD, where the graph holds the vectors (8-bit) and candidates are read back from it
    embeddings: np.ndarray | None
    owner: np.ndarray  # int64, (vectors,): the chunk each vector stands for
    dense: object | None  # the HNSW graph (faiss.Index) when `embeddings` is None; None for exact search
    keyword: object  # assistant.indexing.keyword.KeywordIndex


def corpus_hash(documents: Iterable[Document]) -> str:
    """Changes when any document's text or metadata changes (order-independent)."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        meta = [doc.doc_id, doc.title, doc.city, doc.province, doc.doc_number, doc.issue_date, doc.issuer]
        digest.update(json.dumps([meta, doc.content_hash or doc.text], ensure_ascii=False).encode())
    digest.update(f"{_CHUNKING}-vectors-{vector_mode()}".encode())  # a new mode rebuilds the index
    return digest.hexdigest()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    return list(_iter_jsonl(path))


def _iter_jsonl(path: Path) -> Iterator[dict]:
    """Rows one at a time, so a large file is never held as a list of dicts beside its records."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def make_faiss_index(vectors: np.ndarray):
    """Exact inner-product search for small corpora, an 8-bit HNSW graph above HNSW_THRESHOLD vectors."""
    import faiss

    if len(vectors) > HNSW_THRESHOLD:
        return hnsw_index(vectors)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors.astype(np.float32))
    return index


def hnsw_index(vectors: np.ndarray):
    """The HNSW graph (Malkov & Yashunin 2018) an index stores above HNSW_THRESHOLD vectors: 8-bit scalar-quantised
    storage, a quarter of the memory of float32 vectors, with HNSW_M, efConstruction and efSearch."""
    import faiss

    index = faiss.IndexHNSWSQ(
        vectors.shape[1], faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT
    )
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    index.hnsw.efSearch = HNSW_EF_SEARCH
    index.train(vectors.astype(np.float32))
    index.add(vectors.astype(np.float32))
    return index


def active_build(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT
    if not pointer.exists():
        return None
    build = index_dir / pointer.read_text(encoding="utf-8").strip()
    return build if build.is_dir() else None


def _previous_vectors(index_dir: Path, model_id: str) -> dict[str, np.ndarray]:
    """Embeddings of the active build by text, so unchanged texts are not embedded again."""
    build = active_build(index_dir)
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8")) if build else None
        if not manifest or manifest.get("model_id") != model_id:
            return {}
        keys = np.load(build / "vector_keys.npy", allow_pickle=False)
        vectors = np.load(build / "embeddings.npy", allow_pickle=False)
        return {key.decode(): vector for key, vector in zip(keys, vectors, strict=True)}
    except (OSError, ValueError, KeyError, json.JSONDecodeError):
        return {}


def build_index(
    documents: list[Document],
    index_dir: Path,
    encoder,
    *,
    corpus_path: str = "",
    progress: bool = True,
    extras: Callable[[list[Document], list[Clause]], dict[str, list[dict]]] | None = None,
) -> Path:
    """Build an index of `documents` into a new build directory and make it the active one."""
    from filelock import FileLock, Timeout

    from assistant.indexing.keyword import KeywordIndex

    if not documents:
        raise IndexProblem("no documents to index")
    index_dir.mkdir(parents=True, exist_ok=True)
    try:
        lock = FileLock(str(index_dir / LOCK), timeout=0)
        lock.acquire()
    except Timeout as exc:
        raise IndexProblem(f"another build of {index_dir} is running; wait for it to finish") from exc
    try:
        clauses = [clause for doc in documents for clause in parse_clauses(doc.doc_id, doc.text)]
        by_doc: dict[str, list[Clause]] = {}
        for clause in clauses:
            by_doc.setdefault(clause.doc_id, []).append(clause)
        chunks = [chunk for doc in documents for chunk in chunk_clauses(doc, by_doc.get(doc.doc_id, []))]
        reuse = _previous_vectors(index_dir, encoder.model_id)
        vectors, owner, keys, stats = embed_chunks(
            vector_mode(), documents, clauses, chunks, encoder, reuse, progress
        )
        del reuse
        build = (
            index_dir / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        )
        build.mkdir()
        _write_jsonl(build / "documents.jsonl", (asdict(doc) for doc in documents))
        _write_jsonl(build / "clauses.jsonl", (asdict(clause) for clause in clauses))
        _write_jsonl(build / "chunks.jsonl", (chunk.to_json() for chunk in chunks))
        np.save(build / "embeddings.npy", vectors.astype(np.float16), allow_pickle=False)
        np.save(build / "vector_owner.npy", owner, allow_pickle=False)
        np.save(build / "vector_keys.npy", keys, allow_pickle=False)
        if len(vectors) > HNSW_THRESHOLD:  # exact search reads embeddings.npy: no second copy on disk
            import faiss

            faiss.write_index(hnsw_index(vectors), str(build / DENSE_FILE))
        KeywordIndex.build([chunk.embed_text for chunk in chunks]).save(build / "keyword")
        for name, rows in (extras(documents, clauses) if extras else {}).items():
            _write_jsonl(build / name, rows)
        _write_manifest(build, documents, encoder, corpus_path, len(chunks), stats)
        _switch(index_dir, build)
        return build
    finally:
        lock.release()


def _write_manifest(
    build: Path, documents: list[Document], encoder, corpus_path: str, n_chunks: int, vectors: dict
) -> None:
    files = sorted(p for p in build.rglob("*") if p.is_file())
    manifest = {
        "format_version": INDEX_FORMAT_VERSION,
        "corpus_hash": corpus_hash(documents),
        "corpus_path": corpus_path,
        "model_id": encoder.model_id,
        "dim": encoder.dim,
        "chunking": _CHUNKING,
        "documents": len(documents),
        "chunks": n_chunks,
        "vectors": vectors,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "files": {str(p.relative_to(build)): _sha256_file(p) for p in files},
    }
    (build / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def _switch(index_dir: Path, build: Path) -> None:
    """Atomically point CURRENT at `build`, then remove builds older than the one it replaced."""
    previous = active_build(index_dir)
    tmp = index_dir / f"{CURRENT}.tmp-{os.getpid()}"
    tmp.write_text(build.name, encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT)
    keep = {build.name, previous.name if previous else ""}
    for old in index_dir.glob("build-*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def rebuild_command(index_dir: Path, corpus_path: str = "") -> str:
    """The command that rebuilds an index, naming its corpus when it is known."""
    return f"python -m assistant index --corpus {corpus_path or 'DIR'} --index {index_dir}"


def read_manifest(index_dir: Path) -> dict:
    build = active_build(index_dir)
    if build is None:
        raise IndexProblem(
            f"no index in {index_dir}; build it with: python -m assistant index --corpus DIR --index {index_dir}"
        )
    try:
        return json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexProblem(
            f"index manifest in {build} is unreadable; rebuild it with: {rebuild_command(index_dir)}"
        ) from exc


def load_index(index_dir: Path, model_id: str | None = None, verify: bool = True) -> LoadedIndex:
    """Load the active build, checking format version, model and file checksums."""
    import faiss

    from assistant.indexing.keyword import KeywordIndex

    manifest = read_manifest(index_dir)
    build = active_build(index_dir)
    assert build is not None
    fix = f"rebuild it with: {rebuild_command(index_dir, manifest.get('corpus_path', ''))}"
    if manifest.get("format_version") != INDEX_FORMAT_VERSION:
        raise IndexProblem(
            f"index in {index_dir} has format {manifest.get('format_version')}, expected {INDEX_FORMAT_VERSION}; {fix}"
        )
    if model_id and manifest.get("model_id") != model_id:
        raise IndexProblem(
            f"index in {index_dir} was built with {manifest.get('model_id')}, not {model_id}; {fix}"
        )
    if verify:
        for name, expected in manifest.get("files", {}).items():
            path = build / name
            if not path.exists() or _sha256_file(path) != expected:
                raise IndexProblem(f"index file {name} in {build} is missing or corrupted; {fix}")
    try:
        chunks = [Chunk.from_json(row) for row in _iter_jsonl(build / "chunks.jsonl")]
        clauses = [_clause(row) for row in _iter_jsonl(build / "clauses.jsonl")]
        documents = [Document(**row) for row in _iter_jsonl(build / "documents.jsonl")]
        # Exact search multiplies all vectors: keep them as float32. Above HNSW_THRESHOLD the graph
        # holds them already, and candidates' vectors are read back from it: no second copy in memory.
        dense, embeddings = None, None
        if (build / DENSE_FILE).exists():
            dense = faiss.read_index(str(build / DENSE_FILE))
        else:
            embeddings = np.load(build / "embeddings.npy", allow_pickle=False).astype(np.float32)
        owner = np.load(build / "vector_owner.npy", allow_pickle=False).astype(np.int64)
        keyword = KeywordIndex.load(build / "keyword")
    except Exception as exc:  # any unreadable file means the same thing to the user
        raise IndexProblem(f"index in {build} cannot be read ({type(exc).__name__}); {fix}") from exc
    counts_agree = len(owner) == (len(embeddings) if embeddings is not None else dense.ntotal)
    if not counts_agree or (len(owner) and owner.max() >= len(chunks)):
        raise IndexProblem(f"index in {build} is inconsistent (chunk and vector counts differ); {fix}")
    return LoadedIndex(build, manifest, documents, clauses, chunks, embeddings, owner, dense, keyword)


def _clause(row: dict) -> Clause:
    return Clause(
        **{**row, "path": tuple(row["path"]), "lead": tuple(row["lead"]), "support": tuple(row["support"])}
    )


def read_extra(index: LoadedIndex, name: str) -> list[dict]:
    """A plain-data side file of the build (e.g. targets.jsonl); empty when absent."""
    path = index.directory / name
    return _read_jsonl(path) if path.exists() else []


def load_targets(index: LoadedIndex) -> list[Target]:
    """The quantitative targets stored with a loaded index (knowledge.extras wrote them)."""
    from assistant.knowledge.extras import TARGETS_FILE

    return [Target(**row) for row in read_extra(index, TARGETS_FILE)]


def load_measures(index: LoadedIndex) -> list[Measure]:
    """The support measures stored with a loaded index (knowledge.extras wrote them)."""
    from assistant.knowledge.extras import MEASURES_FILE

    return [Measure.from_json(row) for row in read_extra(index, MEASURES_FILE)]
