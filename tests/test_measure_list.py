"""Profile questions answered with a list of the measures that apply: who fires, what is listed, how cited."""

from __future__ import annotations

import re

import pytest

from assistant.chat.answer import cited_numbers
from assistant.chat.measure_list import MAX_LINES, measure_list, profile_question
from assistant.records import Chunk, Hit, Retrieval
from assistant.web.render import answer_html
from assistant.web.session import ask
from tests.web_fakes import FakeRetriever


def _hit(rank: int, clause_id: str, city: str, section: str, text: str, lead: str = "") -> Hit:
    chunk = Chunk(
        f"{clause_id}#0",
        "doc-" + city,
        clause_id,
        section,
        text,
        text,
        city=city,
        lead=(lead,) if lead else (),
    )
    return Hit(chunk, 1.0 / rank, rank)


# Clauses written to test the rules, in the plans' wording.
TRUCKS = _hit(
    1,
    "jc-8",
    "晋城",
    "二、工作任务 › （三）推动交通运输设备更新换代 › 2.加快淘汰老旧营运类柴油货车",
    "2.加快淘汰老旧营运类柴油货车。采取经济补偿、限制使用和加强监管执法等综合性措施，推动国四及以下排放标准营运类柴油货车淘汰。",
    "市交通局",
)
APPLIANCES = _hit(
    2,
    "jc-19",
    "晋城",
    "二、工作任务 › （九）开展家电产品以旧换新行动 › 2.加大财政支持力度",
    "2.加大财政支持力度。发放家电购新补贴，促进家电以旧换新，鼓励居民个人购买绿色智能家电。",
    "市商务局",
)
CREDIT = _hit(
    3,
    "jc-29",
    "晋城",
    "二、工作任务 › （十五）强化项目和要素保障 › 3.优化金融政策供给",
    "3.优化金融政策供给。引导金融机构加大对设备更新和技术改造的信贷资源倾斜，积极争取央行再贷款落地和中央财政的贴息支持。",
    "市发展改革委",
)
SUBSIDY = _hit(
    4,
    "jc-27",
    "晋城",
    "二、工作任务 › （十五）强化项目和要素保障 › 1.加强财政政策支持",
    "1.加强财政政策支持。支持符合条件的新能源公交车及电池更新。持续落实好老旧营运车船更新补贴、农业机械报废更新补贴政策。",
    "市发展改革委",
)


@pytest.mark.parametrize(
    "question",
    [
        "我们是苏州一家制造企业，想更新生产设备，有什么补贴或贷款支持？",
        "我是晋城的一家物流公司，想把柴油货车换成新能源的，能拿到什么支持？",
        "我家在晋城，想把旧车报废换一辆新能源车，有补贴吗？",
        "我们是苏州的一所职业院校，想更新实训设备，有什么政策？",
        "We are a manufacturer in Jincheng planning to upgrade equipment. What support can we get?",
        "I live in Suzhou and want to trade in my old fridge. Is there a subsidy?",
    ],
)
def test_a_question_describing_the_asker_and_asking_what_applies_is_a_profile_question(question):
    assert profile_question(question)


@pytest.mark.parametrize(
    "question",
    [
        "苏州新能源公交车占比要达到多少",  # one figure
        "苏州家电以旧换新有什么补贴？",  # no asker described: a lookup
        "我们是晋城的物流公司，淘汰柴油货车由哪个部门负责？",  # one office
        "苏州和晋城对居民家里充电设施建设分别有什么支持？",  # a comparison of places
        "我们是做农机的",  # describes the asker, asks nothing
        "What is Suzhou's target for new-energy buses?",
    ],
)
def test_lookups_are_not_profile_questions(question):
    assert not profile_question(question)


