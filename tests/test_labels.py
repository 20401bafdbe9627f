"""The web app's interface words live in one table, with every entry in both languages."""

from __future__ import annotations

from assistant.web import labels


def test_every_interface_word_has_chinese_and_english() -> None:
    for table in (labels.TRANSLATIONS, labels.ANSWER_LABELS, labels.FILTER_CONFLICT, labels.FILTER_PARTLY):
        assert set(table) == {"zh", "en"}
    assert set(labels.TRANSLATIONS["zh"]) == set(labels.TRANSLATIONS["en"])
    assert set(labels.ANSWER_LABELS["zh"]) == set(labels.ANSWER_LABELS["en"])
    assert (
        labels.ANSWER_LABELS["zh"]["cited"] == "引用条款"
        and labels.ANSWER_LABELS["en"]["cited"] == "Cited clauses"
    )
    assert all(zh and en.isascii() for _, zh, en in labels.TARGET_COLUMNS)
    assert all(zh and en.isascii() for zh, en in labels.STARTUP_PHASES.values())
    assert " · " in labels.TARGET_LABELS["download"] and "/" in labels.EMPTY_MESSAGE
