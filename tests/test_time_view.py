"""Dates and statuses as the interface shows them."""

from __future__ import annotations

from assistant.knowledge.standing import Standing
from assistant.records import Answer, Chunk, Hit
from assistant.web.render import answer_html
from assistant.web.time_view import as_of_or_none, date_status_html, document_label


def test_a_citation_card_shows_the_issue_date_and_status():
    chunk = Chunk(
        "c#0",
        "d",
        "c",
        "三、补贴标准",
        "每辆补贴10000元。",
        "每辆补贴10000元。",
        title="第一轮汽车消费补贴",
        city="无锡",
    )
    hit = Hit(chunk, 0.9, 1, issued="2026-01-10", status="ended")
    html = answer_html(Answer("补多少", True, "每辆补贴10000元。[1]", (hit,)))
    assert "2026-01-10" in html and "已结束 Ended" in html


def test_unknown_dates_and_statuses_show_nothing():
    assert date_status_html("", None) == ""
    assert "现行有效 In force" in date_status_html("2024", "in force")


def test_document_labels_and_as_of_values():
    standing = Standing("d", "2024-08-16", "superseded")
    assert document_label("无锡 · 家电细则", standing) == "无锡 · 家电细则 · 2024-08-16 · 已被替代"
    assert document_label("无锡 · 家电细则", None) == "无锡 · 家电细则"
    assert as_of_or_none(" 2026-02-15 ") == "2026-02-15" and as_of_or_none("") is None


def test_cards_and_the_documents_list_show_the_window():
    chunk = Chunk(
        "c#0", "d", "c", "一、活动时间", "活动时间：2026年1月15日至3月31日。", "", title="第一轮", city="无锡"
    )
    hit = Hit(chunk, 0.9, 1, issued="2026-01-10", status="ended", window="活动时间 2026-01-15 至 2026-03-31")
    html = answer_html(Answer("什么时候", True, "活动时间：2026年1月15日至3月31日[1]", (hit,)))
    assert "活动时间 2026-01-15 至 2026-03-31" in html
    standing = Standing("d", "2026-01-10", "ended", "2026-01-15", "2026-03-31")
    assert (
        document_label("无锡 · 第一轮", standing)
        == "无锡 · 第一轮 · 2026-01-10 · 2026-01-15至2026-03-31 · 已结束"
    )


def test_a_year_less_window_shows_in_the_documents_list():
    standing = Standing("d", "", None)  # no dated period: the text writes no year
    window = "期间 2月9日 00:00 至 2月29日 24:00（未写明年份）"
    assert document_label("重庆 · 发票免费寄递", standing, window) == f"重庆 · 发票免费寄递 · {window}"
    dated = Standing("d", "2026-01-10", "ended", "2026-01-15", "2026-03-31")
    assert "2026-01-15至2026-03-31" in document_label(
        "无锡 · 第一轮", dated, window
    )  # the dated period first
