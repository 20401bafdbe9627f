"""👍/👎 votes are appended to a JSONL log: question, answer, citations, vote, time."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from assistant.chat.answer import compose
from assistant.chat.feedback import append_feedback, feedback_record, read_feedback
from tests.web_fakes import FakeRetriever

WHEN = datetime(2024, 5, 22, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def answer():
    retriever = FakeRetriever.build()
    query = "苏州新能源公交占比目标，哪个部门负责？"
    return compose(retriever.search(query, k=2), query)


def test_a_record_holds_question_answer_citations_vote_and_time(answer):
    record = feedback_record(answer, "up", question="哪个部门负责？", when=WHEN)
    assert record["time"] == "2024-05-22T09:30:00+00:00"
    assert record["vote"] == "up"
    assert record["question"] == "哪个部门负责？"
    assert record["query"] == "苏州新能源公交占比目标，哪个部门负责？"
    assert record["answer"] == answer.reply and record["answerable"] is True
    assert [c["n"] for c in record["citations"]] == [1, 2]
    first = record["citations"][0]
    assert (first["clause_id"], first["city"]) == ("sz-11", "苏州")
    assert first["text"].startswith("加快城市公交车电动化替代")


def test_votes_are_appended_one_json_line_each(tmp_path, answer):
    path = tmp_path / "feedback" / "votes.jsonl"  # the directory does not exist yet
    append_feedback(path, feedback_record(answer, "up", when=WHEN))
    append_feedback(path, feedback_record(answer, "down", when=WHEN))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["vote"] for line in lines] == ["up", "down"]
    assert "苏州" in lines[0]  # Chinese is written as is, not as \\u escapes
    assert [r["vote"] for r in read_feedback(path)] == ["up", "down"]


def test_an_absent_log_reads_as_empty(tmp_path):
    assert read_feedback(tmp_path / "none.jsonl") == []


def test_only_up_and_down_are_votes(answer):
    with pytest.raises(ValueError, match="up.*down"):
        feedback_record(answer, "maybe")


def test_a_changed_vote_replaces_the_earlier_one(answer, tmp_path):
    from assistant.chat.feedback import record_vote

    log = tmp_path / "feedback.jsonl"
    record_vote(log, feedback_record(answer, "up", question="苏州公交？", key="s1:1"))
    record_vote(log, feedback_record(answer, "up", question="晋城呢？", key="s1:3"))
    record_vote(log, feedback_record(answer, "down", question="苏州公交？", key="s1:1"))
    records = read_feedback(log)
    assert [(r["key"], r["vote"]) for r in records] == [("s1:3", "up"), ("s1:1", "down")]


def test_a_comment_is_attached_to_its_vote(answer, tmp_path):
    from assistant.chat.feedback import add_comment, record_vote

    log = tmp_path / "feedback.jsonl"
    record_vote(log, feedback_record(answer, "down", key="s2:1"))
    assert add_comment(log, "s2:1", "  引用的条款不对，应该是第11条。 ")
    assert not add_comment(log, "s2:9", "没有这条投票")
    (record,) = read_feedback(log)
    assert (record["vote"], record["comment"]) == ("down", "引用的条款不对，应该是第11条。")
