"""The benchmark's plumbing with the fake encoder and a small synthetic corpus (no timing is asserted)."""

from __future__ import annotations

import argparse
import json
import random
import re

import numpy as np
import pytest

from assistant.config import DEFAULT_CORPUS_DIR
from assistant.documents.chunking import CHUNK_LIMIT
from assistant.documents.places import load_places
from assistant.documents.structure import parse_clauses
from assistant.indexing.index_store import HNSW_THRESHOLD, make_faiss_index
from assistant.indexing.vectors import vector_texts
from evaluation import ann, bench, bench_search, embed_cache
from evaluation.bench_report import headline, markdown_report, write_bench
from evaluation.composed import HEADING_WEIGHT, PLACE_WEIGHT, Composer, agreement, composed_vectors
from evaluation.synthetic import document_chunks, load_pool, synthetic_documents, vary_numbers
from tests.fakes import FakeEncoder, FakeTokenEncoder
from tests.samples import write_corpus

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def pool():
    return load_pool(DEFAULT_CORPUS_DIR)


def test_synthetic_corpus_is_deterministic_and_stable_across_scales(pool):
    first = synthetic_documents(pool, 600, seed=7)
    again = synthetic_documents(pool, 600, seed=7)
    assert [d.text for d in first] == [d.text for d in again]
    other = synthetic_documents(pool, 600, seed=8)
    assert [d.text for d in first] != [d.text for d in other]
    # A smaller scale is a prefix of a larger one, so cached embeddings are shared.
    small = [c.embed_text for c in document_chunks(synthetic_documents(pool, 250, seed=7))]
    large = [c.embed_text for c in document_chunks(first)]
    assert small == large[:250]


