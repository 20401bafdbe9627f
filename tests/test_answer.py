"""Answer composition: replies quote retrieved text only, cite it, and say plainly when nothing answers."""

from __future__ import annotations

import re

import pytest

from assistant.chat.answer import (
    cited_numbers,
    compose,
    intent_of,
    language_of,
    quoted_fragments,
    sentence_spans,
)
from assistant.records import Answer, Chunk, Hit, Retrieval
from tests.web_fakes import FakeRetriever

QUESTIONS = [
    "苏州新能源公交占比目标是多少？",
    "晋城设备投资规模增长目标是多少？",
    "苏州和晋城的设备投资增长目标分别是多少？",
    "个人报废旧车并购买新能源乘用车有什么补贴？",
    "苏州新能源公交车更新由哪个部门牵头？",
    "晋城新能源公交车更新的目标是多少？",
    "What is the target for 新能源城市公交车辆占比 in 苏州?",
]


@pytest.fixture(scope="module")
def retriever() -> FakeRetriever:
    return FakeRetriever.build()


def _answer(retriever: FakeRetriever, question: str) -> Answer:
    return compose(retriever.search(question), question)


def _cited_texts(answer: Answer) -> list[str]:
    return [answer.hits[n - 1].chunk.text for n in cited_numbers(answer.reply)]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_figure_in_a_reply_is_in_a_cited_passage(retriever, question):
    answer = _answer(retriever, question)
    assert answer.answerable
    cited = _cited_texts(answer)
    assert cited, "an answer cites at least one passage"
    figures = re.findall(r"\d+", re.sub(r"\[\d+\]", "", answer.reply))  # [n] marks are not figures
    for figure in figures:
        assert any(figure in text for text in cited), f"{figure} of {answer.reply!r} is in no cited passage"


@pytest.mark.parametrize("question", QUESTIONS)
def test_quoted_text_is_verbatim_from_the_cited_passages(retriever, question):
    answer = _answer(retriever, question)
    cited = "\n".join(_cited_texts(answer))
    departments = {d for hit in answer.hits for d in (*hit.chunk.lead, *hit.chunk.support)}
    for fragment in quoted_fragments(answer.reply):
        names = set(re.split(r"[、；;：:]|牵头部门|配合部门|Lead|Supporting", fragment)) - {""}
        assert fragment in cited or names <= departments | {" "}, fragment


def test_figure_question_is_answered_by_the_sentence_holding_the_figure(retriever):
    answer = _answer(retriever, "苏州新能源公交占比目标是多少？")
    # one cited line ending with the sentence that states the figure (the learned selector may quote the
    # lead-in sentence of the same item with it)
    assert answer.reply.endswith("到2027年，新能源城市公交车辆占比达到85%。[1]") and "\n" not in answer.reply
    assert answer.hits[0].chunk.clause_id == "sz-11"


def test_eligibility_question_is_answered_by_the_key_measure(retriever):
    answer = _answer(retriever, "个人报废旧车并购买新能源乘用车有什么补贴？")
    assert "给予每辆车1万元补贴" in answer.reply
    assert answer.hits[cited_numbers(answer.reply)[0] - 1].chunk.clause_id == "sz-18"


def test_department_question_names_the_clause_departments(retriever):
    answer = _answer(retriever, "苏州新能源公交车更新由哪个部门牵头？")
    assert answer.reply == "牵头部门：市交通运输局；配合部门：市生态环境局、市公安局[1]"


def test_department_question_in_english_is_labelled_in_english(retriever):
    question = "苏州新能源公交车更新, which department is responsible?"
    answer = compose(retriever.search(question), question, lang="en")
    assert answer.reply.startswith("Lead: 市交通运输局; Supporting:")


def test_comparison_gives_one_cited_line_per_city(retriever):
    answer = _answer(retriever, "苏州和晋城的设备投资增长目标分别是多少？")
    lines = answer.reply.splitlines()
    assert [line.split("：")[0] for line in lines] == ["苏州", "晋城"]
    assert "30%" in lines[0] and "25%" in lines[1]
    for line, city in zip(lines, ("苏州", "晋城"), strict=True):
        (number,) = cited_numbers(line)
        assert answer.hits[number - 1].chunk.city == city


def test_a_figure_from_another_city_is_not_borrowed(retriever):
    # 晋城's bus clause has no figure; 苏州's 85% must not answer a question about 晋城.
    answer = _answer(retriever, "晋城新能源公交车更新的目标是多少？")
    assert "85" not in answer.reply
    assert answer.reply.startswith("所引条款没有给出具体数值")
    assert answer.hits[cited_numbers(answer.reply)[0] - 1].chunk.city == "晋城"


def test_not_found_reply_carries_no_citations(retriever):
    retrieval = retriever.search("深圳的家电补贴标准是多少？")
    assert not retrieval.answerable and retrieval.hits  # nearest clauses exist, but do not answer
    answer = compose(retrieval, retrieval.question)
    assert not answer.answerable
    assert cited_numbers(answer.reply) == []
    assert answer.reply.startswith("政策文件中没有找到这个问题的答案")
    assert not re.search(r"\d", answer.reply)


def test_not_found_with_no_hits_says_so_in_english():
    answer = compose(Retrieval("What about Mars?", (), False), "What about Mars?")
    assert answer.reply == "The policy documents do not answer this question."
    assert answer.hits == ()


def test_answerable_without_hits_is_not_an_answer():
    answer = compose(Retrieval("苏州", (), True), "苏州")
    assert not answer.answerable and cited_numbers(answer.reply) == []


