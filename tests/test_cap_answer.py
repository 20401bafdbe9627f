"""The most one can get: the sentence that caps a sum, not a capped rate or a per-unit amount."""

from __future__ import annotations

from assistant.chat.answer import compose
from assistant.chat.cap_answer import cap_line
from assistant.records import Hit, Retrieval
from tests.fakes import text_hit

# Wording as 2020 provincial notices write interest subsidies and grants (a fixture: it tests the rule, tunes none)
INTEREST = (
    "对稳产保供主体，在规定贴息期内新发生的贷款给予不超过2%的贴息支持，单个主体贴息总额原则上不超过50万元。"
)
RECRUIT = "疫情解除后当月企业参加社会保险人数较上年同期每新增1人，按每人500元标准补助企业，每家企业补助总额最高不超过30万元。"
RATE = "对单户担保金额500万元及以下的小微企业收取的担保费率降至1%以内。"
FUND = "四类企业通过认定后，将分别享受最高不超过100万元的资金支持。"
OTHER = "对疫情防控重点企业新增贷款，按商业银行实际贷款利率的10%给予贴息。"


def hit(text: str, doc: str = "a") -> Hit:
    return text_hit(text, doc, "一")


def numbered(*hits: Hit) -> list[tuple[int, Hit]]:
    return list(enumerate(hits, 1))


def test_the_sum_cap_not_the_capped_rate() -> None:
    line = cap_line(numbered(hit(INTEREST)), "农产品保供主体贷款贴息一家最多贴多少？")
    assert line == INTEREST + "[1]"
    assert cap_line(numbered(hit(RECRUIT)), "招工补助一家企业最多能拿多少？").endswith(
        "最高不超过30万元。[1]"
    )


def test_a_later_passage_of_the_first_hits_notice_answers() -> None:
    line = cap_line(numbered(hit(OTHER), hit(FUND)), "四类企业的扶持资金最高能拿多少？")
    assert line == FUND + "[2]"
    # another notice's cap never answers for the first hit's
    assert cap_line(numbered(hit(OTHER), hit(FUND, "b")), "四类企业的扶持资金最高能拿多少？") is None


def test_questions_not_asking_a_sum_are_left_to_the_usual_reply() -> None:
    assert cap_line(numbered(hit(INTEREST)), "贷款贴息补多少？") is None  # no 最多
    assert cap_line(numbered(hit(INTEREST)), "贴息比例最高多少？") is None  # a share is asked
    assert cap_line(numbered(hit(RATE)), "担保费最多收多少？") is None  # no sum is capped


def test_the_chat_reply_quotes_the_cap() -> None:
    retrieval = Retrieval(question="", hits=(hit(INTEREST),), answerable=True)
    assert compose(retrieval, "保供主体的贷款贴息，一家最多贴多少？").reply.endswith("不超过50万元。[1]")
