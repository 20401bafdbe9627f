"""A clause that leaves out the asked place is no quote for it (chat/place_excluded.py)."""

from __future__ import annotations

from assistant.chat.place_excluded import excluded_names, leaves_out
from assistant.chat.reply_sentence import ask_of
from assistant.chat.selector import best_quote
from assistant.documents.places import find_places
from assistant.records import Chunk, Hit

NATIONAL = (
    "一、各省、自治区、直辖市（除湖北省外）可免征中小微企业三项社会保险单位缴费部分，免征期限不超过5个月。"
)
HUBEI = "二、湖北省可免征各类参保单位（不含机关事业单位）三项社会保险单位缴费部分，免征期限不超过5个月。"


def test_the_exclusion_forms_of_chinese():
    assert excluded_names("各省（除湖北省外）") == ["湖北省"]
    assert "机关事业单位" in excluded_names("各类参保单位（不含机关事业单位）")
    assert any("北京市" in span for span in excluded_names("北京市除外的其他地区"))


def test_a_place_is_left_out_with_its_province():
    assert leaves_out(NATIONAL, find_places("我们是湖北的一家大企业，能免吗？"))
    assert leaves_out(NATIONAL, find_places("武汉的企业社保能免吗？"))  # 武汉 is in 湖北
    assert not leaves_out(NATIONAL, find_places("江苏的企业社保能免吗？"))
    assert not leaves_out(HUBEI, find_places("湖北的企业社保能免吗？"))  # 机关事业单位 left out, not 湖北


def test_the_reply_does_not_quote_a_clause_leaving_out_the_asked_place():
    question = "湖北的大企业，三项社会保险单位缴费能免吗？"
    numbered = [(1, Hit(Chunk("c1#0", "d", "c1", "通知", NATIONAL + HUBEI, NATIONAL + HUBEI), 1.0, 1))]
    quote = best_quote(numbered, ask_of(question), question)
    assert quote is not None and quote.text.startswith("二、湖北省可免征")
    other = "江苏的中小微企业，三项社会保险单位缴费能免吗？"
    assert best_quote(numbered, ask_of(other), other) is not None  # the national clause stays for others


def test_an_exclusion_reaches_over_the_semicolons_of_its_statement():
    """The part after '；' continues the statement that left 湖北 out: its 3个月 is no 湖北 figure."""
    from assistant.chat.candidates import candidates
    from assistant.chat.place_excluded import applicable

    national = (
        "一、各省、自治区、直辖市（除湖北省外）可免征中小微企业三项社会保险单位缴费部分，免征期限不超过5个月；"
        "对大型企业等其他参保单位三项社会保险单位缴费部分可减半征收，减征期限不超过3个月。"
    )
    text = national + HUBEI
    question = "For how long can Hubei employers be exempt?"
    found, _ = candidates([(1, Hit(Chunk("c1#0", "d", "c1", "通知", text, text), 1.0, 1))], ask_of(question))
    kept = [c.sentence for c in applicable(found, question)]
    assert kept == [HUBEI]
    kept_for_jiangsu = [c.sentence for c in applicable(found, "江苏的大型企业能减半吗？")]
    assert any(s.startswith("对大型企业") for s in kept_for_jiangsu)


def test_a_part_naming_the_place_itself_is_kept_though_the_statement_left_it_out():
    from assistant.chat.candidates import candidates
    from assistant.chat.place_excluded import applicable

    text = "各省（除湖北省外）可免征中小微企业缴费部分；湖北省可免征各类参保单位缴费部分。"
    question = "湖北的企业社保能免吗？"
    found, _ = candidates([(1, Hit(Chunk("c1#0", "d", "c1", "通知", text, text), 1.0, 1))], ask_of(question))
    assert [c.sentence for c in applicable(found, question)] == ["湖北省可免征各类参保单位缴费部分。"]