def test_notices_from_the_retriever_are_kept(retriever):
    retrieval = retriever.search("苏州新能源公交占比目标是多少？")
    retrieval = Retrieval(retrieval.question, retrieval.hits, True, ("问题过长，只使用了前 1000 个字符",))
    assert compose(retrieval, retrieval.question).notices == ("问题过长，只使用了前 1000 个字符",)


def test_a_long_sentence_is_cut_to_its_figure_part_verbatim():
    text = (
        "加大公共领域新能源车辆推广应用，支持老旧新能源车辆和动力电池更新换代，鼓励淘汰使用20年以上的内河航运船舶，"
        "推动新能源和LNG等动力船舶应用，到2027年新能源城市公交车辆占比达到85%。"
    )
    chunk = Chunk("c#0", "d", "c", "11．推动运输工具设备更新", text, text, city="苏州")
    answer = compose(Retrieval("q", (Hit(chunk, 1.0, 1),), True), "苏州新能源公交车辆占比目标是多少？")
    assert answer.reply == "…到2027年新能源城市公交车辆占比达到85%。[1]"
    assert quoted_fragments(answer.reply)[0] in text


def test_department_notes_and_bare_headings_are_never_the_reply():
    text = "18．开展汽车以旧换新\n对购买新能源乘用车的给予补贴。\n（市商务局牵头负责）"
    chunk = Chunk("c#0", "d", "c", "18．开展汽车以旧换新", text, text, city="苏州")
    answer = compose(Retrieval("q", (Hit(chunk, 1.0, 1),), True), "购买新能源乘用车有什么支持？")
    assert answer.reply == "对购买新能源乘用车的给予补贴。[1]"


def test_sentence_spans_split_at_chinese_sentence_ends():
    text = " 第一句。第二句；第三句！\n第四句"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["第一句。", "第二句；", "第三句！", "第四句"]


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("新能源公交占比目标是多少", "figure"),
        ("由哪个部门牵头", "department"),
        ("Who is responsible for this?", "department"),
        ("企业申请补贴需要什么条件", "measure"),
        ("介绍一下这个方案", "general"),
        ("复工复产分几个时间段？", "figure"),
        ("免征哪几项税费？", "general"),  # which items, not how many
        ("小区的电瓶车棚能不能多建几个", "measure"),  # "a few more"
    ],
)
def test_intent_of(question, intent):
    assert intent_of(question).name == intent


def test_language_of():
    assert language_of("Which department is responsible?") == "en"
    assert language_of("苏州 new energy 公交目标是多少") == "zh"


def test_without_a_named_place_answers_are_labelled_and_departments_given_per_place():
    from assistant.records import Chunk, Hit, Retrieval

    def hit(rank, city, text, lead=()):
        chunk = Chunk(
            f"c{rank}", city, f"c{rank}", "一、任务 › 1．推进公交更新", text, text, "方案", city, lead=lead
        )
        return Hit(chunk, 1.0 / rank, rank)

    bus = [
        hit(1, "甲市", "到2027年新能源城市公交车辆占比达到85%。", ("市交通局",)),
        hit(2, "乙市", "推进公交新能源车型替代。", ("市交通运输局",)),
    ]
    figure = compose(Retrieval("公交占比目标", tuple(bus), True), "新能源公交占比目标是多少")
    assert figure.reply.startswith("甲市：") and "乙市" not in figure.reply
    who = compose(Retrieval("公交更新", tuple(bus), True), "公交更新由哪个部门牵头")
    assert who.reply.split("\n")[0].startswith("甲市：") and "市交通局" in who.reply.split("\n")[0]
    assert who.reply.split("\n")[1].startswith("乙市：") and "市交通运输局" in who.reply.split("\n")[1]


def _place_hit(rank: int, text: str, city: str = "", province: str = "") -> Hit:
    chunk = Chunk(f"c{rank}", f"d{rank}", f"c{rank}", "", text, text, "通知", city, province)
    return Hit(chunk, 1.0 / rank, rank)


def test_a_named_place_leaves_out_only_other_places_documents():
    # The top notice names no place (a national rule, an issuer the metadata could not place): it is not
    # another province's, so a question naming 山东 may be answered from it; 河南's notice is left out.
    hits = (
        _place_hit(1, "对全省各级各类医疗机构、养老院、儿童福利院等重点人群聚集场所开展拉网式排查。"),
        _place_hit(2, "对全省养老院开展拉网式排查，排查结果每日报送。", province="河南"),
        _place_hit(3, "加强农产品运输保障，落实鲜活农产品运输“绿色通道”政策。", province="山东"),
    )
    answer = compose(Retrieval("q", hits, True), "山东省对哪些重点人群聚集场所开展拉网式排查？")
    assert cited_numbers(answer.reply) == [1]
    assert "医疗机构、养老院、儿童福利院" in answer.reply


def test_a_city_question_may_be_answered_by_its_provinces_notice():
    hits = (
        _place_hit(1, "杭州市各小区实行出入体温检测登记制度，信息登记到社区防控台账。", province="浙江"),
        _place_hit(2, "各小区实行封闭管理，出入人员一律测量体温。", city="温州", province="浙江"),
        _place_hit(3, "杭州市公交车辆实行每日消毒，乘客须佩戴口罩。", city="杭州", province="浙江"),
    )
    answer = compose(Retrieval("q", hits, True), "杭州市各小区体温检测登记的信息登记到哪？")
    assert cited_numbers(answer.reply) == [1]
