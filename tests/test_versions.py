"""Version preference and clause numbers: pure functions over hand-made rankings (no model)."""

from __future__ import annotations

from datetime import date

import numpy as np

from assistant.documents.clause_ref import ClauseRef, lookup_clause, matches, parse_ref
from assistant.knowledge.standing import Timeline
from assistant.knowledge.versions import (
    AskedPeriod,
    asked_period,
    asks_when,
    prefer_versions,
    standing_notices,
)
from assistant.records import Document


def test_periods_named_in_questions():
    assert asked_period("无锡第一季度买车补多少？") == AskedPeriod(months=(1, 3))
    assert asked_period("下半年第二轮补贴标准") == AskedPeriod(months=(7, 12), round=2)
    assert asked_period("2024年的家电补贴标准") == AskedPeriod(year=2024)
    assert asked_period("What was the second round subsidy in Q2?") == AskedPeriod(months=(4, 6), round=2)
    assert asked_period("5月份买燃油车能补多少") == AskedPeriod(months=(5, 5))
    assert not asked_period("现在还能领吗？").named


def test_when_questions():
    assert asks_when("数码消费券现在还能领吗？") and asks_when("活动什么时候结束")
    assert not asks_when("已经领过第一轮的还能再领吗") and not asks_when("补贴标准是多少")


def _rounds():
    """Three rounds of one subsidy, each with the same two clauses (一、活动时间 / 二、补贴标准)."""
    docs = [
        Document(f"r{n}", f"甲市商务局关于开展2026年第{cn}轮汽车消费补贴活动的通知", text, city="甲市")
        for n, cn, text in (
            (1, "一", "一、活动时间\n活动时间：2026年1月15日至3月31日。\n二、补贴标准\n每辆补贴10000元。"),
            (2, "二", "一、活动时间\n活动时间：2026年4月10日至6月30日。\n二、补贴标准\n每辆补贴8000元。"),
            (3, "三", "一、活动时间\n活动时间：2026年7月10日至12月31日。\n二、补贴标准\n每辆补贴7000元。"),
        )
    ]
    chunk_docs = ["r1", "r1", "r2", "r2", "r3", "r3"]
    sections = ["一、活动时间", "二、补贴标准"] * 3
    return Timeline.of(docs), chunk_docs, sections


def test_the_round_in_force_is_cited_before_the_same_clause_of_an_ended_round():
    timeline, chunk_docs, sections = _rounds()
    # similarity put round 1's 补贴标准 (chunk 1) first; on 2026-11-29 only round 3 is in force
    order = prefer_versions(
        [1, 3, 5, 0], chunk_docs, sections, "补贴标准是多少", timeline, date(2026, 11, 29)
    )
    assert order.tolist()[:2] == [5, 1]


def test_a_named_period_beats_the_round_in_force():
    timeline, chunk_docs, sections = _rounds()
    day = date(2026, 11, 29)
    assert prefer_versions([5, 3, 1], chunk_docs, sections, "第一季度补多少", timeline, day).tolist()[0] == 1
    assert prefer_versions([5, 3, 1], chunk_docs, sections, "第二轮补多少", timeline, day).tolist()[0] == 3


def test_when_all_rounds_ended_the_latest_comes_first():
    timeline, chunk_docs, sections = _rounds()
    order = prefer_versions([1, 3, 5], chunk_docs, sections, "补贴标准", timeline, date(2027, 6, 1))
    assert order.tolist()[0] == 5


def test_notice_says_when_a_cited_policy_ended():
    timeline, _, _ = _rounds()
    on_day = timeline.on("2026-11-29")
    titles = {d.doc_id: d.title for d in timeline.documents}
    (notice,) = standing_notices(["r1"], titles, on_day)
    assert "已于2026-03-31结束" in notice and "ended on 2026-03-31" in notice
    assert standing_notices(["r3"], titles, on_day) == ()


def test_clause_numbers_in_chinese_and_english():
    assert parse_ref("苏州方案第18条讲什么") == ClauseRef((("item", 18),))
    assert parse_ref("What does item 18 of the Suzhou plan say?") == ClauseRef((("item", 18),))
    assert parse_ref("晋城方案二（五）") == ClauseRef((("cn", 2), ("paren", 5)))
    assert parse_ref("细则第十八条") == ClauseRef((("item", 18),))
    assert parse_ref("到2027年增长30%") is None
    assert matches(parse_ref("第18条"), "三、大力推进消费品以旧换新行动 › 18．开展汽车以旧换新")
    assert matches(parse_ref("二（五）"), "二、工作任务 › （五）推动文旅设备更新 › 1.加快")
    assert not matches(parse_ref("二（五）"), "三、保障措施 › （五）加强宣传")


def test_lookup_puts_the_numbered_clause_first_in_the_top_document():
    sections = [
        "一、总体要求",
        "三、行动 › 18．开展汽车以旧换新",
        "二、任务 › 18．其他",
        "三、行动 › 19．家电",
    ]
    chunk_docs = ["a", "a", "b", "a"]
    order, found = lookup_clause("第18条讲什么", [3, 0, 2], sections, chunk_docs, np.ones(4, dtype=bool))
    assert found and order.tolist() == [1, 3, 0, 2]  # document a ranks first, so its item 18
    _, found = lookup_clause("汽车以旧换新补贴", [3, 0, 2], sections, chunk_docs, np.ones(4, dtype=bool))
    assert not found


def test_a_document_about_the_asked_year_is_not_outdated_by_its_registration_window():
    """A 2026 campaign's call for businesses closes its registration in December 2025: for a question naming
    2026 it is still the document about 2026, unlike a 2025 campaign's notice."""
    from assistant.knowledge.versions import demote_outdated

    docs = [
        Document("old", "乙区关于开展2025年以旧换新活动的通知", "活动时间：2025年1月1日至2025年12月31日。"),
        Document(
            "call",
            "关于公开征集参与2026年乙区消费品以旧换新补贴活动经营主体的公告",
            "一、报名时间\n自2025年12月29日至2025年12月31日17：00",
        ),
    ]
    titles = {doc.doc_id: doc.title for doc in docs}
    question = "乙区2026年以旧换新报名时间是哪几天？"
    order = demote_outdated([1, 0], ["old", "call"], Timeline.of(docs), question, titles)
    assert order.tolist() == [1, 0]  # the call stays first
    order = demote_outdated([0, 1], ["old", "call"], Timeline.of(docs), question, titles)
    assert order.tolist() == [1, 0]  # the 2025 campaign goes after it
