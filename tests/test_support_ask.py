"""Whether money is given: a yes-or-no question about a subsidy is not answered yes by a sentence naming none."""

from __future__ import annotations

from assistant.chat.answer import compose
from assistant.chat.support_ask import asks_given, states_given
from assistant.records import Chunk, Hit, Retrieval

SHEDS = "开展老旧小区环境综合整治，完善电动自行车及汽车充电设施、文化休闲设施等配套设施。"
CARS = "鼓励个人消费者报废个人名下汽车并在市内购买新车，持相关手续可享受财政资金补贴。"


def _answer(question: str, text: str):
    hit = Hit(Chunk("d#c001", "d", "d#c001", "三、消费品以旧换新", text, text, city="晋城"), 1.0, 1)
    return compose(Retrieval(question, (hit,), True), question)


def test_yes_or_no_about_money_given_in_chinese_and_english():
    assert asks_given("晋城换电动自行车有补贴吗？") and asks_given(
        "Is there a subsidy for e-bikes in Jincheng?"
    )
    assert not asks_given("电动自行车补贴标准是多少？")  # asks how much, not whether
    assert not asks_given("晋城换电动自行车有什么要求吗？")  # names no money given
    assert states_given(CARS) and not states_given(SHEDS)


def test_a_sentence_naming_no_support_is_shown_as_the_closest_passage_only():
    reply = _answer("晋城换电动自行车有补贴吗？", SHEDS).reply
    assert reply.startswith("所引条款没有写明补贴或其他支持，最相关的内容是：") and "充电设施" in reply
    assert _answer("晋城报废旧车买新车有补贴吗？", CARS).reply.startswith("鼓励个人消费者报废")
