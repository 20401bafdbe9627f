"""jionlp behind documents/jio.py: read what it can, None for what it cannot, and no traceback in the log."""

from __future__ import annotations

import logging

from assistant.documents.jio import parse_time, phone_numbers


def test_a_span_with_hours_is_read():
    found = parse_time("2025年3月1日0时至2025年3月31日24时")
    assert found["time"][0].startswith("2025-03-01")


def test_an_unreadable_phrase_gives_none_and_logs_nothing(caplog):
    with caplog.at_level(logging.DEBUG):
        assert parse_time("早晚") is None
        assert parse_time("3次（份）") is None
    assert caplog.records == []
    logging.getLogger("after").error("日志照常")  # logging is back once jionlp is done
    assert [r.getMessage() for r in caplog.records] == ["日志照常"]


def test_phone_numbers_as_written():
    assert sorted(phone_numbers("咨询电话：0571-86661234，手机13812345678。")) == [
        "0571-86661234",
        "13812345678",
    ]
