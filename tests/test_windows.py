"""Windows of time as real notices write them (assistant.documents.windows, dates read by jionlp)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.config import PROJECT_ROOT
from assistant.documents.periods import extract_time
from assistant.documents.windows import holds, main_window, window_text, windows_in
from evaluation.windows_check import check, window_sentence


def test_a_label_heading_with_the_range_in_hours_on_the_next_line():
    (window,) = windows_in("一、活动时间\n2025年3月1日0时至2025年3月31日24时\n二、补贴标准\n每台补贴500元。")
    assert (window.kind, window.label) == ("activity", "活动时间")
    assert (window.start, window.start_time, window.end, window.end_time) == (
        "2025-03-01",
        "00:00",
        "2025-03-31",
        "24:00",
    )


def test_purchase_and_application_windows_and_an_end_condition():
    text = "购车时间为2025年5月1日至5月31日；资料申报时间：2025年6月1日至6月15日。额度用完即止。"
    purchase, application = windows_in(text)
    assert (purchase.kind, purchase.start, purchase.end) == ("purchase", "2025-05-01", "2025-05-31")
    assert (application.kind, application.label) == ("application", "资料申报时间")
    assert (application.start, application.end, application.until_used) == (
        "2025-06-01",
        "2025-06-15",
        "额度用完即止",
    )
    assert main_window((application, purchase)) == purchase


def test_from_the_day_of_publication_to_a_minute():
    (window,) = windows_in("第一批次报名时间：自本公告发布之日起至2025年12月28日17:00止", issued="2025-12-25")
    assert (window.start, window.end, window.end_time, window.from_issue) == (
        "2025-12-25",
        "2025-12-28",
        "17:00",
        True,
    )
    assert window_text(window) == "报名时间 2025-12-25 至 2025-12-28 17:00"
    assert holds(window, date(2025, 12, 28)) and not holds(window, date(2025, 12, 29))


def test_a_year_carried_over_and_a_subsidy_period():
    (window,) = windows_in("补贴时间为2020年2月1日之日起至2020年6月30日止。")
    assert (window.kind, window.start, window.end) == ("validity", "2020-02-01", "2020-06-30")
    facts = extract_time("活动时间：2026年1月15日至3月31日（以发票开具时间为准），补贴资金用完即止。")
    assert (facts.start, facts.end) == ("2026-01-15", "2026-03-31")
    assert facts.windows[0].until_used == "资金用完即止"


@pytest.mark.parametrize(
    "text",
    [
        "据统计，从1月23日至2月3日，全省市场监管部门共出动价格执法人员22000余人次。",  # a report, no frame
        "咨询时间：周一至周五9:30-17:00。",  # hours of the day, no dates
        "请于2024年6月30日前报送。",  # a task deadline with no label
    ],
)
def test_what_is_no_window(text):
    assert windows_in(text, issued="2020-02-05") == ()


def test_a_validity_end_keeps_the_start_the_text_states():
    facts = extract_time("四、本措施自2025年3月1日起施行，有效期至2026年2月28日。", issued="2025-02-14")
    assert (facts.start, facts.end) == ("2025-03-01", "2026-02-28")


def test_the_check_finds_framed_windows_and_reads_them():
    assert window_sentence("三、活动报名时间：2025年12月25日至2025年12月31日（周末均可报名）")[0] == "framed"
    assert window_sentence("从1月25日到2月14日，全国共发送旅客2.83亿人次")[0] == "bare"
    assert window_sentence("本市经济平稳运行。") is None


def test_every_time_corpus_announcement_that_states_a_window_has_start_and_end():
    from assistant.documents.corpus import load_corpus

    findings = check(load_corpus(PROJECT_ROOT / "evaluation" / "data" / "time_corpus"))
    assert len(findings) >= 5 and all(f.read for f in findings)


RULES_DEV = PROJECT_ROOT.parent / "shared" / "data" / "rules-dev" / "corpus"


@pytest.mark.skipif(not RULES_DEV.is_dir(), reason="rules-dev is not on this machine")
def test_every_rules_dev_notice_with_a_framed_window_has_start_and_end():
    from assistant.documents.corpus import load_corpus

    framed = [f for f in check(load_corpus(RULES_DEV)) if f.kind == "framed"]
    assert len(framed) >= 6 and all(f.read for f in framed)


def test_a_news_page_without_a_year_dates_its_window_by_its_page_address():
    """A reprinted news item writes "2月9日…至2月29日" and no year; the government page address it quotes
    (.../202002/t20200210_30856.html) carries its publication day. Without either, the window keeps its
    month and day only, and no day ever falls within it."""
    sentence = (
        "明确从2月9日00:00起至2月29日24:00，重庆市范围内的纳税人通过网上申请办理发票寄递业务，免收邮寄费用。"
    )
    address = "原文链接：http://chongqing.chinatax.gov.cn/cqtax/zcwj/zczy/202002/t20200210_30856.html"
    (window,) = windows_in(f"{sentence}{address}")
    assert (window.start, window.end, window.end_time) == ("2020-02-09", "2020-02-29", "24:00")
    (undated,) = windows_in(sentence)
    assert (undated.start, undated.end, undated.end_time, undated.year_written) == (
        "02-09",
        "02-29",
        "24:00",
        False,
    )
    assert not holds(undated, date(2020, 2, 15))
    assert window_text(undated) == "期间 2月9日 00:00 至 2月29日 24:00（未写明年份）"
    assert window_text(undated, "en") == "Period Feb 9 00:00 – Feb 29 24:00 (year not stated)"


def test_a_year_less_window_is_shown_on_the_card_but_is_never_the_documents_period():
    from assistant.knowledge.versions import document_window

    text = "姚朝智介绍，2月9日0时起至2月29日24时，全市纳税人发票寄递业务将免收邮寄费。"
    facts = extract_time(text, "重庆：20万纳税人受益发票免费寄递")
    assert (facts.start, facts.end) == ("", "")  # no status is judged on a day whose year is unknown
    assert document_window(facts) == "期间 2月9日 00:00 至 2月29日 24:00（未写明年份）"