def test_synthetic_chunks_read_like_policy_clauses(pool):
    documents = synthetic_documents(pool, 2000)
    chunks = list(document_chunks(documents))
    assert len(chunks) == 2000 == sum(len(parse_clauses(d.doc_id, d.text)) for d in documents)
    cities = {p.city for p in load_places()}
    for chunk in chunks:
        text = chunk.text
        assert re.match(r"^\d{1,2}．", text), text[:20]  # a numbered item, as in the source documents
        assert text.endswith("。")
        assert 40 <= len(text) <= CHUNK_LIMIT
        assert len(CJK.findall(text)) / len(text) > 0.55  # figures and punctuation make up the rest
        assert chunk.city in cities and chunk.city in chunk.embed_text
    share = sum(len(CJK.findall(c.text)) for c in chunks) / sum(len(c.text) for c in chunks)
    assert share > 0.8  # as in the seed documents' clauses (0.85)
    lengths = sorted(len(c.text) for c in chunks)
    assert 120 <= lengths[len(lengths) // 2] <= 300  # the seed clauses' median is 164 characters
    assert len({c.text for c in chunks}) > 0.99 * len(chunks)
    for doc in documents:  # the source cities' names were replaced by the document's own
        if doc.city not in ("苏州", "晋城"):
            assert "苏州" not in doc.text and "晋城" not in doc.text


def test_vary_numbers_keeps_years_and_caps_percentages():
    rng = random.Random(1)
    for _ in range(20):
        text = vary_numbers("到2027年更新替代100台（套），新能源公交车辆占比达到85%。", rng)
        year, count, share = re.findall(r"\d+(?:\.\d+)?", text)
        assert year == "2027"
        assert int(count) in {50, 80, 120, 150, 200}
        assert float(share) <= 99


def test_recall_at_k_by_hand():
    truth = np.array([[0, 1, 2, 3], [4, 5, 6, 7]])
    found = np.array([[0, 1, 9, -1], [7, 6, 5, 4]])
    # k=4: query 1 finds {0,1} of {0,1,2,3} → 0.5; query 2 finds all four (order ignored) → 1.0
    assert ann.recall_at_k(truth, found, 4) == pytest.approx(0.75)
    # k=2: query 1 {0,1} vs {0,1} → 1.0; query 2 {4,5} vs {7,6} → 0.0
    assert ann.recall_at_k(truth, found, 2) == pytest.approx(0.5)


def test_compare_indexes_measures_recall_against_flat():
    vectors = np.random.default_rng(0).normal(size=(300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[:12]
    # Flat over the negated vectors returns the *least* similar chunks: with 300 distinct vectors its
    # top 10 shares nothing with the true top 10. HNSW searching 128 candidates among 300 visits them all,
    # but it is the index that ships, with 8-bit vectors: near ties may swap at the 10th place.
    kinds = {"flat": ann.flat_index, "hnsw": ann.hnsw_index, "negated": lambda v: ann.flat_index(-v)}
    rows = ann.compare_indexes(vectors, queries, [150, 300], k=10, kinds=kinds)
    recall = {(r["size"], r["kind"]): r["recall@10"] for r in rows}
    assert {key: value for key, value in recall.items() if key[1] != "hnsw"} == {
        (150, "flat"): 1.0, (150, "negated"): 0.0, (300, "flat"): 1.0, (300, "negated"): 0.0
    }  # fmt: skip
    assert 0.95 <= recall[(150, "hnsw")] <= 1.0 and 0.95 <= recall[(300, "hnsw")] <= 1.0
    assert (
        type(ann.hnsw_index(vectors)).__name__ == type(make_faiss_index(np.tile(vectors, (200, 1)))).__name__
    )
    assert all(r["index_store_uses"] == "flat" and r["p50_ms"] >= 0 and r["index_mb"] > 0 for r in rows)
    assert ann.scale_sizes(100_000) == [10_000, 25_000, 50_000, 100_000]


def test_hnsw_settings_are_index_stores():
    vectors = np.random.default_rng(1).normal(size=(HNSW_THRESHOLD + 1, 2)).astype(np.float32)
    index = make_faiss_index(vectors)
    assert index.hnsw.efConstruction == ann.HNSW_EF_CONSTRUCTION
    assert index.hnsw.efSearch == ann.HNSW_EF_SEARCH
    assert index.hnsw.nb_neighbors(1) == ann.HNSW_M
    assert type(ann.hnsw_index(vectors[:300])) is type(index)  # the benchmark measures the index that ships
    assert type(make_faiss_index(vectors[:HNSW_THRESHOLD])).__name__ == "IndexFlatIP"


class CountingEncoder(FakeEncoder):
    def __init__(self) -> None:
        self.passages = 0

    def encode_passages(self, texts, *, batch_size=32, progress=False):
        self.passages += len(texts)
        return super().encode_passages(texts)


def test_embedding_cache_resumes_after_an_interruption(tmp_path):
    texts = [f"第{i}条 公交 电梯 补贴" * (1 + i % 3) for i in range(2500)]
    encoder = CountingEncoder()
    vectors, run = embed_cache.cached_embeddings(texts, encoder, tmp_path, progress=False)
    assert (run.embedded, encoder.passages) == (2500, 2500)
    assert len(list(tmp_path.glob("*.npy"))) == 3  # blocks of 1000, 1000 and 500
    np.testing.assert_allclose(vectors, FakeEncoder().encode_passages(texts), atol=1e-6)
    # A run killed after the first two blocks: only the last block is embedded again.
    (tmp_path / f"{embed_cache.block_key(texts[2000:])}.npy").unlink()
    again, run = embed_cache.cached_embeddings(texts, encoder, tmp_path, progress=False)
    assert (run.embedded, encoder.passages) == (500, 3000)
    np.testing.assert_array_equal(again, vectors)


def test_known_passages_encode_only_unknown_texts():
    encoder = CountingEncoder()
    texts = ["公交 补贴", "电梯 更新"]
    known = embed_cache.KnownPassages(encoder, texts, np.eye(2, FakeEncoder.dim, dtype=np.float32))
    out = known.encode_passages(["电梯 更新", "家电 以旧换新", "公交 补贴"])
    np.testing.assert_array_equal(out[0], np.eye(2, FakeEncoder.dim)[1])
    np.testing.assert_array_equal(out[2], np.eye(2, FakeEncoder.dim)[0])
    np.testing.assert_allclose(out[1], FakeEncoder().encode_passages(["家电 以旧换新"])[0])
    assert known.unknown == 1 == encoder.passages
    assert known.model_id == FakeEncoder.model_id


def test_composed_vectors_sum_the_source_sentences(pool, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path))
    encoder = FakeEncoder()
    composer = Composer(pool, encoder)
    source = next(s for s in pool.sentences if s.place == "苏州" and "苏州" in s.text)
    item = pool.items[0]
    # An item of 南京 made of a heading and that sentence, with its place and figures changed.
    text = f"南京 南京市某方案\n一、任务 › 1．{item}\n1．{item}。" + vary_numbers(
        source.text.replace("苏州", "南京"), random.Random(3)
    )
    sentence, heading, place = encoder.encode_passages([source.text, item, "南京"])
    # The body's two sentences, plus the heading again from the header line, then the place at half weight.
    body = sentence + heading + HEADING_WEIGHT * heading
    expected = body / np.linalg.norm(body) + PLACE_WEIGHT * place
    expected /= np.linalg.norm(expected)
    np.testing.assert_allclose(composer.vector(text, ("南京", "江苏")), expected, atol=1e-6)
    assert composer.unmatched == 0
    composer.vector("南京\n与任何来源都不相同的一句话。", ("南京", "江苏"))
    assert composer.unmatched == 1


def test_composed_vectors_cover_every_text_of_a_synthetic_index(pool, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path))
    chunks = list(document_chunks(synthetic_documents(pool, 40)))
    texts, owner = vector_texts(chunks)
    composer = Composer(pool, FakeEncoder())
    vectors = composed_vectors(texts, owner, chunks, composer)
    assert vectors.shape == (len(texts), FakeEncoder.dim) and composer.unmatched == 0
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    same = agreement(vectors, vectors.copy())
    assert same["mean_cosine"] == pytest.approx(1.0)


def test_strip_places_removes_every_alias():
    aliases = {"苏州": "苏州", "苏州市": "苏州", "suzhou": "苏州", "晋城": "晋城"}
    assert (
        bench_search.strip_places("到2027年苏州市新能源公交占比达到多少？", aliases)
        == "到2027年新能源公交占比达到多少？"
    )
    assert bench_search.strip_places("Suzhou 晋城 电梯 更新", aliases) == "电梯 更新"


def test_bench_subcommand_parses_its_flags():
    parser = argparse.ArgumentParser()
    bench.add_subparser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["bench", "--scale", "2000", "--queries", "50", "--skip-scale", "--vectors", "composed"]
    )
    assert (args.scale, args.queries, args.skip_scale) == (2000, 50, True)
    assert (args.vectors, args.k) == ("composed", 10)
    assert args.handler is bench.cmd_bench


