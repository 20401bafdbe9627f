"""The kinds of answer a question asks for (chat/answer_kinds.py, data/answer_kinds.json)."""

from __future__ import annotations

from assistant.chat.answer_kinds import asked_kinds, held_kinds


def test_chinese_questions():
    assert "phone" in asked_kinds("以旧换新咨询电话是多少？")
    assert "way" in asked_kinds("企业如何申请贷款贴息？")
    assert "time" in asked_kinds("补贴申报截止到什么时候？")


def test_how_much_and_how_long_ask_no_way():
    """'How much', 'how many', 'how long' ask for a figure or a time, not for the way something is done."""
    assert "way" not in asked_kinds("How much February rent relief do small firms get?")
    assert "way" not in asked_kinds("How many charging piles will be built?")
    assert asked_kinds("How long is the subsidy valid?") == {"time"}
    assert "way" in asked_kinds("How can firms apply for the loan interest subsidy?")


def test_when_in_a_clause_asks_no_time():
    assert "time" in asked_kinds("When can firms fill in the questionnaire?")
    assert "time" not in asked_kinds("Who should online sellers contact when submitting materials?")


def test_what_a_sentence_holds():
    held = held_kinds("咨询电话：0571-86661234，请登录“浙里办”APP申报。")
    assert {"phone", "place"} <= held


def test_an_official_website_is_a_place_to_apply():
    assert "place" in held_kinds("企业可于2020年5月1日起通过北京市人力资源和社会保障局官网申请。")
    assert "place" in held_kinds("可登录江苏政务服务网办理。")


def test_how_a_sum_is_written_asks_a_way_not_a_figure():
    from assistant.chat.answer import intent_of

    assert intent_of("补贴金额是多少？").name == "figure"
    assert intent_of("给顾客开发票时金额怎么开？").name != "figure"
    assert "way" in asked_kinds("给顾客开发票时金额怎么开？")


def test_a_platform_company_is_who_is_asked_about_not_a_place_asked_for():
    assert "place" not in asked_kinds("清远的合作平台企业要交什么材料？")
    assert "place" not in asked_kinds("What must platform companies provide?")
    assert "place" in asked_kinds("以旧换新在哪个平台申请？")
    assert "place" in asked_kinds("Where should platform companies email their materials?")
