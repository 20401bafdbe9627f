"""Whether money is given: a yes-or-no question about a subsidy is not answered yes by a sentence naming none."""

from __future__ import annotations

from assistant.chat.answer import compose
from assistant.chat.support_ask import asks_given, product_unnamed, states_given
from assistant.records import Chunk, Hit, Retrieval

SHEDS = "开展老旧小区环境综合整治，完善电动自行车及汽车充电设施、文化休闲设施等配套设施。"
CARS = "鼓励个人消费者报废个人名下汽车并在市内购买新车，持相关手续可享受财政资金补贴。"


def _chunk(text: str, title: str = "") -> Chunk:
    return Chunk("d#c001", "d", "d#c001", "三、消费品以旧换新", text, text, title=title, city="晋城")


def _answer(question: str, text: str):
    return compose(Retrieval(question, (Hit(_chunk(text), 1.0, 1),), True), question)


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


def test_support_for_other_goods_than_the_ones_asked_about_is_said_to_be_so():
    appliances = "对个人消费者购买冰箱、洗衣机等家电产品给予补贴，补贴标准以市级文件为准。"
    cars, goods = _chunk(CARS), _chunk(appliances)
    assert product_unnamed("晋城换电动自行车有补贴吗？", cars) == "电动自行车"
    assert product_unnamed("旧房装修有没有补贴？", goods) == "家装"
    assert product_unnamed("旧房装修有没有补贴？", goods, english=True) == "home furnishing"
    # an everyday word counts for its goods (冰箱 → 家电), and a passage naming any of the goods asked passes
    assert product_unnamed("买冰箱有补贴吗？", goods) is None
    assert product_unnamed("电动车换新有补贴吗？", cars) is None  # 电动车 may be an e-bike or a car
    assert product_unnamed("有补贴吗？", cars) is None
    # the document's title may name the goods its clauses leave unnamed
    titled = _chunk(
        "补贴产品不可与政府消费券叠加使用。", title="关于做好2026年度家电、数码等消费补贴工作的通知"
    )
    assert product_unnamed("买家电的补贴能和消费券一起用吗？", titled) is None
    reply = _answer("晋城换电动自行车有补贴吗？", CARS).reply
    assert reply.startswith("所引条款没有写到对电动自行车的补贴或支持，最相关的内容是：鼓励个人消费者报废")
    english = _answer("Is there a subsidy for e-bikes in Jincheng?", CARS).reply
    assert english.startswith("The cited clause states no support for e-bikes; the closest passage is: ")
