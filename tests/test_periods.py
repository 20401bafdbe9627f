"""Periods read from the way official documents state them (assistant.documents.periods)."""

from __future__ import annotations

from assistant.documents.periods import (
    TimeFacts,
    cn_number,
    dates_in,
    extract_time,
    horizon_of,
    repealed_names,
    round_of,
)


def test_activity_time_range_takes_the_year_of_its_first_date():
    facts = extract_time(
        "一、活动时间\n活动时间：2026年1月15日至3月31日（以发票开具时间为准），补贴资金用完即止。"
    )
    assert (facts.start, facts.end) == ("2026-01-15", "2026-03-31")


def test_from_to_with_qi_and_zhi():
    facts = extract_time("本次活动自2025年9月1日起至2025年12月31日止。")
    assert (facts.start, facts.end) == ("2025-09-01", "2025-12-31")


def test_start_date_and_valid_until():
    facts = extract_time("四、本措施自2025年3月1日起施行，有效期至2026年2月28日。")
    assert (facts.start, facts.end) == ("2025-03-01", "2026-02-28")


def test_valid_for_years_counts_from_the_start():
    facts = extract_time("第五条 本办法自2026年12月1日起施行，有效期3年。")
    assert (facts.start, facts.end) == ("2026-12-01", "2029-11-30")


def test_from_issue_takes_the_issue_date():
    facts = extract_time("第七条 本细则由市商务局负责解释，自印发之日起施行。", issued="2024-08-16")
    assert facts.start == "2024-08-16" and facts.end == ""


def test_repealed_rule_named_by_title_and_number():
    sentence = "原《无锡市家电以旧换新补贴实施细则》（锡商发〔2024〕31号）同时废止"
    assert repealed_names(sentence) == ("无锡市家电以旧换新补贴实施细则", "锡商发〔2024〕31号")
    assert repealed_names("按照《无锡市家电以旧换新补贴实施细则》执行") == ()
    facts = extract_time("自2026年1月1日起施行。" + sentence + "。")
    assert facts.start == "2026-01-01" and "锡商发〔2024〕31号" in facts.supersedes


def test_rounds_and_plan_horizons_come_from_the_title():
    assert round_of("关于开展2026年第三轮汽车消费补贴活动的通知") == 3
    assert round_of("关于开展汽车消费补贴活动的通知") is None
    assert horizon_of("无锡市推动消费品以旧换新行动方案（2024—2027年）") == (2024, 2027)
    facts = extract_time("一、工作目标\n到2027年……", title="行动方案（2024-2027年）")
    assert facts.end == "2027-12-31"


def test_target_years_and_deadlines_in_the_body_are_no_period():
    facts = extract_time("到2027年，设备投资规模较2023年增长25%以上。请于2024年6月30日前报送。")
    assert facts == TimeFacts()


def test_numbers_and_dates():
    assert [cn_number(t) for t in ("18", "十八", "二十", "三", "十")] == [18, 18, 20, 3, 10]
    assert [d for d, _, _ in dates_in("2026 年 1 月 5 日至2月3日，2025-12-01")] == [
        "2026-01-05",
        "2026-02-03",
        "2025-12-01",
    ]


def test_facts_survive_json():
    facts = extract_time("活动时间：2026年7月10日至12月31日。", title="第三轮（2026—2027年）")
    assert TimeFacts.from_json(facts.to_json()) == facts
