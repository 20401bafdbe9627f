from __future__ import annotations

import json

import pytest

from assistant.documents.corpus import make_document
from assistant.indexing.index_store import CURRENT, IndexProblem, active_build, build_index, load_index
from tests.fakes import FakeEncoder
from tests.samples import JIN, docs


def test_build_writes_plain_files_and_loads_back(tmp_path):
    build = build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    names = {p.name for p in build.iterdir()}
    assert {
        "manifest.json",
        "chunks.jsonl",
        "clauses.jsonl",
        "documents.jsonl",
        "embeddings.npy",
        "keyword",
    } <= names
    assert "dense.faiss" not in names  # exact search reads embeddings.npy: each vector is stored once
    assert not list(build.rglob("*.pkl"))
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model_id"] == FakeEncoder.model_id and manifest["dim"] == FakeEncoder.dim
    index = load_index(tmp_path, model_id=FakeEncoder.model_id)
    assert len(index.chunks) == 4
    # one vector per chunk plus its sentence views, each owned by its chunk
    assert index.dense is None and len(index.owner) == len(index.embeddings) > 4
    assert sorted(set(index.owner.tolist())) == [0, 1, 2, 3]
    assert {c.lead for c in index.clauses} == {("市住建局",), ("市交通局",), ("市商务局",), ("市农业农村局",)}


def test_corrupted_file_is_detected_with_a_fix(tmp_path):
    build = build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    with (build / "chunks.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{broken\n")
    with pytest.raises(IndexProblem, match="corrupted.*python -m assistant index"):
        load_index(tmp_path)


def test_truncated_vector_file_is_detected(tmp_path):
    build = build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    data = (build / "embeddings.npy").read_bytes()
    (build / "embeddings.npy").write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexProblem):
        load_index(tmp_path)


def test_other_model_or_old_format_is_refused(tmp_path):
    build = build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    with pytest.raises(IndexProblem, match="built with fake/keyword-counts"):
        load_index(tmp_path, model_id="intfloat/multilingual-e5-small")
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    manifest["format_version"] = 0
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexProblem, match="format 0"):
        load_index(tmp_path)


def test_rebuild_switches_atomically_and_reuses_unchanged_embeddings(tmp_path):
    class CountingEncoder(FakeEncoder):
        embedded = 0

        def encode_passages(self, texts, **kwargs):
            CountingEncoder.embedded += len(texts)
            return super().encode_passages(texts)

    first = build_index(docs(), tmp_path, CountingEncoder(), progress=False)
    total = len(load_index(tmp_path).owner)
    assert CountingEncoder.embedded == total
    changed = [
        docs()[0],
        make_document("jin", JIN.replace("3000", "4000"), {"title": "乙市设备更新实施方案", "city": "乙市"}),
    ]
    second = build_index(changed, tmp_path, CountingEncoder(), progress=False)
    # only the changed clause was embedded again: its own text and its one sentence view
    assert CountingEncoder.embedded == total + 2
    assert active_build(tmp_path) == second != first
    assert (tmp_path / CURRENT).read_text(encoding="utf-8") == second.name


def test_failed_build_leaves_the_previous_index_working(tmp_path):
    build_index(docs(), tmp_path, FakeEncoder(), progress=False)

    class BrokenEncoder(FakeEncoder):
        def encode_passages(self, texts, **kwargs):
            raise RuntimeError("killed mid-build")

    changed = [make_document("new", "丙市方案\n一、任务\n全新的内容。", {"title": "丙市方案"})]
    with pytest.raises(RuntimeError):
        build_index(changed, tmp_path, BrokenEncoder(), progress=False)
    assert len(load_index(tmp_path).chunks) == 4
