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


def test_a_named_period_asks_for_its_round_whatever_the_others_stand_as():
    from assistant.chat.candidates import candidates
    from assistant.chat.version_choice import asked_versions_only

    second = _hit("round2", 2000, 1, "ended")
    first = _hit("round1", 3000, 2, "ended", asked="round2")
    numbered = [(1, second), (2, first)]
    found, _ = candidates(numbered, ask_of("燃油车能补多少？"))
    # both rounds have ended: the month named picks the second, and the first's 3000元 is another round's
    kept = asked_versions_only(found, numbered, "无锡5月份买燃油车能补多少？")
    assert [c.hit.chunk.doc_id for c in kept] == ["round2"]
    # asked with no period, a version standing as the asked one does stays (a reprint)
    assert len(asked_versions_only(found, numbered, "无锡买燃油车能补多少？")) == 2


def test_a_clause_named_by_number_is_quoted_from_that_clause():
    def clause(section: str, text: str, n: int) -> tuple[int, Hit]:
        chunk = Chunk(f"plan#c{n:03d}", "plan", f"plan#c{n:03d}", section, text, text, city="无锡")
        return n, Hit(chunk, 1.0, n)

    named = clause(
        "三、保障措施 › （二）加强组织领导", "（二）加强组织领导。建立工作专班，定期调度工作进展。", 1
    )
    other = clause(
        "二、重点任务 › （三）推动家装消费品换新", "（三）推动家装消费品换新。对行动方案内容给予补贴。", 2
    )
    question = "无锡行动方案三（二）是什么内容？"
    quote = best_quote([other, named], ask_of(question), question)
    assert quote is not None and quote.number == 1 and "工作专班" in quote.text


def test_a_short_item_with_a_comma_or_a_figure_is_a_sentence_not_a_heading():
    from assistant.chat.reply_sentence import sentence_spans

    assert sentence_spans("（二）购买燃油乘用车，每辆补贴1500元。") == [(0, 21)]
    assert sentence_spans("（一）补贴3000元。") == [(0, 11)]
    assert sentence_spans("2.稳定信贷供给。") == []  # a headline: its "2." is an item number, not a figure


def test_a_grade_in_chinese_numerals_also_reads_in_digits():
    assert "1级" in ask_of("一级能效空调补多少？").extra