FIGURES = """model_id cores queries corpus_chunks corpus_encode_p50_ms corpus_encode_p95_ms corpus_search_p50_ms
corpus_search_p95_ms corpus_search_to_encode_p50 corpus_search_no_place_p50_ms build_sample_chunks
build_sample_texts bare_encode_chunks_per_s build_chunks_per_s build_to_encode build_peak_rss_mb scale_chunks scale_documents
scale_vector_source scale_embedded_this_run scale_embed_texts_per_s scale_build_s scale_build_peak_rss_mb
scale_projected_build_chunks_per_s scale_open_s scale_dense_vectors scale_dense_index scale_encode_p50_ms
scale_encode_p95_ms scale_search_p50_ms scale_search_p95_ms scale_search_to_encode_p50
scale_search_no_place_p50_ms scale_search_no_place_to_encode_p50 scale_place_names_p50_ms
scale_keyword_scores_p50_ms scale_dense_matmul_p50_ms scale_dense_faiss_p50_ms scale_serve_peak_rss_mb
corpus_build_vector_mode corpus_build_encode_once_s corpus_build_build_s corpus_build_build_to_encode_once
corpus_build_encoded_to_text_tokens corpus_build_peak_rss_mb peak_rss_mb""".split()


def test_small_bench_run_reports_every_figure(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path / "home"))
    settings = bench.BenchSettings(scale=2000, queries=12, build_sample=100)
    results = bench.run_bench(settings, FakeEncoder)
    figures = headline(results)
    assert set(FIGURES) <= set(figures)
    texts = figures["scale_dense_vectors"]  # each chunk's text and its sentence views
    assert figures["scale_chunks"] == 2000 and texts > 2000
    assert figures["scale_embedded_this_run"] == texts and figures["model_id"] == FakeEncoder.model_id
    assert {(r["size"], r["kind"]) for r in results["scale"]["ann"]} == {
        (size, kind) for size in ann.scale_sizes(texts) for kind in ("flat", "hnsw", "ivf")
    }
    report = markdown_report(results)
    for name in FIGURES:
        assert f"| {name} |" in report
    assert "RSS ≤ 2 GB while serving" in report and f"| {texts:,} | hnsw |" in report
    json_path, _ = write_bench(results, tmp_path / "out")
    written = json.loads(json_path.read_text(encoding="utf-8"))
    assert written["machine"]["cores"] >= 1 and set(FIGURES) <= set(written["figures"])


def test_composed_bench_run_checks_its_stand_in_vectors(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path))
    settings = bench.BenchSettings(scale=300, queries=6, build_sample=30, vectors="composed")
    scale = bench.run_bench(settings, FakeEncoder)["scale"]
    check = scale["composed_agreement"]
    assert scale["vector_source"] == "composed" and check["unmatched_texts"] == 0
    assert check["texts"] == 1000 and 0 < check["mean_cosine"] <= 1


def test_skip_scale_reports_the_real_corpus_only(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path))
    results = bench.run_bench(bench.BenchSettings(queries=8, build_sample=50, skip_scale=True), FakeEncoder)
    figures = headline(results)
    assert "scale_chunks" not in figures and figures["build_sample_chunks"] == 50
    assert figures["corpus_chunks"] > 0
    assert "scale goals not measured" in markdown_report(results)
    assert "encoding the corpus text once" in markdown_report(results)


def test_a_corpus_build_is_measured_against_encoding_its_text_once(tmp_path, monkeypatch):
    from assistant.indexing.build import readable_corpus
    from evaluation.bench_build import measure_corpus_build, text_pieces

    assert text_pieces(["甲" * 1200, "乙" * 10]) == ["甲" * 500, "甲" * 500, "甲" * 200, "乙" * 10]
    monkeypatch.setenv("POLICY_ASSISTANT_VECTORS", "clauses")
    corpus = write_corpus(tmp_path / "corpus")
    figures = measure_corpus_build(corpus, tmp_path / "index", FakeTokenEncoder())
    documents = readable_corpus(corpus).documents
    text = sum(len(doc.text) + 2 for doc in documents)  # one piece per document, a fake token per character
    assert figures["vector_mode"] == "clauses" and figures["text_tokens"] == text
    # each clause's pass repeats its document's title and its heading path: more tokens than the text
    assert figures["encoded_to_text_tokens"] == figures["encoded_tokens"] / text > 1
    assert figures["build_to_encode_once"] == figures["build_s"] / figures["encode_once_s"]
