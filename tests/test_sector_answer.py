"""Sector listings in the chat: every clause of a business's sector, per city, quoted verbatim and cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from assistant.chat.answer import cited_numbers
from assistant.chat.sector_answer import first_sentence, sector_answer, sector_question
from assistant.records import Chunk, Clause, Document
from assistant.web.render import answer_html
from assistant.web.session import ask, chat_result
from tests.web_fakes import FakeRetriever


@pytest.fixture(scope="module")
def retriever() -> FakeRetriever:
    return FakeRetriever.build()


def _cited_lines(answer) -> list[tuple[str, Chunk]]:
    """(quoted sentence, cited chunk) for each line of a listing that cites a clause."""
    pairs = []
    for line in answer.reply.splitlines():
        for number in cited_numbers(line):
            quote = re.sub(r"\[\d+\]$", "", line).split("：", 1)[-1].split(": ", 1)[-1]
            pairs.append((quote, answer.hits[number - 1].chunk))
    return pairs


@pytest.mark.parametrize(
    ("question", "sectors"),
    [
        ("我们是做农机的", ["农业"]),
        ("我们是做农机的，有什么政策？", ["农业"]),
        ("农机行业有哪些支持政策？", ["农业"]),
        ("我在苏州开了一家家电店，有哪些政策适用？", ["家电"]),
        ("我们做二手车生意", ["二手", "汽车"]),
        ("做家装的企业能享受哪些政策？", ["家装"]),
        ("We sell agricultural machinery. What support is there?", ["农业"]),
        ("What measures apply to car dealers in Jincheng?", ["汽车"]),
    ],
)
def test_a_business_asking_what_applies_is_a_sector_question(question, sectors):
    assert sector_question(question) == sectors


@pytest.mark.parametrize(
    "question",
    [
        "苏州新能源公交占比目标是多少？",  # a figure question that mentions a sector word
        "个人报废旧车并购买新能源汽车有什么补贴？",  # one specific measure
        "苏州家里旧冰箱换新的有啥优惠",  # a household's own question
        "农机行业的政策由哪个部门负责？",  # a department question
        "我们是做农机的，能拿多少补贴？",  # a figure question from a business
        "我做饭用的燃气灶能换吗",
        "What support is there for companies replacing old equipment in Suzhou?",
        "今天天气怎么样",
    ],
)
def test_ordinary_questions_are_not_sector_questions(question):
    assert sector_question(question) == []


def test_a_listing_gives_each_city_its_clauses_in_document_order(retriever):
    answer = sector_answer(retriever, "我们是公交公司，有什么政策？")
    lines = answer.reply.splitlines()
    assert lines[0] == "与“交通”领域相关的条款，按城市和文件顺序列出："
    assert lines[1:] == [
        "苏州：",
        "11．推动运输工具设备更新：加快城市公交车电动化替代。[1]",
        "晋城：",
        "1.推进交通运输装备绿色更新：加快推进城市公交新能源车型替代，支持老旧新能源公交车和动力电池更新换代。[2]",
    ]
    assert answer.answerable
    assert [(h.rank, h.chunk.clause_id) for h in answer.hits] == [(1, "sz-11"), (2, "jc-3-1")]


def test_every_listed_sentence_is_verbatim_from_the_clause_it_cites(retriever):
    for question in (
        "我们是公交公司，有什么政策？",
        "我是开4S店的",
        "We run a bus company, what support is there?",
    ):
        answer = sector_answer(retriever, question)
        pairs = _cited_lines(answer)
        assert pairs, question
        for quote, chunk in pairs:
            assert quote.rstrip("…") in chunk.text, (question, quote)
        figures = re.findall(r"\d+", re.sub(r"\[\d+\]", "", answer.reply))
        cited = " ".join(chunk.section + chunk.text for _, chunk in pairs)
        assert all(figure in cited for figure in figures), answer.reply


def test_a_named_city_or_the_city_filter_narrows_the_listing(retriever):
    named = sector_answer(retriever, "晋城做客运的企业有哪些政策？")
    assert {h.chunk.city for h in named.hits} == {"晋城"}
    assert "苏州" not in named.reply
    filtered = sector_answer(retriever, "我们是公交公司，有什么政策？", cities=["苏州"])
    assert [h.chunk.clause_id for h in filtered.hits] == ["sz-11"]


def test_a_place_outside_the_corpus_or_a_sector_without_clauses_gives_no_listing(retriever):
    assert sector_answer(retriever, "深圳做客运的企业有哪些政策？") is None
    assert sector_answer(retriever, "我们是做农机的") is None  # the fake plans have no agriculture clause


def test_english_listings_are_labelled_in_english(retriever):
    answer = sector_answer(retriever, "We run a bus company, what support is there?")
    lines = answer.reply.splitlines()
    assert lines[0] == "Clauses on transport (交通), by city, in document order:"
    assert lines[1] == "Suzhou (苏州):"


def test_the_chat_lists_the_sector_and_leaves_a_figure_question_alone(retriever):
    listing = ask(retriever, "我们是公交公司，有什么政策？")
    assert listing.answer.reply.startswith("与“交通”领域相关的条款")
    figure = ask(retriever, "苏州新能源公交占比目标是多少？")
    # one cited line ending with the sentence that states the figure (the learned selector may quote the
    # lead-in sentence of the same item with it)
    assert (
        figure.answer.reply.endswith("到2027年，新能源城市公交车辆占比达到85%。[1]")
        and "\n" not in figure.answer.reply
    )


def test_a_follow_up_swaps_the_city_of_a_listing(retriever):
    first = ask(retriever, "我们是公交公司，有什么政策？")
    second = ask(retriever, "那晋城呢？", [first.turn])
    assert [h.chunk.clause_id for h in second.answer.hits] == ["jc-3-1"]


def test_the_api_returns_a_listing_with_its_citations(retriever):
    result = chat_result(retriever, "我是开4S店的")
    assert result["answerable"] and [c["clause_id"] for c in result["citations"]] == ["sz-18"]
    assert "给予每辆车1万元补贴" in result["reply"]


def test_each_card_marks_the_sentence_the_listing_quotes(retriever):
    answer = sector_answer(retriever, "我们是公交公司，有什么政策？")
    marked = re.findall(r'<mark class="pa-quoted">(.*?)</mark>', answer_html(answer))
    assert marked == [
        "加快城市公交车电动化替代。",
        "加快推进城市公交新能源车型替代，支持老旧新能源公交车和动力电池更新换代。",
    ]
    assert answer_html(answer).count('class="pa-open"') == 2


def test_the_first_sentence_skips_the_heading_and_department_notes():
    clause = Clause(
        "d",
        "d#1",
        ("二、工作任务", "（四）推动老旧农业机械报废更新"),
        "（四）推动老旧农业机械报废更新\n加大老旧农机淘汰力度。推进农机装备集成配套。\n（牵头单位：市农业农村局）",
        1,
    )
    assert first_sentence(clause) == "加大老旧农机淘汰力度。"
    numbered = Clause(
        "d", "d#2", ("13．推动农机设备更新",), "13．推动农机设备更新。推动农机装备智能化升级。", 2
    )
    assert first_sentence(numbered) == "推动农机装备智能化升级。"


def test_the_first_sentence_of_an_annex_row_is_its_measure_cell():
    row = Clause(
        "d",
        "d#3",
        ("附件分工表", "4 推动老旧农业机械报废更新"),
        "4 | 推动老旧农业机械报废更新 | 研究制定农业机械领域设备更新方案，制定具体政策。明确改造目标。 | 市农业农村局牵头",
        3,
    )
    assert first_sentence(row) == "研究制定农业机械领域设备更新方案，制定具体政策。"


def test_a_long_first_sentence_is_cut_at_a_comma():
    text = "推动农机装备智能化升级，" + "加快高效低耗智能农机推广应用，" * 8 + "推进结构调整。"
    sentence = first_sentence(Clause("d", "d#4", ("农机",), text, 4))
    assert sentence.endswith("…") and len(sentence) <= 91 and text.startswith(sentence.rstrip("…"))


@dataclass
class _SplitClauseCorpus:
    """One agriculture clause stored as two chunks (a clause split at a sentence end past 600 characters)."""

    documents: list[Document]
    clauses: list[Clause]
    chunks: list[Chunk]
    cities: list[str]


def test_every_chunk_of_a_listed_clause_is_cited_and_the_first_sentence_is_quoted():
    text_a, text_b = "13．推动农机设备更新。推动农机装备智能化升级。", "到2027年，更新农机3000台。"
    clause = Clause("nj", "nj#13", ("二、设备更新", "13．推动农机设备更新"), text_a + text_b, 0)
    chunks = [
        Chunk(f"nj#13#{i}", "nj", "nj#13", clause.section, text, text, city="南京")
        for i, text in enumerate((text_a, text_b))
    ]
    corpus = _SplitClauseCorpus(
        [Document("nj", "南京方案", text_a + text_b, city="南京")], [clause], chunks, ["南京"]
    )
    answer = sector_answer(corpus, "我们是做农机的")
    assert [h.chunk.chunk_id for h in answer.hits] == ["nj#13#0", "nj#13#1"]
    assert answer.reply.splitlines()[-1] == "13．推动农机设备更新：推动农机装备智能化升级。[1]"


def test_the_places_of_a_listing_render_as_group_headings(retriever):
    page = answer_html(sector_answer(retriever, "我们是公交公司，有什么政策？"))
    heads = re.findall(r'<div class="pa-reply-line pa-reply-head">(.*?)</div>', page)
    assert heads == ["苏州：", "晋城："]


def test_documents_of_no_place_are_listed_after_the_cities():
    national = "13．推动农机设备更新。加快淘汰老旧农机。"
    clause = Clause("gw", "gw#1", ("13．推动农机设备更新",), national, 0)
    chunk = Chunk("gw#1#0", "gw", "gw#1", clause.section, national, national)
    corpus = _SplitClauseCorpus([Document("gw", "国务院方案", national)], [clause], [chunk], [])
    answer = sector_answer(corpus, "我们是做农机的")
    assert answer.reply.splitlines()[1:] == [
        "未注明地区的文件：",
        "13．推动农机设备更新：加快淘汰老旧农机。[1]",
    ]
    assert sector_answer(corpus, "我们是做农机的", cities=["苏州"]) is None
