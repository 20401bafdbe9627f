"""Golden values for reply-hit; each comment says how the expected value was derived."""

from __future__ import annotations

import pytest

from evaluation.questions import read_questions
from evaluation.replies import ReplyResult, reply_hit, reply_rate, reply_text, summarize_replies


def test_reply_text_drops_citation_marks_and_white_space():
    assert (
        reply_text("到 2027年新能源城市公交车辆占比达到 85%。[1]")
        == "到2027年新能源城市公交车辆占比达到85%。"
    )


def test_a_reply_hits_when_it_holds_the_evidence_white_space_ignored():
    reply = "到 2027年，完成燃气老旧管网更新改造约 1400公里[1]"
    assert reply_hit(reply, [["完成燃气老旧管网更新改造约1400公里"]])
    # the figure was cut: the evidence is not in the reply
    assert not reply_hit("持续开展城市燃气管道评估，到 2027年…[1]", [["完成燃气老旧管网更新改造约1400公里"]])


def test_every_group_must_be_in_the_reply_and_any_alternative_will_do():
    reply = "新改建供水管网 800公里[1]\n新改建排水管网 400公里[1]"
    assert reply_hit(reply, [["新改建供水管网800公里"], ["新改建排水管网400公里"]])
    assert not reply_hit(reply, [["新改建供水管网800公里"], ["场站及设施更新改造约604处"]])
    assert reply_hit("牵头部门：市商务局[1]", [["市商务局牵头负责", "牵头部门：市商务局"]])


def test_a_citation_mark_inside_a_quote_does_not_break_it():
    # "[2]" between the two halves is removed before matching: "…85%。新车…" is then contiguous.
    assert reply_hit("占比达到 85%。[2]新车销量", [["占比达到85%。新车销量"]])


def test_no_evidence_is_never_a_hit():
    assert not reply_hit("政策文件中没有找到这个问题的答案。", [])


def test_reply_evidence_overrides_evidence():
    line = (
        '{"id": "d-1", "question": "苏州汽车以旧换新由哪个部门牵头？", "evidence": [["市商务局牵头"]], '
        '"reply_evidence": [["牵头部门：市商务局"]]}\n'
        '{"id": "d-2", "question": "苏州新能源公交占比目标是多少？", "evidence": [["占比达到85%"]]}\n'
    )
    first, second = read_questions(line)
    assert first.reply_groups == (("牵头部门：市商务局",),)
    assert second.reply_groups == (("占比达到85%",),)


def test_summary_per_category_and_language():
    results = [
        ReplyResult("a", "q", "target", "zh", True, "r"),
        ReplyResult("b", "q", "target", "zh", False, "r"),
        ReplyResult("c", "q", "english", "en", True, "r"),
        ReplyResult("d", "q", "department", "zh", True, "r"),
    ]
    summary = summarize_replies(results)
    assert summary["overall"] == {"questions": 4, "reply_hit": 0.75}  # 3 of 4 hit
    assert summary["by_category"]["target"]["reply_hit"] == 0.5  # a hits, b does not
    assert summary["by_lang"]["zh"]["reply_hit"] == pytest.approx(2 / 3)  # a, d of a, b, d
    assert summary["misses"] == ["b"]
    assert reply_rate([]) is None
