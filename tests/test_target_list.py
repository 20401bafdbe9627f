"""List questions about targets answered from the targets table, one cited line per target."""

from __future__ import annotations

import pytest

from assistant.chat.target_list import target_list_question, target_listing
from assistant.records import Chunk, Target


def _target(
    city: str, clause: str, indicator: str, value: str, qualifier: str, year: str, section: str
) -> Target:
    sentence = f"到{year}年，{indicator}{qualifier if qualifier == '超过' else ''}{value}"
    return Target("d-" + city, clause, section, city, indicator, value, "%", qualifier, year, "", sentence)


def _chunk(city: str, clause: str, text: str) -> Chunk:
    return Chunk(clause + "#0", "d-" + city, clause, "二、工作任务", text, text, city=city)


# Written to test the rules, in the plans' wording.
TARGETS = [
    _target(
        "苏州",
        "sz-2",
        "数字化研发设计工具普及率",
        "95%",
        "超过",
        "2027",
        "二、设备更新 › 2．推动企业“智改数转网联”",
    ),
    _target(
        "苏州",
        "sz-11",
        "新能源城市公交车辆占比",
        "85%",
        "",
        "2027",
        "二、设备更新 › 11．推动运输工具设备更新",
    ),
    _target(
        "苏州",
        "sz-2",
        "重点企业关键工序数控化率",
        "80%",
        "超过",
        "2027",
        "二、设备更新 › 2．推动企业“智改数转网联”",
    ),
    _target("晋城", "jc-1", "关键工序数控化率", "75%", "超过", "2027", "一、工作目标"),
    _target("晋城", "jc-1", "二手车交易量", "45%", "", "2027", "一、工作目标"),
]
CHUNKS = [
    _chunk("苏州", "sz-2", "到2027年，数字化研发设计工具普及率、重点企业关键工序数控化率分别超过95%、80%。"),
    _chunk("苏州", "sz-11", "到2027年新能源城市公交车辆占比达到85%。"),
    _chunk("晋城", "jc-1", "关键工序数控化率分别超过90%、75%。二手车交易量较2023年增长45%。"),
]


@pytest.mark.parametrize(
    "question",
    [
        "苏州到2027年工业领域有哪些目标？",
        "有哪些目标",
        "列出晋城的回收指标",
        "What are Jincheng's targets for recycling?",
    ],
)
def test_list_questions_about_targets(question):
    assert target_list_question(question)


@pytest.mark.parametrize(
    "question",
    [
        "晋城对环保绩效A级的产能比例有什么目标？",
        "苏州新能源公交车占比要达到多少",
        "What is Suzhou's target for buses?",
    ],
)
def test_a_question_about_one_target_is_a_lookup(question):
    assert not target_list_question(question)


def test_a_place_and_an_area_narrow_the_list_and_each_line_is_cited():
    answer = target_listing(TARGETS, CHUNKS, "苏州到2027年工业领域有哪些目标？")
    assert answer.reply.splitlines() == [
        "数字化研发设计工具普及率：超过95%（2027年）[1]",
        "重点企业关键工序数控化率：超过80%（2027年）[1]",
    ]  # the bus target is transport (交通), not industry; one cited passage states both figures
    assert [h.chunk.clause_id for h in answer.hits] == ["sz-2"]


def test_both_places_labelled_when_none_is_named():
    lines = target_listing(TARGETS, CHUNKS, "有哪些目标").reply.splitlines()
    assert lines[0] == "苏州：" and "晋城：" in lines
    assert "二手车交易量：45%（2027年）[3]" in lines  # 苏州's two passages are [1] and [2]


def test_one_target_is_no_list():
    assert target_listing(TARGETS, CHUNKS, "晋城二手车有哪些目标？") is None
