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
