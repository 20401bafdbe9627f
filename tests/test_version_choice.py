"""A reply quotes the version of a series the question is about (chat/version_choice.py)."""

from __future__ import annotations

from dataclasses import replace

from assistant.chat.reply_sentence import ask_of
from assistant.chat.selector import best_quote
from assistant.records import Chunk, Hit

SECTION = "一、补贴标准 › （二）购买燃油乘用车，每辆补贴{n}元"


def _hit(doc: str, amount: int, rank: int, status: str, asked: str = "") -> Hit:
    text = f"（二）购买燃油乘用车，每辆补贴{amount}元。"
    chunk = Chunk(f"{doc}#c003", doc, f"{doc}#c003", SECTION.format(n=amount), text, text, city="无锡")
    return Hit(chunk, 1.0, rank, status=status, asked_version=asked)


def test_another_rounds_clause_is_no_quote_when_the_asked_rounds_is_cited():
    third = _hit("round3", 1500, 1, "in force")
    first = _hit("round1", 3000, 2, "ended", asked="round3")
    question = "无锡现在买燃油车每辆补多少？"
    # the ended round scores higher on its own (it is listed first here): it must still not be quoted
    quote = best_quote([(2, first), (1, third)], ask_of(question), question)
    assert quote is not None and quote.number == 1 and "1500元" in quote.text


def test_a_clause_only_the_older_version_has_stays():
    first = _hit("round1", 3000, 2, "ended", asked="round3")
    question = "无锡燃油车每辆补多少？"
    quote = best_quote([(2, first)], ask_of(question), question)
    assert quote is not None and "3000元" in quote.text


def test_a_reprint_standing_as_the_asked_one_does_stays():
    other = replace(_hit("copy", 3000, 2, "in force", asked="round3"))
    third = _hit("round3", 1500, 1, "in force")
    question = "燃油车每辆补多少？"
    found = best_quote([(2, other), (1, third)], ask_of(question), question)
    assert found is not None  # both stand in force: neither is another round's figure


def test_a_short_item_with_a_comma_or_a_figure_is_a_sentence_not_a_heading():
    from assistant.chat.reply_sentence import sentence_spans

    assert sentence_spans("（二）购买燃油乘用车，每辆补贴1500元。") == [(0, 21)]
    assert sentence_spans("（一）补贴3000元。") == [(0, 11)]
    assert sentence_spans("2.稳定信贷供给。") == []  # a headline: its "2." is an item number, not a figure


def test_a_grade_in_chinese_numerals_also_reads_in_digits():
    assert "1级" in ask_of("一级能效空调补多少？").extra
