"""Late chunking: vectors pooled from one encoder pass (model/span_pooling, indexing/vector_plan, vectors)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.documents.chunking import chunk_clauses, sentence_views, view_spans
from assistant.errors import AssistantError
from assistant.indexing.index_store import build_index, load_index
from assistant.indexing.vector_plan import VECTOR_MODES, plan_segments, vector_layout
from assistant.indexing.vectors import embed_chunks, vector_mode
from assistant.model.span_pooling import TokenStates, encode_spans, pool
from assistant.records import Clause, Document
from tests.fakes import FakeEncoder, FakeTokenEncoder
from tests.samples import docs

LATE_MODES = [mode for mode in VECTOR_MODES if mode not in ("separate", "composed")]  # modes with segments


def test_a_pool_is_the_mean_of_the_frame_and_the_tokens_it_overlaps():
    # <s> [0, 1], "公交" (0, 2) [2, 0], "电梯" (2, 4) [0, 2], </s> [0, 1]
    states = TokenStates(
        np.array([[0, 1], [2, 0], [0, 2], [0, 1]], np.float32),
        np.array([[0, 0], [0, 2], [2, 4], [0, 0]]),
        np.array([True, False, False, True]),
    )
    first, both = pool(states, [((0, 2),), ((1, 3),)])
    # (0, 2): mean of [0, 1], [2, 0], [0, 1] = [2/3, 2/3] → [1, 1] / √2
    assert first == pytest.approx([0.70711, 0.70711], abs=1e-5)
    # (1, 3) overlaps both text tokens: mean [0.5, 1.0] → [0.5, 1] / √1.25 = [0.44721, 0.89443]
    assert both == pytest.approx([0.44721, 0.89443], abs=1e-5)


def test_the_fake_token_encoder_pools_as_its_docstring_says():
    (vector,) = FakeTokenEncoder().encode_passages(["公交电梯"])
    expected = np.array([1, 1, 0, 0, 0, 0, 0, 0, 0.6]) / np.sqrt(1 + 1 + 0.36)
    assert vector == pytest.approx(expected, abs=1e-6)
    (pooled,) = encode_spans(FakeTokenEncoder(), ["公交电梯"], [[((0, 4),), ((2, 4),)]])
    assert pooled[0] == pytest.approx(expected, abs=1e-6)
    # "电梯" alone: two frame tokens and two characters, mean (0, 1, 0, …, 0.1 · 4) / 4 ∝ (0, 1, …, 0.4)
    assert pooled[1] == pytest.approx(np.array([0, 1, 0, 0, 0, 0, 0, 0, 0.4]) / np.sqrt(1.16), abs=1e-6)


def test_view_spans_find_each_views_sentences_in_the_passage():
    document = Document("d1", "甲市公交更新方案", "", city="甲市")
    text = (
        "推动公交车辆更新，对更新新能源公交车的企业按每辆车给予一次性补贴。\n"
        "到2027年新能源城市公交车辆占比达到85%，\n充电设施同步建设完善；\n"
        "加快老旧住宅电梯更新改造，对使用15年以上的电梯开展安全评估。"
    )
    (chunk,) = chunk_clauses(document, [Clause("d1", "d1#c1", ("一、任务",), text, 0)])
    views, spans = sentence_views(chunk), view_spans(chunk)
    assert len(views) == len(spans) >= 2
    for view, (start, end) in zip(views, spans, strict=True):
        assert view.split("\n", 1)[1] == chunk.text[start:end].replace("\n", "")


def _long_document() -> tuple[Document, list[Clause]]:
    """One clause long enough to be cut into overlapping windows, and two short ones."""
    document = Document("d1", "甲市设备更新实施方案", "", city="甲市")
    long_text = "".join(
        f"第{n}项：支持企业更新老旧设备并享受财政贴息{n}万元，提升公交和电梯安全。" for n in range(30)
    )
    clauses = [
        Clause("d1", "d1#c1", ("一、任务", "1．推进电梯更新"), "推动电梯更新。更新住宅电梯500台。", 0),
        Clause("d1", "d1#c2", ("一、任务", "2．推进设备更新"), long_text, 1),
        Clause("d1", "d1#c3", ("一、任务", "3．推动公交更新"), "新增新能源公交车200辆。", 2),
    ]
    return document, clauses


class WideEncoder(FakeTokenEncoder):
    max_tokens = 2048  # the long clause (about 900 characters, one fake token each) fits in one pass


@pytest.mark.parametrize("mode", LATE_MODES)
def test_every_vector_is_pooled_once_and_a_chunk_pools_its_own_passage(mode):
    document, clauses = _long_document()
    chunks = chunk_clauses(document, clauses)
    assert len(chunks) > 3  # the long clause is cut into windows
    owner, first_view = vector_layout(chunks)
    segments = plan_segments(mode, [document], clauses, chunks, WideEncoder())
    rows = [row for segment in segments for row in segment.rows]
    pooled_rows = len(chunks) if mode == "windows" else len(owner)  # "windows" encodes views on their own
    assert sorted(rows) == list(range(pooled_rows))
    for segment in segments:
        for row, ranges in zip(segment.rows, segment.pools, strict=True):
            chunk = chunks[owner[row]]
            pooled = "".join(segment.text[a:b] for a, b in ranges)
            if row < len(chunks):  # a chunk's vector: its whole passage, after its headings
                assert pooled.endswith(chunk.text) and document.title in pooled
            else:  # a view's: its sentences only
                view = sentence_views(chunk)[row - first_view[owner[row]]]
                assert pooled.replace("\n", "") == view.split("\n", 1)[1]
    if mode == "views":
        assert len(segments) == len(chunks)
    if mode in ("clauses", "windows"):  # one pass per clause
        assert len(segments) == len(clauses)
    if mode.startswith("seg"):  # the long clause over the budget is a pass of its own
        assert len(segments) == len(clauses)


def test_a_pass_over_the_whole_indexed_text_gives_the_separate_vector():
    chunks = [chunk for doc in docs() for chunk in chunk_clauses(doc, _clauses_of(doc))]
    encoder = FakeTokenEncoder()
    late = embed_chunks("clauses", docs(), _all_clauses(), chunks, encoder, {}, progress=False)
    separate = embed_chunks("separate", docs(), _all_clauses(), chunks, encoder, {}, progress=False)
    assert (late.owner == separate.owner).all()
    own = len(chunks)  # every sample clause is one chunk: its vector is the chunk's text's own
    assert late.vectors[:own] == pytest.approx(separate.vectors[:own], abs=1e-6)
    assert (late.keys[:own] == separate.keys[:own]).all()
    assert late.stats["passes"] == len(chunks) < separate.stats["passes"]
    assert 0 < late.stats["tokens"] < separate.stats["tokens"]


def _clauses_of(doc):
    from assistant.documents.structure import parse_clauses

    return parse_clauses(doc.doc_id, doc.text)


def _all_clauses():
    return [clause for doc in docs() for clause in _clauses_of(doc)]


def test_a_clause_over_the_models_limit_is_encoded_chunk_by_chunk():
    class ShortEncoder(FakeTokenEncoder):
        max_tokens = 300

    document, clauses = _long_document()
    chunks = chunk_clauses(document, clauses)
    segments = plan_segments("clauses", [document], clauses, chunks, ShortEncoder())
    assert len(segments) == len(chunks)  # the long clause (over 300 tokens) falls back to its windows


def test_a_late_build_records_its_mode_and_a_rebuild_reuses_every_vector(tmp_path, monkeypatch):
    class CountingEncoder(FakeTokenEncoder):
        passes = 0

        def token_states(self, texts, **kwargs):
            CountingEncoder.passes += len(texts)
            return super().token_states(texts)

    monkeypatch.setenv("POLICY_ASSISTANT_VECTORS", "seg256")
    build = build_index(docs(), tmp_path, CountingEncoder(), progress=False)
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["vectors"]["mode"] == "seg256" and manifest["vectors"]["passes"] == 2  # one per document
    index = load_index(tmp_path, model_id=CountingEncoder.model_id)
    assert len(index.embeddings) == len(index.owner) > len(index.chunks)
    CountingEncoder.passes = 0
    build_index(docs(), tmp_path, CountingEncoder(), progress=False)
    assert CountingEncoder.passes == 0


def test_an_encoder_without_token_states_falls_back_to_separate_passes(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_VECTORS", "clauses")
    build = build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    assert json.loads((build / "manifest.json").read_text(encoding="utf-8"))["vectors"]["mode"] == "separate"


def test_an_unknown_mode_is_one_clear_line(monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_VECTORS", "sideways")
    with pytest.raises(AssistantError, match="unknown vector mode 'sideways'.*separate, views"):
        vector_mode()


def test_composed_passages_are_their_views_read_as_one_text():
    document, clauses = _long_document()
    chunks = chunk_clauses(document, clauses)
    encoder = FakeTokenEncoder()
    composed = embed_chunks("composed", [document], clauses, chunks, encoder, {}, progress=False)
    separate = embed_chunks("separate", [document], clauses, chunks, encoder, {}, progress=False)
    views = slice(len(chunks), len(separate.owner))
    assert composed.vectors[views] == pytest.approx(separate.vectors[views], abs=1e-6)  # each its own pass
    (view,) = sentence_views(chunks[0])  # two short sentences make one group under VIEW_LIMIT
    assert view == "甲市 1．推进电梯更新\n推动电梯更新。更新住宅电梯500台。"
    # its fake tokens: one per character plus <s> and </s>, each with the bias 0.1; "电梯" starts at
    # three of them: the chunk's vector is its one view's, (0, 3, 0, …, 0.1 · tokens) normalised
    expected = np.zeros(FakeTokenEncoder.dim)
    expected[1], expected[-1] = 3, 0.1 * (len(view) + 2)
    assert composed.vectors[0] == pytest.approx(expected / np.linalg.norm(expected), abs=1e-6)
    assert composed.keys[0] != separate.keys[0]  # not the chunk's own text's vector
    one_view = [i for i in range(len(chunks)) if not sentence_views(chunks[i])]
    assert composed.vectors[one_view] == pytest.approx(separate.vectors[one_view], abs=1e-6)
    assert composed.stats["tokens"] < separate.stats["tokens"]