def test_the_list_puts_the_asker_s_own_measures_first_and_leaves_out_what_is_not_theirs():
    question = "我是晋城的一家物流公司，想把柴油货车换成新能源的，有什么补贴或贷款支持？"
    answer = measure_list(Retrieval(question, (TRUCKS, APPLIANCES, CREDIT, SUBSIDY), True), question, "zh")
    lines = answer.reply.splitlines()
    # the freight clause is of the asker's area (交通); credit is asked for by name (贷款); the household
    # appliance subsidy and the bus and farm-machine subsidy clause share no specific word with the asker
    assert [h.chunk.clause_id for h in answer.hits] == ["jc-8", "jc-29"]
    assert lines[0] == (
        "市交通局：采取经济补偿、限制使用和加强监管执法等综合性措施，推动国四及以下排放标准营运类柴油货车淘汰[1]"
    )
    assert lines[1].startswith("市发展改革委：") and "贷款" in lines[1]
    for line in lines:  # each quote is verbatim from the passage it cites, and the page marks it there
        (number,) = cited_numbers(line)
        quote = re.sub(r"^[^：]*：|\[\d+\]$", "", line)
        assert quote in answer.hits[number - 1].chunk.text
        assert f'<mark class="pa-quoted">{quote}' in answer_html(answer)


def test_a_condition_the_question_leaves_open_is_said():
    question = "我们是晋城的公交公司，要更新老旧新能源公交车，有什么支持？"
    answer = measure_list(Retrieval(question, (SUBSIDY,), True), question, "zh")
    assert answer.reply == "市发展改革委（须符合条件）：支持符合条件的新能源公交车及电池更新[1]"


def test_at_most_eight_lines_and_the_rest_counted():
    question = "我是晋城的一家物流公司，想更新柴油货车，有什么支持？"
    hits = tuple(
        _hit(n, f"jc-t{n}", "晋城", f"交通 › {n}.更新货车{n}", f"支持更新第{n}批柴油货车，给予补贴。")
        for n in range(1, 12)
    )
    answer = measure_list(Retrieval(question, hits, True), question, "zh")
    lines = answer.reply.splitlines()
    assert len(answer.hits) == MAX_LINES and len(lines) == MAX_LINES + 1
    assert lines[-1] == "另有3条措施，见“措施”页。"  # 11 measures, 8 shown


def test_both_cities_when_no_place_is_named():
    question = "我们是公交公司，要更新老旧新能源公交车，有什么支持？"
    suzhou = _hit(
        1,
        "sz-11",
        "苏州",
        "二、设备更新 › 11．推动运输工具设备更新",
        "支持老旧新能源车辆和动力电池更新换代。",
        "市交通局",
    )
    answer = measure_list(Retrieval(question, (suzhou, SUBSIDY), True), question, "zh")
    assert answer.reply.splitlines()[0] == "苏州：" and "晋城：" in answer.reply.splitlines()


def test_nothing_that_fits_gives_no_list():
    question = "我是晋城的一家物流公司，想把柴油货车换成新能源的，能拿到什么支持？"
    assert measure_list(Retrieval(question, (APPLIANCES,), True), question, "zh") is None
    assert measure_list(Retrieval(question, (TRUCKS,), False), question, "zh") is None


def test_the_chat_answers_a_profile_question_with_the_list_and_a_lookup_with_its_line():
    retriever = FakeRetriever.build()
    listed = ask(retriever, "我们是晋城的公交公司，要更新老旧新能源公交车，有什么支持？")
    assert listed.answer.reply.startswith("市交通局：加快推进城市公交新能源车型替代")
    assert [h.chunk.clause_id for h in listed.answer.hits] == ["jc-3-1"]
    lookup = ask(retriever, "苏州新能源公交占比目标是多少？")
    # one cited line ending with the sentence that states the figure (the learned selector may quote the
    # lead-in sentence of the same item with it)
    assert (
        lookup.answer.reply.endswith("到2027年，新能源城市公交车辆占比达到85%。[1]")
        and "\n" not in lookup.answer.reply
    )


def test_a_business_shown_a_household_measure_first_gets_the_lookup_reply_that_says_so():
    question = "咱是开饭店的，想换厨房设备，有啥补贴不？"
    households = _hit(
        1, "jc-20", "晋城", "二、工作任务 › （十）开展家装消费品换新行动 › 1.推动家装消费品以旧换新",
        "重点支持居民在购买旧房装修、局部升级改造、加装采暖设备、衣柜橱柜等消费活动中，享受一定金额补贴。",
    )  # fmt: skip
    assert measure_list(Retrieval(question, (households, APPLIANCES), True), question, "zh") is None


def test_a_business_naming_no_action_keeps_the_sector_listing():
    retriever = FakeRetriever.build()
    assert ask(retriever, "我们是公交公司，有什么政策？").answer.reply.startswith("与“交通”领域相关的条款")
