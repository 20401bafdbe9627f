from __future__ import annotations

import pytest

from assistant.indexing.index_store import build_index
from assistant.search.retriever import EMPTY_NOTICE, Retriever
from tests.fakes import FakeEncoder
from tests.samples import docs


@pytest.fixture()
def retriever(tmp_path):
    build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    return Retriever.load(tmp_path, encoder=FakeEncoder())


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
    import assistant.indexing.index_store as store

    monkeypatch.setattr(store, "HNSW_THRESHOLD", 4)  # make this tiny corpus count as large
    build_index(docs(), tmp_path, FakeEncoder(), progress=False)
    retriever = Retriever.load(tmp_path, encoder=FakeEncoder())
    assert type(retriever.index.dense).__name__ == "IndexHNSWSQ" and retriever.index.embeddings is None
    assert "电梯" in retriever.search("老旧电梯怎么更新", k=1).hits[0].chunk.text
    assert retriever.search("补贴政策", k=5, cities=("乙市",)).hits[0].chunk.city == "乙市"


PLACED = {
    "suzhou": (
        "苏州市人民政府\n关于推动设备更新的通知\n一、任务\n推动老旧电梯更新改造。\n",
        "苏州市推动设备更新实施方案",
    ),
    "jiangsu": (
        "江苏省商务厅\n关于家电补贴的通知\n一、任务\n家电以旧换新给予补贴。\n",
        "江苏省家电以旧换新实施细则",
    ),
    "jincheng": (
        "晋城市人民政府\n关于汽车补贴的通知\n一、任务\n报废汽车并购买新车给予补贴。\n",
        "晋城市汽车以旧换新实施方案",
    ),
    "state": (
        "国务院\n关于汽车以旧换新的通知\n国发〔2024〕7号\n一、任务\n汽车以旧换新给予补贴。\n",
        "推动汽车以旧换新行动方案",
    ),
}


@pytest.fixture()
def placed(tmp_path):
    from assistant.documents.corpus import make_document
    from assistant.documents.metadata import infer_metadata

    documents = [
        make_document(doc_id, text, {"title": title}, infer_metadata(text, doc_id))
        for doc_id, (text, title) in PLACED.items()
    ]
    build_index(documents, tmp_path, FakeEncoder(), progress=False)
    return Retriever.load(tmp_path, encoder=FakeEncoder())


def test_a_named_place_raises_its_documents_but_removes_none(placed):
    levels = {d.doc_id: (d.city, d.province, d.level) for d in placed.documents}
    assert levels["jiangsu"] == ("", "江苏", "province") and levels["state"] == ("", "", "national")
    result = placed.search("苏州的汽车补贴", k=10)
    docs = [h.chunk.doc_id for h in result.hits]
    # 苏州 names no 汽车 clause: the national and the Jincheng clause still answer, the national first
    assert {"jincheng", "state", "suzhou", "jiangsu"} <= set(docs)
    assert docs.index("state") < docs.index("jincheng")
    # a province question raises the province's own document over another place's
    ranked = [h.chunk.doc_id for h in placed.search("江苏家电补贴", k=10).hits]
    assert ranked[0] == "jiangsu"


def test_only_a_chosen_filter_filters_and_says_when_it_leaves_out_the_named_place(placed):
    result = placed.search("苏州的汽车补贴", k=10, cities=("晋城",))
    assert {h.chunk.city for h in result.hits} == {"晋城"}
    assert any("晋城" in n and "苏州" in n and "leaves out" in n for n in result.notices)
    # a province filter keeps its cities, and names no conflict for them
    kept = placed.search("苏州电梯", k=10, cities=("江苏",))
    assert {h.chunk.doc_id for h in kept.hits} == {"suzhou", "jiangsu"} and not kept.notices


def test_a_hit_names_the_sentence_group_dense_search_matched(tmp_path):
    from assistant.documents.corpus import make_document

    lift = "推动老旧住宅电梯更新改造，完善电梯安全评估和维修保养制度，加快老旧小区加装电梯工作。"
    bus = "推动新能源城市公交车辆更新，到2027年公交车辆全部更换为新能源车辆，提高公交服务水平。"
    text = f"丙市实施方案\n一、任务\n{bus}{lift}\n"
    build_index(
        [make_document("bing", text, {"title": "丙市实施方案"})], tmp_path, FakeEncoder(), progress=False
    )
    retriever = Retriever.load(tmp_path, encoder=FakeEncoder())
    (hit,) = retriever.search("电梯怎么更新", k=1).hits
    assert hit.focus == lift  # the sentence about lifts, not the clause that also speaks of buses
