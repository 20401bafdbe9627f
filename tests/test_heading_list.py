"""Everything a heading lists: the items of the heading a question asks for, each cited."""

from __future__ import annotations

from assistant.chat.heading_list import asks_list, heading_list_line
from assistant.records import Chunk, Hit

HEADING = "三、报名材料"
ITEMS = (
    "（一）申请表（附件1）（需加盖公章）。",
    "（二）承诺书（附件2）（需加盖公章）。",
    "（三）营业执照复印件（需加盖公章）。",
)


def _hit(order: int, section: str, text: str, rank: int, doc: str = "d") -> Hit:
    clause = f"{doc}#c{order:03d}"
    return Hit(Chunk(clause, doc, clause, section, text, text, city="湖州"), 1.0 / rank, rank)


def _items(ranks: tuple[int, ...]) -> list[tuple[int, Hit]]:
    hits = [_hit(8 + n, f"{HEADING} › {ITEMS[n][:6]}", ITEMS[n], rank) for n, rank in enumerate(ranks)]
    return sorted(((h.rank, h) for h in hits), key=lambda pair: pair[0])


def test_a_question_asking_for_the_materials_gets_every_item_in_the_documents_order():
    line = heading_list_line(_items((2, 1, 3)), "德清县报名要交哪些材料？")
    assert line == (
        "三、报名材料：\n（一）申请表（附件1）（需加盖公章）[2]\n（二）承诺书（附件2）（需加盖公章）[1]\n"
        "（三）营业执照复印件（需加盖公章）[3]"
    )


def test_a_gap_in_the_items_numbers_says_the_heading_lists_more():
    hits = [(n, hit) for n, hit in _items((1, 2, 3)) if n != 2]  # （二） is not among the cards
    line = heading_list_line(hits, "报名需要提供哪些材料？", "（原文另有条目）")
    assert line is not None and "（二）" not in line and line.endswith("（原文另有条目）")


def test_a_heading_the_question_does_not_name_is_no_answer():
    assert heading_list_line(_items((1, 2, 3)), "补贴资金什么时候发放？") is None  # asks no list
    assert heading_list_line(_items((1, 2, 3)), "有哪些企业可以参加？") is None  # 报名材料 is not asked


def test_an_item_with_a_body_after_its_headline_is_not_cut_to_its_headline():
    body = "（四）对重点保障企业贷款给予财政贴息支持。中央财政按再贷款利率的50%给予贴息。"
    hits = [*_items((1, 2)), (3, _hit(11, f"{HEADING} › （四）", body, 3))]
    assert heading_list_line(hits, "报名要交哪些材料？") is None


def test_list_asks_are_read_in_chinese_and_english():
    assert asks_list("河南品牌厂家征集要什么条件？") and asks_list("What documents does a company need?")
    assert not asks_list("补贴标准是多少？")
