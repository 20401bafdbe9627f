"""Follow-up questions are read in the context of the conversation."""

from __future__ import annotations

import pytest

from assistant.chat.conversation import (
    needs_context,
    swap_places,
    topic_of,
    understand,
    understand_all,
)
from assistant.documents.places import mentioned_places

PLACES = ("苏州", "晋城")
FIRST = "苏州新能源公交占比目标是多少？"


def _last(*questions: str):
    return understand_all(list(questions), PLACES)[-1]


def test_a_first_question_stands_alone():
    turn = _last(FIRST)
    assert (turn.query, turn.topic, turn.places, turn.carried) == (
        FIRST,
        "苏州新能源公交占比目标",
        ("苏州",),
        "",
    )


@pytest.mark.parametrize(
    "follow_up", ["那晋城呢？", "晋城呢", "那么晋城市的情况呢?", "What about Jincheng?", "and Jincheng?"]
)
def test_a_new_city_keeps_the_topic(follow_up):
    turn = _last(FIRST, follow_up)
    assert turn.query == "晋城新能源公交占比目标是多少？"
    assert turn.places == ("晋城",) and turn.carried == "topic"


@pytest.mark.parametrize(
    "follow_up",
    ["Which department is responsible?", "哪个部门负责？", "谁牵头", "由哪个单位负责", "这项措施由谁负责？"],
)
def test_a_question_without_topic_keeps_the_topic(follow_up):
    turn = _last(FIRST, follow_up)
    assert turn.query == f"苏州新能源公交占比目标，{follow_up}"
    assert turn.places == ("苏州",) and turn.carried == "topic"


def test_city_then_department_follow_ups_chain():
    turns = understand_all([FIRST, "那晋城呢？", "Which department is responsible?"], PLACES)
    assert [t.query for t in turns] == [
        FIRST,
        "晋城新能源公交占比目标是多少？",
        "晋城新能源公交占比目标，Which department is responsible?",
    ]


def test_department_then_city_follow_ups_chain():
    turn = _last(FIRST, "谁牵头？", "晋城呢？")
    assert turn.query == "晋城新能源公交占比目标，谁牵头？"


def test_an_english_conversation_swaps_the_english_name():
    turn = _last("What is Suzhou's target share of new energy buses?", "What about Jincheng?")
    assert turn.query == "What is Jincheng's target share of new energy buses?"
    assert turn.places == ("晋城",)


def test_a_new_topic_keeps_the_city():
    turn = _last(FIRST, "那汽车补贴呢？")
    assert (turn.query, turn.places, turn.carried) == ("苏州汽车补贴", ("苏州",), "places")


def test_a_place_outside_the_corpus_is_still_a_place():
    turn = _last(FIRST, "那深圳呢？")
    assert turn.query == "深圳新能源公交占比目标是多少？" and turn.places == ("深圳",)


def test_a_new_city_with_a_department_question():
    turn = _last(FIRST, "晋城由哪个部门负责？")
    assert turn.query == "晋城新能源公交占比目标，由哪个部门负责？" and turn.places == ("晋城",)


def test_a_full_question_starts_a_new_topic():
    question = "晋城二手车交易量增长目标是多少？"
    turn = _last(FIRST, question)
    assert (turn.query, turn.carried) == (question, "")


def test_a_comparison_swapped_for_one_city_drops_the_other():
    turn = _last("苏州和晋城的设备投资增长目标分别是多少？", "那深圳呢？")
    assert turn.query == "深圳的设备投资增长目标分别是多少？"


def test_without_history_a_follow_up_is_taken_as_it_is():
    turn = understand("那晋城呢？", None, PLACES)
    assert turn.query == "那晋城呢？" and turn.carried == ""


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("苏州新能源公交占比目标是多少？", "苏州新能源公交占比目标"),
        ("请问晋城二手车交易量增长目标是什么", "晋城二手车交易量增长目标"),
        ("苏州和晋城的设备投资目标分别是多少", "苏州和晋城的设备投资目标"),
        ("What is the target for scrapped cars?", "the target for scrapped cars"),
    ],
)
def test_topic_of(question, topic):
    assert topic_of(question) == topic


def test_mentioned_places_in_chinese_and_english_in_order():
    assert mentioned_places("Compare Jincheng with 苏州市", PLACES) == ("晋城", "苏州")
    assert mentioned_places("新能源公交占比", PLACES) == ()


def test_swap_places():
    assert swap_places("苏州新能源公交", ("苏州",), ("晋城",)) == "晋城新能源公交"
    assert swap_places("新能源公交", (), ("晋城",)) == "晋城新能源公交"
    assert swap_places("苏州与晋城的目标", ("苏州", "晋城"), ("深圳",)) == "深圳的目标"


@pytest.mark.parametrize(
    "follow_up", ["晋城有类似目标吗？", "那晋城有没有类似的要求？", "Does Jincheng have a similar target?"]
)
def test_a_similar_question_about_another_city_carries_the_topic_there(follow_up):
    turn = _last(FIRST, follow_up)
    assert turn.query == "晋城新能源公交占比目标"
    assert turn.places == ("晋城",) and turn.carried == "topic"


@pytest.mark.parametrize(
    "follow_up", ["截止到什么时候？", "需要什么条件？", "补贴标准是多少？", "哪个部门负责？"]
)
def test_a_question_about_an_aspect_stays_on_the_clause(follow_up):
    turn = _last("苏州汽车以旧换新有什么补贴？", follow_up)
    assert turn.aspect and turn.carried == "topic"
    assert turn.query == f"苏州汽车以旧换新补贴，{follow_up}"


def test_a_full_question_is_no_aspect_follow_up():
    assert not _last(FIRST, "晋城二手车交易量增长目标是多少？").aspect


@pytest.mark.parametrize("question", ["那晋城呢？", "What about Jincheng?", "晋城有类似目标吗？"])
def test_a_bare_follow_up_needs_context(question):
    assert needs_context(question, PLACES)


@pytest.mark.parametrize("question", [FIRST, "那汽车补贴呢？", "晋城有哪些汽车补贴？"])
def test_a_question_with_a_topic_needs_no_context(question):
    assert not needs_context(question, PLACES)


def test_topic_of_drops_the_question_word_before_a_closing_noun():
    # "有什么" asks; "目标" is what is asked about and stays.
    assert topic_of("苏州充电桩建设有什么目标？") == "苏州充电桩建设目标"


def test_an_english_question_word_is_cut_as_a_word_only():
    assert topic_of("What documents does a company in Deqing need to submit?").startswith("documents")
    assert topic_of("What do I need to apply?") == "I need to apply"
