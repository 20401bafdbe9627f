from __future__ import annotations

import pytest

from assistant.index_store import build_index
from assistant.retriever import EMPTY_NOTICE, Retriever
from tests.fakes import FakeEncoder
from tests.test_index_store import docs


@pytest.fixture()
def retriever(tmp_path):
    build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    return Retriever.open(tmp_path, encoder=FakeEncoder(), rebuild=False)


def test_hybrid_search_finds_the_clause(retriever):
    result = retriever.search("老旧电梯怎么更新", k=2)
    assert "电梯" in result.hits[0].chunk.text
    assert result.hits[0].rank == 1 and result.hits[0].chunk.lead == ("市住建局",)


def test_city_filter_and_modes(retriever):
    result = retriever.search("补贴政策", k=5, cities=("乙市",))
    assert result.hits and {h.chunk.city for h in result.hits} == {"乙市"}
    for mode in ("dense", "keyword", "hybrid"):
        assert retriever.search("公交占比", k=1, mode=mode).hits[0].chunk.city == "甲市"


def test_batch_keeps_order_and_handles_empty_questions(retriever):
    results = retriever.search_batch(["农机报废更新", "   ", "汽车以旧换新"], k=1)
    assert [r.question for r in results][1] == "   "
    assert results[1].hits == () and not results[1].answerable and results[1].notices == (EMPTY_NOTICE,)
    assert "农机" in results[0].hits[0].chunk.text and "汽车" in results[2].hits[0].chunk.text


def test_huge_question_is_truncated_with_a_notice(retriever):
    result = retriever.search("农机" * 50_000, k=1)
    assert result.notices and "truncated" in result.notices[0]
    assert len(result.question) <= 1000


def test_unknown_mode_is_an_error(retriever):
    with pytest.raises(ValueError, match="unknown mode"):
        retriever.search("农机", mode="magic")


def test_keyword_search_expands_english_words_to_the_plan_wording(retriever):
    # "elevator" is not in any document; the lexicon maps it to 电梯
    result = retriever.search("Who renews old elevators?", k=1, mode="keyword")
    assert "电梯" in result.hits[0].chunk.text


def test_above_the_hnsw_size_vectors_are_read_back_from_the_graph(tmp_path, monkeypatch):
    import assistant.index_store as store

    monkeypatch.setattr(store, "HNSW_THRESHOLD", 4)  # make this tiny corpus count as large
    build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    retriever = Retriever.open(tmp_path, encoder=FakeEncoder(), rebuild=False)
    assert type(retriever.index.dense).__name__ == "IndexHNSWSQ" and retriever.index.embeddings is None
    assert "电梯" in retriever.search("老旧电梯怎么更新", k=1).hits[0].chunk.text
    assert retriever.search("补贴政策", k=5, cities=("乙市",)).hits[0].chunk.city == "乙市"
